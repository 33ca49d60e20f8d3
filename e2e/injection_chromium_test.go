package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/internal/chromium"
)

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
func probeHTML(t *testing.T, page string) (dialogs, imgs int) {
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
	dom := chromium.DumpDOM(t, path)
	m := probeRE.FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not report: %.300s", dom)
	}
	fmt.Sscan(m[1], &dialogs)
	fmt.Sscan(m[2], &imgs)
	return dialogs, imgs
}

// TestDialogProbeCatches proves the probe can fail: a page that does run
// the hostile text is caught.
func TestDialogProbeCatches(t *testing.T) {
	chromium.Find(t)
	page := `<!DOCTYPE html><html><head><title>x</title></head><body>` +
		`<p><script>alert(1)</script></p><p>"><img src=x onerror=alert(1)></p></body></html>`
	dialogs, imgs := probeHTML(t, page)
	if dialogs != 2 || imgs != 1 {
		t.Errorf("unsafe page: %d dialogs and %d img[src=x], want 2 and 1", dialogs, imgs)
	}
}

// hostileHTML is text a browser would run if a report pasted it in as
// markup: a script, an element with a handler, and a way out of the
// script blocks that carry the charts' data.
var hostileHTML = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`</script><script>alert(1)</script>`,
}

// TestHTMLReportRunsNoScript imports a workbook with hostileHTML as units,
// metrics, notes, actions, issues and events, exports the HTML report with
// cxdash and opens it in headless Chromium: no dialog fires and no
// injected element exists. (The in-process injection test checks how each
// text is stored and escaped.)
func TestHTMLReportRunsNoScript(t *testing.T) {
	chromium.Find(t)
	dir := t.TempDir()
	db, book, page := filepath.Join(dir, "ws.db"), filepath.Join(dir, "hostile.xlsx"), filepath.Join(dir, "report.html")
	writeHostileHTMLWorkbook(t, book)
	mustRun(t, "import", "--db", db, book)
	mustRun(t, "export", "--db", db, "--html", page)
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "onerror") {
		t.Fatal("the report holds none of the hostile text: was it dropped?")
	}
	if dialogs, imgs := probeHTML(t, string(b)); dialogs != 0 || imgs != 0 {
		t.Errorf("in Chromium the report opened %d dialogs and holds %d img[src=x]", dialogs, imgs)
	}
}

// writeHostileHTMLWorkbook puts every hostileHTML text in a data sheet (as
// unit, metric and note) and in the Actions, Issues and Events sheets.
func writeHostileHTMLWorkbook(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheets := map[string][][]any{
		"Scores":  {{"Period", "Business unit", "Discipline", "Metric", "Value", "Note"}},
		"Actions": {{"Title", "Description", "Due", "Status"}},
		"Issues":  {{"Date", "Touchpoint", "Severity", "Description"}},
		"Events":  {{"Date", "Title", "Description"}},
	}
	for i, h := range hostileHTML {
		sheets["Scores"] = append(sheets["Scores"], []any{"2024-Q1", h, "Measurement", h, i%5 + 1, h})
		sheets["Actions"] = append(sheets["Actions"], []any{h, h, "2024-06-30", "open"})
		sheets["Issues"] = append(sheets["Issues"], []any{fmt.Sprintf("2024-03-%02d", i+1), "Web", "high", h})
		sheets["Events"] = append(sheets["Events"], []any{fmt.Sprintf("2024-03-%02d", i+1), h, h})
	}
	for _, name := range []string{"Scores", "Actions", "Issues", "Events"} {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, r := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
