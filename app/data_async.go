package app

import (
	"sync"
)

// workTracker counts the background work a screen has started and not yet
// finished (queries, dry runs, imports). The screens use it to say "loading"
// and tests use idle to wait for a settled screen: waiting on its channel
// orders the test after every UI change the work made.
type workTracker struct {
	mu      sync.Mutex
	n       int
	waiters []chan struct{}
}

// start records one piece of work; every start needs one done.
func (w *workTracker) start() {
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
}

// done records the end of one piece of work.
func (w *workTracker) done() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.n > 0 {
		w.n--
	}
	if w.n == 0 {
		for _, c := range w.waiters {
			close(c)
		}
		w.waiters = nil
	}
}

// busy reports whether work is under way.
func (w *workTracker) busy() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n > 0
}

// idle returns a channel closed once no work is under way.
func (w *workTracker) idle() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := make(chan struct{})
	if w.n == 0 {
		close(c)
	} else {
		w.waiters = append(w.waiters, c)
	}
	return c
}

// dataUIMu serialises the callbacks that this package's data and import
// screens receive from background work. The desktop driver runs them all on
// its one UI goroutine, where the lock is always free; the test driver runs
// each on the goroutine that posted it, where two could otherwise touch a
// screen at once.
var dataUIMu sync.Mutex

// dataDo runs fn on the UI goroutine, serialised with the screens' other
// callbacks.
func dataDo(fn func()) { uiDo(dataLocked(fn)) }

// dataLocked wraps a callback that the session or a dialog runs (onChange
// listeners, s.run's finish) so that it is serialised the same way.
func dataLocked(fn func()) func() {
	return func() {
		dataUIMu.Lock()
		defer dataUIMu.Unlock()
		fn()
	}
}
