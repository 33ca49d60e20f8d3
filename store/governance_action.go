package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
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
	rows, err := s.db.QueryContext(ctx, `SELECT `+actionCols+` FROM actions`+whereClause(conds)+
		` ORDER BY due = '', due, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: actions: %w", err)
	}
	defer rows.Close()
	var as []model.Action
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("store: actions: %w", err)
		}
		as = append(as, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: actions: %w", err)
	}
	return as, nil
}

// Action returns action id, or ErrNotFound.
func (s *Store) Action(ctx context.Context, id int64) (model.Action, error) {
	a, err := scanAction(s.db.QueryRowContext(ctx, `SELECT `+actionCols+` FROM actions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Action{}, fmt.Errorf("store: action %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return model.Action{}, fmt.Errorf("store: action %d: %w", id, err)
	}
	return a, nil
}

// getAction returns the action of a where clause; ok is false when none.
func getAction(ctx context.Context, tx *sql.Tx, where string, arg any) (a model.Action, ok bool, err error) {
	a, err = scanAction(tx.QueryRowContext(ctx, `SELECT `+actionCols+` FROM actions WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Action{}, false, nil
	}
	return a, err == nil, err
}

// SaveAction creates the action (ID 0; Created today when zero) or updates
// action a.ID, and returns it as stored. Closed becomes today when the
// status becomes done or dropped and no closed date is given, and is
// cleared when the action is reopened. Another action with the same title
// is ErrDuplicate. Validated and audited.
func (s *Store) SaveAction(ctx context.Context, a model.Action) (model.Action, error) {
	err := s.govWrite(ctx, func(g *govWriter) error {
		var old *model.Action
		if a.ID != 0 {
			o, ok, err := getAction(ctx, g.tx, `id = ?`, a.ID)
			if err != nil {
				return err
			}
			if !ok {
				return ErrNotFound
			}
			old = &o
		}
		var err error
		a, err = g.saveAction(ctx, a, old)
		return err
	})
	if err != nil {
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
	args := actionArgs(a)
	if old == nil {
		res, err := g.tx.ExecContext(ctx, `INSERT INTO actions(`+actionWriteCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err == nil {
			a.ID, err = res.LastInsertId()
		}
		if err != nil {
			return a, duplicate(err, "an action titled %q", a.Title)
		}
	} else {
		a.ID = old.ID
		if err := updateAction(ctx, g.tx, a); err != nil {
			return a, duplicate(err, "an action titled %q", a.Title)
		}
	}
	record := strconv.FormatInt(a.ID, 10)
	var before []field
	var prev any
	if old != nil {
		before, prev = actionFields(*old), *old
	}
	if err := g.remember(ctx, entityAction, record, prev, old != nil); err != nil {
		return a, err
	}
	return a, g.logSave(ctx, entityAction, record, before, actionFields(a))
}

// actionWriteCols are the columns actionArgs fills.
const actionWriteCols = `key, title, description, discipline, metric, metric_key, unit, owner, due, status,
	gap, created, closed`

func actionArgs(a model.Action) []any {
	return []any{a.Key(), a.Title, a.Description, a.Discipline, a.Metric, model.MetricKey(a.Metric), a.Unit,
		a.Owner, dateText(a.Due), string(a.Status), nullFloat(a.Gap), dateText(a.Created), dateText(a.Closed)}
}

// updateAction writes a over action a.ID.
func updateAction(ctx context.Context, tx *sql.Tx, a model.Action) error {
	_, err := tx.ExecContext(ctx, `UPDATE actions SET (`+actionWriteCols+`) =
		(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`, append(actionArgs(a), a.ID)...)
	return err
}

// duplicate says which record already exists when err is a violated
// UNIQUE constraint on a natural key.
func duplicate(err error, what string, args ...any) error {
	if isUnique(err) {
		return fmt.Errorf(what+" %w", append(args, ErrDuplicate)...)
	}
	return err
}

// DeleteAction removes action id, or returns ErrNotFound. Issues linked to
// it lose the link. Audited.
func (s *Store) DeleteAction(ctx context.Context, id int64) error {
	err := s.govWrite(ctx, func(g *govWriter) error {
		old, ok, err := getAction(ctx, g.tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		if _, err := g.tx.ExecContext(ctx, `DELETE FROM actions WHERE id = ?`, id); err != nil {
			return err
		}
		return g.audit(ctx, entityAction, strconv.FormatInt(id, 10), changeDeleted, listFields(actionFields(old)))
	})
	if err != nil {
		return fmt.Errorf("store: delete action %d: %w", id, err)
	}
	return nil
}
