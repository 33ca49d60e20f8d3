package app

import (
	"os"
	"testing"

	"cxdash/app/screen/screentest"
)

// Fyne's test driver runs fyne.Do at once on the goroutine that calls it,
// so background work would touch widgets while a test reads or taps them.
// Every test of this package therefore queues UI updates (screentest.Install) and
// runs them on the test goroutine while it waits, as the desktop driver's
// event loop runs them on its one UI goroutine.
//
// The PostgreSQL server of the team workspace tests starts with the first
// test that needs it (teamServer) and stops here.
func TestMain(m *testing.M) {
	screentest.Install()
	code := m.Run()
	teamStopServer()
	os.Exit(code)
}
