package discipline

import (
	"fmt"
	"slices"
	"strconv"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// view is what the discipline view shows for one state, filters and
// discipline, shaped off the UI thread.
type view struct {
	unit    string
	period  model.Period
	cur     model.Summary
	ds      model.DisciplineScore
	trend   charts.LineData          // the discipline's score against its target
	lines   map[string]charts.Series // each metric's score, by MetricKey
	metrics []metricRow
	ok      bool // false: the filters' range has no data
}

// metricRow is one metric of the discipline now, with its catalogue entry
// and, for all units, each unit's score of it (how its mean was made).
type metricRow struct {
	score  model.MetricScore
	metric model.Metric
	format charts.Format
	units  []model.MetricScore // per unit, for model.AllUnits only
	// prev is the metric's answers' estimate in the period before, for a
	// metric computed from answers that has answers then too.
	prev *model.Estimate
}

// shape scores discipline key in the filters' current period, with its trend
// and its metrics.
func shape(snap *workspace.State, f workspace.Filters, key string, notes screen.UnitNotes) view {
	unit := f.Unit
	if unit == "" {
		unit = model.AllUnits
	}
	d := view{unit: unit}
	p, ok := snap.Current(f)
	if !ok {
		return d
	}
	sc := snap.Scorer
	ps := snap.Periods(f)
	span := charts.Span(ps[0], p)
	d.period, d.ok = p, true
	d.cur = sc.Summary(unit, p)
	for _, ds := range d.cur.Disciplines {
		if ds.Key == key {
			d.ds = ds
		}
	}
	d.trend, d.lines = shapeTrend(snap, unit, key, span)
	d.trend.Events = charts.Events(span, screen.EventNotes(notes.Of(unit), snap.Events, unit, span[0].Gran))

	catalogue := map[string]model.Metric{}
	for _, m := range snap.Metrics {
		catalogue[model.MetricKey(m.Name)] = m
	}
	perUnit := map[string][]model.MetricScore{}
	if unit == model.AllUnits {
		for _, u := range snap.Units {
			for _, ds := range sc.Summary(u, p).Disciplines {
				if ds.Key != key {
					continue
				}
				for _, ms := range ds.Metrics {
					k := model.MetricKey(ms.Metric)
					perUnit[k] = append(perUnit[k], withUnit(ms, u))
				}
			}
		}
	}
	before := map[string]model.Estimate{}
	for _, ds := range sc.Summary(unit, p.Prev()).Disciplines {
		for _, ms := range ds.Metrics {
			if ds.Key == key && ms.Answers {
				before[model.MetricKey(ms.Metric)] = ms.Estimate
			}
		}
	}
	for _, ms := range d.ds.Metrics {
		k := model.MetricKey(ms.Metric)
		m := catalogue[k]
		r := metricRow{score: ms, metric: m, format: screen.MetricFormat(m), units: perUnit[k]}
		if e, ok := before[k]; ok && ms.Answers {
			r.prev = &e
		}
		d.metrics = append(d.metrics, r)
	}
	return d
}

// withUnit prefixes a unit's metric explanation with the unit's name.
func withUnit(ms model.MetricScore, unit string) model.MetricScore {
	ms.Explain = unit + ": " + ms.Explain
	return ms
}

// shapeTrend is the discipline's own score over periods against its
// target, and each of its metrics' scores over the same periods: the chart
// shows the discipline with the metric selected, since six lines in a small
// chart say less than two.
func shapeTrend(snap *workspace.State, unit, key string, span []model.Period) (charts.LineData, map[string]charts.Series) {
	fw, sc := snap.Framework, snap.Scorer
	d := charts.DisciplineTrend(fw, sc, unit, span)
	fd, _ := fw.Discipline(key)
	all := d.Series
	d.Series, d.Target = nil, nil
	for _, s := range all {
		if s.Name == fd.Name {
			d.Series = append(d.Series, s)
		}
	}
	if len(span) > 0 {
		for _, ds := range sc.Summary(unit, span[len(span)-1]).Disciplines {
			if ds.Key == key && ds.Target != nil {
				d.Target = &charts.Band{Lo: *ds.Target, Hi: *ds.Target, Label: "Target " + charts.ScoreFormat.String(*ds.Target)}
			}
		}
	}
	lines := map[string]charts.Series{}
	for _, s := range charts.MetricTrend(fw, sc, unit, key, span).Series {
		lines[model.MetricKey(s.Name)] = s
	}
	return d, lines
}

// trendWith is the discipline's trend with metric's line added, if it has
// one.
func (d view) trendWith(metric string) charts.LineData {
	t := d.trend
	if s, ok := d.lines[model.MetricKey(metric)]; ok && metric != "" {
		t.Series = append(slices.Clip(t.Series), s)
	}
	return t
}

// rawFormat prints a number as read, with every digit (provenance, not
// presentation), in its unit of measure.
func rawFormat(v float64, unit string) string {
	return withMeasure(strconv.FormatFloat(v, 'f', -1, 64), unit)
}

// withMeasure appends a unit of measure to a printed number as Format
// does: "%" directly, others after a space, scores without.
func withMeasure(s, unit string) string {
	switch unit {
	case "", "level":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + unit
}

// metricLines explains a metric's number on screen: how its value and
// score were made, per unit for all units, and its target.
func metricLines(r metricRow, unit string, p model.Period) []string {
	ms := r.score
	lines := []string{fmt.Sprintf("%s in %s, %s: value %s, score %s.", ms.Metric, model.UnitLabel(unit), p.Label(),
		r.format.String(ms.Value), charts.ScoreFormat.String(ms.Score))}
	if unit == model.AllUnits && len(r.units) > 0 {
		lines = append(lines, ms.Explain+". Each unit:")
		for _, u := range r.units {
			lines = append(lines, "  "+u.Explain)
		}
	} else {
		lines = append(lines, ms.Explain)
	}
	if ms.Answers {
		lines = append(lines, screen.MarginSentence(ms.Estimate, r.format))
		if r.prev != nil {
			lines = append(lines, screen.ChangeSentence(*r.prev, ms.Estimate, r.format, p.Prev())+".")
		}
	}
	if ms.Target != nil && ms.TargetScore != nil {
		lines = append(lines, fmt.Sprintf("Target %s, which scores %s.", r.format.String(*ms.Target),
			charts.ScoreFormat.String(*ms.TargetScore)))
	}
	lines = append(lines, fmt.Sprintf("It counts towards its discipline's score with weight %g.", ms.Weight))
	return lines
}
