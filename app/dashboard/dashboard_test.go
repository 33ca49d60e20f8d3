package dashboard

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// The screen's background results wait in a queue until a test runs them,
// as the desktop driver's event loop runs them on its one UI goroutine.
func TestMain(m *testing.M) {
	screentest.Install()
	os.Exit(m.Run())
}

// testScreen is the dashboard alone in a window the size of the app's, on
// a workspace with the demo data when demo is set, settled.
func testScreen(t *testing.T, demo bool) (*Screen, *screen.Session) {
	t.Helper()
	var d *Screen
	s := screentest.Session(t, screentest.DemoWorkspace(t, demo), fyne.NewSize(1240, 780), func(s *screen.Session) fyne.CanvasObject {
		d = New(s)
		return d.Content()
	})
	settle(t, d)
	return d, s
}

// settle waits until the dashboard and its overdue card show their latest
// data.
func settle(t *testing.T, d *Screen) {
	t.Helper()
	screentest.Wait(t, "the dashboard", d.Idle(), 30*time.Second)
	screentest.Wait(t, "the overdue actions", d.overdue.Idle(), 30*time.Second)
}

// current is what the model says now and a period before under the
// session's filters.
func current(t *testing.T, s *screen.Session) (model.Summary, model.Summary) {
	t.Helper()
	p, ok := s.State().Current(s.Filters())
	if !ok {
		t.Fatal("no current period")
	}
	sc := s.State().Scorer
	return sc.Summary(s.Filters().Unit, p), sc.Summary(s.Filters().Unit, p.Prev())
}

func TestDashboardShowsTheSummary(t *testing.T) {
	d, s := testScreen(t, true)
	if d.shown != boardFace {
		t.Fatalf("the dashboard shows face %d, want the board", d.shown)
	}
	now, prev := current(t, s)
	fw := s.State().Framework

	_, value, level, delta, details := d.overall.texts()
	o := now.Overall
	if value != charts.ScoreFormat.String(o.Score) || !strings.Contains(level, o.LevelName) {
		t.Errorf("overall tile shows %q %q, the model says %.2f %s", value, level, o.Score, o.LevelName)
	}
	if want := charts.ScoreFormat.Signed(*o.Delta); !strings.HasPrefix(delta, want) {
		t.Errorf("overall change %q, want %s", delta, want)
	}
	if !strings.Contains(details, "Coverage 6/6") {
		t.Errorf("overall details %q lack the coverage", details)
	}
	if got, want := d.radar.Data(), charts.RadarFromSummaries(fw, now, prev); !reflect.DeepEqual(got, want) {
		t.Errorf("radar data\n got %+v\nwant %+v", got, want)
	}
	if got, want := d.gaps.Data(), charts.GapBars(now); !reflect.DeepEqual(got, want) {
		t.Errorf("gap bars\n got %+v\nwant %+v", got, want)
	}

	// Headline tiles: the threshold metrics with data, the known KPIs first.
	wantTiles := []string{"NPS", "CSAT %", "Churn %", "FCR %"}
	span := charts.Span(s.State().Periods(s.Filters())[0], now.Period)
	for i, name := range wantTiles {
		k := d.kpis[i]
		if name == "NPS" { // from the demo's survey answers: the answer tile (answers_test.go)
			if a := d.answerTiles[i]; !a.Visible() || !strings.HasPrefix(a.data.Title, name) {
				t.Errorf("tile %d is %q (visible %v), want the answer tile of %s", i, a.data.Title, a.Visible(), name)
			}
			continue
		}
		if !k.Visible() || !strings.HasPrefix(k.Data().Title, name) {
			t.Errorf("tile %d is %q (visible %v), want %s", i, k.Data().Title, k.Visible(), name)
			continue
		}
		var m model.Metric
		for _, x := range s.State().Metrics {
			if x.Name == name {
				m = x
			}
		}
		want := charts.MetricKPI(fw, s.State().Scorer, model.AllUnits, m, span[max(0, len(span)-kpiTrendLen):])
		if !reflect.DeepEqual(k.Data(), want) {
			t.Errorf("tile %s\n got %+v\nwant %+v", name, k.Data(), want)
		}
	}

	// The discipline table shows every discipline's score and gap.
	for i, ds := range now.Disciplines {
		r := d.table.rows[i]
		if r.name.Text != ds.Name || r.score.Text != charts.ScoreFormat.String(ds.Score) ||
			r.gap.Text != charts.ScoreFormat.String(*ds.Gap) {
			t.Errorf("table row %d: %q %q gap %q, want %s %.2f gap %.2f", i, r.name.Text, r.score.Text, r.gap.Text,
				ds.Name, ds.Score, *ds.Gap)
		}
	}
	// Units × disciplines when all units are shown.
	if !d.view.heatUnits || !reflect.DeepEqual(d.heat.Data().Rows, s.State().Units) {
		t.Errorf("heatmap rows %v, want the units %v", d.heat.Data().Rows, s.State().Units)
	}
	if len(d.trend.Data().Events) == 0 {
		t.Error("the trend shows no events from the demo's notes")
	}
}

func TestDashboardUnitFilterChangesTheRadar(t *testing.T) {
	d, s := testScreen(t, true)
	all := d.radar.Data()
	for _, unit := range []string{"Online", "Retail"} {
		t.Run(unit, func(t *testing.T) {
			f := s.Filters() // as the filter bar does when unit is chosen
			f.Unit = unit
			s.SetFilters(f)
			settle(t, d)
			if s.Filters().Unit != unit {
				t.Fatalf("filters %+v", s.Filters())
			}
			now, prev := current(t, s)
			got := d.radar.Data()
			if want := charts.RadarFromSummaries(s.State().Framework, now, prev); !reflect.DeepEqual(got, want) {
				t.Errorf("radar for %s\n got %+v\nwant %+v", unit, got, want)
			}
			if reflect.DeepEqual(got, all) {
				t.Error("the radar did not change with the unit")
			}
			if _, value, _, _, _ := d.overall.texts(); value != charts.ScoreFormat.String(now.Overall.Score) {
				t.Errorf("overall %q, want %.2f", value, now.Overall.Score)
			}
			if d.view.heatUnits || len(d.heat.Data().Rows) != 6 {
				t.Errorf("one unit's heatmap should be disciplines over time, has rows %v", d.heat.Data().Rows)
			}
		})
	}
	s.SetFilters(workspace.Filters{Unit: model.AllUnits, Gran: model.Quarter})
	settle(t, d)
	if !reflect.DeepEqual(d.radar.Data(), all) {
		t.Error("back to all units, the radar differs from before")
	}
}

// tapScan taps down the middle of obj until a tap navigates.
func tapScan(obj fyne.Tappable, size fyne.Size, x float32, nav *[]string) {
	for y := float32(2); y < size.Height && len(*nav) == 0; y += 3 {
		obj.Tapped(&fyne.PointEvent{Position: fyne.NewPos(x, y)})
	}
}

func TestDashboardDrillsDownToTheDiscipline(t *testing.T) {
	for _, c := range []struct {
		name string
		tap  func(d *Screen, nav *[]string)
		want func(now model.Summary) string // the discipline key expected
	}{
		{"largest gap bar", func(d *Screen, nav *[]string) {
			tapScan(d.gaps, d.gaps.Size(), d.gaps.Size().Width/2, nav)
		}, func(now model.Summary) string {
			best := now.Disciplines[0]
			for _, ds := range now.Disciplines {
				if *ds.Gap > *best.Gap {
					best = ds
				}
			}
			return best.Key
		}},
		{"radar axis at the top", func(d *Screen, nav *[]string) {
			s := d.radar.Size()
			test.TapAt(d.radar, fyne.NewPos(s.Width/2, s.Height*0.2))
		}, func(model.Summary) string { return model.Strategy }},
		{"heatmap row", func(d *Screen, nav *[]string) {
			// The full-width map's cells are at most 140 wide: 30% across
			// is the third column.
			s := d.heat.Size()
			tapScan(d.heat, s, s.Width*0.3, nav)
		}, func(model.Summary) string { return model.Design }},
		{"table row", func(d *Screen, nav *[]string) {
			test.Tap(d.table.rows[4].row)
		}, func(model.Summary) string { return model.Governance }},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, s := testScreen(t, true)
			now, _ := current(t, s)
			nav := screentest.RecordNavigation(s)
			c.tap(d, nav)
			settle(t, d)
			// The window shows the place; the discipline view's tests check
			// that it then shows the discipline.
			want := c.want(now)
			if len(*nav) == 0 || (*nav)[0] != "discipline "+want {
				t.Fatalf("navigated %v, want discipline %s", *nav, want)
			}
		})
	}
}

// button finds the button labelled text in obj's tree.
func button(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(obj)
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}

func TestDashboardEmptyStateLoadsTheDemo(t *testing.T) {
	d, s := testScreen(t, false)
	if d.shown != emptyFace {
		t.Fatalf("an empty workspace shows face %d, want the empty state", d.shown)
	}
	nav := screentest.RecordNavigation(s)
	test.Tap(button(t, d.faces[emptyFace], "Import…"))
	if len(*nav) != 1 || (*nav)[0] != "import" {
		t.Errorf("Import… navigated %v", *nav)
	}
	test.Tap(button(t, d.faces[emptyFace], "Load demo data"))
	screentest.Until(t, "the demo data", func() bool { return d.shown == boardFace })
	settle(t, d)
	now, _ := current(t, s)
	if _, value, _, _, _ := d.overall.texts(); !now.Overall.Present || value != charts.ScoreFormat.String(now.Overall.Score) {
		t.Errorf("after loading the demo the overall tile shows %q, want %.2f", value, now.Overall.Score)
	}
}

// TestDashboardTrendLegendOpensTheDiscipline taps the first name in the
// dashboard trend's legend.
func TestDashboardTrendLegendOpensTheDiscipline(t *testing.T) {
	d, s := testScreen(t, true)
	nav := screentest.RecordNavigation(s)
	for x := float32(0); x < d.trend.Size().Width && len(*nav) == 0; x += 4 {
		test.TapAt(d.trend, fyne.NewPos(x, 12))
	}
	settle(t, d)
	if len(*nav) == 0 || (*nav)[0] != "discipline "+model.Strategy {
		t.Fatalf("tapping the legend navigated %v, want the first discipline", *nav)
	}
}

func TestDashboardGolden(t *testing.T) {
	for _, c := range []struct{ name, pref string }{{"light", screen.ThemeLight}, {"dark", screen.ThemeDark}} {
		t.Run(c.name, func(t *testing.T) {
			_, s := testScreen(t, true)
			s.App().Settings().SetTheme(screen.ThemeFor(c.pref))
			test.AssertImageMatches(t, "dashboard_"+c.name+".png", s.Window().Canvas().Capture())
		})
	}
}
