package charts

import (
	"math"
	"sort"
	"strings"

	"cxdash/model"
)

// This file turns model scores into chart data. Scores are maturity levels
// 1..5, so score charts fix their axis there and name the levels.

// Span returns the periods from first to last, one after the other at
// first's granularity, including periods without data so that charts show
// them as gaps. It is empty when last comes before first, and capped at 400
// periods.
func Span(first, last model.Period) []model.Period {
	if first.IsZero() || last.IsZero() {
		return nil
	}
	if l, ok := last.Rollup(first.Gran); ok {
		last = l
	} else if f, ok := first.Rollup(last.Gran); ok {
		first = f
	}
	var out []model.Period
	for p := first; !last.Before(p) && len(out) < 400; p = p.Next() {
		out = append(out, p)
	}
	return out
}

// LastPeriods returns the n periods of granularity g that end with the
// latest period with data, gaps included.
func LastPeriods(sc *model.Scorer, g model.Granularity, n int) []model.Period {
	latest, ok := sc.Latest(g)
	if !ok || n <= 0 {
		return nil
	}
	first := latest
	for i := 1; i < n; i++ {
		first = first.Prev()
	}
	if ps := sc.Periods(g); len(ps) > 0 && first.Before(ps[0]) {
		first = ps[0] // no leading empty periods
	}
	return Span(first, latest)
}

// PeriodLabels returns the labels people read: Q1 2024, Jan 2024, 2024.
func PeriodLabels(periods []model.Period) []string {
	out := make([]string, len(periods))
	for i, p := range periods {
		out[i] = p.Label()
	}
	return out
}

// Events places notes (an outage, a reorganisation) on the periods they
// fall in; notes on finer periods roll up, and notes sharing a period are
// joined.
func Events(periods []model.Period, notes map[model.Period]string) []Event {
	if len(periods) == 0 {
		return nil
	}
	keys := make([]model.Period, 0, len(notes))
	for p := range notes {
		keys = append(keys, p)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Before(keys[j]) })
	index := make(map[model.Period]int, len(periods))
	for i, p := range periods {
		index[p] = i
	}
	var out []Event
	for _, k := range keys {
		text := strings.TrimSpace(notes[k])
		p, ok := k.Rollup(periods[0].Gran)
		i, found := index[p]
		if !ok || !found || text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Index == i {
			if !strings.Contains(out[n-1].Label, text) {
				out[n-1].Label += "; " + text
			}
			continue
		}
		out = append(out, Event{Index: i, Label: text})
	}
	return out
}

// levels returns the framework's level names as a slice.
func levels(fw model.Framework) []string { return append([]string(nil), fw.LevelNames[:]...) }

// disciplinePoint is a discipline's score as a point, missing when absent.
func disciplinePoint(d model.DisciplineScore) Point {
	if !d.Present {
		return Point{}
	}
	return Pt(d.Score, d.Rows)
}

// overallPoint is the overall index as a point resting on every
// discipline's rows.
func overallPoint(s model.Summary) Point {
	if !s.Overall.Present {
		return Point{}
	}
	rows := 0
	for _, d := range s.Disciplines {
		rows += d.Rows
	}
	return Pt(s.Overall.Score, rows)
}

// summaries scores unit in every period.
func summaries(sc *model.Scorer, unit string, periods []model.Period) []model.Summary {
	out := make([]model.Summary, len(periods))
	for i, p := range periods {
		out[i] = sc.Summary(unit, p)
	}
	return out
}

// disciplineNames returns the names of the framework's disciplines.
func disciplineNames(fw model.Framework) []string {
	out := make([]string, len(fw.Disciplines))
	for i, d := range fw.Disciplines {
		out[i] = d.Name
	}
	return out
}

// RadarFromSummaries shows the disciplines of cur, with prev (when it has
// data) and the targets (when any is set) beside them.
func RadarFromSummaries(fw model.Framework, cur, prev model.Summary) RadarData {
	d := RadarData{Levels: levels(fw), Max: 5, Format: ScoreFormat}
	for _, ds := range cur.Disciplines {
		d.Axes = append(d.Axes, ds.Name)
	}
	if len(d.Axes) == 0 {
		d.Axes = disciplineNames(fw)
	}
	now := Series{Name: periodName(cur.Period, "Now"), Fill: true, Colour: 1}
	before := Series{Name: periodName(prev.Period, "Previous"), Muted: true}
	target := Series{Name: "Target", Dashed: true, Colour: 4}
	var anyPrev, anyTarget bool
	for i, ds := range cur.Disciplines {
		now.Points = append(now.Points, disciplinePoint(ds))
		var pp Point
		if i < len(prev.Disciplines) && prev.Disciplines[i].Key == ds.Key {
			pp = disciplinePoint(prev.Disciplines[i])
		}
		anyPrev = anyPrev || pp.Present
		before.Points = append(before.Points, pp)
		var tp Point
		if ds.Target != nil {
			tp, anyTarget = Pt(*ds.Target, 0), true
		}
		target.Points = append(target.Points, tp)
	}
	if len(cur.Disciplines) == 0 {
		return d
	}
	d.Series = append(d.Series, now)
	if anyPrev {
		d.Series = append(d.Series, before)
	}
	if anyTarget {
		d.Series = append(d.Series, target)
	}
	return d
}

func periodName(p model.Period, zero string) string {
	if p.IsZero() {
		return zero
	}
	return p.Label()
}

// DisciplineTrend has one line per discipline of unit (model.AllUnits for
// all) over periods, and the band the disciplines' targets span.
func DisciplineTrend(fw model.Framework, sc *model.Scorer, unit string, periods []model.Period) LineData {
	sums := summaries(sc, unit, periods)
	d := LineData{Labels: PeriodLabels(periods), Min: 1, Max: 5, Levels: levels(fw), Format: ScoreFormat}
	for i, fd := range fw.Disciplines {
		s := Series{Name: fd.Name, Points: make([]Point, len(sums))}
		for j, sum := range sums {
			if i < len(sum.Disciplines) {
				s.Points[j] = disciplinePoint(sum.Disciplines[i])
			}
		}
		d.Series = append(d.Series, s)
	}
	if len(sums) > 0 {
		d.Target = targetBand(sums[len(sums)-1].Disciplines)
	}
	return d
}

// targetBand spans the disciplines' targets: a line when they agree.
func targetBand(ds []model.DisciplineScore) *Band {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, d := range ds {
		if d.Target != nil && !math.IsNaN(*d.Target) {
			lo, hi = math.Min(lo, *d.Target), math.Max(hi, *d.Target)
		}
	}
	switch {
	case lo > hi:
		return nil
	case lo == hi:
		return &Band{Lo: lo, Hi: hi, Label: "Target " + ScoreFormat.String(lo)}
	}
	return &Band{Lo: lo, Hi: hi, Label: "Targets " + ScoreFormat.String(lo) + "–" + ScoreFormat.String(hi)}
}

// MetricTrend has one line per metric of a discipline (its key) in unit
// over periods, as maturity scores so that metrics of any unit compare.
func MetricTrend(fw model.Framework, sc *model.Scorer, unit, discipline string, periods []model.Period) LineData {
	sums := summaries(sc, unit, periods)
	d := LineData{Labels: PeriodLabels(periods), Min: 1, Max: 5, Levels: levels(fw), Format: ScoreFormat}
	byName := map[string]int{}
	for j, sum := range sums {
		for _, ds := range sum.Disciplines {
			if ds.Key != discipline {
				continue
			}
			for _, m := range ds.Metrics {
				k, ok := byName[model.MetricKey(m.Metric)]
				if !ok {
					k = len(d.Series)
					byName[model.MetricKey(m.Metric)] = k
					d.Series = append(d.Series, Series{Name: m.Metric, Points: make([]Point, len(sums))})
				}
				d.Series[k].Points[j] = Pt(m.Score, m.Rows)
			}
		}
	}
	sort.SliceStable(d.Series, func(i, j int) bool { return d.Series[i].Name < d.Series[j].Name })
	return d
}

// UnitTrend has one line per business unit: its overall index over periods,
// with the all-units target.
func UnitTrend(fw model.Framework, sc *model.Scorer, periods []model.Period) LineData {
	d := LineData{Labels: PeriodLabels(periods), Min: 1, Max: 5, Levels: levels(fw), Format: ScoreFormat}
	for _, u := range sc.Units() {
		s := Series{Name: u, Points: make([]Point, len(periods))}
		for j, p := range periods {
			s.Points[j] = overallPoint(sc.Summary(u, p))
		}
		d.Series = append(d.Series, s)
	}
	if len(periods) > 0 {
		if t := sc.Summary(model.AllUnits, periods[len(periods)-1]).Overall.Target; t != nil {
			d.Target = &Band{Lo: *t, Hi: *t, Label: "Target " + ScoreFormat.String(*t)}
		}
	}
	return d
}
