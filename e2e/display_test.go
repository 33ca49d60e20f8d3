package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestNoDisplay opens the window where there is no display to open it on:
// neither DISPLAY nor WAYLAND_DISPLAY set (a server, an ssh session,
// a container), or DISPLAY naming an X server that is not there. cxdash
// says so in one line, and that the commands still work, and exits 1,
// instead of Fyne's panic and stack trace; the workspace is not touched.
func TestNoDisplay(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" && runtime.GOOS != "openbsd" && runtime.GOOS != "netbsd" {
		t.Skip("only X11 and Wayland systems can lack a display")
	}
	t.Setenv("WAYLAND_DISPLAY", "")
	os.Unsetenv("WAYLAND_DISPLAY")
	// A display number no X server here listens on.
	n := 97
	for ; n < 200; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); os.IsNotExist(err) {
			break
		}
	}
	for _, tc := range []struct {
		display string // "" unset
		says    string
	}{
		{"", "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)"},
		{fmt.Sprintf(":%d", n), fmt.Sprintf("cannot reach the display DISPLAY=:%d", n)},
	} {
		t.Run("DISPLAY="+tc.display, func(t *testing.T) {
			t.Setenv("DISPLAY", tc.display)
			if tc.display == "" {
				os.Unsetenv("DISPLAY")
			}
			db := filepath.Join(t.TempDir(), "ws.db")
			code, out, errOut := cxdash(t, "--db", db)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			if len(lines) != 1 || !strings.HasSuffix(errOut, "\n") || out != "" {
				t.Errorf("stdout %q; stderr should be one line:\n%s", out, errOut)
			}
			if want := "cxdash: " + tc.says; !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "the commands still work: cxdash help") {
				t.Errorf("stderr\n%s\nwant %q…, then that the commands still work", errOut, want)
			}
			if l := strings.ToLower(errOut); strings.Contains(l, "panic") || strings.Contains(l, "goroutine") {
				t.Errorf("a panic:\n%s", errOut)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("the workspace was created")
			}
		})
	}
}
