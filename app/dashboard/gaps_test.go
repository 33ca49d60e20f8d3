package dashboard

import (
	"reflect"
	"sort"
	"testing"

	"cxdash/app/governance"
	"cxdash/charts"
	"cxdash/model"
)

// TestGapsToClose: the gaps "Create action" offers are those of the gaps
// chart, in its order (largest first), and only those an action can close.
func TestGapsToClose(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	ds := func(key string, present bool, score float64, target *float64) model.DisciplineScore {
		d := model.DisciplineScore{Key: key, Name: "Name of " + key, Present: present, Score: score, Target: target, Rows: 3}
		if target != nil {
			d.Gap = f(*target - score)
		}
		return d
	}
	sum := model.Summary{Disciplines: []model.DisciplineScore{
		ds("small", true, 3, f(4)),
		ds("at", true, 3, f(3)),          // at target
		ds("above", true, 3.5, f(3)),     // above target
		ds("untargeted", true, 2, nil),   // no target
		ds("absent", false, 0, f(4)),     // no data now
		ds("large", true, 2.5, f(4.5)),   // the largest gap
		ds("middle", true, 2.5, f(4.25)), // between the two
	}}
	for _, unit := range []string{model.AllUnits, "Online"} {
		t.Run(unit, func(t *testing.T) {
			v := view{unit: unit, cur: sum, gaps: charts.GapBars(sum)}
			want := []governance.Gap{
				{Key: "large", Name: "Name of large", Score: 2.5, Target: 4.5, Unit: unit},
				{Key: "middle", Name: "Name of middle", Score: 2.5, Target: 4.25, Unit: unit},
				{Key: "small", Name: "Name of small", Score: 3, Target: 4, Unit: unit},
			}
			if got := v.gapsToClose(); !reflect.DeepEqual(got, want) {
				t.Errorf("gaps\n got %+v\nwant %+v", got, want)
			}
		})
	}
	if got := (view{}).gapsToClose(); len(got) != 0 {
		t.Errorf("no data, yet gaps %+v", got)
	}
}

// TestDashboardOffersTheChartsGaps checks the gaps offered against the
// model on the demo data: each discipline short of its target, largest gap
// first, and "Create action" sits in the gaps panel's heading.
func TestDashboardOffersTheChartsGaps(t *testing.T) {
	d, s := testScreen(t, true)
	now, _ := current(t, s)
	var short []model.DisciplineScore
	for _, ds := range now.Disciplines {
		if ds.Present && ds.Target != nil && ds.Gap != nil && *ds.Gap > 0 {
			short = append(short, ds)
		}
	}
	sort.SliceStable(short, func(i, j int) bool { return *short[i].Gap > *short[j].Gap })
	var want []governance.Gap
	for _, ds := range short {
		want = append(want, governance.Gap{Key: ds.Key, Name: ds.Name, Score: ds.Score, Target: *ds.Target, Unit: model.AllUnits})
	}
	if len(want) == 0 {
		t.Fatal("the demo has no gap to target")
	}
	if got := d.view.gapsToClose(); !reflect.DeepEqual(got, want) {
		t.Errorf("gaps offered\n got %+v\nwant %+v", got, want)
	}
	if b := button(t, d.gapsHead, "Create action"); b != d.gapAction.Button() {
		t.Error("the gaps panel's Create action is not the governance hook's button")
	}
}
