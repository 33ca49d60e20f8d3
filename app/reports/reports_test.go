package reports

import (
	"bufio"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
)

// TestMain queues the screen's UI updates so that tests run them on their
// own goroutine while they wait, as the desktop driver's event loop would.
func TestMain(m *testing.M) {
	screentest.Install()
	os.Exit(m.Run())
}

func wait(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	screentest.Wait(t, "the reports screen", ch, 60*time.Second)
}

// screenOn builds the reports screen alone in a 1100×720 window, on a new
// workspace named acme.db with the demo data when demo is set. Its Open
// and Show in folder are recorded instead of handed to the desktop.
func screenOn(t *testing.T, demo bool) (*Screen, *screen.Session, *[]string) {
	t.Helper()
	var r *Screen
	opened := &[]string{}
	s := screentest.Session(t, screentest.Workspace(t, "acme.db", demo), fyne.NewSize(1100, 720), func(s *screen.Session) fyne.CanvasObject {
		r = New(s)
		r.openURL = func(u *url.URL) error {
			*opened = append(*opened, u.String())
			return nil
		}
		return r.Content()
	})
	return r, s, opened
}

// button finds the button labelled text in obj's tree.
func button(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(obj)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

func TestExportWritesEachFile(t *testing.T) {
	cases := []struct {
		kind  exportKind
		check func(t *testing.T, path string)
	}{
		{exportXLSX, func(t *testing.T, path string) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if i, err := f.GetSheetIndex("Summary"); err != nil || i < 0 {
				t.Fatalf("no Summary sheet in %v", f.GetSheetList())
			}
			title, _ := f.GetCellValue("Summary", "A1")
			if title != "CX maturity report: acme" {
				t.Errorf("Summary!A1 = %q", title)
			}
			if !sheetHas(t, f, "Summary", "Online") {
				t.Error("the Summary sheet does not name the filter's unit, Online")
			}
		}},
		{exportHTML, func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), "<html") || !strings.Contains(string(b), "Online") {
				t.Errorf("not the HTML report of Online: %.200s", b)
			}
		}},
		{exportCSV, func(t *testing.T, path string) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			rows := 0
			for sc.Scan() {
				if rows > 0 && !strings.Contains(sc.Text(), "Online") {
					t.Fatalf("row %d is not of Online: %s", rows, sc.Text())
				}
				rows++
			}
			if rows < 2 {
				t.Errorf("%d lines", rows)
			}
		}},
		{exportTemplate, func(t *testing.T, path string) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for _, sh := range []string{"Instructions", "Catalogue", "Data"} {
				if i, err := f.GetSheetIndex(sh); err != nil || i < 0 {
					t.Errorf("no %s sheet in %v", sh, f.GetSheetList())
				}
			}
			if !sheetHas(t, f, "Catalogue", "NPS") {
				t.Error("the template's catalogue does not list the workspace's NPS metric")
			}
		}},
	}
	for _, c := range cases {
		spec := exportSpecs[c.kind]
		t.Run(spec.title, func(t *testing.T) {
			r, s, opened := screenOn(t, true)
			f := s.Filters()
			f.Unit = "Online"
			s.SetFilters(f)
			path := filepath.Join(t.TempDir(), r.defaultFileName(c.kind, time.Now()))
			wait(t, r.export(c.kind, path))
			c.check(t, path)

			if r.lastPath != path || !r.resultBar.Visible() || !strings.Contains(r.result.Text, filepath.Base(path)) {
				t.Errorf("after the export: last %q, result %q", r.lastPath, r.result.Text)
			}
			test.Tap(button(t, r.Content(), "Open"))
			test.Tap(button(t, r.Content(), "Show in folder"))
			want := []string{"file://" + path, "file://" + filepath.Dir(path)}
			if strings.Join(*opened, " ") != strings.Join(want, " ") {
				t.Errorf("opened %v, want %v", *opened, want)
			}
		})
	}
}

// sheetHas reports whether any cell of sheet's first 40 rows holds text.
func sheetHas(t *testing.T, f *excelize.File, sheet, text string) bool {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if i >= 40 {
			break
		}
		for _, c := range row {
			if strings.Contains(c, text) {
				return true
			}
		}
	}
	return false
}

func TestEmptyWorkspaceOffersOnlyTheTemplate(t *testing.T) {
	r, s, _ := screenOn(t, false)
	if !r.hint.Visible() {
		t.Error("no hint on an empty workspace")
	}
	for k, b := range r.buttons {
		if got, want := b.Disabled(), exportSpecs[k].needsData; got != want {
			t.Errorf("%s: disabled %v, want %v", exportSpecs[k].title, got, want)
		}
	}
	path := filepath.Join(t.TempDir(), "template.xlsx")
	wait(t, r.export(exportTemplate, path))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !sheetHas(t, f, "Catalogue", "NPS") {
		t.Error("the template of an empty workspace has no default catalogue")
	}

	r.ExportDialog()
	top := s.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Ctrl+E shows no dialog")
	}
	for k, spec := range exportSpecs {
		if b := button(t, top, spec.title+"…"); b.Disabled() != spec.needsData {
			t.Errorf("export dialog, %s: disabled %v", exportSpecs[k].title, b.Disabled())
		}
	}
}

func TestFailedOrCancelledExportLeavesNoFile(t *testing.T) {
	t.Run("cancelled", func(t *testing.T) {
		r, s, _ := screenOn(t, true)
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // as if Cancel was pressed at once
		r.h = screen.NewSession(ctx, s.App(), s.Window(), s.Workspace())
		dir := t.TempDir()
		wait(t, r.export(exportXLSX, filepath.Join(dir, "report.xlsx")))
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("a cancelled export left %v", entries)
		}
		if !strings.Contains(r.result.Text, "cancelled") || r.resultBar.Visible() {
			t.Errorf("result %q", r.result.Text)
		}
		if s.Window().Canvas().Overlays().Top() != nil {
			t.Error("a cancel shows a dialog as if it were an error")
		}
	})
	t.Run("unwritable folder", func(t *testing.T) {
		r, s, _ := screenOn(t, true)
		path := filepath.Join(t.TempDir(), "missing", "report.xlsx")
		wait(t, r.export(exportXLSX, path))
		if _, err := os.Stat(path); err == nil {
			t.Error("the file exists")
		}
		if r.result.Importance != widget.DangerImportance || !strings.Contains(r.result.Text, "Could not export report.xlsx") {
			t.Errorf("result %q", r.result.Text)
		}
		if s.Window().Canvas().Overlays().Top() == nil {
			t.Error("no error dialog")
		}
	})
}

func TestDefaultFileName(t *testing.T) {
	r, s, _ := screenOn(t, true)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		unit string
		kind exportKind
		want string
	}{
		{model.AllUnits, exportXLSX, "acme_all-units_2026-Q3_2026-11-23.xlsx"},
		{"Online", exportHTML, "acme_Online_2026-Q3_2026-11-23.html"},
		{"Online", exportCSV, "acme_Online_observations_2026-11-23.csv"},
		{"Online", exportTemplate, "acme_import-template_2026-11-23.xlsx"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			f := s.Filters()
			f.Unit = c.unit
			s.SetFilters(f)
			if got := r.defaultFileName(c.kind, now); got != c.want {
				t.Errorf("got %q", got)
			}
		})
	}
	for in, want := range map[string]string{"North/East: B*": "North-East--B", " ..": "cxdash", "Büro Zürich": "Büro-Zürich"} {
		if got := safeFileNamePart(in); got != want {
			t.Errorf("safeFileNamePart(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGolden(t *testing.T) {
	for _, v := range []string{screen.ThemeLight, screen.ThemeDark} {
		t.Run(v, func(t *testing.T) {
			_, s, _ := screenOn(t, true)
			s.App().Settings().SetTheme(screen.ThemeFor(v))
			test.AssertImageMatches(t, "reports_"+v+".png", s.Window().Canvas().Capture())
		})
	}
}
