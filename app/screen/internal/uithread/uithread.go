// Package uithread holds the one switch between the desktop driver's UI
// goroutine and the test queue of package screentest.
package uithread

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// queue, when set, takes the updates Do would hand to fyne.Do. Fyne's test
// driver runs fyne.Do at once on the calling goroutine, so a background
// result would be applied while a test taps; tests queue the updates
// instead and run them while they wait, as the real driver's event loop
// does.
var queue atomic.Pointer[func(func())]

// Do runs f on the UI goroutine, or queues it for the test that set a
// queue.
func Do(f func()) {
	if q := queue.Load(); q != nil {
		(*q)(f)
		return
	}
	fyne.Do(f)
}

// SetQueue makes Do hand its updates to q (nil: back to fyne.Do).
func SetQueue(q func(func())) {
	if q == nil {
		queue.Store(nil)
		return
	}
	queue.Store(&q)
}
