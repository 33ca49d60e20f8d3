package databrowser

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
	"cxdash/store"
	"cxdash/workspace"
)

// Fyne's test driver runs fyne.Do at once on the goroutine that calls it,
// so background work would touch widgets while a test reads or taps them.
// The tests of this package therefore queue UI updates and run them on the
// test goroutine while they wait, as the desktop driver's event loop runs
// them on its one UI goroutine.
func TestMain(m *testing.M) {
	screentest.Install()
	os.Exit(m.Run())
}

// testSize is the window the golden images were drawn in.
var testSize = fyne.NewSize(1240, 780)

// testBrowser opens the data browser alone in a test window on ws, once
// the workspace's state is loaded, and waits for its first rows. The
// filter bar's filters are all units by quarter; setup, when given, runs
// on the loaded session before the browser is built (a theme, say).
func testBrowser(t *testing.T, ws *workspace.Workspace, setup func(s *screen.Session)) (*screen.Session, *Screen) {
	t.Helper()
	s := screentest.Session(t, ws, testSize, func(s *screen.Session) fyne.CanvasObject {
		s.SetFilters(workspace.Filters{Unit: model.AllUnits, Gran: model.Quarter})
		return widget.NewLabel("")
	})
	if setup != nil {
		setup(s)
	}
	var d *Screen
	act(func() {
		d = New(s)
		s.Window().SetContent(d.Content())
	})
	t.Cleanup(func() {
		d.pager.stop()
		wait(t, "the browser to settle", d.Idle())
	})
	wait(t, "the first rows", d.Idle())
	return s, d
}

// testWorkspace is a new, empty workspace.
func testWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	return screentest.Workspace(t, "acme.db", false)
}

// wait waits for ch (background work settling), running the UI updates
// it queues, and fails after a generous deadline rather than hanging the
// test binary.
func wait(t *testing.T, what string, ch <-chan struct{}) {
	t.Helper()
	screentest.Wait(t, what, ch, 2*time.Minute)
}

// testObs is one observation to store.
type testObs struct {
	metric, disc, unit string
	period             model.Period
	value              float64
	cell               string
}

// testBatch stores observations as one batch straight through the
// store, as an import would.
func testBatch(t testing.TB, ws *workspace.Workspace, file string, obs []testObs) workspace.Batch {
	t.Helper()
	ctx := context.Background()
	tx, err := screentest.OpenStore(t, ws).BeginBatch(ctx, store.BatchInfo{File: file, Path: "/data/" + file, SHA256: file, User: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	put := map[string]bool{}
	for _, o := range obs {
		if !put[o.metric] {
			put[o.metric] = true
			if err := tx.PutMetric(ctx, model.NewLevelMetric(o.metric, o.disc)); err != nil {
				t.Fatal(err)
			}
		}
		err := tx.AddObservation(ctx, model.Observation{Metric: o.metric, Unit: o.unit, Period: o.period, Value: o.value,
			Source: model.Source{Sheet: "Scores", Cell: o.cell}})
		if err != nil {
			t.Fatal(err)
		}
	}
	b, err := tx.Commit(0)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testFixture is two batches: the first has 3 metrics x 2 units x 2
// quarters; the second replaces North's vision score for Q1 2024.
func testFixture(t *testing.T, ws *workspace.Workspace) {
	t.Helper()
	metrics := []struct{ name, disc string }{
		{"CX vision", model.Strategy}, {"Journey maps", model.Design}, {"Service blueprints", model.Design},
	}
	var obs []testObs
	row := 2
	for q := 1; q <= 2; q++ {
		for _, u := range []string{"North", "South"} {
			for k, m := range metrics {
				obs = append(obs, testObs{m.name, m.disc, u, model.QuarterPeriod(2024, q), float64(q) + float64(k)/2, fmt.Sprintf("E%d", row)})
				row++
			}
		}
	}
	testBatch(t, ws, "scores-2024.xlsx", obs)
	testBatch(t, ws, "vision-fix.xlsx", []testObs{
		{"CX vision", model.Strategy, "North", model.QuarterPeriod(2024, 1), 4.5, "C7"},
	})
}

// cellText is what the table shows in a cell, read through its own
// update function.
func cellText(d *Screen, row, col int) string {
	l := widget.NewLabel("")
	act(func() { d.updateCell(widget.TableCellID{Row: row, Col: col}, l) })
	return l.Text
}

// act runs a user's action as the desktop driver would: on the UI
// goroutine, never at the same time as a callback of background work.
func act(fn func()) {
	fn()
}

// tapTitle clicks a column title.
func tapTitle(t *testing.T, d *Screen, title string) {
	t.Helper()
	tap := headerTap(t, d, title)
	act(func() { test.Tap(tap) })
}

// onScreen reports whether a cell of the rendered table shows text.
func onScreen(d *Screen, text string) bool {
	found := false
	walk(d.table, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text == text {
			found = true
		}
	})
	return found
}

// cellRowsOnScreen lists the row numbers of the Cell column's labels
// on screen (E2 is 2), smallest first.
func cellRowsOnScreen(d *Screen) []int {
	var rows []int
	walk(d.table, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			if n, err := strconv.Atoi(strings.TrimPrefix(l.Text, "E")); err == nil && strings.HasPrefix(l.Text, "E") {
				rows = append(rows, n)
			}
		}
	})
	slices.Sort(rows)
	return rows
}

func columnIndex(t *testing.T, title string) int {
	t.Helper()
	for i, c := range columns {
		if c.title == title {
			return i
		}
	}
	t.Fatalf("no column %q", title)
	return -1
}

// headerTap finds the tap area of a column title in the rendered
// table, as a user would click it.
func headerTap(t *testing.T, d *Screen, title string) *tapArea {
	t.Helper()
	var found *tapArea
	walk(d.table, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return
		}
		tap, ok := c.Objects[1].(*tapArea)
		if !ok {
			return
		}
		walk(c.Objects[0], func(x fyne.CanvasObject) {
			if l, ok := x.(*widget.Label); ok && l.Text == title {
				found = tap
			}
		})
	})
	if found == nil {
		t.Fatalf("no header %q on screen", title)
	}
	return found
}

// walk visits the objects on screen under o, through the renderers
// the canvas uses (test.LaidOutObjects would make new ones).
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, visit)
		}
	}
}

// choose picks an option of a filter select and waits for the rows.
func choose(t *testing.T, d *Screen, sel *widget.Select, option string) {
	t.Helper()
	act(func() { sel.SetSelected(option) })
	if sel.Selected != option {
		t.Fatalf("option %q not offered: %q", option, sel.Options)
	}
	wait(t, "rows after choosing "+option, d.work.Idle())
}

// testLarge stores n observations in one batch: 30 metrics, 20 units,
// months from 2015 on.
func testLarge(t testing.TB, ws *workspace.Workspace, n int) {
	t.Helper()
	obs := make([]testObs, n)
	for i := range obs {
		obs[i] = testObs{
			metric: fmt.Sprintf("Practice %02d", i%30), disc: model.DisciplineKeys[i%6],
			unit: fmt.Sprintf("Unit %02d", i/30%20), period: model.MonthPeriod(2015+i/600/12%10, 1+i/600%12),
			value: float64(1 + i%5), cell: fmt.Sprintf("E%d", i+2),
		}
	}
	testBatch(t, ws, "large.xlsx", obs)
}
