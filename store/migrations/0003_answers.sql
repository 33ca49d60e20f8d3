-- 0003_answers: metrics computed from respondents' answers (NPS, CSAT
-- top-box, CES, FCR, net sentiment; docs/DESIGN.md, Respondent-level data).
-- Each answer stays one observation with its source row; metric_values
-- keeps, beside sum and count, what pools by addition across units and
-- periods and what a margin of error needs: the sum of squares, and how
-- many answers were top (promoters, top boxes, yes, positive) or bottom
-- (detractors, negative) by the metric's cut-offs.

-- aggregation: mean (a metric's values; the default), nps, topbox, share
-- or net (model.Aggregation). answers is 1 when each observation is one
-- answer (n and a margin of error apply, also to a mean such as CES).
-- top_from / bottom_to: an answer at or above / at or below is top /
-- bottom; NULL when the aggregation has no such side.
ALTER TABLE metrics ADD COLUMN aggregation TEXT NOT NULL DEFAULT 'mean';
ALTER TABLE metrics ADD COLUMN answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics ADD COLUMN top_from REAL;
ALTER TABLE metrics ADD COLUMN bottom_to REAL;

-- The definition before a batch put it (NULL when the batch created it).
ALTER TABLE metric_history ADD COLUMN aggregation TEXT;
ALTER TABLE metric_history ADD COLUMN answers INTEGER;
ALTER TABLE metric_history ADD COLUMN top_from REAL;
ALTER TABLE metric_history ADD COLUMN bottom_to REAL;

-- Existing values are means of values: no answers, so no top or bottom.
ALTER TABLE metric_values ADD COLUMN sumsq REAL NOT NULL DEFAULT 0;
ALTER TABLE metric_values ADD COLUMN top INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metric_values ADD COLUMN bottom INTEGER NOT NULL DEFAULT 0;
