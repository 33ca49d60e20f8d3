package report_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cxdash/internal/chromium"
	"cxdash/model"
	"cxdash/report"
)

var scriptRE = regexp.MustCompile(`(?s)<script>.*?</script>`)

// tooltipProbe opens every chart's tooltip on a data point, after the
// page's own scripts: on the hostile unit in the units chart (it sorts
// first) and on the hostile discipline in the heatmap.
const tooltipProbe = `<script>
document.querySelectorAll(".chart").forEach(function (el) {
  var c = echarts.getInstanceByDom(el);
  c.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: el.id === "chart-heatmap" ? 5 : 0});
});
</script>
</body>`

func TestHTMLInChromium(t *testing.T) {
	chromium.Find(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	d := withGovernance(newFixture(true).data(model.AllUnits), true)
	if err := report.WriteHTMLFile(context.Background(), path, d, nil); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	probe := filepath.Join(dir, "probe.html")
	i := strings.LastIndex(string(page), "</body>")
	if err := os.WriteFile(probe, []byte(string(page[:i])+tooltipProbe+string(page[i+len("</body>"):])), 0o644); err != nil {
		t.Fatal(err)
	}

	dom := scriptRE.ReplaceAllString(chromium.DumpDOM(t, path), "")
	withTips := scriptRE.ReplaceAllString(chromium.DumpDOM(t, probe), "")

	for name, doc := range map[string]string{"report": dom, "report with tooltips": withTips} {
		t.Run(name, func(t *testing.T) {
			parts := strings.Split(doc, `id="chart-`)
			if len(parts) != 7 {
				t.Fatalf("%d chart containers in the DOM, want 6 (4 and the 2 issue charts)", len(parts)-1)
			}
			for _, p := range parts[1:] {
				id := p[:strings.IndexByte(p, '"')]
				if !strings.Contains(p, "<svg") {
					t.Errorf("chart %s did not render: no <svg> in its container", id)
				}
			}
			if strings.Contains(doc, "<img") {
				t.Errorf("a hostile name became an element:\n%s", excerpt(doc, "<img"))
			}
			if regexp.MustCompile(`data-pwned="`).MatchString(doc) {
				t.Error("the hostile name's onerror handler ran")
			}
			if !strings.Contains(doc, "&lt;img src=x onerror=") {
				t.Error("the hostile name is not shown as text")
			}
			checkGovernanceDOM(t, doc)
		})
	}
	// The tooltips add the hostile names as text, not as markup.
	if a, b := strings.Count(dom, "&lt;img src=x"), strings.Count(withTips, "&lt;img src=x"); b <= a {
		t.Errorf("tooltips did not show the hostile names: %d occurrences before, %d after", a, b)
	}
}

// checkGovernanceDOM checks that the governance section rendered: its
// tables, the overdue highlight, and the timeline events drawn as text on
// the trend chart's SVG.
func checkGovernanceDOM(t *testing.T, doc string) {
	t.Helper()
	i := strings.Index(doc, `<section id="governance"`)
	if i < 0 {
		t.Fatal("no governance section in the DOM")
	}
	gov := doc[i:]
	for _, id := range []string{"overdue-actions", "owners", "actions", "time-to-resolve", "issues", "events"} {
		if !strings.Contains(gov, `id="`+id+`"`) {
			t.Errorf("the governance section has no %s table", id)
		}
	}
	if n := strings.Count(gov, `<tr class="late">`); n != 4 {
		t.Errorf("%d rows highlighted as overdue, want 4 (2 in the overdue list, 2 among the actions)", n)
	}
	trend := doc[strings.Index(doc, `id="chart-trend"`):]
	trend = trend[:strings.Index(trend, "</svg>")]
	for _, want := range []string{">Web outage<", ">Store refit (North)<"} {
		if !strings.Contains(trend, want) {
			t.Errorf("the trend chart does not draw the event %s", want)
		}
	}
}
