package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"cxdash/assets"
	"cxdash/model"
	"cxdash/report"
)

func renderHTML(t *testing.T, d report.Data) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteHTML(context.Background(), &buf, d, nil); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	return buf.String()
}

type chartSpec struct {
	ID     string         `json:"id"`
	Option map[string]any `json:"option"`
}

var specsRE = regexp.MustCompile(`(?m)^\s*var specs = (.*);$`)

// specs parses the charts' options out of the page.
func specs(t *testing.T, page string) []chartSpec {
	t.Helper()
	m := specsRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no chart options in the page")
	}
	var out []chartSpec
	if err := json.Unmarshal([]byte(m[1]), &out); err != nil {
		t.Fatalf("chart options: %v", err)
	}
	return out
}

func TestHTMLContent(t *testing.T) {
	d := newFixture(false).data(model.AllUnits)
	page := renderHTML(t, d)
	for _, want := range []string{
		"<title>CX maturity report: Acme Retail</title>",
		"Disciplines in Q4 2025",
		"Customer understanding",
		"scores.xlsx",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// Offline: ECharts is inlined and nothing is loaded from elsewhere.
	if !strings.Contains(page, string(assets.EChartsJS[:2000])) {
		t.Error("echarts.min.js is not inlined")
	}
	if regexp.MustCompile(`<(script|link|img)[^>]+(src|href)=`).MatchString(withoutECharts(page)) {
		t.Error("the page loads an external file")
	}
	cs := specs(t, page)
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
		if !strings.Contains(page, `id="`+c.ID+`"`) {
			t.Errorf("no element for chart %s", c.ID)
		}
	}
	if want := []string{"chart-radar", "chart-units", "chart-trend", "chart-heatmap"}; !slices.Equal(ids, want) {
		t.Fatalf("charts %q, want %q", ids, want)
	}
	radar := cs[0].Option
	ind := radar["radar"].(map[string]any)["indicator"].([]any)
	if len(ind) != 6 || ind[1].(map[string]any)["name"] != "Customer understanding" {
		t.Errorf("radar indicators %v", ind)
	}
	now := radar["series"].([]any)[0].(map[string]any)["data"].([]any)[0].(map[string]any)["value"].([]any)
	if got, want := now[0].(float64), d.Summary.Disciplines[0].Score; !nearTo(got, want, 0.005) {
		t.Errorf("radar now[0] = %v, want %.2f", got, want)
	}
	trend := cs[2].Option
	if xs := trend["xAxis"].([]any)[0].(map[string]any)["data"].([]any); len(xs) != len(d.Trend) || xs[0] != "Q1 2024" {
		t.Errorf("trend periods %v", xs)
	}
	if n := len(trend["series"].([]any)); n != 7 {
		t.Errorf("trend has %d series, want overall and six disciplines", n)
	}
}

func nearTo(a, b, tol float64) bool { return a-b < tol && b-a < tol }

// TestHTMLEscapesUserText checks every place a user-given name lands: HTML
// text, attributes and the chart options inside <script>.
func TestHTMLEscapesUserText(t *testing.T) {
	fx := newFixture(true)
	// go-echarts' own renderer deletes "__f__" from its output, which would
	// turn this unit's name into code; ours must keep it a string.
	fx.units = append(fx.units, `__f__alert(1)//`)
	fx.obs = append(fx.obs, model.Observation{Metric: fx.metrics[0].Name, Unit: `__f__alert(1)//`,
		Period: fx.periods[len(fx.periods)-1], Value: 3, Source: model.Source{BatchID: 1, File: "x.xlsx"}})
	d := fx.data(model.AllUnits)
	d.Workspace = evil
	d.Batches[0].File = evil
	page := withoutECharts(renderHTML(t, d))

	if strings.Contains(page, "<img") || strings.Contains(page, "</script><") {
		t.Errorf("a user string reached the page unescaped:\n%s", excerpt(page, "<img"))
	}
	if got := strings.Count(page, "</script>"); got != 2 {
		t.Errorf("%d </script> tags, want 2 (ECharts and the charts)", got)
	}
	if !strings.Contains(page, "&lt;img src=x onerror=") {
		t.Error("the hostile name is not shown as text")
	}
	// Inside the options the names are intact once parsed: escaped, not
	// mangled.
	var units []any
	for _, c := range specs(t, page) {
		if c.ID == "chart-units" {
			units = c.Option["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
		}
	}
	for _, want := range []string{evil, `__f__alert(1)//`} {
		if !slices.Contains(units, any(want)) {
			t.Errorf("units chart lacks %q: %v", want, units)
		}
	}
	if !strings.Contains(page, `__f__alert(1)//`) {
		t.Error("__f__ was stripped from the page")
	}
}

// withoutECharts drops the inlined library, whose own code holds "<img".
func withoutECharts(page string) string {
	return strings.Replace(page, string(assets.EChartsJS), "", 1)
}

func excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return ""
	}
	return s[max(0, i-200):min(len(s), i+200)]
}

func TestHTMLEmptyWorkspace(t *testing.T) {
	page := renderHTML(t, report.Data{})
	if !strings.Contains(page, "no data") {
		t.Error("an empty report does not say there is no data")
	}
	if cs := specs(t, page); len(cs) != 1 || cs[0].ID != "chart-radar" {
		t.Errorf("charts of an empty workspace: %v", cs)
	}
}

func TestHTMLCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	err := report.WriteHTML(ctx, &buf, newFixture(false).data(model.AllUnits), nil)
	if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Errorf("err %v and %d bytes, want context.Canceled and nothing written", err, buf.Len())
	}
}
