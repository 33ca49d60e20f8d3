package model

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Direction says whether higher or lower values are better.
type Direction string

// Directions.
const (
	HigherBetter Direction = "higher"
	LowerBetter  Direction = "lower"
)

// ParseDirection reads a direction as people write it.
func ParseDirection(s string) (Direction, error) {
	switch normalizeName(s) {
	case "", "higher", "higherisbetter", "high", "up", "ascending", "asc", "max", "maximise", "maximize", "increase", "positive", "h", "+":
		return HigherBetter, nil
	case "lower", "lowerisbetter", "low", "down", "descending", "desc", "min", "minimise", "minimize", "decrease", "negative", "l", "-":
		return LowerBetter, nil
	}
	return "", fmt.Errorf("direction %q: use higher or lower", s)
}

// Scale says how a metric's value becomes a 1..5 maturity score.
type Scale string

// Scales.
const (
	// ScaleLevel values already are 1..5 maturity scores (assessment items).
	ScaleLevel Scale = "level"
	// ScaleThresholds values are mapped through five thresholds t1..t5.
	ScaleThresholds Scale = "thresholds"
)

// ParseScale reads a scale name; empty means level.
func ParseScale(s string) (Scale, error) {
	switch normalizeName(s) {
	case "", "level", "levels", "maturity", "score", "15", "likert":
		return ScaleLevel, nil
	case "thresholds", "threshold", "kpi", "t1t5":
		return ScaleThresholds, nil
	}
	return "", fmt.Errorf("scale %q: use level or thresholds", s)
}

// Metric is a catalogue entry: what is measured, in which discipline and how
// its values score.
type Metric struct {
	Name       string
	Discipline string // discipline key
	Unit       string // unit of measure, e.g. "%" or "points"
	Direction  Direction
	Scale      Scale
	Thresholds [5]float64 // t1..t5, for ScaleThresholds
	Weight     float64    // 0 means 1
	Target     *float64   // in the metric's own unit
	Owner      string

	// Aggregation says how the observations make the value (rule 1): the
	// mean ("" or AggregationMean, every metric that is not computed from
	// answers), or NPS, top-box %, share % or net % of answers.
	Aggregation Aggregation
	// Answers is set when each observation is one respondent's answer (or
	// one ticket): the value then carries n and a margin of error, and a
	// group of units or periods pools the answers. Counting aggregations
	// always are answers.
	Answers bool
	// Cutoffs classify one answer as top or bottom for the counting
	// aggregations (NPSCutoffs, TopBoxCutoffs, …).
	Cutoffs Cutoffs
}

// FromAnswers reports whether the metric's observations are answers.
func (m Metric) FromAnswers() bool { return m.Answers || m.Aggregation.Counts() }

// EffectiveWeight is the weight used in averages.
func (m Metric) EffectiveWeight() float64 {
	if m.Weight <= 0 || math.IsNaN(m.Weight) {
		return 1
	}
	return m.Weight
}

// ErrInvalidMetric is wrapped by Validate's errors.
var ErrInvalidMetric = errors.New("invalid metric")

// Validate checks that a metric can be scored.
func (m Metric) Validate() error {
	if strings.TrimSpace(m.Name) == "" {
		return fmt.Errorf("%w: name is empty", ErrInvalidMetric)
	}
	if _, ok := DefaultFramework().Discipline(m.Discipline); !ok {
		return fmt.Errorf("%w: %s: unknown discipline %q", ErrInvalidMetric, m.Name, m.Discipline)
	}
	if m.Direction != HigherBetter && m.Direction != LowerBetter {
		return fmt.Errorf("%w: %s: direction %q", ErrInvalidMetric, m.Name, m.Direction)
	}
	if m.Weight < 0 || math.IsNaN(m.Weight) || math.IsInf(m.Weight, 0) {
		return fmt.Errorf("%w: %s: weight %v must be zero or more", ErrInvalidMetric, m.Name, m.Weight)
	}
	switch m.Scale {
	case ScaleLevel:
	case ScaleThresholds:
		for i := 1; i < 5; i++ {
			a, b := m.Thresholds[i-1], m.Thresholds[i]
			if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
				return fmt.Errorf("%w: %s: thresholds must be numbers", ErrInvalidMetric, m.Name)
			}
			if m.Direction == HigherBetter && b < a {
				return fmt.Errorf("%w: %s: thresholds t1..t5 must rise when higher is better (t%d=%v > t%d=%v)", ErrInvalidMetric, m.Name, i, a, i+1, b)
			}
			if m.Direction == LowerBetter && b > a {
				return fmt.Errorf("%w: %s: thresholds t1..t5 must fall when lower is better (t%d=%v < t%d=%v)", ErrInvalidMetric, m.Name, i, a, i+1, b)
			}
		}
		if m.Thresholds[0] == m.Thresholds[4] {
			return fmt.Errorf("%w: %s: thresholds t1 and t5 are equal", ErrInvalidMetric, m.Name)
		}
	default:
		return fmt.Errorf("%w: %s: scale %q", ErrInvalidMetric, m.Name, m.Scale)
	}
	if err := m.Cutoffs.Check(m.Aggregation); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalidMetric, m.Name, err)
	}
	return nil
}

// MetricScore maps a value to a 1..5 maturity score (DESIGN.md rule 2).
func (m Metric) MetricScore(v float64) float64 {
	if m.Scale != ScaleThresholds {
		return clamp(v, 1, 5)
	}
	t := m.Thresholds
	if m.Direction == LowerBetter { // mirror so that the thresholds rise
		v = -v
		for i := range t {
			t[i] = -t[i]
		}
	}
	if v <= t[0] {
		return 1
	}
	if v >= t[4] {
		return 5
	}
	for i := 0; i < 4; i++ {
		if v < t[i+1] {
			span := t[i+1] - t[i]
			if span <= 0 {
				return float64(i + 2)
			}
			return float64(i+1) + (v-t[i])/span
		}
	}
	return 5
}

func clamp(v, lo, hi float64) float64 {
	switch {
	case math.IsNaN(v):
		return lo
	case v < lo:
		return lo
	case v > hi:
		return hi
	}
	return v
}

// knownKPIs are the catalogue defaults for metrics every CX team tracks.
// Thresholds are common industry bands; a workspace's catalogue overrides them.
var knownKPIs = []struct {
	names  []string
	metric Metric
}{
	{[]string{"nps", "netpromoterscore", "npsscore", "tnps", "relationshipnps", "rnps"},
		Metric{Name: "NPS", Unit: "points", Direction: HigherBetter, Thresholds: [5]float64{-20, 0, 20, 40, 60}}},
	{[]string{"csat", "csatpct", "customersatisfaction", "customersatisfactionscore", "csatscore", "satisfaction"},
		Metric{Name: "CSAT %", Unit: "%", Direction: HigherBetter, Thresholds: [5]float64{60, 70, 80, 85, 90}}},
	{[]string{"ces", "customereffortscore", "effortscore", "customereffort"},
		Metric{Name: "CES", Unit: "1-7", Direction: HigherBetter, Thresholds: [5]float64{3, 4, 5, 5.5, 6}}},
	{[]string{"churn", "churnpct", "churnrate", "customerchurn", "attrition", "attritionrate"},
		Metric{Name: "Churn %", Unit: "%", Direction: LowerBetter, Thresholds: [5]float64{30, 20, 12, 8, 5}}},
	{[]string{"retention", "retentionpct", "retentionrate", "customerretention", "customerretentionrate"},
		Metric{Name: "Retention %", Unit: "%", Direction: HigherBetter, Thresholds: [5]float64{70, 80, 85, 90, 95}}},
	{[]string{"fcr", "fcrpct", "firstcontactresolution", "firstcallresolution", "firstcontactresolutionpct", "firstcallresolutionpct", "fcrrate"},
		Metric{Name: "FCR %", Unit: "%", Direction: HigherBetter, Thresholds: [5]float64{50, 60, 70, 80, 90}}},
}

// KnownKPI returns catalogue defaults for a well-known KPI (NPS, CSAT %, CES,
// churn %, retention %, FCR %) under the name the user gave it. Known KPIs
// default to the Measurement discipline.
func KnownKPI(name string) (Metric, bool) {
	n := normalizeName(name)
	for _, k := range knownKPIs {
		for _, alias := range k.names {
			if n == alias {
				m := k.metric
				m.Name = strings.TrimSpace(name)
				m.Discipline = Measurement
				m.Scale = ScaleThresholds
				m.Weight = 1
				return m, true
			}
		}
	}
	return Metric{}, false
}

// NewLevelMetric is the default for an assessment item: already a 1..5 score.
func NewLevelMetric(name, discipline string) Metric {
	return Metric{Name: strings.TrimSpace(name), Discipline: discipline, Unit: "level",
		Direction: HigherBetter, Scale: ScaleLevel, Weight: 1}
}

// MetricKey is the case- and space-insensitive identity of a metric name, so
// that "Net Promoter Score " and "net promoter score" are one metric.
func MetricKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
