// Package chromium runs a local page in headless Chromium for tests and
// hands back what the browser made of it: the DOM after the page's scripts
// ran. Tests use it to check that the HTML report draws its charts and that
// hostile text stays text (docs/NOTES.md, "go-echarts").
//
// A test asks for the DOM of a file it wrote:
//
//	dom := chromium.DumpDOM(t, "/tmp/…/report.html")
//
// and is skipped, not failed, on a machine without Chromium (make test-deps
// installs Debian's chromium package). A test that must skip before doing
// costly work calls [Find] first.
package chromium

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// names are the executables tried in turn: Debian's, other distributions'
// and Google's builds.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Timeout bounds one browser run. A page that calls alert() or confirm()
// makes --dump-dom wait for ever (docs/NOTES.md); the bound turns that into
// a failure with a reason instead of a test binary hung until go test's own
// timeout.
const Timeout = 90 * time.Second

// VirtualTime is the virtual time a page gets before its DOM is taken:
// Chromium fast-forwards timers, so animations and setTimeout callbacks of a
// few seconds have run without waiting that long.
const VirtualTime = 5 * time.Second

// Find returns the path of a Chromium executable, or skips tb when none is
// on PATH.
func Find(tb testing.TB) string {
	tb.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Skip("chromium is not installed (make test-deps)")
	return ""
}

// DumpDOM opens the local file at path in headless Chromium and returns the
// serialised DOM once the page's scripts ran for [VirtualTime]. It skips tb
// when Chromium is missing and fails it when the browser fails or takes
// longer than [Timeout].
func DumpDOM(tb testing.TB, path string) string {
	tb.Helper()
	bin := Find(tb)
	url := fileURL(tb, path)
	args := append(flags(tb), "--dump-dom", url)

	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	// The browser's helper processes inherit stdout; once the browser
	// itself is killed, stop waiting for them after a moment.
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && ctx.Err() != nil {
		tb.Fatalf("chromium --dump-dom %s: no answer within %v (does the page open a dialog?)", filepath.Base(path), Timeout)
	}
	if err != nil {
		tb.Fatalf("chromium --dump-dom %s: %v\n%s", filepath.Base(path), err, tail(stderr.String(), 2000))
	}
	return string(out)
}

// flags are the options every run gets. Without the background-networking,
// component-update and sync switches Chromium tries to reach Google's
// servers at every start, which a machine without internet refuses, many
// times over; --no-sandbox lets it run as root (CI); a fresh profile keeps
// runs from seeing each other's state.
func flags(tb testing.TB) []string {
	return []string{
		"--headless",
		"--no-sandbox",
		"--disable-gpu",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--no-first-run",
		"--user-data-dir=" + tb.TempDir(),
		"--virtual-time-budget=" + strconv.Itoa(int(VirtualTime/time.Millisecond)),
		"--window-size=1280,2000",
	}
}

// fileURL makes a file:// URL of path, which may be relative.
func fileURL(tb testing.TB, path string) string {
	tb.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		tb.Fatalf("chromium: %v", err)
	}
	return "file://" + filepath.ToSlash(abs)
}

// tail keeps the last n bytes of s: the end of Chromium's log says why it
// stopped.
func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
