package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromiumBin finds a headless-capable Chromium; the Makefile's test-deps
// installs Debian's chromium.
func chromiumBin(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (make test-deps)")
	return ""
}

// dialogTrap goes first in <head>: it replaces the dialog functions with a
// counter, so that any script the page runs, inline or from an event
// handler, is counted instead of blocking the headless browser.
const dialogTrap = `<script>window.__dialogs = 0;
window.alert = window.confirm = window.prompt = window.print = function () { window.__dialogs++; };</script>`

// dialogReport goes last in <body>: once the page's scripts and image
// errors ran, it writes what happened into the DOM that --dump-dom prints.
const dialogReport = `<script>setTimeout(function () {
  var p = document.createElement("pre");
  p.id = "injection-probe";
  p.textContent = "dialogs=" + window.__dialogs + " imgs=" + document.querySelectorAll("img[src=x]").length;
  document.body.appendChild(p);
}, 1500);</script>`

var probeRE = regexp.MustCompile(`<pre id="injection-probe">dialogs=(\d+) imgs=(\d+)</pre>`)

// probeHTML opens page in headless Chromium with the trap and returns how
// many dialogs it opened and how many img[src=x] it holds.
func probeHTML(t *testing.T, bin, page string) (dialogs, imgs int) {
	t.Helper()
	head := strings.Index(page, "<head>")
	body := strings.LastIndex(page, "</body>")
	if head < 0 || body < head {
		t.Fatal("the page has no <head> or </body>")
	}
	head += len("<head>")
	probed := page[:head] + dialogTrap + page[head:body] + dialogReport + page[body:]
	path := filepath.Join(t.TempDir(), "probe.html")
	if err := os.WriteFile(path, []byte(probed), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=5000", "--dump-dom", "file://"+path).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	m := probeRE.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("the probe did not report: %.300s", out)
	}
	fmt.Sscan(m[1], &dialogs)
	fmt.Sscan(m[2], &imgs)
	return dialogs, imgs
}

// TestDialogProbeCatches proves the probe can fail: a page that does run
// the hostile text is caught.
func TestDialogProbeCatches(t *testing.T) {
	bin := chromiumBin(t)
	page := `<!DOCTYPE html><html><head><title>x</title></head><body>` +
		`<p><script>alert(1)</script></p><p>"><img src=x onerror=alert(1)></p></body></html>`
	dialogs, imgs := probeHTML(t, bin, page)
	if dialogs != 2 || imgs != 1 {
		t.Errorf("unsafe page: %d dialogs and %d img[src=x], want 2 and 1", dialogs, imgs)
	}
}
