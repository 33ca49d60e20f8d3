package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"cxdash/app/governance"
	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
)

// TestShellShowsEveryPlace: each place selects its tab, in Screen order,
// and a place's key reaches the screen (the discipline shown, the
// governance section); Ctrl+1 … Ctrl+7 select the tabs too. The screens'
// own tests check that they ask for these places.
func TestShellShowsEveryPlace(t *testing.T) {
	u, _ := shellTestUI(t)
	titles := []string{"Dashboard", "Disciplines", "Governance", "Data", "Import", "Reports", "Settings"}
	for i, title := range titles {
		u.show(screen.At(screen.Screen(i)))
		if got := u.tabs.Selected().Text; got != title {
			t.Errorf("show(%v) selects %q, want %q", screen.Screen(i), got, title)
		}
	}
	shortcuts, ok := u.s.Window().Canvas().(fyne.Shortcutable)
	if !ok {
		t.Fatal("the test canvas takes no shortcuts")
	}
	for i := len(titles) - 1; i >= 0; i-- {
		shortcuts.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(rune('1' + i)), Modifier: fyne.KeyModifierShortcutDefault})
		if got := u.tabs.Selected().Text; got != titles[i] {
			t.Errorf("Ctrl+%d selects %q, want %q", i+1, got, titles[i])
		}
	}

	u.show(screen.DisciplinePlace(model.Measurement))
	shellWait(t, u.discipline.Idle())
	if u.tabs.Selected().Text != "Disciplines" || !screentest.HasText(screentest.Texts(u.discipline.Content()), "Measurement") {
		t.Errorf("show(discipline measurement): tab %q, texts %q", u.tabs.Selected().Text, screentest.Texts(u.discipline.Content()))
	}
	u.show(screen.GovernancePlace(governance.SectionIssues))
	if u.tabs.Selected().Text != "Governance" {
		t.Errorf("show(governance issues) selects %q", u.tabs.Selected().Text)
	}
}

// TestShellDropShowsImport: files dropped on the window are listed on the
// Import screen, which comes to the front.
func TestShellDropShowsImport(t *testing.T) {
	u, _ := shellTestUI(t)
	csv := filepath.Join(t.TempDir(), "north.csv")
	if err := os.WriteFile(csv, []byte("Period,Unit,Discipline,Metric,Value\n2026-Q1,North,Strategy,Vision,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.dropped(fyne.Position{}, []fyne.URI{storageURI(csv)})
	shellWait(t, u.importer.Idle())
	if u.tabs.Selected().Text != "Import" || !screentest.HasText(screentest.Texts(u.importer.Content()), "north.csv") {
		t.Errorf("after a drop: tab %q, import screen %q", u.tabs.Selected().Text, screentest.Texts(u.importer.Content()))
	}
}
