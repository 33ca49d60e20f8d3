package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cxdash/model"
)

// ErrDuplicate: another record already has the natural key (the model's Key
// method) of the one being saved.
var ErrDuplicate = errors.New("already exists")

// Entities, as the audit trail and governance_history name them.
const (
	entityOwnership = "ownership"
	entityAction    = "action"
	entityIssue     = "issue"
	entityEvent     = "event"
)

// Audit changes.
const (
	changeCreated  = "created"
	changeUpdated  = "updated"
	changeDeleted  = "deleted"
	changeImported = "imported"
	changeUndone   = "undone"
)

// govWriter writes governance records inside one transaction: a plain
// write of the Store (batch nil) or an import (batch set), which also keeps
// what each record was before the batch so that Undo can bring it back.
type govWriter struct {
	tx    *txn
	user  string
	now   time.Time // of the audit entries
	today time.Time // model.Day of the local date: Created, Closed, Resolved
	batch *Batch
}

func newGovWriter(tx *txn, batch *Batch) *govWriter {
	now := time.Now()
	g := &govWriter{tx: tx, now: now.UTC(), today: model.Day(now), batch: batch}
	if batch != nil && batch.User != "" {
		g.user = batch.User
	} else {
		g.user = currentUser()
	}
	return g
}

// govWrite runs fn in a write transaction of s.
func (s *Store) govWrite(ctx context.Context, fn func(g *govWriter) error) error {
	return s.write(ctx, func(tx *txn) error { return fn(newGovWriter(tx, nil)) })
}

// gov is the batch's governance writer.
func (tx *BatchTx) gov() *govWriter { return newGovWriter(tx.tx, &tx.batch) }

// audit records one change. Unchanged records (empty changes) leave no
// entry.
func (g *govWriter) audit(ctx context.Context, entity, record, change string, changes []string) error {
	if len(changes) == 0 && change == changeUpdated {
		return nil
	}
	detail := strings.Join(changes, "; ")
	var batch any
	if g.batch != nil {
		batch = g.batch.ID
		prefix := fmt.Sprintf("batch %d (%s)", g.batch.ID, g.batch.File)
		if detail == "" {
			detail = prefix
		} else {
			detail = prefix + ": " + detail
		}
	}
	_, err := g.tx.ExecContext(ctx, `INSERT INTO audit(at, username, entity, record, change, detail, batch_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, g.now.Format(time.RFC3339Nano), g.user, entity, record, change, detail, batch)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// logSave audits a record written: created (old nil) or updated, or, in a
// batch, imported.
func (g *govWriter) logSave(ctx context.Context, entity, record string, old, cur []field) error {
	var changes []string
	change := changeUpdated
	if old == nil {
		change, changes = changeCreated, listFields(cur)
		if g.batch != nil {
			changes = append([]string{"new"}, changes...)
		}
	} else if changes = diffFields(old, cur); len(changes) == 0 {
		return nil
	}
	if g.batch != nil {
		change = changeImported
	}
	return g.audit(ctx, entity, record, change, changes)
}

// field is one audited field of a record, as text.
type field struct{ name, value string }

// listFields lists the non-empty fields: "title: Fix IVR".
func listFields(fs []field) []string {
	var out []string
	for _, f := range fs {
		if f.value != "" {
			out = append(out, f.name+": "+f.value)
		}
	}
	return out
}

// diffFields lists the fields that differ: "status: open → done", "owner: →
// Ana", "closed: 2025-03-01 →".
func diffFields(old, cur []field) []string {
	var out []string
	for i, f := range cur {
		if o := old[i].value; o != f.value {
			out = append(out, strings.TrimSpace(strings.TrimSpace(f.name+": "+o)+" → "+f.value))
		}
	}
	return out
}

// dateText is a date as stored: ISO, empty for none.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return model.Day(t).Format(time.DateOnly)
}

// parseDateText reads a stored date.
func parseDateText(col, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: %w", col, s, err)
	}
	return t, nil
}

// day is t's day, zero staying zero.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return model.Day(t)
}

func numText(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'g', -1, 64)
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

// tidy collapses spaces.
func tidy(s string) string { return strings.Join(strings.Fields(s), " ") }

// tidyOwner is the owner as model.ParseOwner writes it, or s when it does
// not parse (Validate then says why).
func tidyOwner(s string) string {
	if o, err := model.ParseOwner(s); err == nil {
		return o
	}
	return s
}

// disciplineKey turns a discipline name people use ("Customer
// understanding") into its key; what is not one stays for Validate to
// refuse.
func disciplineKey(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if _, ok := model.DefaultFramework().Discipline(s); ok {
		return s
	}
	if k, ok := model.ParseDiscipline(s); ok {
		return k
	}
	return s
}

// unitName is a governance record's unit: "" for all units, however the
// user wrote "All".
func unitName(s string) string {
	s = tidy(s)
	if strings.EqualFold(s, model.AllUnits) {
		return ""
	}
	return s
}

// metricName is the catalogue's spelling of a metric when it is there.
func metricName(ctx context.Context, tx *txn, name string) (string, error) {
	name = tidy(name)
	if name == "" {
		return "", nil
	}
	var got string
	err := tx.QueryRowContext(ctx, `SELECT name FROM metrics WHERE key = ?`, model.MetricKey(name)).Scan(&got)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return name, nil
	case err != nil:
		return "", err
	}
	return got, nil
}

// inList is "col IN (?, ?...)" with its arguments.
func inList[T ~string](col string, vs []T) (string, []any) {
	args := make([]any, len(vs))
	for i, v := range vs {
		args[i] = string(v)
	}
	return col + ` IN (?` + strings.Repeat(", ?", len(vs)-1) + `)`, args
}

// whereClause joins conditions.
func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}
