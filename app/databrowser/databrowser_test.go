package databrowser

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

func TestDataBrowserShowsFiltersAndSorts(t *testing.T) {
	ws := testWorkspace(t)
	testFixture(t, ws)
	s, d := testBrowser(t, ws, nil)

	if got := d.pager.length(); got != 13 {
		t.Fatalf("rows: %d, want 13", got)
	}
	want := []string{"Q1 2024", "North", "Strategy", "CX vision", "1", "", "scores-2024.xlsx", "Scores", "E2", "1"}
	for c, w := range want {
		if got := cellText(d, 0, c); got != w {
			t.Errorf("row 0, %s: %q, want %q", columns[c].title, got, w)
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
		{"unit", f.unit, "South", 6, func(r int) bool { return cellText(d, r, 1) == "South" }},
		{"discipline", f.disc, "Design", 4, func(r int) bool { return cellText(d, r, 2) == "Design" }},
		{"metric", f.metric, "Journey maps", 2, func(r int) bool { return cellText(d, r, 3) == "Journey maps" }},
		{"period", f.period, "Q2 2024", 1, func(r int) bool { return cellText(d, r, 0) == "Q2 2024" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { // each narrows the one before
			choose(t, d, tt.sel, tt.option)
			if got := d.pager.length(); got != tt.rows {
				t.Fatalf("%s %s: %d rows, want %d", tt.name, tt.option, got, tt.rows)
			}
			for r := 0; r < tt.rows; r++ {
				if !tt.check(r) {
					t.Errorf("row %d does not match the filter: %s", r, cellText(d, r, 3))
				}
			}
		})
	}

	t.Run("no match and clear", func(t *testing.T) {
		choose(t, d, f.batch, "Batch 2 · vision-fix.xlsx")
		if d.pager.length() != 0 || !d.empty.Visible() || d.emptyTitle.Text != "No observations match these filters" {
			t.Fatalf("rows %d, empty state %v %q", d.pager.length(), d.empty.Visible(), d.emptyTitle.Text)
		}
		act(func() { test.Tap(d.emptyAction) }) // "Clear filters"
		wait(t, "cleared filters", d.work.Idle())
		if d.pager.length() != 13 || d.empty.Visible() || f.unit.Selected != model.AllUnitsLabel {
			t.Errorf("after clearing: %d rows, empty state %v, unit %q", d.pager.length(), d.empty.Visible(), f.unit.Selected)
		}
	})

	t.Run("batch", func(t *testing.T) {
		choose(t, d, f.batch, "Batch 2 · vision-fix.xlsx")
		if d.pager.length() != 1 || cellText(d, 0, 4) != "4.5" || cellText(d, 0, 8) != "C7" {
			t.Errorf("batch 2: %d rows, value %q", d.pager.length(), cellText(d, 0, 4))
		}
		choose(t, d, f.batch, allBatches)
	})

	t.Run("only values that count", func(t *testing.T) {
		act(func() { f.onlyCurrent.SetChecked(true) })
		wait(t, "current values", d.work.Idle())
		if got := d.pager.length(); got != 12 {
			t.Errorf("values that count: %d rows, want 12 (batch 2 replaced one)", got)
		}
		for r := 0; r < d.pager.length(); r++ {
			if cellText(d, r, 3) == "CX vision" && cellText(d, r, 1) == "North" && cellText(d, r, 0) == "Q1 2024" &&
				cellText(d, r, 9) != "2" {
				t.Errorf("row %d: the replaced value of batch 1 still counts", r)
			}
		}
		act(func() { f.onlyCurrent.SetChecked(false) })
		wait(t, "all values", d.work.Idle())
	})

	t.Run("sort by clicking a title", func(t *testing.T) {
		value := columnIndex(t, "Value")
		tapTitle(t, d, "Value")
		wait(t, "sorted rows", d.work.Idle())
		if got := cellText(d, 0, value); got != "1" {
			t.Errorf("ascending: first value %q, want 1", got)
		}
		tapTitle(t, d, "Value")
		wait(t, "sorted rows", d.work.Idle())
		if got := cellText(d, 0, value); got != "4.5" {
			t.Errorf("descending: first value %q, want 4.5", got)
		}
		if !strings.Contains(d.status.Text, "sorted by value, descending") {
			t.Errorf("status %q", d.status.Text)
		}
		tapTitle(t, d, "Discipline") // the store cannot sort by it: nothing happens
		if d.sortCol != value {
			t.Errorf("tapping Discipline changed the sort to column %d", d.sortCol)
		}
	})

	t.Run("unit follows the filter bar", func(t *testing.T) {
		s.SetFilters(workspace.Filters{Unit: "North", Gran: model.Quarter})
		wait(t, "North's rows", d.work.Idle())
		if f.unit.Selected != "North" || d.pager.length() != 7 {
			t.Errorf("unit %q, %d rows, want North's 7", f.unit.Selected, d.pager.length())
		}
		s.SetFilters(workspace.Filters{Unit: model.AllUnits, Gran: model.Quarter})
		wait(t, "all rows", d.work.Idle())
		if f.unit.Selected != model.AllUnitsLabel || d.pager.length() != 13 {
			t.Errorf("unit %q, %d rows, want all 13", f.unit.Selected, d.pager.length())
		}
	})
}

func TestDataBrowserEmptyWorkspace(t *testing.T) {
	s, d := testBrowser(t, testWorkspace(t), nil)
	var went []screen.Place
	s.Navigate = func(p screen.Place) { went = append(went, p) }
	if d.pager.length() != 0 || !d.empty.Visible() || d.table.Visible() {
		t.Fatalf("rows %d, empty state %v, table %v", d.pager.length(), d.empty.Visible(), d.table.Visible())
	}
	if d.emptyTitle.Text != "No observations yet" || !strings.Contains(d.emptyText.Text, "drop them anywhere on this window") {
		t.Errorf("empty state %q: %q", d.emptyTitle.Text, d.emptyText.Text)
	}
	act(func() { test.Tap(d.emptyAction) })
	if len(went) != 1 || went[0] != screen.At(screen.Import) {
		t.Errorf("the empty state's button went to %v, want the import screen", went)
	}
}

// TestDataBrowserPagesALargeStore checks that the browser shows the first
// page of 50,000 observations and the last one after scrolling to the
// end, reading a few pages and counting once, never the whole table.
func TestDataBrowserPagesALargeStore(t *testing.T) {
	// Enough rows for hundreds of pages; BenchmarkDataBrowserPages measures
	// 1M rows.
	n := 50_000
	ws := testWorkspace(t)
	testLarge(t, ws, n)
	s, d := testBrowser(t, ws, nil)
	if d.pager.total != n || d.pager.counts != 1 {
		t.Fatalf("count %d (%d count queries), want %d", d.pager.total, d.pager.counts, n)
	}
	act(func() { s.Window().Canvas().Capture() }) // paint
	if !onScreen(d, "E2") || onScreen(d, placeholder) {
		t.Error("the first rows are not on screen")
	}
	cell := columnIndex(t, "Cell")
	if got := cellText(d, 0, cell); got != "E2" {
		t.Errorf("first row: cell %q, want E2", got)
	}
	if d.pager.rowsRead > pageSize {
		t.Errorf("the first screen read %d rows", d.pager.rowsRead)
	}

	act(func() {
		d.table.ScrollToBottom()
		s.Window().Canvas().Capture() // paint: the table asks for the rows it shows
	})
	wait(t, "the last page", d.work.Idle())
	act(func() { s.Window().Canvas().Capture() })
	if cells := cellRowsOnScreen(d); len(cells) == 0 || cells[0] < n+2-pageSize || onScreen(d, placeholder) {
		t.Errorf("after scrolling to the end the table shows rows of cells %v, want the last page's", cells)
	}
	if got, want := cellText(d, n-1, cell), fmt.Sprintf("E%d", n+1); got != want {
		t.Errorf("last row: cell %q, want %q", got, want)
	}
	if _, ok := d.pager.pages[(n-1)/pageSize]; !ok {
		t.Errorf("the last page was not read when the table showed the end: pages %v", d.pager.used)
	}
	if d.pager.rowsRead > 3*pageSize || d.pager.queries > 4 || d.pager.counts != 1 {
		t.Errorf("scrolling to the end read %d rows in %d queries and %d counts", d.pager.rowsRead, d.pager.queries, d.pager.counts)
	}

	// Sorted by value, the end of the table is the largest values.
	tapTitle(t, d, "Value")
	wait(t, "sorted rows", d.work.Idle())
	act(func() {
		d.table.ScrollToBottom()
		s.Window().Canvas().Capture()
	})
	wait(t, "the last sorted page", d.work.Idle())
	if got := cellText(d, n-1, columnIndex(t, "Value")); got != "5" {
		t.Errorf("last row by value: %q, want 5", got)
	}
}

func TestDataBrowserGolden(t *testing.T) {
	for _, tt := range []struct {
		name  string
		theme string
	}{{"data_light.png", screen.ThemeLight}, {"data_dark.png", screen.ThemeDark}} {
		t.Run(tt.name, func(t *testing.T) {
			ws := testWorkspace(t)
			testFixture(t, ws)
			s, d := testBrowser(t, ws, func(s *screen.Session) { s.App().Settings().SetTheme(screen.ThemeFor(tt.theme)) })
			tapTitle(t, d, "Period")
			wait(t, "sorted rows", d.work.Idle())
			var img image.Image
			act(func() { img = s.Window().Canvas().Capture() })
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
	testLarge(b, ws, n)
	for _, bc := range []struct {
		name   string
		filter workspace.ObservationFilter
	}{
		{"first", workspace.ObservationFilter{}},
		{"last", workspace.ObservationFilter{Offset: n - pageSize}},
		{"last reversed", workspace.ObservationFilter{Desc: true}},
		{"middle by value", workspace.ObservationFilter{OrderBy: "value", Offset: n / 2}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			f := bc.filter
			f.Limit = pageSize
			for b.Loop() {
				if _, err := ws.Observations(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
