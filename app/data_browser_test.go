package app

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/store"
	"cxdash/workspace"
)

// dataTestSession opens an empty workspace in a session on the Fyne test
// driver, with a window of the size the golden images use.
func dataTestSession(t *testing.T) *screen.Session {
	t.Helper()
	a := test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	ws, err := workspace.Open(ctx, filepath.Join(t.TempDir(), "acme.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	t.Cleanup(cancel)
	win := test.NewTempWindow(t, widget.NewLabel(""))
	win.Resize(fyne.NewSize(1240, 780))
	s := screen.NewSession(ctx, a, win, ws)
	s.SetFilters(workspace.Filters{Unit: model.AllUnits, Gran: model.Quarter})
	return s
}

// dataTestWait waits for ch (background work settling), failing after a
// generous deadline rather than hanging the test binary.
func dataTestWait(t *testing.T, what string, ch <-chan struct{}) {
	t.Helper()
	pumpWait(t, what, ch, 2*time.Minute)
}

// dataTestBrowser builds the data browser in the session's window once the
// snapshot is loaded, and waits for its first rows.
func dataTestBrowser(t *testing.T, s *screen.Session) *dataScreen {
	t.Helper()
	dataTestWait(t, "the snapshot", s.Reload())
	var d *dataScreen
	dataTestAct(func() {
		d = newDataBrowser(s)
		s.Window().SetContent(d.root)
	})
	t.Cleanup(func() { d.pager.stop(); <-d.work.Idle() })
	dataTestWait(t, "the first rows", d.work.Idle())
	return d
}

// dataTestObs is one observation to store.
type dataTestObs struct {
	metric, disc, unit string
	period             model.Period
	value              float64
	cell               string
}

// dataTestBatch stores observations as one batch straight through the
// store, as an import would.
func dataTestBatch(t testing.TB, ws *workspace.Workspace, file string, obs []dataTestObs) workspace.Batch {
	t.Helper()
	ctx := context.Background()
	tx, err := testStore(t, ws).BeginBatch(ctx, store.BatchInfo{File: file, Path: "/data/" + file, SHA256: file, User: "ann"})
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

// dataTestFixture is two batches: the first has 3 metrics x 2 units x 2
// quarters; the second replaces North's vision score for Q1 2024.
func dataTestFixture(t *testing.T, ws *workspace.Workspace) {
	t.Helper()
	metrics := []struct{ name, disc string }{
		{"CX vision", model.Strategy}, {"Journey maps", model.Design}, {"Service blueprints", model.Design},
	}
	var obs []dataTestObs
	row := 2
	for q := 1; q <= 2; q++ {
		for _, u := range []string{"North", "South"} {
			for k, m := range metrics {
				obs = append(obs, dataTestObs{m.name, m.disc, u, model.QuarterPeriod(2024, q), float64(q) + float64(k)/2, fmt.Sprintf("E%d", row)})
				row++
			}
		}
	}
	dataTestBatch(t, ws, "scores-2024.xlsx", obs)
	dataTestBatch(t, ws, "vision-fix.xlsx", []dataTestObs{
		{"CX vision", model.Strategy, "North", model.QuarterPeriod(2024, 1), 4.5, "C7"},
	})
}

// dataTestCell is what the table shows in a cell, read through its own
// update function.
func dataTestCell(d *dataScreen, row, col int) string {
	l := widget.NewLabel("")
	dataTestAct(func() { d.updateCell(widget.TableCellID{Row: row, Col: col}, l) })
	return l.Text
}

// dataTestAct runs a user's action as the desktop driver would: on the UI
// goroutine, never at the same time as a callback of background work.
func dataTestAct(fn func()) {
	fn()
}

// dataTestTap clicks a column title.
func dataTestTap(t *testing.T, d *dataScreen, title string) {
	t.Helper()
	tap := dataTestHeader(t, d, title)
	dataTestAct(func() { test.Tap(tap) })
}

// dataTestOnScreen reports whether a cell of the rendered table shows text.
func dataTestOnScreen(d *dataScreen, text string) bool {
	found := false
	dataTestWalk(d.table, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text == text {
			found = true
		}
	})
	return found
}

// dataTestCellsOnScreen lists the row numbers of the Cell column's labels
// on screen (E2 is 2), smallest first.
func dataTestCellsOnScreen(d *dataScreen) []int {
	var rows []int
	dataTestWalk(d.table, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			if n, err := strconv.Atoi(strings.TrimPrefix(l.Text, "E")); err == nil && strings.HasPrefix(l.Text, "E") {
				rows = append(rows, n)
			}
		}
	})
	slices.Sort(rows)
	return rows
}

func dataTestColumn(t *testing.T, title string) int {
	t.Helper()
	for i, c := range dataColumns {
		if c.title == title {
			return i
		}
	}
	t.Fatalf("no column %q", title)
	return -1
}

// dataTestHeader finds the tap area of a column title in the rendered
// table, as a user would click it.
func dataTestHeader(t *testing.T, d *dataScreen, title string) *dataTapArea {
	t.Helper()
	var found *dataTapArea
	dataTestWalk(d.table, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return
		}
		tap, ok := c.Objects[1].(*dataTapArea)
		if !ok {
			return
		}
		dataTestWalk(c.Objects[0], func(x fyne.CanvasObject) {
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

// dataTestWalk visits the objects on screen under o, through the renderers
// the canvas uses (test.LaidOutObjects would make new ones).
func dataTestWalk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			dataTestWalk(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			dataTestWalk(child, visit)
		}
	}
}

// dataTestChoose picks an option of a filter select and waits for the rows.
func dataTestChoose(t *testing.T, d *dataScreen, sel *widget.Select, option string) {
	t.Helper()
	dataTestAct(func() { sel.SetSelected(option) })
	if sel.Selected != option {
		t.Fatalf("option %q not offered: %q", option, sel.Options)
	}
	dataTestWait(t, "rows after choosing "+option, d.work.Idle())
}

func TestDataBrowserShowsFiltersAndSorts(t *testing.T) {
	s := dataTestSession(t)
	dataTestFixture(t, s.Workspace())
	d := dataTestBrowser(t, s)

	if got := d.pager.length(); got != 13 {
		t.Fatalf("rows: %d, want 13", got)
	}
	want := []string{"Q1 2024", "North", "Strategy", "CX vision", "1", "", "scores-2024.xlsx", "Scores", "E2", "1"}
	for c, w := range want {
		if got := dataTestCell(d, 0, c); got != w {
			t.Errorf("row 0, %s: %q, want %q", dataColumns[c].title, got, w)
		}
	}
	if !strings.HasPrefix(d.status.Text, "13 observations") || d.empty.Visible() {
		t.Errorf("status %q, empty state shown %v", d.status.Text, d.empty.Visible())
	}

	f := &d.f
	tests := []struct {
		name   string
		sel    *widget.Select
		option string
		rows   int
		check  func(row int) bool
	}{
		{"unit", f.unit, "South", 6, func(r int) bool { return dataTestCell(d, r, 1) == "South" }},
		{"discipline", f.disc, "Design", 4, func(r int) bool { return dataTestCell(d, r, 2) == "Design" }},
		{"metric", f.metric, "Journey maps", 2, func(r int) bool { return dataTestCell(d, r, 3) == "Journey maps" }},
		{"period", f.period, "Q2 2024", 1, func(r int) bool { return dataTestCell(d, r, 0) == "Q2 2024" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { // each narrows the one before
			dataTestChoose(t, d, tt.sel, tt.option)
			if got := d.pager.length(); got != tt.rows {
				t.Fatalf("%s %s: %d rows, want %d", tt.name, tt.option, got, tt.rows)
			}
			for r := 0; r < tt.rows; r++ {
				if !tt.check(r) {
					t.Errorf("row %d does not match the filter: %s", r, dataTestCell(d, r, 3))
				}
			}
		})
	}

	t.Run("no match and clear", func(t *testing.T) {
		dataTestChoose(t, d, f.batch, "Batch 2 · vision-fix.xlsx")
		if d.pager.length() != 0 || !d.empty.Visible() || d.emptyTitle.Text != "No observations match these filters" {
			t.Fatalf("rows %d, empty state %v %q", d.pager.length(), d.empty.Visible(), d.emptyTitle.Text)
		}
		dataTestAct(func() { test.Tap(d.emptyAction) }) // "Clear filters"
		dataTestWait(t, "cleared filters", d.work.Idle())
		if d.pager.length() != 13 || d.empty.Visible() || f.unit.Selected != dataAllUnits {
			t.Errorf("after clearing: %d rows, empty state %v, unit %q", d.pager.length(), d.empty.Visible(), f.unit.Selected)
		}
	})

	t.Run("batch", func(t *testing.T) {
		dataTestChoose(t, d, f.batch, "Batch 2 · vision-fix.xlsx")
		if d.pager.length() != 1 || dataTestCell(d, 0, 4) != "4.5" || dataTestCell(d, 0, 8) != "C7" {
			t.Errorf("batch 2: %d rows, value %q", d.pager.length(), dataTestCell(d, 0, 4))
		}
		dataTestChoose(t, d, f.batch, dataAllBatches)
	})

	t.Run("only values that count", func(t *testing.T) {
		dataTestAct(func() { f.onlyCurrent.SetChecked(true) })
		dataTestWait(t, "current values", d.work.Idle())
		if got := d.pager.length(); got != 12 {
			t.Errorf("values that count: %d rows, want 12 (batch 2 replaced one)", got)
		}
		for r := 0; r < d.pager.length(); r++ {
			if dataTestCell(d, r, 3) == "CX vision" && dataTestCell(d, r, 1) == "North" && dataTestCell(d, r, 0) == "Q1 2024" &&
				dataTestCell(d, r, 9) != "2" {
				t.Errorf("row %d: the replaced value of batch 1 still counts", r)
			}
		}
		dataTestAct(func() { f.onlyCurrent.SetChecked(false) })
		dataTestWait(t, "all values", d.work.Idle())
	})

	t.Run("sort by clicking a title", func(t *testing.T) {
		value := dataTestColumn(t, "Value")
		dataTestTap(t, d, "Value")
		dataTestWait(t, "sorted rows", d.work.Idle())
		if got := dataTestCell(d, 0, value); got != "1" {
			t.Errorf("ascending: first value %q, want 1", got)
		}
		dataTestTap(t, d, "Value")
		dataTestWait(t, "sorted rows", d.work.Idle())
		if got := dataTestCell(d, 0, value); got != "4.5" {
			t.Errorf("descending: first value %q, want 4.5", got)
		}
		if !strings.Contains(d.status.Text, "sorted by value, descending") {
			t.Errorf("status %q", d.status.Text)
		}
		dataTestTap(t, d, "Discipline") // the store cannot sort by it: nothing happens
		if d.sortCol != value {
			t.Errorf("tapping Discipline changed the sort to column %d", d.sortCol)
		}
	})

	t.Run("unit follows the filter bar", func(t *testing.T) {
		s.SetFilters(workspace.Filters{Unit: "North", Gran: model.Quarter})
		dataTestWait(t, "North's rows", d.work.Idle())
		if f.unit.Selected != "North" || d.pager.length() != 7 {
			t.Errorf("unit %q, %d rows, want North's 7", f.unit.Selected, d.pager.length())
		}
		s.SetFilters(workspace.Filters{Unit: model.AllUnits, Gran: model.Quarter})
		dataTestWait(t, "all rows", d.work.Idle())
		if f.unit.Selected != dataAllUnits || d.pager.length() != 13 {
			t.Errorf("unit %q, %d rows, want all 13", f.unit.Selected, d.pager.length())
		}
	})
}

func TestDataBrowserEmptyWorkspace(t *testing.T) {
	s := dataTestSession(t)
	var went string
	s.Navigate = func(p screen.Place) { went = p.Screen.String() }
	d := dataTestBrowser(t, s)
	if d.pager.length() != 0 || !d.empty.Visible() || d.table.Visible() {
		t.Fatalf("rows %d, empty state %v, table %v", d.pager.length(), d.empty.Visible(), d.table.Visible())
	}
	if d.emptyTitle.Text != "No observations yet" || !strings.Contains(d.emptyText.Text, "drop them anywhere on this window") {
		t.Errorf("empty state %q: %q", d.emptyTitle.Text, d.emptyText.Text)
	}
	dataTestAct(func() { test.Tap(d.emptyAction) })
	if went != "import" {
		t.Errorf("the empty state's button went to %q, want the import screen", went)
	}
}

// TestDataBrowserPagesALargeStore checks that the browser shows the first
// page of 200,000 observations and the last one after scrolling to the
// end, reading a few pages and counting once, never the whole table.
func TestDataBrowserPagesALargeStore(t *testing.T) {
	// Enough rows for hundreds of pages; BenchmarkDataBrowserPages measures
	// 1M rows.
	n := 50_000
	s := dataTestSession(t)
	dataTestLarge(t, s.Workspace(), n)
	d := dataTestBrowser(t, s)
	if d.pager.total != n || d.pager.counts != 1 {
		t.Fatalf("count %d (%d count queries), want %d", d.pager.total, d.pager.counts, n)
	}
	dataTestAct(func() { s.Window().Canvas().Capture() }) // paint
	if !dataTestOnScreen(d, "E2") || dataTestOnScreen(d, dataPlaceholder) {
		t.Error("the first rows are not on screen")
	}
	cell := dataTestColumn(t, "Cell")
	if got := dataTestCell(d, 0, cell); got != "E2" {
		t.Errorf("first row: cell %q, want E2", got)
	}
	if d.pager.rowsRead > obsPageSize {
		t.Errorf("the first screen read %d rows", d.pager.rowsRead)
	}

	dataTestAct(func() {
		d.table.ScrollToBottom()
		s.Window().Canvas().Capture() // paint: the table asks for the rows it shows
	})
	dataTestWait(t, "the last page", d.work.Idle())
	dataTestAct(func() { s.Window().Canvas().Capture() })
	if cells := dataTestCellsOnScreen(d); len(cells) == 0 || cells[0] < n+2-obsPageSize || dataTestOnScreen(d, dataPlaceholder) {
		t.Errorf("after scrolling to the end the table shows rows of cells %v, want the last page's", cells)
	}
	if got, want := dataTestCell(d, n-1, cell), fmt.Sprintf("E%d", n+1); got != want {
		t.Errorf("last row: cell %q, want %q", got, want)
	}
	if _, ok := d.pager.pages[(n-1)/obsPageSize]; !ok {
		t.Errorf("the last page was not read when the table showed the end: pages %v", d.pager.used)
	}
	if d.pager.rowsRead > 3*obsPageSize || d.pager.queries > 4 || d.pager.counts != 1 {
		t.Errorf("scrolling to the end read %d rows in %d queries and %d counts", d.pager.rowsRead, d.pager.queries, d.pager.counts)
	}

	// Sorted by value, the end of the table is the largest values.
	dataTestTap(t, d, "Value")
	dataTestWait(t, "sorted rows", d.work.Idle())
	dataTestAct(func() {
		d.table.ScrollToBottom()
		s.Window().Canvas().Capture()
	})
	dataTestWait(t, "the last sorted page", d.work.Idle())
	if got := dataTestCell(d, n-1, dataTestColumn(t, "Value")); got != "5" {
		t.Errorf("last row by value: %q, want 5", got)
	}
}

// dataTestLarge stores n observations in one batch: 30 metrics, 20 units,
// months from 2015 on.
func dataTestLarge(t testing.TB, ws *workspace.Workspace, n int) {
	t.Helper()
	obs := make([]dataTestObs, n)
	for i := range obs {
		obs[i] = dataTestObs{
			metric: fmt.Sprintf("Practice %02d", i%30), disc: model.DisciplineKeys[i%6],
			unit: fmt.Sprintf("Unit %02d", i/30%20), period: model.MonthPeriod(2015+i/600/12%10, 1+i/600%12),
			value: float64(1 + i%5), cell: fmt.Sprintf("E%d", i+2),
		}
	}
	dataTestBatch(t, ws, "large.xlsx", obs)
}

func TestDataBrowserGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		th   fyne.Theme
	}{{"data_light.png", theme.LightTheme()}, {"data_dark.png", theme.DarkTheme()}} { //nolint:staticcheck // fixed variants for the goldens
		t.Run(tt.name, func(t *testing.T) {
			s := dataTestSession(t)
			s.App().Settings().SetTheme(tt.th)
			dataTestFixture(t, s.Workspace())
			d := dataTestBrowser(t, s)
			dataTestTap(t, d, "Period")
			dataTestWait(t, "sorted rows", d.work.Idle())
			var img image.Image
			dataTestAct(func() { img = s.Window().Canvas().Capture() })
			test.AssertImageMatches(t, tt.name, img)
		})
	}
}

func BenchmarkDataBrowserPages(b *testing.B) {
	ctx := context.Background()
	ws, err := workspace.Open(ctx, filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer ws.Close()
	const n = 1_000_000
	dataTestLarge(b, ws, n)
	for _, bc := range []struct {
		name   string
		filter workspace.ObservationFilter
	}{
		{"first", workspace.ObservationFilter{}},
		{"last", workspace.ObservationFilter{Offset: n - obsPageSize}},
		{"last reversed", workspace.ObservationFilter{Desc: true}},
		{"middle by value", workspace.ObservationFilter{OrderBy: "value", Offset: n / 2}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			f := bc.filter
			f.Limit = obsPageSize
			for b.Loop() {
				if _, err := ws.Observations(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// testStore opens a second connection to ws's file, for tests that set up
// rows the way no screen writes them.
func testStore(t testing.TB, ws *workspace.Workspace) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), ws.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
