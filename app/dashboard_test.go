package app

import (
	"context"
	"database/sql"
	"fmt"
	"image/color"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/charts"
	"cxdash/model"
)

// dashTestDB makes a workspace file in a temporary folder, with the demo
// data when demo is set. Its batch gets a fixed import time and user so
// that screenshots showing them do not change from run to run.
func dashTestDB(t *testing.T, demo bool) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "acme.db")
	ws, err := OpenWorkspace(ctx, db)
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

// dashQueue holds the screens' UI updates until the test runs them, as
// the real driver's event loop would (see testDo).
type dashQueue struct {
	mu     sync.Mutex
	fns    []func()
	signal chan struct{}
}

func (q *dashQueue) push(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

// run runs the queued updates on the test goroutine.
func (q *dashQueue) run() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// dashQ is the current test's queue; tests in this package run one at a
// time.
var dashQ *dashQueue

func dashInstallQueue(t *testing.T) {
	t.Helper()
	installUIQueue()
	t.Cleanup(installUIQueue)
}

// installUIQueue gives the package a fresh queue for UI updates (TestMain
// installs one for every test).
func installUIQueue() {
	q := &dashQueue{signal: make(chan struct{}, 1)}
	do := q.push
	dashQ = q
	testDo.Store(&do)
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
	t.Cleanup(func() { u.s.ws.Close() })
	u.s.win.Resize(fyne.NewSize(1240, 780))
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
	dashWait(t, u.discipline.obs.latest.idle())
}

func dashOf(u *UI) *dashboardScreen { return u.dashboard.(*dashboardScreen) }

// dashWait runs the screens' updates until ch is closed.
func dashWait(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		dashQ.run()
		select {
		case <-ch:
			dashQ.run()
			return
		case <-dashQ.signal:
		case <-timeout:
			t.Fatal("timed out waiting for the screen")
		}
	}
}

// dashPumpUntil runs the screens' updates until cond holds.
func dashPumpUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for dashQ.run(); !cond(); dashQ.run() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case <-dashQ.signal:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// dashRecordNavigation records where the screens navigate to.
func dashRecordNavigation(u *UI) *[]string {
	var got []string
	next := u.s.navigate
	u.s.navigate = func(screen string, arg any) {
		got = append(got, fmt.Sprint(screen, " ", arg))
		next(screen, arg)
	}
	return &got
}

func dashCurrent(t *testing.T, u *UI) (model.Summary, model.Summary) {
	t.Helper()
	p, ok := u.s.snap.Current(u.s.filters)
	if !ok {
		t.Fatal("no current period")
	}
	sc := u.s.snap.Scorer
	return sc.Summary(u.s.filters.Unit, p), sc.Summary(u.s.filters.Unit, p.Prev())
}

func TestDashboardShowsTheSummary(t *testing.T) {
	u := dashTestUI(t, true)
	d := dashOf(u)
	if d.face() != dashBoard {
		t.Fatalf("the dashboard shows face %d, want the board", d.face())
	}
	now, prev := dashCurrent(t, u)
	fw := u.s.snap.Framework

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
	span := charts.Span(u.s.snap.Periods(u.s.filters)[0], now.Period)
	for i, name := range wantTiles {
		k := d.kpis[i]
		if !k.Visible() || !strings.HasPrefix(k.Data().Title, name) {
			t.Errorf("tile %d is %q (visible %v), want %s", i, k.Data().Title, k.Visible(), name)
			continue
		}
		var m model.Metric
		for _, x := range u.s.snap.Metrics {
			if x.Name == name {
				m = x
			}
		}
		want := charts.MetricKPI(fw, u.s.snap.Scorer, model.AllUnits, m, span[max(0, len(span)-kpiTrendLen):])
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
	if !d.data.heatUnits || !reflect.DeepEqual(d.heat.Data().Rows, u.s.snap.Units) {
		t.Errorf("heatmap rows %v, want the units %v", d.heat.Data().Rows, u.s.snap.Units)
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
			if u.s.filters.Unit != unit {
				t.Fatalf("filters %+v", u.s.filters)
			}
			now, prev := dashCurrent(t, u)
			got := d.radar.Data()
			if want := charts.RadarFromSummaries(u.s.snap.Framework, now, prev); !reflect.DeepEqual(got, want) {
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
	u.s.setFilters(Filters{Unit: model.AllUnits, Gran: model.Quarter})
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
			fd, _ := u.s.snap.Framework.Discipline(want)
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
	if len(*nav) != 1 || (*nav)[0] != "import <nil>" {
		t.Errorf("Import… navigated %v", *nav)
	}
	u.navigate("dashboard", nil)
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
			u.s.app.Settings().SetTheme(dashVariant{theme.DefaultTheme(), c.v})
			test.AssertImageMatches(t, "dashboard_"+c.name+".png", u.s.win.Canvas().Capture())
		})
	}
}
