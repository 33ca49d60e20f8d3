package gen

import (
	"math"
	"math/rand/v2"

	"cxdash/model"
)

// The demo company: three business units over twelve quarters.
var (
	Units       = []string{"Retail", "Online", "Business"}
	FirstPeriod = model.QuarterPeriod(2023, 4)
	Quarters    = 12
)

// Scores are drawn from seeded generators: fixed seeds make the demo the
// same on every run and every machine (math/rand/v2's PCG is specified).
const seed = 20231001

// OutagePeriod is when the Online unit's platform went down.
var OutagePeriod = model.QuarterPeriod(2025, 1)

const (
	outageUnit = "Online"
	// NoteOutage marks the rows hit by the outage.
	NoteOutage = "Platform outage"
)

// Row is one line of the demo's Scores sheet.
type Row struct {
	Period     model.Period
	Unit       string
	Discipline string // display name
	Metric     string
	Value      float64
	Note       string
}

// Discipline maturity at the start and its gain per quarter: Measurement
// starts strong, Governance starts low and lags.
var (
	startScore = map[string]float64{
		model.Strategy: 2.3, model.Understanding: 2.1, model.Design: 1.9,
		model.Measurement: 2.9, model.Governance: 1.5, model.Culture: 2.0,
	}
	gainPerQuarter = map[string]float64{
		model.Strategy: 0.08, model.Understanding: 0.09, model.Design: 0.08,
		model.Measurement: 0.09, model.Governance: 0.035, model.Culture: 0.06,
	}
	// Units differ in where they start and how fast they move.
	unitOffset = map[string]float64{"Retail": -0.2, "Online": 0.25, "Business": 0}
	unitPace   = map[string]float64{"Retail": 0.8, "Online": 1.2, "Business": 1.0}
)

// Scores returns the Scores sheet: every catalogue metric's value for
// every unit and quarter, in period, unit and catalogue order. KPIs from
// survey answers are in the Survey responses sheet instead (Responses).
func Scores() []Row {
	var out []Row
	for _, r := range allScores() {
		if !surveyMetric(r.Metric) {
			out = append(out, r)
		}
	}
	return out
}

func surveyMetric(name string) bool {
	for _, m := range demoCatalogue {
		if m.Name == name {
			return m.survey
		}
	}
	return false
}

// allScores is every metric's value for every unit and quarter, the survey
// KPIs' included: drawing them all keeps every value the same whichever
// sheet holds it.
func allScores() []Row {
	fw := model.DefaultFramework()
	periods := make([]model.Period, Quarters)
	for i, p := 0, FirstPeriod; i < Quarters; i, p = i+1, p.Next() {
		periods[i] = p
	}
	paths := disciplinePaths()
	offsets := metricOffsets()
	noise := rand.New(rand.NewPCG(seed, 3))
	var rows []Row
	for q, p := range periods {
		for u, unit := range Units {
			for i, m := range demoCatalogue {
				path := paths[unit][m.Discipline]
				s := path[q] + offsets[u][i] + 0.12*noise.NormFloat64()
				if m.Scale == model.ScaleThresholds {
					s = m.start + unitOffset[unit] + path[q] - path[0] + offsets[u][i] + 0.15*noise.NormFloat64()
				}
				note := ""
				if unit == outageUnit && m.outage > 0 {
					switch p {
					case OutagePeriod:
						s -= m.outage
						note = NoteOutage
					case OutagePeriod.Next():
						s -= m.outage / 2
						note = "Recovering after the platform outage"
					case OutagePeriod.Next().Next():
						s -= m.outage / 6
					}
				}
				if n, ok := eventNotes[event{unit, p, m.Name}]; ok {
					note = n
				}
				d, _ := fw.Discipline(m.Discipline)
				rows = append(rows, Row{Period: p, Unit: unit, Discipline: d.Name,
					Metric: m.Name, Value: m.value(s), Note: note})
			}
		}
	}
	return rows
}

type event struct {
	unit   string
	period model.Period
	metric string
}

// eventNotes are the stories the demo tells besides the outage; paths
// puts their effect into the numbers.
var eventNotes = map[event]string{
	{"Business", model.QuarterPeriod(2025, 1), "CX steering committee meets monthly"}: "Reorganisation: committee paused",
	{"Retail", model.QuarterPeriod(2025, 3), "Employees trained in CX"}:               "CX academy launched",
	{"Online", model.QuarterPeriod(2024, 2), "Journey analytics coverage %"}:          "New analytics platform live",
}

// disciplinePaths gives each unit's maturity per discipline and quarter:
// a steady gain with uneven steps, a stall in Business during its 2025
// reorganisation and a jump in Retail's culture after its CX academy.
func disciplinePaths() map[string]map[string][]float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	out := map[string]map[string][]float64{}
	for _, unit := range Units {
		out[unit] = map[string][]float64{}
		for _, d := range model.DisciplineKeys {
			path := make([]float64, Quarters)
			path[0] = startScore[d] + unitOffset[unit] + 0.1*r.NormFloat64()
			for q := 1; q < Quarters; q++ {
				step := gainPerQuarter[d] * unitPace[unit] * math.Max(-0.5, 1+0.9*r.NormFloat64())
				if unit == "Business" && q >= 5 && q <= 7 {
					step *= 0.1
				}
				if unit == "Retail" && d == model.Culture && q == 7 {
					step += 0.35
				}
				path[q] = clamp(path[q-1]+step, 1, 4.8)
			}
			out[unit][d] = path
		}
	}
	return out
}

// metricOffsets: within a discipline some items run ahead of others, and
// differently per unit.
func metricOffsets() [][]float64 {
	r := rand.New(rand.NewPCG(seed, 2))
	out := make([][]float64, len(Units))
	for u := range Units {
		out[u] = make([]float64, len(demoCatalogue))
		for i := range demoCatalogue {
			out[u][i] = 0.6 * (r.Float64() - 0.5)
		}
	}
	return out
}

// value turns a maturity score into the metric's value: assessment items
// are rounded to half points; KPIs are read back through their thresholds
// and kept within a realistic range.
func (m demoMetric) value(score float64) float64 {
	if m.Scale == model.ScaleLevel {
		return clamp(math.Round(score*2)/2, 1, 5)
	}
	v := invertThresholds(m.Thresholds, clamp(score, 0.5, 5.5))
	p := math.Pow(10, float64(m.decimals))
	return clamp(math.Round(v*p)/p, m.lo, m.hi)
}

// invertThresholds is model.Metric.MetricScore backwards: the value that
// scores s, extrapolated linearly beyond t1 and t5. The same formula holds
// for falling thresholds (lower is better).
func invertThresholds(t [5]float64, s float64) float64 {
	switch {
	case s < 1:
		return t[0] - (1-s)*(t[1]-t[0])
	case s >= 5:
		return t[4] + (s-5)*(t[4]-t[3])
	}
	i := int(math.Floor(s)) // 1..4
	return t[i-1] + (s-float64(i))*(t[i]-t[i-1])
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
