// Package gen makes cxdash's generated assets: the demo workbook (a fictional
// company's CX scorecard) and the app icon. Both are deterministic, so that
// `go generate ./assets` gives the same bytes on every run.
package gen

import "cxdash/model"

// demoMetric is a catalogue entry with the realistic range its values keep
// in the demo, so that generated KPIs never look absurd.
type demoMetric struct {
	model.Metric
	start    float64 // KPIs: score in the first quarter, before unit offsets
	lo, hi   float64 // KPIs: realistic range of values
	decimals int     // KPIs: decimals kept when values are rounded
	outage   float64 // score lost in the outage quarter (0: unaffected)
	// survey: the KPI comes from survey answers (the Survey responses
	// sheet), not from the Catalogue and Scores sheets.
	survey bool
}

func target(v float64) *float64 { return &v }

// level is an assessment item: already a 1..5 maturity score.
func level(name, discipline string, weight, tgt float64, owner string) demoMetric {
	m := model.NewLevelMetric(name, discipline)
	m.Weight, m.Target, m.Owner = weight, target(tgt), owner
	return demoMetric{Metric: m}
}

// kpi is a measured indicator scored through thresholds t1..t5. Outcome
// KPIs follow their discipline's progress from a level of their own.
func kpi(name, discipline, unit string, dir model.Direction, t [5]float64, weight, tgt float64,
	owner string, start, lo, hi float64, decimals int, outage float64) demoMetric {
	return demoMetric{
		Metric: model.Metric{Name: name, Discipline: discipline, Unit: unit, Direction: dir,
			Scale: model.ScaleThresholds, Thresholds: t, Weight: weight, Target: target(tgt), Owner: owner},
		start: start, lo: lo, hi: hi, decimals: decimals, outage: outage,
	}
}

// surveyKPI marks a KPI measured from survey answers. It stays in the
// catalogue list so that the seeded draws of every other metric are the
// same as before, and its quarterly values are what the answers aim at.
func surveyKPI(m demoMetric) demoMetric {
	m.survey = true
	return m
}

const (
	higher = model.HigherBetter
	lower  = model.LowerBetter
)

// demoCatalogue is the demo's metric catalogue, in discipline order. The
// KPI thresholds of the well-known KPIs are model.KnownKPI's defaults.
var demoCatalogue = []demoMetric{
	level("CX vision documented and communicated", model.Strategy, 2, 4, "Chief Customer Officer"),
	level("CX strategy linked to business goals", model.Strategy, 1, 4, "Chief Customer Officer"),
	level("CX investments backed by business cases", model.Strategy, 1, 3.5, "CFO office"),
	surveyKPI(kpi("NPS", model.Strategy, "points", higher, [5]float64{-20, 0, 20, 40, 60}, 2, 40,
		"Chief Customer Officer", 2.3, -10, 55, 0, 1.1)),
	kpi("Retention %", model.Strategy, "%", higher, [5]float64{70, 80, 85, 90, 95}, 1, 90,
		"Commercial director", 2.6, 78, 94, 1, 0),

	level("Journey maps maintained for top journeys", model.Understanding, 1, 4, "Head of CX Insight"),
	level("Personas validated with research", model.Understanding, 1, 4, "Head of CX Insight"),
	level("Customer research every quarter", model.Understanding, 1, 3.5, "Research lead (S. Okafor)"),
	level("Customer data unified across channels", model.Understanding, 1, 3.5, "Data office"),
	kpi("VoC response rate %", model.Understanding, "%", higher, [5]float64{5, 10, 15, 20, 30}, 1, 20,
		"Research lead (S. Okafor)", 2.0, 6, 28, 1, 0),

	level("Journeys redesigned with customers", model.Design, 1, 4, "Head of Service Design"),
	level("Service blueprints for key journeys", model.Design, 1, 3.5, "Head of Service Design"),
	level("Design standards applied in every channel", model.Design, 1, 4, "Digital lead (P. Novak)"),
	kpi("CES", model.Design, "1-7", higher, [5]float64{3, 4, 5, 5.5, 6}, 1, 5.5,
		"Head of Service Design", 2.4, 3.5, 6.2, 2, 0.6),
	kpi("FCR %", model.Design, "%", higher, [5]float64{50, 60, 70, 80, 90}, 1, 80,
		"Contact centre manager", 2.6, 55, 85, 1, 0.9),

	level("CX metrics framework defined", model.Measurement, 1, 4.5, "CX Analytics lead"),
	level("Closed-loop feedback process", model.Measurement, 2, 4.5, "CX Analytics lead"),
	level("CX dashboards reviewed monthly", model.Measurement, 1, 4, "CX Analytics lead"),
	kpi("CSAT %", model.Measurement, "%", higher, [5]float64{60, 70, 80, 85, 90}, 1, 85,
		"CX Analytics lead", 2.8, 70, 90, 1, 0.8),
	kpi("Journey analytics coverage %", model.Measurement, "%", higher, [5]float64{10, 25, 45, 65, 85}, 1, 70,
		"Data office", 2.0, 15, 85, 0, 0),

	level("CX steering committee meets monthly", model.Governance, 2, 4, "COO"),
	level("Clear CX ownership per journey", model.Governance, 1, 4, "COO"),
	level("CX in investment decisions", model.Governance, 1, 3.5, "CFO office"),
	level("CX roles and responsibilities defined", model.Governance, 1, 4, "HR business partner"),
	kpi("Churn %", model.Governance, "%", lower, [5]float64{30, 20, 12, 8, 5}, 1, 8,
		"Commercial director", 2.6, 6, 18, 1, 0.45),
	kpi("Complaint resolution days", model.Governance, "days", lower, [5]float64{20, 14, 10, 7, 3}, 1, 7,
		"Complaints manager (L. Berg)", 2.2, 4, 21, 1, 0.6),

	level("Employees trained in CX", model.Culture, 1, 4, "HR director"),
	level("CX goals in performance objectives", model.Culture, 1, 3.5, "HR director"),
	level("Leaders share customer stories", model.Culture, 1, 4, "Chief Customer Officer"),
	level("Customer-centric behaviour recognised", model.Culture, 1, 3.5, "Internal comms (J. Reyes)"),
	kpi("Employee NPS", model.Culture, "points", higher, [5]float64{-30, -10, 10, 30, 50}, 1, 30,
		"HR director", 2.3, -15, 40, 0, 0),
}

// SurveyMetrics returns the metrics the survey's answers make, as the demo
// defines them (assets.DemoSurveyMetrics must match): the catalogue entry,
// computed from answers.
func SurveyMetrics() []model.Metric {
	var out []model.Metric
	for _, m := range demoCatalogue {
		if m.survey {
			d := m.Metric
			d.Aggregation, d.Answers, d.Cutoffs = model.AggregationNPS, true, model.NPSCutoffs()
			out = append(out, d)
		}
	}
	return out
}

// Metrics returns the demo's Catalogue sheet: every metric but the ones
// computed from survey answers, whose definition the import makes.
func Metrics() []model.Metric {
	var out []model.Metric
	for _, m := range demoCatalogue {
		if !m.survey {
			out = append(out, m.Metric)
		}
	}
	return out
}
