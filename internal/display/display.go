// Package display says, before Fyne starts, whether the window has a
// display to open on. Without one, Fyne's GLFW driver logs a PlatformError
// and then panics with a stack trace; cxdash says one sentence instead.
//
// It answers "no" only when it is sure: a display variable that is not set,
// or one that names a server nothing listens at. A display it cannot read
// is left to the driver.
package display

import "os"

// Check returns nil when the window can be opened as far as it can tell,
// else an error saying what is missing, such as "no display to open the
// window on (DISPLAY and WAYLAND_DISPLAY are not set)".
func Check() error { return check(os.Getenv) }
