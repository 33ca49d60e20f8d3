package app

import (
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// latestOnly orders the results of work done off the UI thread: each
// request gets a number, only the newest request's result is shown, and
// idle tells when it is (tests wait on it; so could a busy indicator).
type latestOnly struct {
	mu   sync.Mutex
	seq  int
	done chan struct{}
}

// begin starts a request; it makes every earlier one stale.
func (l *latestOnly) begin() (int, chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	l.done = make(chan struct{})
	return l.seq, l.done
}

// finish runs show (on the UI goroutine) if request seq is still the
// newest, then marks the request done.
func (l *latestOnly) finish(seq int, done chan struct{}, show func()) {
	l.mu.Lock()
	newest := seq == l.seq
	l.mu.Unlock()
	if newest {
		show()
	}
	close(done)
}

// stale reports whether a newer request than seq was made: its work can
// stop.
func (l *latestOnly) stale(seq int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return seq != l.seq
}

// drop makes every request stale without starting one.
func (l *latestOnly) drop() {
	seq, done := l.begin()
	l.finish(seq, done, func() {})
}

// idle is closed once the newest request's result is on screen.
func (l *latestOnly) idle() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done == nil {
		l.done = make(chan struct{})
		close(l.done)
	}
	return l.done
}

// testDo, when set, replaces fyne.Do for the dashboard and discipline
// screens. Fyne's test driver runs fyne.Do at once on the calling
// goroutine, so a background result would be applied while the test taps;
// tests queue the updates instead and run them while they wait, as the real
// driver's event loop does.
var testDo atomic.Pointer[func(func())]

// uiDo runs f on the UI goroutine.
func uiDo(f func()) {
	if do := testDo.Load(); do != nil {
		(*do)(f)
		return
	}
	fyne.Do(f)
}
