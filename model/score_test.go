package model_test

import (
	"math"
	"strings"
	"testing"

	"cxdash/model"
)

func nps() model.Metric {
	m, _ := model.KnownKPI("NPS")
	return m
}

func churn() model.Metric {
	m, _ := model.KnownKPI("Churn %")
	return m
}

func TestMetricScore(t *testing.T) {
	item := model.NewLevelMetric("Vision documented", model.Strategy)
	tests := []struct {
		name   string
		metric model.Metric
		value  float64
		want   float64
	}{
		{"level passes through", item, 3.4, 3.4},
		{"level clamped low", item, 0, 1},
		{"level clamped high", item, 7, 5},
		{"higher: at t1", nps(), -20, 1},
		{"higher: below t1", nps(), -50, 1},
		{"higher: between t3 and t4", nps(), 30, 3.5},
		{"higher: at t4", nps(), 40, 4},
		{"higher: beyond t5", nps(), 90, 5},
		{"lower: at t1", churn(), 30, 1},
		{"lower: worse than t1", churn(), 45, 1},
		{"lower: between t1 and t2", churn(), 25, 1.5},
		{"lower: between t3 and t4", churn(), 10, 3.5},
		{"lower: beyond t5", churn(), 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.metric.MetricScore(tt.value); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("MetricScore(%v) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

func TestMetricScoreFlatThresholds(t *testing.T) {
	m := nps()
	m.Thresholds = [5]float64{0, 10, 10, 20, 30}
	if got := m.MetricScore(10); got != 3 {
		t.Errorf("value at a repeated threshold scores %v, want 3", got)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("repeated inner thresholds are valid: %v", err)
	}
}

func TestMetricValidate(t *testing.T) {
	bad := nps()
	bad.Thresholds = [5]float64{60, 40, 20, 0, -20}
	if err := bad.Validate(); err == nil {
		t.Error("falling thresholds accepted for higher-is-better")
	}
	bad = churn()
	bad.Direction = model.HigherBetter
	if err := bad.Validate(); err == nil {
		t.Error("falling thresholds accepted once direction says higher")
	}
	if err := (model.Metric{Name: "x", Discipline: "nope", Direction: model.HigherBetter, Scale: model.ScaleLevel}).Validate(); err == nil {
		t.Error("unknown discipline accepted")
	}
	for _, m := range []model.Metric{nps(), churn(), model.NewLevelMetric("Item", model.Culture)} {
		if err := m.Validate(); err != nil {
			t.Errorf("%s: %v", m.Name, err)
		}
	}
}

// v is a one-observation value.
func v(metric, unit string, p model.Period, value float64) model.Value {
	return model.Value{Metric: metric, Unit: unit, Period: p, Sum: value, Count: 1}
}

var q1, q2 = model.QuarterPeriod(2024, 1), model.QuarterPeriod(2024, 2)

func catalogue() []model.Metric {
	heavy := model.NewLevelMetric("Heavy item", model.Strategy)
	heavy.Weight = 3
	return []model.Metric{
		model.NewLevelMetric("Vision", model.Strategy), heavy,
		model.NewLevelMetric("Research", model.Understanding),
		model.NewLevelMetric("Journeys", model.Design),
		nps(), churn(),
		model.NewLevelMetric("Committee", model.Governance),
		model.NewLevelMetric("Training", model.Culture),
	}
}

func discipline(t *testing.T, s model.Summary, key string) model.DisciplineScore {
	t.Helper()
	for _, d := range s.Disciplines {
		if d.Key == key {
			return d
		}
	}
	t.Fatalf("no discipline %s", key)
	return model.DisciplineScore{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreNoData(t *testing.T) {
	sc := model.NewScorer(model.DefaultFramework(), catalogue(), nil)
	s := sc.Summary(model.AllUnits, q1)
	if s.Overall.Present || s.Overall.Coverage != 0 {
		t.Errorf("overall with no data: %+v", s.Overall)
	}
	if len(s.Disciplines) != 6 {
		t.Fatalf("%d disciplines, want all 6 listed", len(s.Disciplines))
	}
	for _, d := range s.Disciplines {
		if d.Present {
			t.Errorf("%s present with no data", d.Key)
		}
	}
	if _, ok := sc.Latest(model.Quarter); ok {
		t.Error("Latest found a period in an empty workspace")
	}
}

func TestScoreRules(t *testing.T) {
	values := []model.Value{
		v("Vision", "North", q1, 2),
		v("Heavy item", "North", q1, 4), // strategy = (2*1 + 4*3) / 4 = 3.5
		v("Research", "North", q1, 3),
		v("Journeys", "North", q1, 9),       // clamped to 5
		v("NPS", "North", q1, 30),           // 3.5
		v("Churn %", "North", q1, 10),       // 3.5 -> measurement 3.5
		v("Committee", "North", q1, 1.5),    // governance 1.5
		v("Training", "North", q2, 4),       // culture only in Q2
		v("Vision", "North", q2, 3),         // strategy Q2 = (3*1)/1... only Vision present
		v("Research", "North", q2, 3),       // unchanged
		v("Vision", "South", q1, 4),         // second unit
		v("nps ", "South", q1, 40),          // names match case- and space-insensitively
		v("Unknown metric", "South", q1, 5), // not in the catalogue: ignored
	}
	sc := model.NewScorer(model.DefaultFramework(), catalogue(), values)

	north := sc.Summary("North", q1)
	if d := discipline(t, north, model.Strategy); !near(d.Score, 3.5) || d.Level != 3 || d.LevelName != "Defined" {
		t.Errorf("strategy (weighted) = %v level %d %s, want 3.5 level 3 Defined", d.Score, d.Level, d.LevelName)
	}
	if d := discipline(t, north, model.Design); !near(d.Score, 5) {
		t.Errorf("design (clamped) = %v, want 5", d.Score)
	}
	if d := discipline(t, north, model.Measurement); !near(d.Score, 3.5) || len(d.Metrics) != 2 {
		t.Errorf("measurement = %v from %d metrics, want 3.5 from 2", d.Score, len(d.Metrics))
	}
	if d := discipline(t, north, model.Culture); d.Present {
		t.Error("culture has no Q1 data but is present")
	}
	// Overall: mean of 3.5, 3, 5, 3.5, 1.5 = 16.5 / 5 = 3.3; coverage 5/6.
	if o := north.Overall; !near(o.Score, 3.3) || !near(o.Coverage, 5.0/6) || o.Level != 3 {
		t.Errorf("overall = %+v, want 3.3 with coverage 5/6", o)
	}
	if !strings.Contains(north.Overall.Explain, "Culture") {
		t.Errorf("explanation does not name the missing discipline: %s", north.Overall.Explain)
	}
	if d := discipline(t, north, model.Strategy); !strings.Contains(d.Explain, "Heavy item 4.00×3") {
		t.Errorf("strategy explanation does not show the weights: %s", d.Explain)
	}

	// Rule 5: all units is the mean of per-unit scores, each unit once.
	south := sc.Summary("South", q1)
	if o := south.Overall; !near(o.Score, 4) {
		t.Errorf("south overall = %v, want mean(strategy 4, measurement 4) = 4", o.Score)
	}
	all := sc.Summary(model.AllUnits, q1)
	if d := discipline(t, all, model.Strategy); !near(d.Score, (3.5+4)/2) {
		t.Errorf("all-units strategy = %v, want 3.75", d.Score)
	}
	if d := discipline(t, all, model.Governance); !near(d.Score, 1.5) {
		t.Errorf("all-units governance = %v, want 1.5 (only North has it)", d.Score)
	}
	if o := all.Overall; !near(o.Score, (3.3+4)/2) || !near(o.Coverage, 5.0/6) {
		t.Errorf("all-units overall = %+v, want 3.65, coverage 5/6", o)
	}
	if got := sc.Units(); len(got) != 2 || got[0] != "North" || got[1] != "South" {
		t.Errorf("Units() = %v", got)
	}

	// Deltas against the previous period.
	n2 := sc.Summary("North", q2)
	if d := discipline(t, n2, model.Strategy); d.Delta == nil || !near(*d.Delta, 3-3.5) {
		t.Errorf("strategy delta = %v, want -0.5", d.Delta)
	}
	if d := discipline(t, n2, model.Culture); d.Delta != nil {
		t.Errorf("culture has no Q1 score, yet delta %v", *d.Delta)
	}
	if d := discipline(t, north, model.Strategy); d.Delta != nil {
		t.Error("Q1 has no previous period, yet a delta")
	}
}

func TestScoreRollsUpMonthsAndQuarters(t *testing.T) {
	values := []model.Value{
		v("Vision", "North", model.MonthPeriod(2024, 1), 3),
		v("Vision", "North", model.MonthPeriod(2024, 2), 4),
		{Metric: "Vision", Unit: "North", Period: q1, Sum: 10, Count: 2}, // two quarterly rows: 5 and 5
		v("Vision", "North", model.MonthPeriod(2024, 4), 2),
	}
	sc := model.NewScorer(model.DefaultFramework(), catalogue(), values)
	// Q1 = mean of all four observations inside it: (3 + 4 + 5 + 5) / 4.
	if d := discipline(t, sc.Summary("North", q1), model.Strategy); !near(d.Score, 4.25) || d.Rows != 4 {
		t.Errorf("Q1 strategy = %v from %d rows, want 4.25 from 4", d.Score, d.Rows)
	}
	if d := discipline(t, sc.Summary("North", model.YearPeriod(2024)), model.Strategy); !near(d.Score, 19.0/5) {
		t.Errorf("2024 strategy = %v, want 3.8", d.Score)
	}
	// At month granularity the quarterly rows cannot be placed in a month.
	if d := discipline(t, sc.Summary("North", model.MonthPeriod(2024, 1)), model.Strategy); !near(d.Score, 3) {
		t.Errorf("Jan strategy = %v, want 3", d.Score)
	}
	if got := sc.Periods(model.Month); len(got) != 3 {
		t.Errorf("month periods %v, want Jan, Feb, Apr", got)
	}
	if got := sc.Periods(model.Quarter); len(got) != 2 || got[0] != q1 || got[1] != q2 {
		t.Errorf("quarter periods %v", got)
	}
	if p, ok := sc.Latest(model.Quarter); !ok || p != q2 {
		t.Errorf("latest quarter %v", p)
	}
}

func TestScoreTargetsAndGaps(t *testing.T) {
	fw := model.DefaultFramework()
	four := 4.0
	fw.Disciplines[0].Target = &four // strategy
	metrics := catalogue()
	target := 40.0
	for i := range metrics {
		if metrics[i].Name == "NPS" {
			metrics[i].Target = &target // scores 4
		}
	}
	values := []model.Value{v("Vision", "North", q1, 3), v("NPS", "North", q1, 20)}
	s := model.NewScorer(fw, metrics, values).Summary("North", q1)
	st := discipline(t, s, model.Strategy)
	if st.Target == nil || *st.Target != 4 || st.Gap == nil || !near(*st.Gap, 1) {
		t.Errorf("strategy target %v gap %v, want 4 and 1", st.Target, st.Gap)
	}
	me := discipline(t, s, model.Measurement)
	if me.Target == nil || !near(*me.Target, 4) || !near(*me.Gap, 1) {
		t.Errorf("measurement derived target %v gap %v, want 4 and 1 (NPS target 40 scores 4, NPS 20 scores 3)", me.Target, me.Gap)
	}
	if o := s.Overall; o.Target == nil || !near(*o.Target, 4) || !near(*o.Gap, 1) {
		t.Errorf("overall target %v gap %v", o.Target, o.Gap)
	}
}

func TestScoreDisciplineWeights(t *testing.T) {
	fw := model.DefaultFramework()
	fw.Disciplines[0].Weight = 3 // strategy counts three times
	values := []model.Value{v("Vision", "North", q1, 5), v("Research", "North", q1, 1)}
	s := model.NewScorer(fw, catalogue(), values).Summary("North", q1)
	if !near(s.Overall.Score, (5*3+1)/4.0) {
		t.Errorf("overall %v, want 4", s.Overall.Score)
	}
}

func TestLevel(t *testing.T) {
	for score, want := range map[float64]int{1: 1, 1.99: 1, 2: 2, 3.999: 3, 5: 5, 0.5: 1, 6: 5} {
		if got := model.Level(score); got != want {
			t.Errorf("Level(%v) = %d, want %d", score, got, want)
		}
	}
	fw := model.DefaultFramework()
	if fw.LevelName(1) != "Initial" || fw.LevelName(5) != "Optimised" || fw.LevelName(0) != "" {
		t.Error("level names")
	}
}

func TestParseDiscipline(t *testing.T) {
	for in, want := range map[string]string{
		"Customer Understanding": model.Understanding, "CU": model.Understanding, "insight": model.Understanding,
		" GOVERNANCE ": model.Governance, "Strategy": model.Strategy, "cx-design": model.Design,
		"Measurement": model.Measurement, "culture": model.Culture, "Customer understanding": model.Understanding,
	} {
		if got, ok := model.ParseDiscipline(in); !ok || got != want {
			t.Errorf("ParseDiscipline(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := model.ParseDiscipline("Finance"); ok {
		t.Error("Finance is not a CX discipline")
	}
}

func TestKnownKPI(t *testing.T) {
	for _, name := range []string{"NPS", "Net Promoter Score", "CSAT %", "csat", "CES", "Churn rate", "Retention %", "First Contact Resolution", "FCR %"} {
		m, ok := model.KnownKPI(name)
		if !ok || m.Scale != model.ScaleThresholds || m.Validate() != nil {
			t.Errorf("KnownKPI(%q) = %+v, %v", name, m, ok)
		}
	}
	if m, _ := model.KnownKPI("churn %"); m.Direction != model.LowerBetter {
		t.Error("churn is lower-is-better")
	}
	if _, ok := model.KnownKPI("Employee headcount"); ok {
		t.Error("headcount is not a known CX KPI")
	}
}
