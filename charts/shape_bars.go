package charts

import (
	"sort"

	"cxdash/model"
)

// UnitBars compares the business units' overall index in period p, best
// first (units without data last), each with its target.
func UnitBars(fw model.Framework, sc *model.Scorer, p model.Period) BarData {
	d := BarData{Min: 0, Max: 5, Levels: levels(fw), Format: ScoreFormat}
	for _, u := range sc.Units() {
		s := sc.Summary(u, p)
		d.Bars = append(d.Bars, Bar{Label: u, Value: overallPoint(s), Target: s.Overall.Target})
	}
	sortBars(d.Bars)
	return d
}

// GapBars shows each discipline's gap to target (target - score) in s,
// largest first; disciplines without data or target are left out.
func GapBars(s model.Summary) BarData {
	d := BarData{Gaps: true, Format: ScoreFormat}
	for _, ds := range s.Disciplines {
		if ds.Gap == nil || !ds.Present {
			continue
		}
		d.Bars = append(d.Bars, Bar{Label: ds.Name, Value: Pt(*ds.Gap, ds.Rows)})
	}
	sortBars(d.Bars)
	return d
}

// sortBars orders bars by value, largest first, missing values last; ties
// keep their order.
func sortBars(bars []Bar) {
	sort.SliceStable(bars, func(i, j int) bool {
		a, b := bars[i].Value, bars[j].Value
		if a.ok() != b.ok() {
			return a.ok()
		}
		return a.ok() && a.Value > b.Value
	})
}
