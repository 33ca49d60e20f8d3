package chromium_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cxdash/internal/chromium"
)

// The DOM comes back after the page's scripts ran, timers included: the
// report's charts draw from a script, and the injection probe reports from
// a setTimeout.
func TestDumpDOMRunsScripts(t *testing.T) {
	chromium.Find(t)
	page := `<!DOCTYPE html><html><head><title>t</title></head><body>
<p id="now">static</p>
<script>
document.getElementById("now").textContent = "script ran";
setTimeout(function () {
  var p = document.createElement("p");
  p.id = "later";
  p.textContent = "timer ran";
  document.body.appendChild(p);
}, 1500);
</script></body></html>`
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	// A relative path works too.
	t.Chdir(dir)
	dom := chromium.DumpDOM(t, "page.html")
	for _, want := range []string{`<p id="now">script ran</p>`, `<p id="later">timer ran</p>`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the DOM has no %s:\n%s", want, dom)
		}
	}
}

// Without Chromium a test is skipped, not failed.
func TestFindSkipsWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	skipped := false
	t.Run("find", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		chromium.Find(t)
		t.Error("Find returned with no chromium on PATH")
	})
	if !skipped {
		t.Error("Find did not skip the test")
	}
}
