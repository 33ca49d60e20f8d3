package imports

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/workspace"
)

func TestMain(m *testing.M) {
	screentest.Install()
	os.Exit(m.Run())
}

// testClock is the tests' clock, in UTC: import times show as stored,
// whatever the time zone the tests run in.
var testClock = time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)

// testScreen shows the import screen alone in a window of the golden
// images' size, on the demo workspace, with the test clock.
func testScreen(t *testing.T) (*Screen, *screen.Session) {
	t.Helper()
	var i *Screen
	s := screentest.Session(t, screentest.DemoWorkspace(t, true), fyne.NewSize(1240, 780), func(s *screen.Session) fyne.CanvasObject {
		s.Clock = func() time.Time { return testClock }
		i = New(s)
		return i.Content()
	})
	waitIdle(t, i)
	// Background work ends before the workspace is closed (cleanups run
	// last first).
	t.Cleanup(func() { waitIdle(t, i) })
	return i, s
}

// waitIdle waits until the import screen's background work (dry runs,
// imports, undos, the history and the reload) is done, running the queued
// UI updates meanwhile.
func waitIdle(t *testing.T, i *Screen) {
	t.Helper()
	screentest.Wait(t, "the import screen", i.Idle(), 60*time.Second)
}

// testSheet is one sheet of a workbook to write.
type testSheet struct {
	name string
	rows [][]any
}

// writeWorkbook writes an xlsx file with excelize.
func writeWorkbook(t testing.TB, path string, sheets ...testSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for k, sh := range sheets {
		if k == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// reviewSheet is a long sheet of Retail's assessment for the demo's
// latest quarter, every practice scored at value; the value column is C,
// so that its 11th data row is C12. bad, when set, replaces that value.
func reviewSheet(value float64, bad string) testSheet {
	practices := []struct{ disc, metric string }{
		{"Strategy", "CX vision documented and communicated"},
		{"Strategy", "CX strategy linked to business goals"},
		{"Strategy", "CX investments backed by business cases"},
		{"Design", "Journeys redesigned with customers"},
		{"Design", "Service blueprints for key journeys"},
		{"Design", "Design standards applied in every channel"},
		{"Governance", "CX steering committee meets monthly"},
		{"Governance", "Clear CX ownership per journey"},
		{"Governance", "CX in investment decisions"},
		{"Governance", "CX roles and responsibilities defined"},
		{"Culture", "Employees trained in CX"},
		{"Culture", "CX goals in performance objectives"},
	}
	rows := [][]any{{"Period", "Business unit", "Score", "Discipline", "Metric", "Comment"}}
	for k, p := range practices {
		var v any = value
		if k == 10 && bad != "" {
			v = bad
		}
		rows = append(rows, []any{"2026-Q3", "Retail", v, p.disc, p.metric, "quarterly review"})
	}
	return testSheet{"Review", rows}
}

// shownOverall is the overall score of the state the screens show (the
// one the dashboard's overall tile prints), under the current filters.
func shownOverall(t *testing.T, s *screen.Session) string {
	t.Helper()
	st, f := s.State(), s.Filters()
	p, ok := st.Current(f)
	if !ok {
		t.Fatal("no current period")
	}
	o := st.Scorer.Summary(f.Unit, p).Overall
	return screen.ScoreText(o.Present, o.Score)
}

// workspaceCounts counts what the workspace holds.
func workspaceCounts(t *testing.T, s *screen.Session) workspace.Counts {
	t.Helper()
	c, err := s.Workspace().Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// undoButton is the Undo… button of a history row, made by the table's
// own cell functions.
func undoButton(t *testing.T, h *history, row int) (*widget.Button, workspace.Batch) {
	t.Helper()
	if row >= len(h.batches) {
		t.Fatalf("the history has no row %d", row)
	}
	cell := h.table.CreateCell()
	h.updateCell(widget.TableCellID{Row: row, Col: len(historyColumns) - 1}, cell)
	return cell.(*fyne.Container).Objects[1].(*widget.Button), h.batches[row]
}
