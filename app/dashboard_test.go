package app

import (
	"context"
	"database/sql"
	"image/color"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// dashTestDB makes a workspace file in a temporary folder, with the demo
// data when demo is set. Its batch gets a fixed import time and user so
// that screenshots showing them do not change from run to run.
func dashTestDB(t *testing.T, demo bool) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "acme.db")
	ws, err := workspace.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if demo {
		if _, err := ws.LoadDemo(ctx, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	if demo {
		raw, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE batches SET imported_at = '2026-01-15T09:30:00Z', username = 'cxlead'`); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func dashInstallQueue(t *testing.T) {
	t.Helper()
	screentest.Install()
	t.Cleanup(func() { screentest.Install() })
}

// dashTestUI opens the whole window on a workspace with the Fyne test
// driver and waits until every screen of this part shows its data.
func dashTestUI(t *testing.T, demo bool) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	dashInstallQueue(t)
	u, err := NewUI(context.Background(), a, dashTestDB(t, demo))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.s.Workspace().Close() })
	u.s.Window().Resize(fyne.NewSize(1240, 780))
	dashWait(t, u.loaded)
	dashSettle(t, u)
	return u
}

// dashSettle waits until the dashboard, the discipline view and its
// drill-down show their latest data.
func dashSettle(t *testing.T, u *UI) {
	t.Helper()
	dashWait(t, dashOf(u).idle())
	dashWait(t, u.discipline.idle())
	dashWait(t, u.discipline.obs.latest.Idle())
}

func dashOf(u *UI) *dashboardScreen { return u.dashboard.(*dashboardScreen) }

// dashWait runs the screens' updates until ch is closed.
func dashWait(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		screentest.Current().Run()
		select {
		case <-ch:
			screentest.Current().Run()
			return
		case <-screentest.Current().Signal():
		case <-timeout:
			t.Fatal("timed out waiting for the screen")
		}
	}
}

// dashPumpUntil runs the screens' updates until cond holds.
func dashPumpUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for screentest.Current().Run(); !cond(); screentest.Current().Run() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case <-screentest.Current().Signal():
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// dashRecordNavigation records where the screens navigate to.
func dashRecordNavigation(u *UI) *[]string {
	var got []string
	next := u.s.Navigate
	u.s.Navigate = func(p screen.Place) {
		got = append(got, p.String())
		next(p)
	}
	return &got
}

func dashCurrent(t *testing.T, u *UI) (model.Summary, model.Summary) {
	t.Helper()
	p, ok := u.s.State().Current(u.s.Filters())
	if !ok {
		t.Fatal("no current period")
	}
	sc := u.s.State().Scorer
	return sc.Summary(u.s.Filters().Unit, p), sc.Summary(u.s.Filters().Unit, p.Prev())
}

func TestDashboardShowsTheSummary(t *testing.T) {
	u := dashTestUI(t, true)
	d := dashOf(u)
	if d.face() != dashBoard {
		t.Fatalf("the dashboard shows face %d, want the board", d.face())
	}
	now, prev := dashCurrent(t, u)
	fw := u.s.State().Framework

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
	span := charts.Span(u.s.State().Periods(u.s.Filters())[0], now.Period)
	for i, name := range wantTiles {
		k := d.kpis[i]
		if !k.Visible() || !strings.HasPrefix(k.Data().Title, name) {
			t.Errorf("tile %d is %q (visible %v), want %s", i, k.Data().Title, k.Visible(), name)
			continue
		}
		var m model.Metric
		for _, x := range u.s.State().Metrics {
			if x.Name == name {
				m = x
			}
		}
		want := charts.MetricKPI(fw, u.s.State().Scorer, model.AllUnits, m, span[max(0, len(span)-kpiTrendLen):])
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
	if !d.data.heatUnits || !reflect.DeepEqual(d.heat.Data().Rows, u.s.State().Units) {
		t.Errorf("heatmap rows %v, want the units %v", d.heat.Data().Rows, u.s.State().Units)
	}
	if len(d.trend.Data().Events) == 0 {
		t.Error("the trend shows no events from the demo's notes")
	}
}

func TestDashboardUnitFilterChangesTheRadar(t *testing.T) {
	u := dashTestUI(t, true)
	d := dashOf(u)
	all := d.radar.Data()
	for _, unit := range []string{"Online", "Retail"} {
		t.Run(unit, func(t *testing.T) {
			u.filters.unit.SetSelected(unit)
			dashSettle(t, u)
			if u.s.Filters().Unit != unit {
				t.Fatalf("filters %+v", u.s.Filters())
			}
			now, prev := dashCurrent(t, u)
			got := d.radar.Data()
			if want := charts.RadarFromSummaries(u.s.State().Framework, now, prev); !reflect.DeepEqual(got, want) {
				t.Errorf("radar for %s\n got %+v\nwant %+v", unit, got, want)
			}
			if reflect.DeepEqual(got, all) {
				t.Error("the radar did not change with the unit")
			}
			if _, value, _, _, _ := d.overall.texts(); value != charts.ScoreFormat.String(now.Overall.Score) {
				t.Errorf("overall %q, want %.2f", value, now.Overall.Score)
			}
			if d.data.heatUnits || len(d.heat.Data().Rows) != 6 {
				t.Errorf("one unit's heatmap should be disciplines over time, has rows %v", d.heat.Data().Rows)
			}
		})
	}
	u.s.SetFilters(workspace.Filters{Unit: model.AllUnits, Gran: model.Quarter})
	dashSettle(t, u)
	if !reflect.DeepEqual(d.radar.Data(), all) {
		t.Error("back to all units, the radar differs from before")
	}
}

// dashTapScan taps down the middle of obj until a tap navigates.
func dashTapScan(obj fyne.Tappable, size fyne.Size, x float32, nav *[]string) {
	for y := float32(2); y < size.Height && len(*nav) == 0; y += 3 {
		obj.Tapped(&fyne.PointEvent{Position: fyne.NewPos(x, y)})
	}
}

func TestDashboardDrillsDownToTheDiscipline(t *testing.T) {
	for _, c := range []struct {
		name string
		tap  func(u *UI, d *dashboardScreen, nav *[]string)
		want func(now model.Summary) string // the discipline key expected
	}{
		{"largest gap bar", func(u *UI, d *dashboardScreen, nav *[]string) {
			dashTapScan(d.gaps, d.gaps.Size(), d.gaps.Size().Width/2, nav)
		}, func(now model.Summary) string {
			best := now.Disciplines[0]
			for _, ds := range now.Disciplines {
				if *ds.Gap > *best.Gap {
					best = ds
				}
			}
			return best.Key
		}},
		{"radar axis at the top", func(u *UI, d *dashboardScreen, nav *[]string) {
			s := d.radar.Size()
			test.TapAt(d.radar, fyne.NewPos(s.Width/2, s.Height*0.2))
		}, func(model.Summary) string { return model.Strategy }},
		{"heatmap row", func(u *UI, d *dashboardScreen, nav *[]string) {
			// The full-width map's cells are at most 140 wide: 30% across
			// is the third column.
			s := d.heat.Size()
			dashTapScan(d.heat, s, s.Width*0.3, nav)
		}, func(model.Summary) string { return model.Design }},
		{"table row", func(u *UI, d *dashboardScreen, nav *[]string) {
			test.Tap(d.table.rows[4].row)
		}, func(model.Summary) string { return model.Governance }},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := dashTestUI(t, true)
			d := dashOf(u)
			now, _ := dashCurrent(t, u)
			nav := dashRecordNavigation(u)
			c.tap(u, d, nav)
			dashSettle(t, u)
			want := c.want(now)
			if len(*nav) == 0 || (*nav)[0] != "discipline "+want {
				t.Fatalf("navigated %v, want discipline %s", *nav, want)
			}
			if u.tabs.Selected().Text != "Disciplines" || u.discipline.key != want {
				t.Errorf("tab %q shows %q, want Disciplines with %s", u.tabs.Selected().Text, u.discipline.key, want)
			}
			fd, _ := u.s.State().Framework.Discipline(want)
			if u.discipline.name.Text != fd.Name {
				t.Errorf("the discipline view is titled %q, want %q", u.discipline.name.Text, fd.Name)
			}
		})
	}
}

// dashButton finds the button labelled text in obj's tree.
func dashButton(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
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
	u := dashTestUI(t, false)
	d := dashOf(u)
	if d.face() != dashEmpty {
		t.Fatalf("an empty workspace shows face %d, want the empty state", d.face())
	}
	nav := dashRecordNavigation(u)
	test.Tap(dashButton(t, d.empty, "Import…"))
	if len(*nav) != 1 || (*nav)[0] != "import" {
		t.Errorf("Import… navigated %v", *nav)
	}
	u.show(screen.At(screen.Dashboard))
	test.Tap(dashButton(t, d.empty, "Load demo data"))
	dashPumpUntil(t, "the demo data", func() bool { return d.face() == dashBoard })
	dashSettle(t, u)
	now, _ := dashCurrent(t, u)
	if _, value, _, _, _ := d.overall.texts(); !now.Overall.Present || value != charts.ScoreFormat.String(now.Overall.Score) {
		t.Errorf("after loading the demo the overall tile shows %q, want %.2f", value, now.Overall.Score)
	}
}

// dashVariant fixes the default theme to one variant, as the charts'
// golden tests do.
type dashVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t dashVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

func TestDashboardGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(c.name, func(t *testing.T) {
			u := dashTestUI(t, true)
			u.s.App().Settings().SetTheme(dashVariant{theme.DefaultTheme(), c.v})
			test.AssertImageMatches(t, "dashboard_"+c.name+".png", u.s.Window().Canvas().Capture())
		})
	}
}
