package governance

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cxdash/model"
	"cxdash/workspace"
)

func TestGovernanceFlagsStaleMetrics(t *testing.T) {
	test.NewTempApp(t)
	fw := model.DefaultFramework()
	metrics := []model.Metric{
		{Name: "Fresh", Discipline: model.Strategy, Scale: model.ScaleLevel},
		{Name: "Lagging", Discipline: model.Strategy, Scale: model.ScaleLevel},
		{Name: "Old", Discipline: model.Strategy, Scale: model.ScaleLevel},
		{Name: "Never", Discipline: model.Strategy, Scale: model.ScaleLevel},
	}
	var values []model.Value
	add := func(m string, q int) {
		values = append(values, model.Value{Metric: m, Unit: "Retail", Period: model.QuarterPeriod(2026, q), Sum: 3, Count: 1})
	}
	for q := 1; q <= 3; q++ {
		add("Fresh", q)
	}
	add("Lagging", 1) // two quarters without a value by Q3: not yet stale with N = 2
	values = append(values, model.Value{Metric: "Old", Unit: "Retail", Period: model.QuarterPeriod(2025, 4), Sum: 3, Count: 1})
	sc := model.NewScorer(fw, metrics, values)
	snap := &workspace.State{Scorer: sc, Framework: fw, Metrics: metrics, Units: sc.Units()}
	g := &Screen{}
	o := newOwners(g)
	data := view{Governance: workspace.Governance{Stale: 2}, snap: snap, filters: workspace.Filters{Unit: model.AllUnits, Gran: model.Quarter},
		today: model.Day(testToday), latest: model.QuarterPeriod(2026, 3), last: lastValues(sc, model.AllUnits, model.Quarter)}
	o.set(data)
	want := map[string]string{"Fresh": "Q3 2026", "Lagging": "Q1 2026", "Old": "Stale: last Q4 2025", "Never": "Stale: no value"}
	for i, r := range o.rows {
		if w, ok := want[r.key]; ok {
			if got := o.table.text(i, len(ownerColumns)-1); got != w {
				t.Errorf("%s: data %q, want %q", r.key, got, w)
			}
		}
		if r.key == model.Strategy {
			if got := o.table.text(i, len(ownerColumns)-1); got != "2 of 4 metrics stale" {
				t.Errorf("strategy: %q", got)
			}
		}
	}
	if !strings.Contains(o.count.Text, "2 metrics stale") {
		t.Errorf("count %q", o.count.Text)
	}
	data.Stale = 1 // Lagging is now stale too
	o.set(data)
	if !strings.Contains(o.count.Text, "3 metrics stale") {
		t.Errorf("with N = 1: %q", o.count.Text)
	}
}
