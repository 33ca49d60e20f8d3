-- 0001_init: the first workspace schema. A shipped migration is never edited;
-- changes go in a new numbered file.

-- Generic key-value settings: the framework overlay, remembered import mappings.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Business units. "All" is the unit of rows that name none.
CREATE TABLE units (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

-- One import. AUTOINCREMENT so that ids are never reused after an undo: the
-- newest batch always has the highest id, which the supersede rule relies on.
CREATE TABLE batches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    file        TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',
    sha256      TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,            -- RFC 3339, UTC
    username    TEXT NOT NULL DEFAULT '',
    rows        INTEGER NOT NULL DEFAULT 0, -- observations
    skipped     INTEGER NOT NULL DEFAULT 0, -- blank, n/a and - cells
    metrics     INTEGER NOT NULL DEFAULT 0  -- distinct metrics observed or put
);
CREATE INDEX batches_sha256 ON batches(sha256);

-- The metric catalogue. key is model.MetricKey(name): one metric however it
-- is spelt.
CREATE TABLE metrics (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    discipline       TEXT NOT NULL,
    measure_unit     TEXT NOT NULL DEFAULT '',
    direction        TEXT NOT NULL,
    scale            TEXT NOT NULL,
    t1               REAL NOT NULL DEFAULT 0,
    t2               REAL NOT NULL DEFAULT 0,
    t3               REAL NOT NULL DEFAULT 0,
    t4               REAL NOT NULL DEFAULT 0,
    t5               REAL NOT NULL DEFAULT 0,
    weight           REAL NOT NULL DEFAULT 1,
    target           REAL,
    owner            TEXT NOT NULL DEFAULT '',
    created_by_batch INTEGER REFERENCES batches(id) ON DELETE SET NULL
);

-- The definition of a metric before a batch put it, so that undo can restore
-- it. All definition columns are NULL when the batch created the metric.
CREATE TABLE metric_history (
    batch_id     INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    name         TEXT,
    discipline   TEXT,
    measure_unit TEXT,
    direction    TEXT,
    scale        TEXT,
    t1           REAL,
    t2           REAL,
    t3           REAL,
    t4           REAL,
    t5           REAL,
    weight       REAL,
    target       REAL,
    owner        TEXT,
    PRIMARY KEY (batch_id, key)
) WITHOUT ROWID;
CREATE INDEX metric_history_key ON metric_history(key, batch_id);

-- Every value read, with its source. period is model.Period.String().
-- metric_id and unit_id carry no foreign keys on purpose: a row check costs
-- about 10% of an import, and deleting a metric would scan this table. Only
-- BatchTx writes here, with ids it has just looked up; a metric is deleted
-- only when no metric_values row (hence no observation) refers to it.
CREATE TABLE observations (
    id        INTEGER PRIMARY KEY,
    batch_id  INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    metric_id INTEGER NOT NULL,
    unit_id   INTEGER NOT NULL,
    period    TEXT NOT NULL,
    value     REAL NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    sheet     TEXT NOT NULL DEFAULT '',
    cell      TEXT NOT NULL DEFAULT ''
);
-- The only index: an import appends to it in order, so it is cheap. An index
-- on (metric_id, unit_id, period) would take an import of 1M rows from about
-- 3 s to 8 s (random inserts); undo and the data browser scan instead.
CREATE INDEX observations_batch ON observations(batch_id);

-- The value scoring reads for each (metric, unit, period): sum and count of
-- the observations of the latest batch that has any there. Kept ready because
-- aggregating raw rows is slow.
CREATE TABLE metric_values (
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    period    TEXT NOT NULL,
    batch_id  INTEGER NOT NULL REFERENCES batches(id),
    sum       REAL NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (metric_id, unit_id, period)
) WITHOUT ROWID;
CREATE INDEX metric_values_batch ON metric_values(batch_id);
