package model

import (
	"math"
	"sort"
)

// MetricValue is one metric's value in one unit (or AllUnits) and period:
// what `cxdash values` lists.
type MetricValue struct {
	Metric string
	Unit   string // a unit, or AllUnits
	Period Period
	Value  float64 // rule 1; for all units, the mean of the unit values
	N      int     // observations (for answers: answers) it rests on
	MOE    float64 // 95% margin of error of a value computed from answers; NaN for other values
	Score  float64 // rule 2; for all units, the mean of the unit scores (rule 5)
}

// MetricValues lists every metric's value per unit and period at
// granularity g, each period's all-units rows after its units', in
// period, then unit, then metric order. unit (a unit name, or AllUnits)
// and metric ("" for every one; matched as MetricKey does) narrow the list.
func (s *Scorer) MetricValues(g Granularity, unit, metric string) []MetricValue {
	var out []MetricValue
	units := s.units
	if unit != "" && !IsAllUnits(unit) {
		units = []string{unit}
	} else if len(units) == 1 && units[0] == AllUnits {
		// Rows that name no unit are the all-units rows themselves: listed
		// once, not once as a unit and again for all units.
		units = nil
	}
	for _, p := range s.Periods(g) {
		if unit == "" || !IsAllUnits(unit) {
			for _, u := range units {
				out = append(out, s.metricValuesOf(s.unitSummary(u, p), metric)...)
			}
		}
		if unit == "" || IsAllUnits(unit) {
			out = append(out, s.metricValuesOf(s.allUnits(p), metric)...)
		}
	}
	return out
}

// metricValuesOf flattens a summary's metric scores into rows.
func (s *Scorer) metricValuesOf(sum Summary, metric string) []MetricValue {
	var out []MetricValue
	for _, d := range sum.Disciplines {
		for _, m := range d.Metrics {
			if metric != "" && MetricKey(m.Metric) != MetricKey(metric) {
				continue
			}
			v := MetricValue{Metric: m.Metric, Unit: sum.Unit, Period: sum.Period, Value: m.Value, N: m.Rows, MOE: math.NaN(), Score: m.Score}
			if m.Answers {
				v.N, v.MOE = m.Estimate.N, m.Estimate.MOE
			}
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return MetricKey(out[i].Metric) < MetricKey(out[j].Metric) })
	return out
}
