//go:build wayland && (linux || freebsd || openbsd || netbsd)

package display

import (
	"fmt"
	"path/filepath"
)

// Built with the wayland tag, Fyne's driver talks to the Wayland
// compositor only: its socket is WAYLAND_DISPLAY, a path or a name in
// XDG_RUNTIME_DIR.
func check(getenv func(string) string) error {
	d := getenv("WAYLAND_DISPLAY")
	if d == "" {
		return fmt.Errorf("no Wayland display to open the window on (WAYLAND_DISPLAY is not set)")
	}
	path := d
	if !filepath.IsAbs(d) {
		dir := getenv("XDG_RUNTIME_DIR")
		if dir == "" {
			return fmt.Errorf("no Wayland display to open the window on (XDG_RUNTIME_DIR is not set)")
		}
		path = filepath.Join(dir, d)
	}
	return reach("unix", []string{path}, "the display WAYLAND_DISPLAY="+d, "Wayland compositor")
}
