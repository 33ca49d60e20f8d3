package workspace_test

import (
	"context"
	"math"
	"testing"

	"cxdash/model"
)

// TestDemoSurveyBatch: the demo's NPS is computed from its survey answers,
// each unit's own (the unit column mapped as a user would map it), with n
// and a margin of error in every quarter.
func TestDemoSurveyBatch(t *testing.T) {
	ctx := context.Background()
	ws := openWorkspace(t, true)
	metrics, err := ws.Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range metrics {
		if m.Name == "NPS" && (m.Aggregation != model.AggregationNPS || !m.FromAnswers() ||
			m.Discipline != model.Strategy || m.Weight != 2 || m.Target == nil || *m.Target != 40) {
			t.Errorf("the demo's NPS is %+v, want computed from answers, in Strategy, weight 2, target 40", m)
		}
	}
	values, err := ws.MetricValues(ctx, model.Quarter, "", "NPS")
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]int{}
	for _, v := range values {
		units[v.Unit]++
		if v.Unit != model.AllUnits && (v.N < 200 || v.N > 400 || math.IsNaN(v.MOE) || v.MOE <= 0) {
			t.Errorf("NPS %s %s: n %d, ±%v; want a few hundred answers and a margin", v.Unit, v.Period, v.N, v.MOE)
		}
	}
	for _, u := range []string{"Retail", "Online", "Business"} {
		if units[u] != 12 {
			t.Errorf("NPS of %s in %d quarters, want 12", u, units[u])
		}
	}
	if units[model.AllUnits] != 12 {
		t.Errorf("NPS of all units in %d quarters, want 12 (units: %v)", units[model.AllUnits], units)
	}
}
