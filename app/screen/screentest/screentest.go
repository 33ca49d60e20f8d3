// Package screentest runs screens under Fyne's test driver as the desktop
// driver would: UI updates made by background work wait in a queue until
// the test runs them on its own goroutine, never while it taps.
package screentest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/internal/uithread"
	"cxdash/workspace"
)

// Queue holds the screens' UI updates until the test runs them.
type Queue struct {
	mu     sync.Mutex
	fns    []func()
	signal chan struct{}
}

func (q *Queue) push(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

// Run runs the queued updates, and those they queue, on the calling
// goroutine.
func (q *Queue) Run() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// Signal receives when an update was queued.
func (q *Queue) Signal() <-chan struct{} { return q.signal }

var (
	currentMu sync.Mutex
	current   *Queue
)

// Install gives the process a fresh queue for UI updates and returns it.
// A package's TestMain installs one; a test that wants its own calls it
// again.
func Install() *Queue {
	q := &Queue{signal: make(chan struct{}, 1)}
	currentMu.Lock()
	current = q
	currentMu.Unlock()
	uithread.SetQueue(q.push)
	return q
}

// Current is the queue installed last.
func Current() *Queue {
	currentMu.Lock()
	defer currentMu.Unlock()
	if current == nil {
		panic("screentest: no queue installed (call screentest.Install in TestMain)")
	}
	return current
}

// Wait runs queued UI updates until ch is closed, failing after timeout.
func Wait(tb testing.TB, what string, ch <-chan struct{}, timeout time.Duration) {
	tb.Helper()
	q := Current()
	deadline := time.After(timeout)
	for {
		q.Run()
		select {
		case <-ch:
			q.Run()
			return
		case <-q.signal:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			tb.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Until runs queued UI updates until cond holds, failing after 30 s.
func Until(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	q := Current()
	deadline := time.Now().Add(30 * time.Second)
	for q.Run(); !cond(); q.Run() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		select {
		case <-q.signal:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Workspace opens a new workspace file named name in a temporary folder,
// with the bundled demo data when demo is set.
func Workspace(tb testing.TB, name string, demo bool) *workspace.Workspace {
	tb.Helper()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, filepath.Join(tb.TempDir(), name))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ws.Close() })
	if demo {
		if _, err := ws.LoadDemo(ctx, false); err != nil {
			tb.Fatal(err)
		}
	}
	return ws
}

// Session is a session on ws in a new test window of size, with a test app;
// build makes the window's content from it. The state is loaded once
// build has registered its screen; navigation goes nowhere unless the test
// sets Navigate.
func Session(tb testing.TB, ws *workspace.Workspace, size fyne.Size, build func(s *screen.Session) fyne.CanvasObject) *screen.Session {
	tb.Helper()
	a := test.NewTempApp(tb)
	win := test.NewTempWindow(tb, widget.NewLabel(""))
	// Cancelled when the test ends: the session's change watcher stops.
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	s := screen.NewSession(ctx, a, win, ws)
	win.SetContent(build(s))
	win.Resize(size)
	Wait(tb, "the first load", s.Reload(), 60*time.Second)
	return s
}
