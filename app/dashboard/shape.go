package dashboard

import (
	"slices"
	"sort"
	"sync"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// view is everything the dashboard shows for one state and set of
// filters, shaped off the UI thread.
type view struct {
	unit      string
	period    model.Period // the period scored: the last in the filters' range
	cur, prev model.Summary

	radar     charts.RadarData
	trend     charts.LineData
	heat      charts.HeatmapData
	heatUnits bool     // rows are business units and columns disciplines
	heatRows  []string // discipline key (or unit) of each heatmap row
	gaps      charts.BarData
	gapKeys   []string // discipline key of each gap bar, in the bars' order
	kpis      []kpiTile
}

// kpiTile is one headline tile: a metric's value, or a discipline's score
// when the workspace has too few headline metrics.
type kpiTile struct {
	data       charts.KPIData
	metric     *model.MetricScore // the metric's score now; nil for a discipline tile or no data
	discipline string             // key of the metric's or the tile's discipline
	shape      func() charts.KPIData
	// answers is set for a metric computed from answers: its tile shows n
	// and the margin of error, and tests its change against them.
	answers *answerKPI
}

// headlineKPIs are the metrics executives look for first, in order: the
// tie-break when metrics rest on the same number of rows.
var headlineKPIs = []string{"NPS", "CSAT %", "Churn %", "FCR %", "CES", "Retention %"}

const (
	kpiTiles    = 4  // headline tiles beside the overall index
	kpiTrendLen = 12 // periods in a tile's sparkline
)

// shape scores the filters' current period and shapes every chart.
// ok is false when the filters' range holds no data. The charts are shaped
// side by side: each scores every period of the range, which takes a
// while on a big workspace, and the Scorer is safe for concurrent reads.
func shape(snap *workspace.State, f workspace.Filters, notes screen.UnitNotes) (view, bool) {
	p, ok := snap.Current(f)
	if !ok {
		return view{}, false
	}
	sc, fw := snap.Scorer, snap.Framework
	unit := f.Unit
	if unit == "" {
		unit = model.AllUnits
	}
	ps := snap.Periods(f)
	span := charts.Span(ps[0], p)
	d := view{unit: unit, period: p, cur: sc.Summary(unit, p), prev: sc.Summary(unit, p.Prev())}
	d.radar = charts.RadarFromSummaries(fw, d.cur, d.prev)
	d.gaps = charts.GapBars(d.cur)
	keyOf := map[string]string{}
	for _, ds := range d.cur.Disciplines {
		keyOf[ds.Name] = ds.Key
	}
	for _, b := range d.gaps.Bars {
		d.gapKeys = append(d.gapKeys, keyOf[b.Label])
	}

	var wg sync.WaitGroup
	wg.Go(func() {
		d.trend = charts.DisciplineTrend(fw, sc, unit, span)
		d.trend.Events = charts.Events(span, screen.EventNotes(notes.Of(unit), snap.Events, unit, span[0].Gran))
	})
	wg.Go(func() {
		if unit == model.AllUnits && len(snap.Units) > 1 {
			d.heat, d.heatUnits, d.heatRows = charts.UnitHeatmap(fw, sc, p), true, sc.Units()
			return
		}
		d.heat = charts.DisciplineHeatmap(fw, sc, unit, span)
		for _, fd := range fw.Disciplines {
			d.heatRows = append(d.heatRows, fd.Key)
		}
	})
	d.kpis = shapeKPIs(snap, unit, d.cur, d.prev, span[max(0, len(span)-kpiTrendLen):])
	wg.Wait()
	return d, true
}

// shapeKPIs picks the headline tiles: the threshold-scale metrics with data
// now that rest on the most rows, then the disciplines furthest from target
// when there are fewer than kpiTiles such metrics.
func shapeKPIs(snap *workspace.State, unit string, cur, prev model.Summary, periods []model.Period) []kpiTile {
	now, before := metricScores(cur), metricScores(prev)
	rank := func(name string) int {
		for i, h := range headlineKPIs {
			if model.MetricKey(h) == model.MetricKey(name) {
				return i
			}
		}
		return len(headlineKPIs)
	}
	var picks []model.Metric
	for _, m := range snap.Metrics {
		if _, ok := now[model.MetricKey(m.Name)]; ok && m.Scale == model.ScaleThresholds {
			picks = append(picks, m)
		}
	}
	sort.SliceStable(picks, func(i, j int) bool {
		a, b := now[model.MetricKey(picks[i].Name)], now[model.MetricKey(picks[j].Name)]
		if a.Rows != b.Rows {
			return a.Rows > b.Rows
		}
		return rank(picks[i].Name) < rank(picks[j].Name)
	})
	var out []kpiTile
	for _, m := range picks[:min(len(picks), kpiTiles)] {
		ms := now[model.MetricKey(m.Name)]
		tile := kpiTile{metric: &ms, discipline: m.Discipline, shape: func() charts.KPIData {
			return charts.MetricKPI(snap.Framework, snap.Scorer, unit, m, periods)
		}}
		if ms.Answers {
			tile.answers = &answerKPI{cur: ms.Estimate}
			if pm, ok := before[model.MetricKey(m.Name)]; ok && pm.Answers {
				tile.answers.prev = &pm.Estimate
			}
		}
		out = append(out, tile)
	}
	// Fill the row with the disciplines furthest from target.
	byGap := slices.Clone(cur.Disciplines)
	sort.SliceStable(byGap, func(i, j int) bool { return gapOf(byGap[i]) > gapOf(byGap[j]) })
	for _, ds := range byGap {
		if len(out) >= kpiTiles {
			break
		}
		if ds.Present {
			out = append(out, kpiTile{discipline: ds.Key, shape: func() charts.KPIData {
				return charts.KPI(snap.Framework, snap.Scorer, unit, ds.Key, periods)
			}})
		}
	}
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() { out[i].data, out[i].shape = out[i].shape(), nil })
	}
	wg.Wait()
	return out
}

// metricScores indexes a summary's metric scores by MetricKey.
func metricScores(s model.Summary) map[string]model.MetricScore {
	out := map[string]model.MetricScore{}
	for _, ds := range s.Disciplines {
		for _, ms := range ds.Metrics {
			out[model.MetricKey(ms.Metric)] = ms
		}
	}
	return out
}

func gapOf(ds model.DisciplineScore) float64 {
	if ds.Gap == nil || !ds.Present {
		return -10
	}
	return *ds.Gap
}
