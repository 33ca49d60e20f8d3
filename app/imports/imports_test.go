package imports

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cxdash/app/screen/screentest"
	"cxdash/charts"
	"cxdash/model"
)

// TestImportWorkbookChangesTheScoresAndUndoRestoresThem follows a workbook
// from its preview to its import and undo. The scores checked are those
// of the state every screen shows after the reload (the dashboard's tests
// check that its tile shows that state).
func TestImportWorkbookChangesTheScoresAndUndoRestoresThem(t *testing.T) {
	i, s := testScreen(t)
	before := shownOverall(t, s)
	counts := workspaceCounts(t, s)
	ctx := context.Background()

	// A workbook with a bad cell is added (as a drop on the window does):
	// the screen opens on its preview and lists the problem with its cell.
	path := writeWorkbook(t, filepath.Join(t.TempDir(), "retail-q3-review.xlsx"), reviewSheet(4.5, "four"))
	i.AddFiles([]string{path})
	waitIdle(t, i)
	texts := screentest.Texts(i.root)
	for _, want := range []string{
		"retail-q3-review.xlsx",
		"Long: one value per row",
		"retail-q3-review.xlsx: Review!C12: ",
		"1 problem: cannot be imported",
	} {
		if !screentest.HasText(texts, want) {
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
	test.Tap(i.importBtn)
	waitIdle(t, i)
	if got := workspaceCounts(t, s); got != counts {
		t.Fatalf("tapping the disabled Import stored something: %+v, was %+v", got, counts)
	}

	// The user fixes the workbook and checks it again.
	writeWorkbook(t, path, reviewSheet(4.5, ""))
	test.Tap(i.checkBtn)
	waitIdle(t, i)
	texts = screentest.Texts(i.root)
	for _, want := range []string{"Ready to import 12 values from 1 sheet (Review)", "First 10 of 12 values, as read", "CX vision documented and communicated", "Q3 2026"} {
		if !screentest.HasText(texts, want) {
			t.Errorf("the checked preview does not show %q; it shows:\n%s", want, strings.Join(texts, "\n"))
		}
	}
	if screentest.HasText(texts, "Review!C12") {
		t.Error("the fixed file still lists the problem")
	}
	if i.importBtn.Disabled() {
		t.Fatal("Import is disabled for a file without problems")
	}

	// Import: a batch is added, the file leaves the list, the summary and
	// the history say so, and the overall score the screens show changes.
	test.Tap(i.importBtn)
	waitIdle(t, i)
	after := shownOverall(t, s)
	if after == before {
		t.Errorf("the overall number stays %s after the import", after)
	}
	sum, err := s.Workspace().Summary(ctx, "", model.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if want := charts.ScoreFormat.String(sum.Overall.Score); after != want {
		t.Errorf("the screens show %s, the workspace scores %s", after, want)
	}
	if c := workspaceCounts(t, s); c.Batches != counts.Batches+1 || c.Observations != counts.Observations+12 {
		t.Errorf("after the import: %+v, was %+v", c, counts)
	}
	if len(i.files) != 0 {
		t.Errorf("imported files stay listed: %d", len(i.files))
	}
	if i.summary == nil || !screentest.HasText(screentest.DialogTexts(s.Window()), "retail-q3-review.xlsx: imported as batch 2: 12 values") {
		t.Error("the summary does not say what was imported")
	}
	screentest.TapDialogButton(t, s.Window(), "Close")
	if !strings.HasPrefix(i.result.Text, "Import finished: 1 file imported") {
		t.Errorf("result line %q", i.result.Text)
	}
	if len(i.hist.batches) != 2 || i.hist.batches[0].File != "retail-q3-review.xlsx" {
		t.Fatalf("history: %+v", i.hist.batches)
	}

	// Undo from the history: the confirmation says which values come back,
	// and once confirmed the number returns to what it was.
	btn, b := undoButton(t, i.hist, 0)
	if b.File != "retail-q3-review.xlsx" {
		t.Fatalf("the first history row is %s", b.File)
	}
	test.Tap(btn)
	waitIdle(t, i)
	if i.hist.confirm == nil {
		t.Fatal("Undo… asks nothing")
	}
	confirm := screentest.DialogTexts(s.Window())
	for _, want := range []string{"Undo batch 2?", "12 values come from this batch now", "12 values come back from earlier imports: 12 from batch 1 (cxdash-demo.xlsx)"} {
		if !screentest.HasText(confirm, want) {
			t.Errorf("the confirmation does not say %q; it says:\n%s", want, strings.Join(confirm, "\n"))
		}
	}
	screentest.TapDialogButton(t, s.Window(), "Undo batch")
	waitIdle(t, i)
	if got := shownOverall(t, s); got != before {
		t.Errorf("after the undo the overall number is %s, want %s again", got, before)
	}
	if c := workspaceCounts(t, s); c != counts {
		t.Errorf("after the undo: %+v, want %+v", c, counts)
	}
	if len(i.hist.batches) != 1 || !strings.Contains(i.result.Text, "Batch 2 (retail-q3-review.xlsx) undone") {
		t.Errorf("after the undo the history has %d batches, the result line says %q", len(i.hist.batches), i.result.Text)
	}

	// The file can be imported again once undone: it is not a duplicate.
	i.AddFiles([]string{path})
	waitIdle(t, i)
	if st := i.files[0].state(); st != stateReady {
		t.Errorf("after the undo the file is in state %d, want ready", st)
	}
}

func TestImportRefusesAWorkbookThatGotAProblem(t *testing.T) {
	i, s := testScreen(t)
	counts := workspaceCounts(t, s)
	before := shownOverall(t, s)

	// Previewed fine, then the workbook is saved again with a bad cell
	// before the user clicks Import: the import finds it and stores nothing.
	path := writeWorkbook(t, filepath.Join(t.TempDir(), "retail.xlsx"), reviewSheet(5, ""))
	i.AddFiles([]string{path})
	waitIdle(t, i)
	if st := i.files[0].state(); st != stateReady {
		t.Fatalf("state %d before the change", st)
	}
	writeWorkbook(t, path, reviewSheet(5, "#N/A?"))
	test.Tap(i.importBtn)
	waitIdle(t, i)

	if c := workspaceCounts(t, s); c != counts {
		t.Errorf("a rejected file changed the workspace: %+v, was %+v", c, counts)
	}
	if got := shownOverall(t, s); got != before {
		t.Errorf("overall %s after a rejected import, was %s", got, before)
	}
	summary := screentest.DialogTexts(s.Window())
	for _, want := range []string{"retail.xlsx: rejected, nothing was imported: 1 problem.", "retail.xlsx: Review!C12: "} {
		if !screentest.HasText(summary, want) {
			t.Errorf("the summary does not say %q; it says:\n%s", want, strings.Join(summary, "\n"))
		}
	}
	screentest.TapDialogButton(t, s.Window(), "Close")
	if len(i.files) != 1 || i.files[0].state() != stateProblems {
		t.Fatalf("the rejected file should stay listed with its problems: %d files", len(i.files))
	}
	if texts := screentest.Texts(i.root); !screentest.HasText(texts, "retail.xlsx: Review!C12: ") {
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
	i.AddFiles([]string{missing})
	waitIdle(t, i)
	if texts := screentest.Texts(i.root); !screentest.HasText(texts, "gone.xlsx: file not found") {
		t.Errorf("a missing file is not explained:\n%s", strings.Join(texts, "\n"))
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("the missing file exists")
	}
}
