package store

import (
	"context"
	"fmt"
	"strings"

	"cxdash/model"
)

// ObservationFilter selects observations for the data browser and for
// provenance ("where does this number come from"). Zero fields match all.
type ObservationFilter struct {
	Unit       string
	Discipline string // key, or a name model.ParseDiscipline knows
	Metric     string // any case and spacing
	// Period matches itself and, for a quarter or year, the periods inside it.
	Period  model.Period
	BatchID int64
	// OnlyCurrent keeps the observations that count: those of the batch
	// whose value is current for their (metric, unit, period).
	OnlyCurrent bool
	Limit       int    // 0: no limit
	Offset      int    // rows to skip
	OrderBy     string // "period", "metric", "unit", "value", "batch"; "" is import order
	Desc        bool
}

var orderColumns = map[string]string{
	"":       "o.id",
	"period": "o.period",
	"metric": "m.name COLLATE NOCASE",
	"unit":   "u.name",
	"value":  "o.value",
	"batch":  "o.batch_id",
}

// where builds the filter's WHERE clause over observations o.
func (f ObservationFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.Unit != "" {
		conds = append(conds, `o.unit_id = (SELECT id FROM units WHERE name = ?)`)
		args = append(args, strings.TrimSpace(f.Unit))
	}
	if f.Discipline != "" {
		d := f.Discipline
		if key, ok := model.ParseDiscipline(d); ok {
			d = key
		}
		conds = append(conds, `o.metric_id IN (SELECT id FROM metrics WHERE discipline = ?)`)
		args = append(args, d)
	}
	if f.Metric != "" {
		conds = append(conds, `o.metric_id = (SELECT id FROM metrics WHERE key = ?)`)
		args = append(args, model.MetricKey(f.Metric))
	}
	if !f.Period.IsZero() {
		ps := periodsWithin(f.Period)
		conds = append(conds, `o.period IN (?`+strings.Repeat(", ?", len(ps)-1)+`)`)
		args = append(args, ps...)
	}
	if f.BatchID != 0 {
		conds = append(conds, `o.batch_id = ?`)
		args = append(args, f.BatchID)
	}
	if f.OnlyCurrent {
		conds = append(conds, `EXISTS (SELECT 1 FROM metric_values v WHERE v.metric_id = o.metric_id
			AND v.unit_id = o.unit_id AND v.period = o.period AND v.batch_id = o.batch_id)`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// periodsWithin is p and the periods inside it, as stored text.
func periodsWithin(p model.Period) []any {
	ps := []any{p.String()}
	switch p.Gran {
	case model.Year:
		for q := 1; q <= 4; q++ {
			ps = append(ps, model.QuarterPeriod(p.Year, q).String())
		}
		for m := 1; m <= 12; m++ {
			ps = append(ps, model.MonthPeriod(p.Year, m).String())
		}
	case model.Quarter:
		for m := 3*p.N - 2; m <= 3*p.N; m++ {
			ps = append(ps, model.MonthPeriod(p.Year, m).String())
		}
	}
	return ps
}

// Observations returns the observations f selects, with their source.
func (s *Store) Observations(ctx context.Context, f ObservationFilter) ([]model.Observation, error) {
	order, ok := orderColumns[f.OrderBy]
	if !ok {
		return nil, fmt.Errorf("store: observations: cannot order by %q", f.OrderBy)
	}
	dir := ""
	if f.Desc {
		dir = " DESC"
	}
	cond, args := f.where()
	limit := f.Limit
	if limit <= 0 {
		limit = noLimit
	}
	q := `SELECT m.name, u.name, o.period, o.value, o.note, o.batch_id, b.file, o.sheet, o.cell
		FROM observations o JOIN metrics m ON m.id = o.metric_id JOIN units u ON u.id = o.unit_id
		JOIN batches b ON b.id = o.batch_id` + cond +
		` ORDER BY ` + order + dir + `, o.id` + dir + ` LIMIT ? OFFSET ?`
	rows, err := s.db.QueryContext(ctx, q, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("store: observations: %w", err)
	}
	defer rows.Close()
	var obs []model.Observation
	var pc periodCache
	for rows.Next() {
		var o model.Observation
		var period string
		src := &o.Source
		if err := rows.Scan(&o.Metric, &o.Unit, &period, &o.Value, &o.Note, &src.BatchID, &src.File, &src.Sheet, &src.Cell); err != nil {
			return nil, fmt.Errorf("store: observations: %w", err)
		}
		if o.Period, err = pc.parse(period); err != nil {
			return nil, fmt.Errorf("store: observations: %s!%s in %s: %w", src.Sheet, src.Cell, src.File, err)
		}
		obs = append(obs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: observations: %w", err)
	}
	return obs, nil
}

// CountObservations counts the observations f selects, ignoring its Limit
// and Offset: the data browser's page count.
func (s *Store) CountObservations(ctx context.Context, f ObservationFilter) (int, error) {
	cond, args := f.where()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM observations o`+cond, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count observations: %w", err)
	}
	return n, nil
}
