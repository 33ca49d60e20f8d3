package app

import (
	"context"
	"database/sql"
	"image/color"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"cxdash/app/screen/screentest"
	"cxdash/workspace"
)

// dashTestDB makes a workspace file in a temporary folder, with the demo
// data when demo is set. Its batch gets a fixed import time and user so
// that screenshots showing them do not change from run to run.
func dashTestDB(t *testing.T, demo bool) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "acme.db")
	ws, err := workspace.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if demo {
		if _, err := ws.LoadDemo(ctx, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	if demo {
		raw, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE batches SET imported_at = '2026-01-15T09:30:00Z', username = 'cxlead'`); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// dashInstallQueue gives the test its own queue of UI updates.
func dashInstallQueue(t *testing.T) {
	t.Helper()
	screentest.Install()
	t.Cleanup(func() { screentest.Install() })
}

// dashTestUI opens the whole window on a workspace with the Fyne test
// driver and waits until the dashboard and the discipline view show their
// data.
func dashTestUI(t *testing.T, demo bool) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	dashInstallQueue(t)
	u, err := New(context.Background(), a, dashTestDB(t, demo))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.s.Workspace().Close() })
	u.s.Window().Resize(fyne.NewSize(1240, 780))
	dashWait(t, u.loaded)
	dashSettle(t, u)
	return u
}

// dashSettle waits until the dashboard, the discipline view and its
// drill-down show their latest data.
func dashSettle(t *testing.T, u *UI) {
	t.Helper()
	dashWait(t, u.dashboard.Idle())
	dashWait(t, u.discipline.Idle())
}

// dashWait runs the screens' updates until ch is closed.
func dashWait(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	screentest.Wait(t, "the screen", ch, 30*time.Second)
}

// dashVariant fixes the default theme to one variant, as the charts'
// golden tests do.
type dashVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t dashVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// storageURI is a file URI as the desktop driver hands drops over.
func storageURI(path string) fyne.URI { return storage.NewFileURI(path) }
