package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"cxdash/model"
)

// ActionFilter selects actions; zero fields select all.
type ActionFilter struct {
	Statuses   []model.ActionStatus
	Discipline string // key, or a name model.ParseDiscipline knows
	Metric     string // any case and spacing
	Unit       string // that unit's actions only, any case; "All": those for all units
}

const actionCols = `id, title, description, discipline, metric, unit, owner, due, status, gap, created, closed`

func scanAction(r scanner) (model.Action, error) {
	var a model.Action
	var status, due, created, closed string
	var gap sql.NullFloat64
	if err := r.Scan(&a.ID, &a.Title, &a.Description, &a.Discipline, &a.Metric, &a.Unit, &a.Owner,
		&due, &status, &gap, &created, &closed); err != nil {
		return model.Action{}, err
	}
	a.Status, a.Gap = model.ActionStatus(status), floatPtr(gap)
	var err error
	for _, d := range []struct {
		dst  *time.Time
		col  string
		text string
	}{{&a.Due, "due", due}, {&a.Created, "created", created}, {&a.Closed, "closed", closed}} {
		if *d.dst, err = parseDateText(d.col, d.text); err != nil {
			return model.Action{}, fmt.Errorf("action %d: %w", a.ID, err)
		}
	}
	return a, nil
}

// actionTable is the actions table to the shared governance helpers.
var actionTable = &govTable[model.Action]{
	entity: entityAction, table: "actions", selectSQL: `SELECT ` + actionCols + ` FROM actions`, idCol: "id",
	writeCols: actionWriteCols, scan: scanAction, args: actionArgs, fields: actionFields,
	id:  func(a model.Action) int64 { return a.ID },
	dup: func(a model.Action) string { return fmt.Sprintf("an action titled %q", a.Title) },
}

func actionFields(a model.Action) []field {
	return []field{{"title", a.Title}, {"description", a.Description}, {"discipline", a.Discipline},
		{"metric", a.Metric}, {"unit", a.Unit}, {"owner", a.Owner}, {"due", dateText(a.Due)},
		{"status", string(a.Status)}, {"gap", numText(a.Gap)}, {"created", dateText(a.Created)},
		{"closed", dateText(a.Closed)}}
}

// Actions lists the actions f selects by due date, those with none last.
func (s *Store) Actions(ctx context.Context, f ActionFilter) ([]model.Action, error) {
	var conds []string
	var args []any
	if len(f.Statuses) > 0 {
		c, a := inList("status", f.Statuses)
		conds, args = append(conds, c), append(args, a...)
	}
	if f.Discipline != "" {
		conds, args = append(conds, `discipline = ?`), append(args, disciplineKey(f.Discipline))
	}
	if f.Metric != "" {
		conds, args = append(conds, `metric_key = ?`), append(args, model.MetricKey(f.Metric))
	}
	if f.Unit != "" {
		conds, args = append(conds, `unit = ?`), append(args, unitName(f.Unit))
	}
	return queryAll(ctx, s.db, "actions", scanAction, actionTable.selectSQL+whereClause(conds)+
		` ORDER BY due = '', due, id`, args...)
}

// Action returns action id, or ErrNotFound.
func (s *Store) Action(ctx context.Context, id int64) (model.Action, error) {
	a, err := scanAction(s.db.QueryRowContext(ctx, actionTable.selectSQL+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Action{}, fmt.Errorf("store: action %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return model.Action{}, fmt.Errorf("store: action %d: %w", id, err)
	}
	return a, nil
}

// SaveAction creates the action (ID 0; Created today when zero) or updates
// action a.ID, and returns it as stored. Closed becomes today when the
// status becomes done or dropped and no closed date is given, and is
// cleared when the action is reopened. Another action with the same title
// is ErrDuplicate. Validated and audited.
func (s *Store) SaveAction(ctx context.Context, a model.Action) (model.Action, error) {
	if err := actionTable.save(ctx, s, a.ID, &a, (*govWriter).saveAction); err != nil {
		return model.Action{}, fmt.Errorf("store: save action %q: %w", a.Title, err)
	}
	return a, nil
}

// saveAction writes a over old (nil: a new action) and returns it as stored.
func (g *govWriter) saveAction(ctx context.Context, a model.Action, old *model.Action) (model.Action, error) {
	a.Title, a.Unit, a.Owner = tidy(a.Title), unitName(a.Unit), tidyOwner(a.Owner)
	a.Discipline, a.Due, a.Created, a.Closed = disciplineKey(a.Discipline), day(a.Due), day(a.Created), day(a.Closed)
	var err error
	if a.Metric, err = metricName(ctx, g.tx, a.Metric); err != nil {
		return a, err
	}
	if a.Status == "" {
		a.Status = model.ActionOpen
	}
	switch {
	case a.Created.IsZero() && old != nil && !old.Created.IsZero():
		a.Created = old.Created
	case a.Created.IsZero():
		a.Created = g.today
	}
	switch {
	case !a.Status.Closed():
		a.Closed = time.Time{}
	case !a.Closed.IsZero():
	case old != nil && old.Status.Closed() && !old.Closed.IsZero():
		a.Closed = old.Closed
	default:
		a.Closed = g.today
	}
	if err := a.Validate(); err != nil {
		return a, err
	}
	a.ID, err = actionTable.put(ctx, g, a, old)
	return a, err
}

// actionWriteCols are the columns actionArgs fills.
const actionWriteCols = `key, title, description, discipline, metric, metric_key, unit, owner, due, status,
	gap, created, closed`

func actionArgs(a model.Action) []any {
	return []any{a.Key(), a.Title, a.Description, a.Discipline, a.Metric, model.MetricKey(a.Metric), a.Unit,
		a.Owner, dateText(a.Due), string(a.Status), nullFloat(a.Gap), dateText(a.Created), dateText(a.Closed)}
}

// DeleteAction removes action id, or returns ErrNotFound. Issues linked to
// it lose the link. Audited.
func (s *Store) DeleteAction(ctx context.Context, id int64) error {
	if err := actionTable.delete(ctx, s, id); err != nil {
		return fmt.Errorf("store: delete action %d: %w", id, err)
	}
	return nil
}
