package store

import (
	"context"
	"fmt"

	"cxdash/model"
)

// addValues makes batch id the value of every (metric, unit, period) it has
// observations for. The batch is the newest, so it wins every key it has.
// The WHERE clause also keeps SQLite from reading ON CONFLICT as a join
// constraint.
func addValues(ctx context.Context, tx *txn, id int64) error {
	if err := tx.d.roomToAggregate(ctx, tx); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO metric_values(`+valueCols+`)
		SELECT `+aggregated+`
		FROM observations o JOIN metrics m ON m.id = o.metric_id WHERE o.batch_id = ?
		GROUP BY o.metric_id, o.unit_id, o.period, o.batch_id
		ON CONFLICT(metric_id, unit_id, period) DO UPDATE
		SET `+replaced, id)
	return err
}

// valueCols are metric_values' columns; aggregated computes them from a
// batch's observations o joined to their metric m: the sums, and the
// answers at or beyond the metric's top and bottom cut-offs (0 for a
// metric without them); replaced takes a new batch's row for a key.
const (
	valueCols  = `metric_id, unit_id, period, batch_id, sum, count, sumsq, top, bottom`
	aggregated = `o.metric_id, o.unit_id, o.period, o.batch_id, SUM(o.value), COUNT(*), SUM(o.value * o.value),
		SUM(CASE WHEN o.value >= m.top_from THEN 1 ELSE 0 END), SUM(CASE WHEN o.value <= m.bottom_to THEN 1 ELSE 0 END)`
	// aggregatedAs is aggregated with each column named as in valueCols.
	aggregatedAs = `o.metric_id AS metric_id, o.unit_id AS unit_id, o.period AS period, o.batch_id AS batch_id,
		SUM(o.value) AS sum, COUNT(*) AS count, SUM(o.value * o.value) AS sumsq,
		SUM(CASE WHEN o.value >= m.top_from THEN 1 ELSE 0 END) AS top,
		SUM(CASE WHEN o.value <= m.bottom_to THEN 1 ELSE 0 END) AS bottom`
	replaced = `batch_id = excluded.batch_id, sum = excluded.sum, count = excluded.count,
		sumsq = excluded.sumsq, top = excluded.top, bottom = excluded.bottom`
)

// restoreValues recomputes the keys whose value came from batch id, after its
// observations were deleted: each takes the sum and count of the latest
// remaining batch with observations there, and keys with none left are
// removed. Only earlier batches can have such keys (a later one would have
// replaced the value), so they are visited newest first, each through the
// batch index, until no key is left: usually the batch before settles all.
// Each batch is aggregated first and its keys matched after; LIMIT -1 keeps
// SQLite from pushing the match into the scan, which costs an index probe
// per observation instead of one per key (undo of 1M rows: 5.2 s -> 4.1 s).
func restoreValues(ctx context.Context, tx *txn, id int64) error {
	var earlier []int64
	rows, err := tx.QueryContext(ctx, `SELECT id FROM batches WHERE id < ? ORDER BY id DESC`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var b int64
		if err := rows.Scan(&b); err != nil {
			rows.Close()
			return err
		}
		earlier = append(earlier, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, b := range earlier {
		var pending bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM metric_values WHERE batch_id = ?)`, id).Scan(&pending); err != nil {
			return err
		}
		if !pending {
			break
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO metric_values(`+valueCols+`)
			SELECT `+valueCols+`
			FROM (SELECT `+aggregatedAs+`
				FROM observations o JOIN metrics m ON m.id = o.metric_id WHERE o.batch_id = ?
				GROUP BY o.metric_id, o.unit_id, o.period, o.batch_id LIMIT -1) a
			WHERE EXISTS (SELECT 1 FROM metric_values v WHERE v.metric_id = a.metric_id
				AND v.unit_id = a.unit_id AND v.period = a.period AND v.batch_id = ?)
			ON CONFLICT(metric_id, unit_id, period) DO UPDATE
			SET `+replaced, b, id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM metric_values WHERE batch_id = ?`, id)
	return err
}

// recountAnswers counts again, for every stored value of the metric with
// key, its answers at or beyond the metric's current cut-offs: after the
// cut-offs changed (an import that redefines the metric, the undo of one).
// Rare, so one scan of the observations is acceptable; it is grouped like
// addValues, not a subquery per value.
func recountAnswers(ctx context.Context, tx *txn, key string) error {
	_, err := tx.ExecContext(ctx, `UPDATE metric_values SET top = a.top, bottom = a.bottom
		FROM (SELECT o.metric_id AS metric_id, o.unit_id AS unit_id, o.period AS period, o.batch_id AS batch_id,
				SUM(CASE WHEN o.value >= m.top_from THEN 1 ELSE 0 END) AS top,
				SUM(CASE WHEN o.value <= m.bottom_to THEN 1 ELSE 0 END) AS bottom
			FROM observations o JOIN metrics m ON m.id = o.metric_id WHERE m.key = ?
			GROUP BY o.metric_id, o.unit_id, o.period, o.batch_id) a
		WHERE metric_values.metric_id = a.metric_id AND metric_values.unit_id = a.unit_id
			AND metric_values.period = a.period AND metric_values.batch_id = a.batch_id`, key)
	return err
}

// Values returns every current value: what scoring reads (model.NewScorer).
func (s *Store) Values(ctx context.Context) ([]model.Value, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM metric_values`).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: values: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT m.name, u.name, v.period, v.sum, v.count, v.batch_id, v.sumsq, v.top, v.bottom
		FROM metric_values v JOIN metrics m ON m.id = v.metric_id JOIN units u ON u.id = v.unit_id`)
	if err != nil {
		return nil, fmt.Errorf("store: values: %w", err)
	}
	defer rows.Close()
	vs := make([]model.Value, 0, n)
	var p periodCache
	for rows.Next() {
		var v model.Value
		var period string
		if err := rows.Scan(&v.Metric, &v.Unit, &period, &v.Sum, &v.Count, &v.BatchID, &v.SumSq, &v.Top, &v.Bottom); err != nil {
			return nil, fmt.Errorf("store: values: %w", err)
		}
		if v.Period, err = p.parse(period); err != nil {
			return nil, fmt.Errorf("store: values: %s in %s: %w", v.Metric, v.Unit, err)
		}
		vs = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: values: %w", err)
	}
	return vs, nil
}

// periodCache parses stored periods once each: there are few distinct ones
// and model.PeriodKey runs regular expressions.
type periodCache map[string]model.Period

func (c *periodCache) parse(s string) (model.Period, error) {
	if p, ok := (*c)[s]; ok {
		return p, nil
	}
	p, err := model.PeriodKey(s)
	if err != nil {
		return p, err
	}
	if *c == nil {
		*c = periodCache{}
	}
	(*c)[s] = p
	return p, nil
}

// Units lists the business units that have values, by name.
func (s *Store) Units(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM units
		WHERE id IN (SELECT unit_id FROM metric_values) ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: units: %w", err)
	}
	defer rows.Close()
	var us []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("store: units: %w", err)
		}
		us = append(us, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: units: %w", err)
	}
	return us, nil
}

// Counts is the size of a workspace.
type Counts struct {
	Batches      int
	Observations int
	Metrics      int // catalogue entries
	Units        int // units that have values
	Values       int // (metric, unit, period) values
}

// Counts counts batches, observations, metrics, units and values.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	// Observations are summed from the batch rows: counting a million index
	// entries takes noticeable time, and a batch's rows never change.
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM batches),
		(SELECT COALESCE(SUM(rows), 0) FROM batches),
		(SELECT COUNT(*) FROM metrics),
		(SELECT COUNT(DISTINCT unit_id) FROM metric_values),
		(SELECT COUNT(*) FROM metric_values)`).Scan(&c.Batches, &c.Observations, &c.Metrics, &c.Units, &c.Values)
	if err != nil {
		return Counts{}, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}
