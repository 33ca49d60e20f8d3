package workspace

import (
	"cxdash/model"
	"cxdash/store"
)

// The store's record and filter types, named here so that the window and
// the command line need nothing from the store beyond what a workspace
// hands them.
type (
	// Batch is one import: its file, who and when, and what it added.
	Batch = store.Batch
	// Counts are a workspace's row counts, table by table.
	Counts = store.Counts
	// TableCount is one table's rows, as a copy reports them.
	TableCount = store.TableCount
	// ObservationFilter selects observations, a page at a time.
	ObservationFilter = store.ObservationFilter
	// ActionFilter selects actions by status, unit or owner.
	ActionFilter = store.ActionFilter
	// IssueFilter selects CX issues.
	IssueFilter = store.IssueFilter
	// AuditFilter selects audit trail entries.
	AuditFilter = store.AuditFilter
	// Options open a workspace: the password typed for a team server.
	Options = store.Options
	// PasswordError says a team server's password is missing or refused.
	PasswordError = store.PasswordError
	// BusyError says another cxdash is writing to the workspace.
	BusyError = store.BusyError
)

// Errors a caller may test with errors.Is.
var (
	ErrNotFound    = store.ErrNotFound
	ErrNotEmpty    = store.ErrNotEmpty
	ErrBusy        = store.ErrBusy
	ErrNewerSchema = store.ErrNewerSchema
)

// IsServer reports whether location is a team server's URL rather than a
// file path.
func IsServer(location string) bool { return store.IsServer(location) }

// Redact is location with any password taken out: what titles, messages
// and logs may show.
func Redact(location string) string { return store.Redact(location) }

// BackupPath is where a workspace file is copied before its schema is
// upgraded from version v.
func BackupPath(path string, v int) string { return store.BackupPath(path, v) }

// ErrNoData is returned when a workspace has nothing to score.
var ErrNoData = model.ErrNoData
