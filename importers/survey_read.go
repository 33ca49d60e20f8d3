package importers

// This file reads the rows of a survey sheet (survey.go): each answer of a
// KPI question is one observation, tallied for the preview exactly as the
// store tallies it.

import (
	"fmt"
	"time"

	"cxdash/model"
)

// maxSurveyUnits bounds the distinct units counted for the preview.
const maxSurveyUnits = 10000

// surveyProc reads a survey sheet's rows.
type surveyProc struct {
	*sheetProc
	plan  *surveyPlan
	vals  []float64
	sts   []model.AnswerStatus
	units map[string]bool
	tally []model.Tally
}

// readSurvey reads a survey sheet: the metrics first, checked against the
// catalogue, then every row.
func (r *run) readSurvey(s *sheetScan) error {
	plan := s.lay.survey
	sp := &surveyProc{sheetProc: newSheetProc(r, s), plan: plan, units: map[string]bool{}}
	sp.vals = make([]float64, len(plan.kpis))
	sp.sts = make([]model.AnswerStatus, len(plan.kpis))
	sp.tally = make([]model.Tally, len(plan.kpis))
	for _, k := range plan.kpis {
		k.e = r.surveyMetric(s, k)
	}
	err := r.eachRow(s, func(row Row) error {
		sp.sr.Rows++
		return sp.row(row)
	})
	plan.sum.Units = len(sp.units)
	if plan.sum.First.IsZero() {
		plan.sum.Period = r.opts.Period
	}
	plan.sum.KPIs = plan.sum.KPIs[:0]
	for i, k := range plan.kpis {
		plan.sum.KPIs = append(plan.sum.KPIs, SurveyKPI{Metric: k.m.Name, Column: columnLetters(k.col),
			Header: plan.layout.Columns[k.col].Header(), Scale: k.scale.String(), Aggregation: k.m.Aggregation,
			Tally: sp.tally[i]})
	}
	r.res.Values += s.sr.Values
	r.res.Skipped += s.sr.Skipped
	return err
}

// surveyMetric finds the metric of an answer column: the catalogue's when
// it is defined the same way, a new one when there is none. A catalogue
// metric of the same name computed another way is kept as it is, and the
// column is a problem: its answers are never stored under a definition
// that would turn them into another number.
func (r *run) surveyMetric(s *sheetScan, k *surveyKPI) *metricEntry {
	e := r.lookupMetric(k.m.Name)
	if e == nil {
		e = &metricEntry{m: k.m, origin: fromData, levelProblem: -1}
		r.metrics[model.MetricKey(k.m.Name)] = e
		r.byText[k.m.Name] = e
		r.res.NewMetrics = append(r.res.NewMetrics, k.m.Name)
		return e
	}
	if sameAnswerDefinition(e.m, k.m) {
		return e
	}
	r.sheetProblem(s, "", fmt.Sprintf("metric %s is already in the catalogue as %s, but column %s holds answers on %s "+
		"that make %s: the catalogue's definition is kept and nothing is imported; rename the catalogue's metric "+
		"(e.g. to %q) and import again, or leave the column out with --map %s=ignore",
		quoteCell(e.m.Name), definitionText(e.m), columnLetters(k.col), k.scale, definitionText(k.m),
		e.m.Name+" (reported)", columnLetters(k.col)))
	return nil
}

// sameAnswerDefinition reports whether two metrics turn answers into the
// same number: both from answers, the same aggregation and cut-offs.
func sameAnswerDefinition(a, b model.Metric) bool {
	agg := func(m model.Metric) model.Aggregation {
		if m.Aggregation == "" {
			return model.AggregationMean
		}
		return m.Aggregation
	}
	eq := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.FromAnswers() && b.FromAnswers() && agg(a) == agg(b) &&
		eq(a.Cutoffs.Top, b.Cutoffs.Top) && eq(a.Cutoffs.Bottom, b.Cutoffs.Bottom)
}

// definitionText says how a metric's value is computed, for messages.
func definitionText(m model.Metric) string {
	if !m.FromAnswers() {
		return "a mean of reported values"
	}
	switch m.Aggregation {
	case model.AggregationNPS:
		return "NPS of 0-10 answers (% 9-10 minus % 0-6)"
	case model.AggregationTopBox:
		if m.Cutoffs.Top != nil {
			return fmt.Sprintf("the %% of answers of %s or more", formatValue(*m.Cutoffs.Top))
		}
		return "a top-box %"
	case model.AggregationShare:
		return "the % of yes answers"
	case model.AggregationNet:
		return "% positive minus % negative"
	}
	return "the mean answer"
}

// row reads one response: its answers, then its period and unit.
func (sp *surveyProc) row(row Row) error {
	answered := 0
	for i, k := range sp.plan.kpis {
		cell := row.At(k.col)
		sp.vals[i], sp.sts[i] = k.reader.Read(answerText(cell))
		switch sp.sts[i] {
		case model.Answered:
			answered++
		case model.AnswerBlank, model.AnswerNA:
			sp.sr.Skipped++
		case model.AnswerInvalid:
			sp.problem(sp.ref(k.col, row.Index), fmt.Sprintf("%s is not an answer of the scale %s (allowed: %s)",
				quoteCell(answerText(cell)), k.scale, k.scale.Allowed()))
		}
	}
	if answered == 0 {
		return nil
	}
	period := sp.r.opts.Period
	if sp.plan.time >= 0 {
		c := row.At(sp.plan.time)
		t, msg := sp.r.responseTime(c, sp.plan.order)
		if msg != "" && !(c.Kind == CellEmpty && !period.IsZero()) {
			sp.problem(sp.ref(sp.plan.time, row.Index), msg)
			return nil
		}
		if msg == "" {
			period = model.PeriodOf(t)
			sp.noteDate(model.Day(t))
		}
	}
	if period.IsZero() {
		return nil // reported once for the sheet
	}
	unit := sp.surveyUnit(row)
	if len(sp.units) < maxSurveyUnits {
		sp.units[unit] = true
	}
	sp.plan.sum.Responses++
	for i, k := range sp.plan.kpis {
		if sp.sts[i] != model.Answered {
			continue
		}
		sp.tally[i].Add(sp.vals[i], k.m.Cutoffs)
		if k.e == nil {
			continue
		}
		if err := sp.answer(k, unit, period, sp.vals[i], row.Index); err != nil {
			return err
		}
	}
	return nil
}

// answer counts, previews and writes one answer.
func (sp *surveyProc) answer(k *surveyKPI, unit string, period model.Period, v float64, rowIndex int) error {
	sp.sr.Values++
	o := model.Observation{Metric: k.e.m.Name, Unit: unit, Period: period, Value: v,
		Source: model.Source{File: sp.r.res.File, Sheet: sp.sheet, Cell: sp.ref(k.col, rowIndex)}}
	if len(sp.sr.Preview) < sp.r.opts.PreviewRows {
		sp.sr.Preview = append(sp.sr.Preview, previewRow(o))
	}
	return sp.r.write(k.e, o)
}

// surveyUnit is the row's unit: the mapped unit columns (two or more
// combine), else Options.Unit, else all units.
func (sp *surveyProc) surveyUnit(row Row) string {
	unit := ""
	for _, c := range sp.plan.units {
		u := sp.r.cellUnit(row.At(c))
		if u == model.AllUnits {
			continue
		}
		if unit != "" {
			unit += " / "
		}
		unit += u
	}
	switch {
	case unit != "":
		return unit
	case sp.r.opts.Unit != "":
		return sp.r.opts.Unit
	}
	return model.AllUnits
}

func (sp *surveyProc) noteDate(d time.Time) {
	s := &sp.plan.sum
	if s.First.IsZero() || d.Before(s.First) {
		s.First = d
	}
	if d.After(s.Last) {
		s.Last = d
	}
}
