package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"cxdash/workspace"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"
)

// importTestClock fixes how import times are shown, so that screenshots
// and texts do not depend on the clock or the time zone.
func importTestClock(t *testing.T) {
	t.Helper()
	prev := importWhen
	importWhen = func(at time.Time) string {
		if at.IsZero() {
			return ""
		}
		return "15 Jan 2026 09:30"
	}
	t.Cleanup(func() { importWhen = prev })
}

// importTestUI opens the whole window on the demo workspace with the Fyne
// test driver, as a user starts the app.
func importTestUI(t *testing.T) *UI {
	t.Helper()
	importTestClock(t)
	// dashTestUI queues every screen's background results (uiDo) and runs
	// them while the test waits, as the desktop driver's one UI goroutine
	// would: none reaches a widget while the test taps.
	u := dashTestUI(t, true)
	importTestIdle(t, u.importer)
	// Background work ends before the clock is put back and the workspace
	// closed (cleanups run last first).
	t.Cleanup(func() { importTestIdle(t, u.importer) })
	return u
}

// importTestIdle waits until the import screen's background work (dry
// runs, imports, undos, the history and the reload) is done, running the
// dashboard's queued updates meanwhile.
func importTestIdle(t *testing.T, i *importScreen) {
	t.Helper()
	dashWait(t, i.work.Idle())
}

// importTestSheet is one sheet of a workbook to write.
type importTestSheet struct {
	name string
	rows [][]any
}

// importTestWorkbook writes an xlsx file with excelize.
func importTestWorkbook(t testing.TB, path string, sheets ...importTestSheet) string {
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

// importTestReview is a long sheet of Retail's assessment for the demo's
// latest quarter, every practice scored at value; the value column is C,
// so that its 11th data row is C12. bad, when set, replaces that value.
func importTestReview(value float64, bad string) importTestSheet {
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
	return importTestSheet{"Review", rows}
}

// importTestDrop drops files on the window, as the desktop driver does.
func importTestDrop(u *UI, paths ...string) {
	uris := make([]fyne.URI, len(paths))
	for k, p := range paths {
		uris[k] = storage.NewFileURI(p)
	}
	dataTestAct(func() { u.dropped(fyne.NewPos(300, 300), uris) })
}

// importTestVisible visits the objects on screen under o: hidden ones and
// what they hold are left out.
func importTestVisible(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			importTestVisible(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			importTestVisible(child, visit)
		}
	}
}

// importTestTexts lists what a user reads under o: labels, the choices
// shown by selects and button titles.
func importTestTexts(o fyne.CanvasObject) []string {
	var out []string
	dataTestAct(func() {
		importTestVisible(o, func(x fyne.CanvasObject) {
			switch w := x.(type) {
			case *widget.Label:
				out = append(out, w.Text)
			case *widget.Select:
				out = append(out, w.Selected)
			case *widget.Button:
				out = append(out, w.Text)
			}
		})
	})
	return out
}

// importTestHas reports whether one of texts contains want.
func importTestHas(texts []string, want string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) })
}

// importTestButton finds the button titled text on screen under o; call
// it on the UI goroutine (inside dataTestAct).
func importTestButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	importTestVisible(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button on screen", text)
	}
	return found
}

// importTestOverlayButton taps the button titled text in the top dialog.
func importTestOverlayButton(t *testing.T, u *UI, text string) {
	t.Helper()
	dataTestAct(func() {
		top := u.s.Window().Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("no dialog to click %q in", text)
		}
		test.Tap(importTestButton(t, top, text))
	})
}

// importTestDialog lists the texts of the dialog on top.
func importTestDialog(u *UI) []string {
	var top fyne.CanvasObject
	dataTestAct(func() { top = u.s.Window().Canvas().Overlays().Top() })
	return importTestTexts(top)
}

// importTestOverall is the number the dashboard's overall tile shows.
func importTestOverall(t *testing.T, u *UI) string {
	t.Helper()
	dashSettle(t, u)
	_, value, _, _, _ := dashOf(u).overall.texts()
	return value
}

// importTestCounts counts what the workspace holds.
func importTestCounts(t *testing.T, u *UI) workspace.Counts {
	t.Helper()
	c, err := u.s.Workspace().Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// importTestUndoButton is the Undo… button of a history row, made by the
// table's own cell functions.
func importTestUndoButton(t *testing.T, h *importHistory, row int) (*widget.Button, workspace.Batch) {
	t.Helper()
	var btn *widget.Button
	var b workspace.Batch
	dataTestAct(func() {
		if row >= len(h.batches) {
			return
		}
		cell := h.table.CreateCell()
		h.updateCell(widget.TableCellID{Row: row, Col: len(importHistoryColumns) - 1}, cell)
		btn, b = cell.(*fyne.Container).Objects[1].(*widget.Button), h.batches[row]
	})
	if btn == nil {
		t.Fatalf("the history has no row %d", row)
	}
	return btn, b
}
