// Package store keeps a cxdash workspace: the metric catalogue, import
// batches with every observation and its source, the per-(metric, unit,
// period) values that scoring reads, governance records with their audit
// trail, and settings.
//
// A workspace is one SQLite file (modernc.org/sqlite, no cgo) or, for a
// team, a database on a PostgreSQL server named by a postgres:// URL
// (pgx). Both run the same SQL, written in SQLite's spelling; dialect.go
// holds every difference (placeholders, types, the write lock, snapshots,
// id counters). See postgres.go for connections and credentials.
//
// SQLite runs in WAL mode so that readers never wait for an import;
// PostgreSQL's readers never wait either. Writes are serialised inside the
// process (one writer at a time, waiting with its context) and across
// processes by SQLite's write lock or, on a server, by an advisory lock
// every cxdash takes, so that batches commit in id order.
//
// An import is one [BatchTx]: one transaction; rows go in through a
// prepared multi-row INSERT (SQLite) or COPY (PostgreSQL). At commit the
// batch's observations are aggregated into metric_values, where for each
// (metric, unit, period) only the latest batch that has observations there
// counts (DESIGN.md scoring rule 1). [Store.Undo] removes a batch and
// brings back what it replaced: values, catalogue entries and governance
// records. [Store.Snapshot] is a consistent read-only view for reports;
// [Store.CopyTo] moves a workspace between files and servers.
//
// The schema lives in numbered migrations under migrations/, each applied
// with its schema_version row in one transaction, on either engine. A
// workspace written by a newer cxdash is refused with [ErrNewerSchema]
// rather than misread.
package store
