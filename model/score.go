package model

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// MetricScore is one metric's value and score in a unit and period.
type MetricScore struct {
	Metric     string
	Discipline string
	Value      float64 // rule 1: the mean of the observations, or the KPI of the answers (for all units: mean of unit values, or the KPI of all their answers)
	Rows       int     // observations the value rests on
	// Answers is set for a metric computed from answers: Estimate then
	// carries the value's n and 95% margin of error.
	Answers     bool
	Estimate    Estimate
	Score       float64
	Weight      float64
	Target      *float64 // in the metric's unit
	TargetScore *float64
	Explain     string
}

// DisciplineScore is one discipline's maturity in a unit and period.
type DisciplineScore struct {
	Key       string
	Name      string
	Present   bool // false: no metric of this discipline has data
	Score     float64
	Level     int
	LevelName string
	Delta     *float64 // against the previous period
	Target    *float64
	Gap       *float64 // target - score
	Rows      int
	Metrics   []MetricScore
	Explain   string
}

// OverallScore is the CX maturity index.
type OverallScore struct {
	Present   bool
	Score     float64
	Level     int
	LevelName string
	Coverage  float64 // disciplines present / 6
	Delta     *float64
	Target    *float64
	Gap       *float64
	Explain   string
}

// Summary is the scored state of one unit (or all units) in one period.
type Summary struct {
	Unit        string // AllUnits for the all-units view
	Period      Period
	Overall     OverallScore
	Disciplines []DisciplineScore // in framework order, present or not
}

// Scorer scores a workspace's values. Build it once per data change; it
// indexes values by unit, metric and period at every granularity.
type Scorer struct {
	fw      Framework
	metrics map[string]Metric // by MetricKey
	units   []string
	cells   map[cellKey]*cell
	periods map[Granularity]map[Period]bool
}

type cellKey struct {
	unit   string
	metric string // MetricKey
	period Period
}

// cell holds the sufficient statistics of a (unit, metric, period): for
// every metric the sum and count of its observations, and for answers what
// their KPI and its margin of error need (Tally). Months add up into
// quarters and years, and units into all units, by adding tallies.
type cell struct {
	Tally
}

// NewScorer indexes values for scoring. Values of metrics not in the
// catalogue are ignored: the importer never stores such values.
func NewScorer(fw Framework, metrics []Metric, values []Value) *Scorer {
	s := &Scorer{
		fw:      fw,
		metrics: make(map[string]Metric, len(metrics)),
		cells:   make(map[cellKey]*cell, len(values)),
		periods: map[Granularity]map[Period]bool{Month: {}, Quarter: {}, Year: {}},
	}
	for _, m := range metrics {
		s.metrics[MetricKey(m.Name)] = m
	}
	units := map[string]bool{}
	for _, v := range values {
		mk := MetricKey(v.Metric)
		if _, ok := s.metrics[mk]; !ok || v.Count <= 0 || v.Period.IsZero() {
			continue
		}
		units[v.Unit] = true
		for g := v.Period.Gran; g <= Year; g++ {
			p, _ := v.Period.Rollup(g)
			k := cellKey{v.Unit, mk, p}
			c := s.cells[k]
			if c == nil {
				c = &cell{}
				s.cells[k] = c
			}
			c.Merge(v.Tally())
			s.periods[g][p] = true
		}
	}
	for u := range units {
		s.units = append(s.units, u)
	}
	sort.Strings(s.units)
	return s
}

// Units lists the business units that have data, sorted.
func (s *Scorer) Units() []string { return append([]string(nil), s.units...) }

// Periods lists the periods of granularity g that have data, oldest first.
func (s *Scorer) Periods(g Granularity) []Period {
	ps := make([]Period, 0, len(s.periods[g]))
	for p := range s.periods[g] {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Before(ps[j]) })
	return ps
}

// DefaultGranularity is quarter, or year when every value is yearly.
func (s *Scorer) DefaultGranularity() Granularity {
	if len(s.periods[Quarter]) == 0 && len(s.periods[Year]) > 0 {
		return Year
	}
	return Quarter
}

// Latest returns the latest period of granularity g with data.
func (s *Scorer) Latest(g Granularity) (Period, bool) {
	ps := s.Periods(g)
	if len(ps) == 0 {
		return Period{}, false
	}
	return ps[len(ps)-1], true
}

// Summary scores unit (AllUnits for every unit) in period p, with deltas
// against the period before it.
func (s *Scorer) Summary(unit string, p Period) Summary {
	cur := s.summary(unit, p)
	prev := s.summary(unit, p.Prev())
	for i := range cur.Disciplines {
		d, pd := &cur.Disciplines[i], prev.Disciplines[i]
		if d.Present && pd.Present {
			d.Delta = ptr(d.Score - pd.Score)
		}
	}
	if cur.Overall.Present && prev.Overall.Present {
		cur.Overall.Delta = ptr(cur.Overall.Score - prev.Overall.Score)
	}
	return cur
}

func (s *Scorer) summary(unit string, p Period) Summary {
	var sum Summary
	if IsAllUnits(unit) {
		sum = s.allUnits(p)
	} else {
		sum = s.unitSummary(unit, p)
	}
	s.finish(&sum)
	return sum
}

// unitSummary applies rules 1 to 4 to one unit.
func (s *Scorer) unitSummary(unit string, p Period) Summary {
	sum := Summary{Unit: unit, Period: p}
	byDisc := map[string][]MetricScore{}
	for mk, m := range s.metrics {
		c := s.cells[cellKey{unit, mk, p}]
		if c == nil {
			continue
		}
		byDisc[m.Discipline] = append(byDisc[m.Discipline], s.metricScore(m, c.Tally))
	}
	for _, d := range s.fw.Disciplines {
		ds := DisciplineScore{Key: d.Key, Name: d.Name}
		ms := byDisc[d.Key]
		sort.Slice(ms, func(i, j int) bool { return ms[i].Metric < ms[j].Metric })
		if len(ms) > 0 {
			var wsum, total float64
			parts := make([]string, len(ms))
			for i, m := range ms {
				wsum += m.Weight
				total += m.Score * m.Weight
				ds.Rows += m.Rows
				parts[i] = fmt.Sprintf("%s %.2f×%g", m.Metric, m.Score, m.Weight)
			}
			ds.Present = true
			ds.Score = total / wsum
			ds.Explain = fmt.Sprintf("%s in %s, %s: weighted mean of %d metric scores (%s) = %.2f",
				d.Name, unit, p.Label(), len(ms), strings.Join(parts, ", "), ds.Score)
		}
		ds.Metrics = ms
		sum.Disciplines = append(sum.Disciplines, ds)
	}
	s.overallFromDisciplines(&sum)
	return sum
}

// metricScore applies rules 1 and 2 to the observations tallied in t: the
// mean of the values, or for answers the KPI of the metric's aggregation,
// and its score.
func (s *Scorer) metricScore(m Metric, t Tally) MetricScore {
	value := t.Sum / float64(t.N)
	ms := MetricScore{Metric: m.Name, Discipline: m.Discipline, Rows: t.N, Weight: m.EffectiveWeight(), Target: m.Target}
	how := fmt.Sprintf("mean of %d value(s)", t.N)
	if m.FromAnswers() {
		if e, ok := t.Estimate(m.Aggregation); ok {
			ms.Answers, ms.Estimate, value = true, e, e.Value
			how = answersRule(m.Aggregation, t)
		}
	}
	ms.Value, ms.Score = value, m.MetricScore(value)
	if m.Target != nil {
		ms.TargetScore = ptr(m.MetricScore(*m.Target))
	}
	ms.Explain = fmt.Sprintf("%s: %s = %s → score %.2f (%s)", m.Name, how, formatNumber(value), ms.Score, scaleRule(m))
	return ms
}

// answersRule says how a KPI was computed from n answers, with the counts it
// rests on: "NPS of 120 answers (50 promoters, 30 detractors)".
func answersRule(a Aggregation, t Tally) string {
	switch a {
	case AggregationNPS:
		return fmt.Sprintf("NPS of %d answers (%% of %d promoters minus %% of %d detractors)", t.N, t.Top, t.Bottom)
	case AggregationTopBox:
		return fmt.Sprintf("%% of %d answers in the top boxes (%d)", t.N, t.Top)
	case AggregationShare:
		return fmt.Sprintf("%% yes of %d answers (%d)", t.N, t.Top)
	case AggregationNet:
		return fmt.Sprintf("%% positive minus %% negative of %d answers (%d and %d)", t.N, t.Top, t.Bottom)
	}
	return fmt.Sprintf("mean of %d answers", t.N)
}

func scaleRule(m Metric) string {
	if m.Scale != ScaleThresholds {
		return "level scale: the value is the score, kept within 1..5"
	}
	t := m.Thresholds
	return fmt.Sprintf("thresholds %s/%s/%s/%s/%s for levels 1..5, %s is better, linear between",
		formatNumber(t[0]), formatNumber(t[1]), formatNumber(t[2]), formatNumber(t[3]), formatNumber(t[4]), m.Direction)
}

// overallFromDisciplines applies rule 4 to a unit's discipline scores.
func (s *Scorer) overallFromDisciplines(sum *Summary) {
	var wsum, total float64
	var parts, missing []string
	present := 0
	for _, ds := range sum.Disciplines {
		if !ds.Present {
			missing = append(missing, ds.Name)
			continue
		}
		d, _ := s.fw.Discipline(ds.Key)
		w := disciplineWeight(d)
		wsum += w
		total += ds.Score * w
		present++
		parts = append(parts, fmt.Sprintf("%s %.2f×%g", ds.Name, ds.Score, w))
	}
	o := &sum.Overall
	o.Coverage = float64(present) / float64(len(DisciplineKeys))
	if present == 0 {
		o.Explain = fmt.Sprintf("No data for %s in %s.", sum.Unit, sum.Period.Label())
		return
	}
	o.Present = true
	o.Score = total / wsum
	o.Explain = fmt.Sprintf("Overall for %s, %s: weighted mean of %d discipline scores (%s) = %.2f; coverage %d/6",
		sum.Unit, sum.Period.Label(), present, strings.Join(parts, ", "), o.Score, present)
	if len(missing) > 0 {
		o.Explain += " (no data: " + strings.Join(missing, ", ") + ")"
	}
}

func disciplineWeight(d Discipline) float64 {
	if d.Weight <= 0 || math.IsNaN(d.Weight) {
		return 1
	}
	return d.Weight
}

// allUnits applies rule 5: every score is the mean of the per-unit scores,
// each unit counting once.
func (s *Scorer) allUnits(p Period) Summary {
	sum := Summary{Unit: AllUnits, Period: p}
	var units []Summary
	for _, u := range s.units {
		units = append(units, s.unitSummary(u, p))
	}
	for i, d := range s.fw.Disciplines {
		ds := DisciplineScore{Key: d.Key, Name: d.Name}
		var parts []string
		metricUnits := map[string][]MetricScore{}
		for _, us := range units {
			ud := us.Disciplines[i]
			if !ud.Present {
				continue
			}
			ds.Score += ud.Score
			ds.Rows += ud.Rows
			parts = append(parts, fmt.Sprintf("%s %.2f", us.Unit, ud.Score))
			for _, m := range ud.Metrics {
				metricUnits[m.Metric] = append(metricUnits[m.Metric], m)
			}
		}
		if len(parts) > 0 {
			ds.Present = true
			ds.Score /= float64(len(parts))
			ds.Explain = fmt.Sprintf("%s across all units, %s: mean of %d unit scores (%s) = %.2f",
				d.Name, p.Label(), len(parts), strings.Join(parts, ", "), ds.Score)
		}
		ds.Metrics = meanMetricScores(metricUnits, func(metric string) (Estimate, bool) { return s.pooled(metric, p) })
		sum.Disciplines = append(sum.Disciplines, ds)
	}
	var parts []string
	present := map[string]bool{}
	for _, us := range units {
		if !us.Overall.Present {
			continue
		}
		sum.Overall.Score += us.Overall.Score
		parts = append(parts, fmt.Sprintf("%s %.2f", us.Unit, us.Overall.Score))
		for _, d := range us.Disciplines {
			if d.Present {
				present[d.Key] = true
			}
		}
	}
	o := &sum.Overall
	o.Coverage = float64(len(present)) / float64(len(DisciplineKeys))
	if len(parts) == 0 {
		o.Explain = fmt.Sprintf("No data in %s.", p.Label())
		return sum
	}
	o.Present = true
	o.Score /= float64(len(parts))
	o.Explain = fmt.Sprintf("Overall across all units, %s: mean of %d unit indexes (%s) = %.2f; coverage %d/6",
		p.Label(), len(parts), strings.Join(parts, ", "), o.Score, len(present))
	return sum
}

// meanMetricScores gives each metric's all-units score: the mean of its
// per-unit scores (rule 5). Its value is the mean of the unit values, or
// for a metric computed from answers the KPI of all the units' answers
// pooled (rule 1), which pooled gives.
func meanMetricScores(byMetric map[string][]MetricScore, pooled func(metric string) (Estimate, bool)) []MetricScore {
	out := make([]MetricScore, 0, len(byMetric))
	for _, ms := range byMetric {
		m := ms[0]
		var value, score float64
		rows := 0
		for _, x := range ms {
			value += x.Value
			score += x.Score
			rows += x.Rows
		}
		n := float64(len(ms))
		m.Value, m.Score, m.Rows = value/n, score/n, rows
		m.Explain = fmt.Sprintf("%s across all units: mean of %d unit scores = %.2f", m.Metric, len(ms), m.Score)
		if m.Answers {
			if e, ok := pooled(m.Metric); ok {
				m.Value, m.Estimate = e.Value, e
				m.Explain = fmt.Sprintf("%s across all units: %s of the %d units' %d answers pooled = %s; score: mean of %d unit scores = %.2f",
					m.Metric, e.Aggregation, len(ms), e.N, formatNumber(e.Value), len(ms), m.Score)
			}
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Metric < out[j].Metric })
	return out
}

// finish sets levels, targets and gaps (rule 6).
func (s *Scorer) finish(sum *Summary) {
	var tw, tt float64
	for i := range sum.Disciplines {
		ds := &sum.Disciplines[i]
		d, _ := s.fw.Discipline(ds.Key)
		ds.Target = d.Target
		if ds.Target == nil {
			ds.Target = derivedTarget(ds.Metrics)
		}
		if !ds.Present {
			continue
		}
		ds.Level, ds.LevelName = Level(ds.Score), s.fw.LevelName(Level(ds.Score))
		if ds.Target != nil {
			ds.Gap = ptr(*ds.Target - ds.Score)
			w := disciplineWeight(d)
			tw += w
			tt += *ds.Target * w
		}
	}
	o := &sum.Overall
	if !o.Present {
		return
	}
	o.Level, o.LevelName = Level(o.Score), s.fw.LevelName(Level(o.Score))
	if tw > 0 {
		o.Target = ptr(tt / tw)
		o.Gap = ptr(*o.Target - o.Score)
	}
}

// derivedTarget is the weighted mean of the target scores of the metrics
// that have targets, for disciplines with no target of their own.
func derivedTarget(ms []MetricScore) *float64 {
	var w, t float64
	for _, m := range ms {
		if m.TargetScore != nil {
			w += m.Weight
			t += *m.TargetScore * m.Weight
		}
	}
	if w == 0 {
		return nil
	}
	return ptr(t / w)
}

// Level is the maturity level of a score: floor(score), within 1..5.
func Level(score float64) int {
	l := int(math.Floor(score))
	if l < 1 {
		return 1
	}
	if l > 5 {
		return 5
	}
	return l
}

func ptr(f float64) *float64 { return &f }

// pooled is the estimate of metric in period p from every unit's answers
// added together: NPS of all answers, never a mean of unit NPS.
func (s *Scorer) pooled(metric string, p Period) (Estimate, bool) {
	mk := MetricKey(metric)
	m, ok := s.metrics[mk]
	if !ok {
		return Estimate{}, false
	}
	var all Tally
	for _, u := range s.units {
		if c := s.cells[cellKey{u, mk, p}]; c != nil {
			all.Merge(c.Tally)
		}
	}
	return all.Estimate(m.Aggregation)
}
