package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
	"cxdash/workspace"
)

// shellTestUI opens a UI on a demo workspace with the Fyne test driver.
func shellTestUI(t *testing.T) (*UI, string) {
	t.Helper()
	a := test.NewTempApp(t)
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "acme.db")
	ws, err := workspace.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.LoadDemo(ctx, false); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	u, err := New(ctx, a, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.s.Workspace().Close() })
	shellWait(t, u.loaded)
	return u, db
}

func shellWait(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	screentest.Wait(t, "the window", ch, 30*time.Second)
}

// shellEventually polls cond on the test driver until it holds.
func shellEventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for screentest.Current().Run(); !cond(); screentest.Current().Run() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestShellTitleFiltersAndNavigation(t *testing.T) {
	u, db := shellTestUI(t)
	if got := u.s.Window().Title(); got != "cxdash — acme.db" {
		t.Errorf("title %q", got)
	}
	if u.s.State().Empty() || u.s.Filters().Gran != model.Quarter || u.s.Filters().Unit != model.AllUnits {
		t.Fatalf("after load: filters %+v, snapshot empty %v", u.s.Filters(), u.s.State().Empty())
	}
	if got := u.s.App().Preferences().String(prefLastWS); got != db {
		t.Errorf("last workspace %q, want %q", got, db)
	}

	// The filter bar drives the session's filters.
	changes := 0
	u.s.OnChange(func() { changes++ })
	u.filters.unit.SetSelected("Online")
	if u.s.Filters().Unit != "Online" || changes == 0 {
		t.Errorf("choosing a unit: filters %+v, %d notifications", u.s.Filters(), changes)
	}
	u.filters.gran.SetSelected("Year")
	if u.s.Filters().Gran != model.Year {
		t.Errorf("granularity %v", u.s.Filters().Gran)
	}
	if p, ok := u.s.State().Current(u.s.Filters()); !ok || p.Gran != model.Year {
		t.Errorf("current period %v", p)
	}
	u.filters.gran.SetSelected("Quarter")
	periods := u.s.State().Periods(u.s.Filters())
	u.filters.from.SetSelected(periods[2].Label())
	u.filters.to.SetSelected(periods[5].Label())
	if got := u.s.State().Periods(u.s.Filters()); len(got) != 4 || got[0] != periods[2] {
		t.Errorf("range %v..%v gives %v", periods[2], periods[5], got)
	}

	u.show(screen.At(screen.Reports))
	if u.tabs.Selected().Text != "Reports" {
		t.Errorf("navigate(reports) shows %q", u.tabs.Selected().Text)
	}
}

func TestShellSaveAsAndSwitchWorkspace(t *testing.T) {
	u, db := shellTestUI(t)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	u.saveCopyTo(copyPath)
	shellEventually(t, "the copy to open", func() bool { return u.s.Workspace().Path() == copyPath && !u.s.State().Empty() })
	if got := u.s.Window().Title(); got != "cxdash — copy.db" {
		t.Errorf("title after save as: %q", got)
	}
	want, _ := u.s.Workspace().Summary(context.Background(), "", model.Period{})
	if !want.Overall.Present {
		t.Error("the copy has no data")
	}
	recent := u.s.App().Preferences().StringList(prefRecentWS)
	if len(recent) < 2 || recent[0] != copyPath || recent[1] != db {
		t.Errorf("recent workspaces %v", recent)
	}

	fresh := filepath.Join(t.TempDir(), "new-client.db")
	u.switchWorkspace(fresh)
	shellEventually(t, "the new workspace", func() bool { return u.s.Workspace().Path() == fresh && u.s.State() != nil && u.s.State().Empty() })
	if got, _ := StartupWorkspace(u.s.App()); got != fresh {
		t.Errorf("next start opens %q, want the last workspace %q", got, fresh)
	}
}
