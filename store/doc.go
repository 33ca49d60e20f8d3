// Package store keeps a cxdash workspace in one SQLite file (modernc.org/sqlite,
// no cgo): the metric catalogue, import batches with every observation and its
// source, the per-(metric, unit, period) values that scoring reads, and
// settings.
//
// The database runs in WAL mode so that readers never wait for an import.
// Writes are serialised inside the process (one writer at a time, waiting
// with its context) and across processes by SQLite's busy timeout.
//
// An import is one [BatchTx]: one transaction, one prepared insert. At commit
// the batch's observations are aggregated into metric_values, where for each
// (metric, unit, period) only the latest batch that has observations there
// counts (DESIGN.md scoring rule 1). [Store.Undo] removes a batch and brings
// back what it replaced: values and catalogue entries.
//
// The schema lives in numbered migrations under migrations/, each applied
// with its schema_version row in one transaction. A workspace written by a
// newer cxdash is refused with [ErrNewerSchema] rather than misread.
package store
