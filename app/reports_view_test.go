package app

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
	"cxdash/model"
	"cxdash/workspace"
)

// reportsTestSession opens a session on a new workspace named acme.db,
// with the demo data when demo is set, in a test window; the snapshot is
// loaded once build has registered its screen.
func reportsTestSession(t *testing.T, demo bool, build func(s *screen.Session) fyne.CanvasObject) *screen.Session {
	t.Helper()
	a := test.NewTempApp(t)
	ctx := context.Background()
	ws, err := workspace.Open(ctx, filepath.Join(t.TempDir(), "acme.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if demo {
		if _, err := ws.LoadDemo(ctx, false); err != nil {
			t.Fatal(err)
		}
	}
	s := screen.NewSession(ctx, a, test.NewTempWindow(t, widget.NewLabel("")), ws)
	s.Window().SetContent(build(s))
	s.Window().Resize(fyne.NewSize(1100, 720))
	reportsWait(t, s.Reload())
	return s
}

func reportsWait(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	pumpWait(t, "the reports screen", ch, 60*time.Second)
}

// reportsScreenOn builds the reports screen on a session whose Open and
// Show in folder are recorded instead of handed to the desktop.
func reportsScreenOn(t *testing.T, demo bool) (*reportsScreen, *[]string) {
	t.Helper()
	var r *reportsScreen
	opened := &[]string{}
	reportsTestSession(t, demo, func(s *screen.Session) fyne.CanvasObject {
		r = newReportsScreen(s)
		r.openURL = func(u *url.URL) error {
			*opened = append(*opened, u.String())
			return nil
		}
		return r.content()
	})
	return r, opened
}

func reportsButton(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
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

func TestReportsExportWritesEachFile(t *testing.T) {
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
			if !reportsSheetHas(t, f, "Summary", "Online") {
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
			if !reportsSheetHas(t, f, "Catalogue", "NPS") {
				t.Error("the template's catalogue does not list the workspace's NPS metric")
			}
		}},
	}
	for _, c := range cases {
		spec := exportSpecs[c.kind]
		t.Run(spec.title, func(t *testing.T) {
			r, opened := reportsScreenOn(t, true)
			f := r.s.Filters()
			f.Unit = "Online"
			r.s.SetFilters(f)
			path := filepath.Join(t.TempDir(), r.defaultFileName(c.kind, time.Now()))
			reportsWait(t, r.export(c.kind, path))
			c.check(t, path)

			if r.lastPath != path || !r.resultBar.Visible() || !strings.Contains(r.result.Text, filepath.Base(path)) {
				t.Errorf("after the export: last %q, result %q", r.lastPath, r.result.Text)
			}
			test.Tap(reportsButton(t, r.content(), "Open"))
			test.Tap(reportsButton(t, r.content(), "Show in folder"))
			want := []string{"file://" + path, "file://" + filepath.Dir(path)}
			if strings.Join(*opened, " ") != strings.Join(want, " ") {
				t.Errorf("opened %v, want %v", *opened, want)
			}
		})
	}
}

// reportsSheetHas reports whether any cell of sheet's first 40 rows holds text.
func reportsSheetHas(t *testing.T, f *excelize.File, sheet, text string) bool {
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

func TestReportsEmptyWorkspaceOffersOnlyTheTemplate(t *testing.T) {
	r, _ := reportsScreenOn(t, false)
	if !r.hint.Visible() {
		t.Error("no hint on an empty workspace")
	}
	for k, b := range r.buttons {
		if got, want := b.Disabled(), exportSpecs[k].needsData; got != want {
			t.Errorf("%s: disabled %v, want %v", exportSpecs[k].title, got, want)
		}
	}
	path := filepath.Join(t.TempDir(), "template.xlsx")
	reportsWait(t, r.export(exportTemplate, path))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !reportsSheetHas(t, f, "Catalogue", "NPS") {
		t.Error("the template of an empty workspace has no default catalogue")
	}

	r.exportDialog()
	top := r.s.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Ctrl+E shows no dialog")
	}
	for k, spec := range exportSpecs {
		if b := reportsButton(t, top, spec.title+"…"); b.Disabled() != spec.needsData {
			t.Errorf("export dialog, %s: disabled %v", exportSpecs[k].title, b.Disabled())
		}
	}
}

func TestReportsFailedOrCancelledExportLeavesNoFile(t *testing.T) {
	t.Run("cancelled", func(t *testing.T) {
		r, _ := reportsScreenOn(t, true)
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // as if Cancel was pressed at once
		r.s = screen.NewSession(ctx, r.s.App(), r.s.Window(), r.s.Workspace())
		dir := t.TempDir()
		reportsWait(t, r.export(exportXLSX, filepath.Join(dir, "report.xlsx")))
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("a cancelled export left %v", entries)
		}
		if !strings.Contains(r.result.Text, "cancelled") || r.resultBar.Visible() {
			t.Errorf("result %q", r.result.Text)
		}
		if r.s.Window().Canvas().Overlays().Top() != nil {
			t.Error("a cancel shows a dialog as if it were an error")
		}
	})
	t.Run("unwritable folder", func(t *testing.T) {
		r, _ := reportsScreenOn(t, true)
		path := filepath.Join(t.TempDir(), "missing", "report.xlsx")
		reportsWait(t, r.export(exportXLSX, path))
		if _, err := os.Stat(path); err == nil {
			t.Error("the file exists")
		}
		if r.result.Importance != widget.DangerImportance || !strings.Contains(r.result.Text, "Could not export report.xlsx") {
			t.Errorf("result %q", r.result.Text)
		}
		if r.s.Window().Canvas().Overlays().Top() == nil {
			t.Error("no error dialog")
		}
	})
}

func TestReportsDefaultFileName(t *testing.T) {
	r, _ := reportsScreenOn(t, true)
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
			f := r.s.Filters()
			f.Unit = c.unit
			r.s.SetFilters(f)
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

func TestReportsGolden(t *testing.T) {
	for _, v := range []string{screen.ThemeLight, screen.ThemeDark} {
		t.Run(v, func(t *testing.T) {
			r, _ := reportsScreenOn(t, true)
			r.s.App().Settings().SetTheme(screen.ThemeFor(v))
			test.AssertImageMatches(t, "reports_"+v+".png", r.s.Window().Canvas().Capture())
		})
	}
}
