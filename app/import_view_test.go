package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cxdash/charts"
	"cxdash/model"
)

func TestImportWorkbookChangesTheDashboardAndUndoRestoresIt(t *testing.T) {
	u := importTestUI(t)
	i := u.importer
	before := importTestOverall(t, u)
	counts := importTestCounts(t, u)
	ctx := context.Background()

	// A workbook with a bad cell is dropped on the window: the import
	// screen opens on its preview and lists the problem with its cell.
	path := importTestWorkbook(t, filepath.Join(t.TempDir(), "retail-q3-review.xlsx"), importTestReview(4.5, "four"))
	importTestDrop(u, path)
	if got := u.tabs.Selected().Text; got != "Import" {
		t.Fatalf("a drop shows the %q tab, want Import", got)
	}
	importTestIdle(t, i)
	texts := importTestTexts(i.root)
	for _, want := range []string{
		"retail-q3-review.xlsx",
		"Long: one value per row",
		"retail-q3-review.xlsx: Review!C12: ",
		"1 problem: cannot be imported",
	} {
		if !importTestHas(texts, want) {
			t.Errorf("the preview does not show %q; it shows:\n%s", want, strings.Join(texts, "\n"))
		}
	}
	p := i.preview
	if p == nil || len(p.sheets) != 1 || p.sheets[0].name != "Review" {
		t.Fatalf("preview sheets: %+v", p)
	}
	var mapped []string
	for _, s := range p.sheets[0].selects {
		mapped = append(mapped, s.Selected)
	}
	if want := []string{"Period", "Unit", "Value", "Discipline", "Metric", "Note"}; !slices.Equal(mapped, want) {
		t.Errorf("column mapping %v, want %v", mapped, want)
	}
	if !i.importBtn.Disabled() {
		t.Error("Import is enabled for a file with a problem")
	}
	dataTestAct(func() { test.Tap(i.importBtn) })
	importTestIdle(t, i)
	if got := importTestCounts(t, u); got != counts {
		t.Fatalf("tapping the disabled Import stored something: %+v, was %+v", got, counts)
	}

	// The user fixes the workbook and checks it again.
	importTestWorkbook(t, path, importTestReview(4.5, ""))
	dataTestAct(func() { test.Tap(i.checkBtn) })
	importTestIdle(t, i)
	texts = importTestTexts(i.root)
	for _, want := range []string{"Ready to import 12 values from 1 sheet (Review)", "First 10 of 12 values, as read", "CX vision documented and communicated", "Q3 2026"} {
		if !importTestHas(texts, want) {
			t.Errorf("the checked preview does not show %q; it shows:\n%s", want, strings.Join(texts, "\n"))
		}
	}
	if importTestHas(texts, "Review!C12") {
		t.Error("the fixed file still lists the problem")
	}
	if i.importBtn.Disabled() {
		t.Fatal("Import is disabled for a file without problems")
	}

	// Import: a batch is added, the file leaves the list, the summary and
	// the history say so, and the dashboard's number changes.
	dataTestAct(func() { test.Tap(i.importBtn) })
	importTestIdle(t, i)
	after := importTestOverall(t, u)
	if after == before {
		t.Errorf("the overall number stays %s after the import", after)
	}
	sum, err := u.s.Workspace().Summary(ctx, "", model.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if want := charts.ScoreFormat.String(sum.Overall.Score); after != want {
		t.Errorf("the dashboard shows %s, the workspace scores %s", after, want)
	}
	if c := importTestCounts(t, u); c.Batches != counts.Batches+1 || c.Observations != counts.Observations+12 {
		t.Errorf("after the import: %+v, was %+v", c, counts)
	}
	if len(i.files) != 0 {
		t.Errorf("imported files stay listed: %d", len(i.files))
	}
	if i.summary == nil || !importTestHas(importTestDialog(u), "retail-q3-review.xlsx: imported as batch 2: 12 values") {
		t.Error("the summary does not say what was imported")
	}
	importTestOverlayButton(t, u, "Close")
	if !strings.HasPrefix(i.result.Text, "Import finished: 1 file imported") {
		t.Errorf("result line %q", i.result.Text)
	}
	if len(i.hist.batches) != 2 || i.hist.batches[0].File != "retail-q3-review.xlsx" {
		t.Fatalf("history: %+v", i.hist.batches)
	}

	// Undo from the history: the confirmation says which values come back,
	// and once confirmed the number returns to what it was.
	btn, b := importTestUndoButton(t, i.hist, 0)
	if b.File != "retail-q3-review.xlsx" {
		t.Fatalf("the first history row is %s", b.File)
	}
	dataTestAct(func() { test.Tap(btn) })
	importTestIdle(t, i)
	if i.hist.confirm == nil {
		t.Fatal("Undo… asks nothing")
	}
	confirm := importTestDialog(u)
	for _, want := range []string{"Undo batch 2?", "12 values come from this batch now", "12 values come back from earlier imports: 12 from batch 1 (cxdash-demo.xlsx)"} {
		if !importTestHas(confirm, want) {
			t.Errorf("the confirmation does not say %q; it says:\n%s", want, strings.Join(confirm, "\n"))
		}
	}
	importTestOverlayButton(t, u, "Undo batch")
	importTestIdle(t, i)
	if got := importTestOverall(t, u); got != before {
		t.Errorf("after the undo the overall number is %s, want %s again", got, before)
	}
	if c := importTestCounts(t, u); c != counts {
		t.Errorf("after the undo: %+v, want %+v", c, counts)
	}
	if len(i.hist.batches) != 1 || !strings.Contains(i.result.Text, "Batch 2 (retail-q3-review.xlsx) undone") {
		t.Errorf("after the undo the history has %d batches, the result line says %q", len(i.hist.batches), i.result.Text)
	}

	// The file can be imported again once undone: it is not a duplicate.
	importTestDrop(u, path)
	importTestIdle(t, i)
	if st := importFileState(i.files[0]); st != importReady {
		t.Errorf("after the undo the file is in state %d, want ready", st)
	}
}

func TestImportRefusesAWorkbookThatGotAProblem(t *testing.T) {
	u := importTestUI(t)
	i := u.importer
	counts := importTestCounts(t, u)
	before := importTestOverall(t, u)

	// Previewed fine, then the workbook is saved again with a bad cell
	// before the user clicks Import: the import finds it and stores nothing.
	path := importTestWorkbook(t, filepath.Join(t.TempDir(), "retail.xlsx"), importTestReview(5, ""))
	importTestDrop(u, path)
	importTestIdle(t, i)
	if st := importFileState(i.files[0]); st != importReady {
		t.Fatalf("state %d before the change", st)
	}
	importTestWorkbook(t, path, importTestReview(5, "#N/A?"))
	dataTestAct(func() { test.Tap(i.importBtn) })
	importTestIdle(t, i)

	if c := importTestCounts(t, u); c != counts {
		t.Errorf("a rejected file changed the workspace: %+v, was %+v", c, counts)
	}
	if got := importTestOverall(t, u); got != before {
		t.Errorf("overall %s after a rejected import, was %s", got, before)
	}
	summary := importTestDialog(u)
	for _, want := range []string{"retail.xlsx: rejected, nothing was imported: 1 problem.", "retail.xlsx: Review!C12: "} {
		if !importTestHas(summary, want) {
			t.Errorf("the summary does not say %q; it says:\n%s", want, strings.Join(summary, "\n"))
		}
	}
	importTestOverlayButton(t, u, "Close")
	if len(i.files) != 1 || importFileState(i.files[0]) != importProblems {
		t.Fatalf("the rejected file should stay listed with its problems: %d files", len(i.files))
	}
	if texts := importTestTexts(i.root); !importTestHas(texts, "retail.xlsx: Review!C12: ") {
		t.Errorf("the preview does not list the problem:\n%s", strings.Join(texts, "\n"))
	}
	if !i.importBtn.Disabled() {
		t.Error("Import is enabled for the rejected file")
	}
	if len(i.hist.batches) != 1 {
		t.Errorf("history has %d batches", len(i.hist.batches))
	}

	// A file that cannot be opened is named with what is wrong.
	missing := filepath.Join(t.TempDir(), "gone.xlsx")
	importTestDrop(u, missing)
	importTestIdle(t, i)
	if texts := importTestTexts(i.root); !importTestHas(texts, "gone.xlsx: file not found") {
		t.Errorf("a missing file is not explained:\n%s", strings.Join(texts, "\n"))
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("the missing file exists")
	}
}
