-- 0002_governance: owners and targets, actions, the CX issue log, timeline
-- events and the audit trail of changes to them. Dates are ISO
-- text (YYYY-MM-DD), '' when not set. key columns hold the records' natural
-- keys (the model's Key methods), so that a workbook imported again updates
-- records instead of duplicating them.

-- Who owns a discipline or a metric, and the target they answer for.
-- subject is the discipline key or model.MetricKey(metric name); name is the
-- subject as the user wrote it.
CREATE TABLE ownerships (
    kind          TEXT NOT NULL CHECK (kind IN ('discipline', 'metric')),
    subject       TEXT NOT NULL,
    name          TEXT NOT NULL,
    owner         TEXT NOT NULL DEFAULT '',
    target        REAL,
    target_date   TEXT NOT NULL DEFAULT '',
    cadence       TEXT NOT NULL DEFAULT '',
    last_reviewed TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, subject)
) WITHOUT ROWID;

-- Actions that close gaps. AUTOINCREMENT: an id that issues and the audit
-- trail name is never given to another action after a delete or an undo.
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    discipline  TEXT NOT NULL DEFAULT '',
    metric      TEXT NOT NULL DEFAULT '',
    metric_key  TEXT NOT NULL DEFAULT '', -- model.MetricKey(metric), for filters
    unit        TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    owner       TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    gap         REAL,
    created     TEXT NOT NULL DEFAULT '',
    closed      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX actions_due ON actions(due);

-- The CX issue log.
CREATE TABLE issues (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL UNIQUE,
    date        TEXT NOT NULL,
    touchpoint  TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    unit        TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    severity    TEXT NOT NULL,
    description TEXT NOT NULL,
    root_cause  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    discipline  TEXT NOT NULL DEFAULT '',
    action_id   INTEGER REFERENCES actions(id) ON DELETE SET NULL,
    resolved    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX issues_date ON issues(date);
-- Deleting an action looks up the issues that name it.
CREATE INDEX issues_action ON issues(action_id);

-- Dated annotations on the timeline; unit '' is all units.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL UNIQUE,
    date        TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_date ON events(date);

-- A governance record as it was before a batch first put it (JSON of the
-- model type), so that undo can restore it; prev is NULL when the batch
-- created the record. record is the action, issue or event id, or
-- 'kind:subject' for an ownership. Like metric_history.
CREATE TABLE governance_history (
    batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    entity   TEXT NOT NULL,
    record   TEXT NOT NULL,
    prev     TEXT,
    PRIMARY KEY (batch_id, entity, record)
) WITHOUT ROWID;
CREATE INDEX governance_history_record ON governance_history(entity, record, batch_id);

-- Who changed which governance record when. batch_id has no foreign key on
-- purpose: the trail outlives the batches it mentions.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL, -- RFC 3339, UTC
    username TEXT NOT NULL DEFAULT '',
    entity   TEXT NOT NULL,
    record   TEXT NOT NULL,
    change   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '',
    batch_id INTEGER
);
CREATE INDEX audit_record ON audit(entity, record);
