package imports

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/importers"
	"cxdash/workspace"
)

// outletsSheet is a long sheet whose business units sit under a
// header the importer does not know ("Outlet"), so the user must say it.
func outletsSheet(period string, value float64) testSheet {
	rows := [][]any{{"Period", "Outlet", "Metric", "Value"}}
	for _, unit := range []string{"Retail", "Online"} {
		for _, m := range []string{"CX vision documented and communicated", "Clear CX ownership per journey"} {
			rows = append(rows, []any{period, unit, m, value})
		}
	}
	return testSheet{"Data", rows}
}

// mappingSelect is the mapping choice of column letter in the shown
// sheet of the preview.
func mappingSelect(t *testing.T, i *Screen, letter string) *widget.Select {
	t.Helper()
	var sel *widget.Select
	if i.preview != nil && i.preview.tabs != nil {
		v := i.preview.sheets[i.preview.tabs.SelectedIndex()]
		for k, c := range v.cols {
			if c.Letter == letter {
				sel = v.selects[k]
			}
		}
	}
	if sel == nil {
		t.Fatalf("the preview has no mapping for column %s", letter)
	}
	return sel
}

// batchUnits lists the units of a batch's observations.
func batchUnits(t *testing.T, s *screen.Session, batch int64) []string {
	t.Helper()
	obs, err := s.Workspace().Observations(context.Background(), workspace.ObservationFilter{BatchID: batch})
	if err != nil {
		t.Fatal(err)
	}
	var units []string
	for _, o := range obs {
		if !slices.Contains(units, o.Unit) {
			units = append(units, o.Unit)
		}
	}
	slices.Sort(units)
	return units
}

func TestImportMappingChangeIsPreviewedImportedAndRemembered(t *testing.T) {
	i, s := testScreen(t)
	dir := t.TempDir()
	q3 := writeWorkbook(t, filepath.Join(dir, "outlets-q3.xlsx"), outletsSheet("2026-Q3", 5))
	i.AddFiles([]string{q3})
	waitIdle(t, i)

	outlet := mappingSelect(t, i, "B")
	if outlet.Selected != "Ignore" {
		t.Fatalf("column B (Outlet) is read as %q before the change, want Ignore", outlet.Selected)
	}
	if !slices.Contains(outlet.Options, "Unit") {
		t.Fatalf("Unit is not offered for column B: %v", outlet.Options)
	}
	rows := i.preview.sheets[0].rows
	if len(rows) != 4 || rows[0][1] == "Retail" {
		t.Fatalf("first rows before the change: %v", rows)
	}

	// The user says column B holds the business unit: the file is read
	// again with that mapping and the first rows show the units.
	outlet.SetSelected("Unit")
	waitIdle(t, i)
	f := i.files[0]
	if got := f.overrides["Data"]; got[1] != importers.RoleUnit {
		t.Fatalf("override after the change: %v", got)
	}
	if got := mappingSelect(t, i, "B").Selected; got != "Unit" {
		t.Errorf("column B shows %q after the change", got)
	}
	var units []string
	for _, r := range i.preview.sheets[0].rows {
		units = append(units, r[1])
	}
	if want := []string{"Retail", "Retail", "Online", "Online"}; !slices.Equal(units, want) {
		t.Errorf("units in the first rows %v, want %v", units, want)
	}
	texts := screentest.Texts(i.root)
	for _, want := range []string{"Column mapping (changed by you", "Use the detected mapping", "Ready: 4 values, mapping changed"} {
		if !screentest.HasText(texts, want) {
			t.Errorf("after the change the screen does not show %q:\n%s", want, strings.Join(texts, "\n"))
		}
	}

	// Import uses the chosen mapping.
	test.Tap(i.importBtn)
	waitIdle(t, i)
	screentest.TapDialogButton(t, s.Window(), "Close")
	if len(i.hist.batches) != 2 || i.hist.batches[0].File != "outlets-q3.xlsx" {
		t.Fatalf("history after the import: %+v", i.hist.batches)
	}
	if got := batchUnits(t, s, i.hist.batches[0].ID); !slices.Equal(got, []string{"Online", "Retail"}) {
		t.Errorf("the import stored units %v, want Online and Retail", got)
	}

	// The next file with the same headers is read with the remembered
	// mapping: nothing to choose again.
	q4 := writeWorkbook(t, filepath.Join(dir, "outlets-q4.xlsx"), outletsSheet("2026-Q4", 4))
	i.AddFiles([]string{q4})
	waitIdle(t, i)
	if len(i.files) != 1 || len(i.files[0].overrides) != 0 {
		t.Fatalf("the second file should have no override of its own: %+v", i.files)
	}
	if got := mappingSelect(t, i, "B").Selected; got != "Unit" {
		t.Errorf("the remembered mapping reads column B as %q, want Unit", got)
	}
	if got := i.preview.sheets[0].rows[0][1]; got != "Retail" {
		t.Errorf("the second file's first row has unit %q", got)
	}

	// Going back to the detected mapping is one click, and is previewed.
	outlet = mappingSelect(t, i, "B")
	outlet.SetSelected("Ignore")
	waitIdle(t, i)
	if !screentest.HasText(screentest.Texts(i.root), "Use the detected mapping") {
		t.Fatal("no way back to the detected mapping")
	}
	test.Tap(screentest.Button(t, i.preview.root, "Use the detected mapping"))
	waitIdle(t, i)
	if len(i.files[0].overrides) != 0 || mappingSelect(t, i, "B").Selected != "Unit" {
		t.Errorf("after Use the detected mapping: overrides %v, column B %q", i.files[0].overrides, mappingSelect(t, i, "B").Selected)
	}
}

// largeSheet is a long sheet of rows values: enough rows that the
// importer reports progress several times before it ends.
func largeSheet(rows int) testSheet {
	out := [][]any{{"Period", "Business unit", "Metric", "Value"}}
	for k := range rows {
		month := fmt.Sprintf("%d-%02d", 2000+k/12%25, k%12+1)
		out = append(out, []any{month, fmt.Sprintf("Branch %d", k/300+1), "NPS", float64(k%100 - 20)})
	}
	return testSheet{"History", out}
}

func TestImportCancelLeavesTheWorkspaceUnchanged(t *testing.T) {
	i, s := testScreen(t)
	counts := workspaceCounts(t, s)
	before := shownOverall(t, s)
	path := writeWorkbook(t, filepath.Join(t.TempDir(), "branches.xlsx"), largeSheet(5000))
	i.AddFiles([]string{path})
	waitIdle(t, i)
	if st := i.files[0].state(); st != stateReady {
		t.Fatalf("state %d, want ready: %+v", st, i.files[0].res.Result.Problems)
	}

	// The import stops at its first progress report until the user has
	// clicked Cancel in the progress dialog: no timing involved.
	reached, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	i.progressed = func(done, total int64) {
		once.Do(func() {
			close(reached)
			<-release
		})
	}
	test.Tap(i.importBtn)
	screentest.Wait(t, "the first progress report", reached, 60*time.Second)
	if !i.importBtn.Disabled() {
		t.Error("Import is enabled while the import runs")
	}
	if texts := screentest.DialogTexts(s.Window()); !screentest.HasText(texts, "Importing branches.xlsx") {
		t.Errorf("the progress dialog says:\n%s", strings.Join(texts, "\n"))
	}
	screentest.TapDialogButton(t, s.Window(), "Cancel")
	close(release)
	waitIdle(t, i)

	if c := workspaceCounts(t, s); c != counts {
		t.Errorf("a cancelled import changed the workspace: %+v, was %+v", c, counts)
	}
	if got := shownOverall(t, s); got != before {
		t.Errorf("overall %s after a cancelled import, was %s", got, before)
	}
	summary := screentest.DialogTexts(s.Window())
	for _, want := range []string{"Import cancelled", "branches.xlsx: cancelled; nothing from it was imported."} {
		if !screentest.HasText(summary, want) {
			t.Errorf("the summary does not say %q:\n%s", want, strings.Join(summary, "\n"))
		}
	}
	screentest.TapDialogButton(t, s.Window(), "Close")
	if len(i.hist.batches) != 1 {
		t.Errorf("history has %d batches after the cancel", len(i.hist.batches))
	}
	// The file keeps its preview and can be imported at once.
	if len(i.files) != 1 || i.files[0].state() != stateReady || i.importBtn.Disabled() {
		t.Fatalf("after the cancel the file is not ready to import again")
	}
	i.progressed = nil
	test.Tap(i.importBtn)
	waitIdle(t, i)
	if c := workspaceCounts(t, s); c.Batches != counts.Batches+1 || c.Observations != counts.Observations+5000 {
		t.Errorf("the import after the cancel: %+v, was %+v", c, counts)
	}
}

func TestImportPreviewsAGovernanceSheetWithItsOwnFields(t *testing.T) {
	i, _ := testScreen(t)
	path := writeWorkbook(t, filepath.Join(t.TempDir(), "events.xlsx"), testSheet{"Timeline", [][]any{
		{"Date", "Unit", "Title", "Description"},
		{"2026-03-02", "Retail", "Store relaunch", "New layout in 40 stores"},
		{"2026-05-18", "Online", "App outage", "Four hours down"},
	}})
	i.AddFiles([]string{path})
	waitIdle(t, i)
	texts := screentest.Texts(i.root)
	for _, want := range []string{"Events: dated notes for the timeline", "2 records taken", "2 records, as read", "Store relaunch"} {
		if !screentest.HasText(texts, want) {
			t.Errorf("the preview of an events sheet does not show %q:\n%s", want, strings.Join(texts, "\n"))
		}
	}
	title := mappingSelect(t, i, "C")
	if title.Selected != "Title" || !slices.Contains(title.Options, "Description") || slices.Contains(title.Options, "Values of this metric") {
		t.Errorf("column C reads %q with choices %v; want the events' own fields", title.Selected, title.Options)
	}
}
