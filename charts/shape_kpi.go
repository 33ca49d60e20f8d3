package charts

import (
	"math"

	"cxdash/model"
)

// KPI is the tile of unit's overall index (key "") or of one discipline
// (its key) in the last of periods, with the trend over all of them.
func KPI(fw model.Framework, sc *model.Scorer, unit, key string, periods []model.Period) KPIData {
	d := KPIData{Title: "Overall CX maturity", Format: ScoreFormat}
	if key != "" {
		if fd, ok := fw.Discipline(key); ok {
			d.Title = fd.Name
		} else {
			d.Title = key
		}
	}
	if len(periods) == 0 {
		return d
	}
	pick := func(s model.Summary) (Point, *float64, string) {
		if key == "" {
			return overallPoint(s), s.Overall.Delta, s.Overall.LevelName
		}
		for _, ds := range s.Disciplines {
			if ds.Key == key {
				return disciplinePoint(ds), ds.Delta, ds.LevelName
			}
		}
		return Point{}, nil, ""
	}
	for _, s := range summaries(sc, unit, periods) {
		p, delta, level := pick(s)
		d.Trend = append(d.Trend, p)
		d.Value, d.Delta, d.Level = p, delta, level
	}
	last := periods[len(periods)-1]
	d.TrendLabels = PeriodLabels(periods)
	d.DeltaLabel = "vs " + last.Prev().Label()
	return d
}

// MetricKPI is the tile of metric m's value in unit, in its own unit of
// measure, in the last of periods.
func MetricKPI(fw model.Framework, sc *model.Scorer, unit string, m model.Metric, periods []model.Period) KPIData {
	d := KPIData{Title: m.Name, LowerBetter: m.Direction == model.LowerBetter,
		Format: Format{Decimals: 1, Unit: m.Unit}}
	switch {
	case m.Scale == model.ScaleLevel || m.Unit == "level":
		d.Format = ScoreFormat
	case len([]rune(m.Unit)) > 2: // "points", "1-7": in the title, not after the big number
		d.Title += " (" + m.Unit + ")"
		d.Format.Unit = ""
	}
	find := func(s model.Summary) (model.MetricScore, bool) {
		for _, ds := range s.Disciplines {
			for _, ms := range ds.Metrics {
				if model.MetricKey(ms.Metric) == model.MetricKey(m.Name) {
					return ms, true
				}
			}
		}
		return model.MetricScore{}, false
	}
	if len(periods) == 0 {
		return d
	}
	for _, s := range summaries(sc, unit, periods) {
		var p Point
		if ms, ok := find(s); ok {
			p = Pt(ms.Value, ms.Rows)
		}
		d.Trend = append(d.Trend, p)
	}
	last := periods[len(periods)-1]
	d.TrendLabels = PeriodLabels(periods)
	d.DeltaLabel = "vs " + last.Prev().Label()
	if ms, ok := find(sc.Summary(unit, last)); ok {
		d.Value = Pt(ms.Value, ms.Rows)
		d.Level = fw.LevelName(model.Level(ms.Score))
		if pm, ok := find(sc.Summary(unit, last.Prev())); ok && !math.IsNaN(ms.Value-pm.Value) {
			delta := ms.Value - pm.Value
			d.Delta = &delta
		}
	}
	return d
}
