package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"cxdash/model"
)

// metricCols are a metric definition's columns, in metrics and in
// metric_history alike.
const metricCols = `name, discipline, measure_unit, direction, scale, t1, t2, t3, t4, t5, weight, target, owner,
	aggregation, answers, top_from, bottom_to`

// metricHoles are the placeholders of metricCols' values.
const metricHoles = `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`

type scanner interface{ Scan(dest ...any) error }

func scanMetric(r scanner, extra ...any) (model.Metric, error) {
	var m model.Metric
	var dir, scale, agg string
	var target, top, bottom sql.NullFloat64
	var answers int64
	t := &m.Thresholds
	dest := append([]any{&m.Name, &m.Discipline, &m.Unit, &dir, &scale,
		&t[0], &t[1], &t[2], &t[3], &t[4], &m.Weight, &target, &m.Owner, &agg, &answers, &top, &bottom}, extra...)
	if err := r.Scan(dest...); err != nil {
		return model.Metric{}, err
	}
	m.Direction, m.Scale, m.Aggregation, m.Answers = model.Direction(dir), model.Scale(scale), model.Aggregation(agg), answers != 0
	if m.Aggregation == model.AggregationMean {
		m.Aggregation = "" // the zero value: what a metric without answers has
	}
	m.Target, m.Cutoffs.Top, m.Cutoffs.Bottom = nullable(target), nullable(top), nullable(bottom)
	return m, nil
}

// nullable is f as an optional number.
func nullable(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

// metricArgs are the values for metricCols.
func metricArgs(m model.Metric) []any {
	t := m.Thresholds
	agg := m.Aggregation
	if agg == "" {
		agg = model.AggregationMean
	}
	answers := 0
	if m.Answers {
		answers = 1
	}
	return []any{m.Name, m.Discipline, m.Unit, string(m.Direction), string(m.Scale),
		t[0], t[1], t[2], t[3], t[4], m.Weight, optional(m.Target), m.Owner,
		string(agg), answers, optional(m.Cutoffs.Top), optional(m.Cutoffs.Bottom)}
}

// optional is a nil pointer as NULL, else its number.
func optional(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// Metrics returns the catalogue, sorted by discipline (framework order), then
// name.
func (s *Store) Metrics(ctx context.Context) ([]model.Metric, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+metricCols+` FROM metrics`)
	if err != nil {
		return nil, fmt.Errorf("store: metrics: %w", err)
	}
	defer rows.Close()
	var ms []model.Metric
	for rows.Next() {
		m, err := scanMetric(rows)
		if err != nil {
			return nil, fmt.Errorf("store: metrics: %w", err)
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: metrics: %w", err)
	}
	order := func(d string) int {
		if i := slices.Index(model.DisciplineKeys, d); i >= 0 {
			return i
		}
		return len(model.DisciplineKeys)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if oi, oj := order(ms[i].Discipline), order(ms[j].Discipline); oi != oj {
			return oi < oj
		}
		return strings.ToLower(ms[i].Name) < strings.ToLower(ms[j].Name)
	})
	return ms, nil
}

// Metric returns the catalogue entry named name (any case and spacing), or
// ErrNotFound.
func (s *Store) Metric(ctx context.Context, name string) (model.Metric, error) {
	m, err := scanMetric(s.db.QueryRowContext(ctx,
		`SELECT `+metricCols+` FROM metrics WHERE key = ?`, model.MetricKey(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Metric{}, fmt.Errorf("store: metric %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return model.Metric{}, fmt.Errorf("store: metric %q: %w", name, err)
	}
	return m, nil
}

// PutMetric adds a catalogue entry or replaces the one with the same name
// (any case and spacing). The definition it replaces is kept with the batch,
// so that undoing the batch restores it.
func (tx *BatchTx) PutMetric(ctx context.Context, m model.Metric) error {
	if tx.done {
		return fmt.Errorf("store: batch %d: put metric %q: %w", tx.batch.ID, m.Name, sql.ErrTxDone)
	}
	m.Name = strings.Join(strings.Fields(m.Name), " ")
	if err := m.Validate(); err != nil {
		return fmt.Errorf("store: batch %d: %w", tx.batch.ID, err)
	}
	if err := tx.putMetric(ctx, m); err != nil {
		return fmt.Errorf("store: batch %d: put metric %q: %w", tx.batch.ID, m.Name, err)
	}
	return nil
}

func (tx *BatchTx) putMetric(ctx context.Context, m model.Metric) error {
	key := model.MetricKey(m.Name)
	var id int64
	old, err := scanMetric(tx.tx.QueryRowContext(ctx,
		`SELECT `+metricCols+`, id FROM metrics WHERE key = ?`, key), &id)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	// The first put of a key in a batch records what was there before it,
	// even when nothing changes: undo then knows a later batch still states
	// this definition (see undoCatalogue).
	hist := make([]any, strings.Count(metricHoles, "?"))
	if exists {
		hist = metricArgs(old)
	}
	if _, err := tx.tx.ExecContext(ctx, `INSERT INTO metric_history(batch_id, key, `+metricCols+`)
		VALUES (?, ?, `+metricHoles+`) ON CONFLICT DO NOTHING`,
		append([]any{tx.batch.ID, key}, hist...)...); err != nil {
		return err
	}
	args := metricArgs(m)
	switch {
	case !exists:
		if err := tx.tx.QueryRowContext(ctx, `INSERT INTO metrics(key, `+metricCols+`, created_by_batch)
			VALUES (?, `+metricHoles+`, ?) RETURNING id`,
			append(append([]any{key}, args...), tx.batch.ID)...).Scan(&id); err != nil {
			return err
		}
	case !sameMetric(old, m):
		if _, err := tx.tx.ExecContext(ctx, `UPDATE metrics SET (`+metricCols+`) =
			(`+metricHoles+`) WHERE id = ?`, append(args, id)...); err != nil {
			return err
		}
		// Values already stored were counted with the old cut-offs.
		if !sameCutoffs(old.Cutoffs, m.Cutoffs) {
			if err := recountAnswers(ctx, tx.tx, key); err != nil {
				return err
			}
		}
	}
	tx.touch(m.Name, id)
	return nil
}

func sameMetric(a, b model.Metric) bool {
	at, bt, ac, bc := a.Target, b.Target, a.Cutoffs, b.Cutoffs
	a.Target, b.Target, a.Cutoffs, b.Cutoffs = nil, nil, model.Cutoffs{}, model.Cutoffs{}
	return a == b && sameNumber(at, bt) && sameCutoffs(ac, bc)
}

func sameCutoffs(a, b model.Cutoffs) bool {
	return sameNumber(a.Top, b.Top) && sameNumber(a.Bottom, b.Bottom)
}

func sameNumber(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }

// undoCatalogue reverts the catalogue changes of batch id, inside Undo's
// transaction and after its observations are gone. For each metric the
// batch put: when a later batch put it too, the later batch's record of the
// previous definition becomes this batch's (the chain skips the undone
// batch); otherwise the previous definition is restored, or the metric is
// deleted if the batch created it and nothing observes it any more.
func undoCatalogue(ctx context.Context, tx *txn, id int64) error {
	type entry struct {
		key     string
		prev    model.Metric
		created bool
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+coalesced+`, key, name IS NULL
		FROM metric_history WHERE batch_id = ?`, id)
	if err != nil {
		return err
	}
	var es []entry
	for rows.Next() {
		var e entry
		if e.prev, err = scanMetric(rows, &e.key, &e.created); err != nil {
			rows.Close()
			return err
		}
		es = append(es, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	current := map[string]model.Cutoffs{} // before the undo, to know whose answers to count again
	for _, e := range es {
		m, err := scanMetric(tx.QueryRowContext(ctx, `SELECT `+metricCols+` FROM metrics WHERE key = ?`, e.key))
		switch {
		case err == nil:
			current[e.key] = m.Cutoffs
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	for _, e := range es {
		var next int64
		err := tx.QueryRowContext(ctx, `SELECT batch_id FROM metric_history
			WHERE key = ? AND batch_id > ? ORDER BY batch_id LIMIT 1`, e.key, id).Scan(&next)
		switch {
		case err == nil:
			if _, err := tx.ExecContext(ctx, `UPDATE metric_history SET (`+metricCols+`) =
				(SELECT `+metricCols+` FROM metric_history WHERE batch_id = ? AND key = ?)
				WHERE batch_id = ? AND key = ?`, id, e.key, next, e.key); err != nil {
				return err
			}
			if e.created {
				if _, err := tx.ExecContext(ctx, `UPDATE metrics SET created_by_batch = ? WHERE key = ?`, next, e.key); err != nil {
					return err
				}
			}
		case !errors.Is(err, sql.ErrNoRows):
			return err
		case e.created:
			if _, err := tx.ExecContext(ctx, `DELETE FROM metrics WHERE key = ?
				AND NOT EXISTS (SELECT 1 FROM metric_values WHERE metric_id = metrics.id)`, e.key); err != nil {
				return err
			}
		default:
			if _, err := tx.ExecContext(ctx, `UPDATE metrics SET (`+metricCols+`) =
				(`+metricHoles+`) WHERE key = ?`,
				append(metricArgs(e.prev), e.key)...); err != nil {
				return err
			}
			// The values left were counted with the undone definition's
			// cut-offs: count them again with the restored ones.
			if !sameCutoffs(e.prev.Cutoffs, current[e.key]) {
				if err := recountAnswers(ctx, tx, e.key); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// coalesced reads metric_history's definition columns with NULLs (a created
// metric) as zero values, so that they scan into a model.Metric.
const coalesced = `COALESCE(name, ''), COALESCE(discipline, ''), COALESCE(measure_unit, ''),
	COALESCE(direction, ''), COALESCE(scale, ''), COALESCE(t1, 0), COALESCE(t2, 0), COALESCE(t3, 0),
	COALESCE(t4, 0), COALESCE(t5, 0), COALESCE(weight, 0), target, COALESCE(owner, ''),
	COALESCE(aggregation, 'mean'), COALESCE(answers, 0), top_from, bottom_to`
