package screen

import "sync"

// Latest orders the results of work done off the UI thread: each
// request gets a number, only the newest request's result is shown, and
// idle tells when it is (tests wait on it; so could a busy indicator).
type Latest struct {
	mu   sync.Mutex
	seq  int
	done chan struct{}
}

// Begin starts a request; it makes every earlier one stale.
func (l *Latest) Begin() (int, chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	l.done = make(chan struct{})
	return l.seq, l.done
}

// Finish runs show (on the UI goroutine) if request seq is still the
// newest, then marks the request done.
func (l *Latest) Finish(seq int, done chan struct{}, show func()) {
	l.mu.Lock()
	newest := seq == l.seq
	l.mu.Unlock()
	if newest {
		show()
	}
	close(done)
}

// Stale reports whether a newer request than seq was made: its work can
// stop.
func (l *Latest) Stale(seq int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return seq != l.seq
}

// Drop makes every request stale without starting one.
func (l *Latest) Drop() {
	seq, done := l.Begin()
	l.Finish(seq, done, func() {})
}

// Idle is closed once the newest request's result is on screen.
func (l *Latest) Idle() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done == nil {
		l.done = make(chan struct{})
		close(l.done)
	}
	return l.done
}

// Tracker counts the background work a screen has started and not yet
// finished (queries, dry runs, imports). The screens use it to say "loading"
// and tests use idle to wait for a settled screen: waiting on its channel
// orders the test after every UI change the work made.
type Tracker struct {
	mu      sync.Mutex
	n       int
	waiters []chan struct{}
}

// Start records one piece of work; every start needs one done.
func (w *Tracker) Start() {
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
}

// Done records the end of one piece of work.
func (w *Tracker) Done() {
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

// Idle returns a channel closed once no work is under way.
func (w *Tracker) Idle() <-chan struct{} {
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
