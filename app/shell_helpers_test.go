package app

import (
	"context"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"cxdash/app/screen/screentest"
)

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
	u, err := New(context.Background(), a, screentest.DemoFile(t, demo))
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
