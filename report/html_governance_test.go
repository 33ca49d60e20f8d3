package report_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"cxdash/model"
	"cxdash/report"
)

// section returns the page's HTML from the element with id to the end of
// its table.
func section(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("the page has no element %q", id)
	}
	j := strings.Index(page[i:], "</table>")
	if j < 0 {
		t.Fatalf("element %q has no table", id)
	}
	return page[i : i+j]
}

func chartByID(t *testing.T, cs []chartSpec, id string) map[string]any {
	t.Helper()
	for _, c := range cs {
		if c.ID == id {
			return c.Option
		}
	}
	t.Fatalf("no chart %s", id)
	return nil
}

// markNames lists the event lines drawn on a chart's first series, as
// "period: name".
func markNames(o map[string]any) []string {
	s := o["series"].([]any)[0].(map[string]any)
	ml, ok := s["markLine"].(map[string]any)
	if !ok {
		return nil
	}
	var out []string
	for _, m := range ml["data"].([]any) {
		m := m.(map[string]any)
		out = append(out, m["xAxis"].(string)+": "+m["name"].(string))
	}
	return out
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

// rowsText is each <tr> of html as its cells' text, joined by "|".
func rowsText(html string) []string {
	var out []string
	for _, tr := range strings.Split(html, "<tr")[1:] {
		tr = tr[strings.IndexByte(tr, '>')+1:]
		cells := strings.Split(tr, "</td>")
		var texts []string
		for _, c := range cells[:len(cells)-1] {
			texts = append(texts, strings.TrimSpace(tagRE.ReplaceAllString(c, " ")))
		}
		if texts != nil {
			out = append(out, strings.Join(texts, "|"))
		}
	}
	return out
}

func TestHTMLGovernance(t *testing.T) {
	d := withGovernance(newFixture(false).data(model.AllUnits), false)
	page := renderHTML(t, d)

	if !strings.Contains(page, "Overdue is judged on 15 January 2026.") {
		t.Error("the page does not say which day overdue is judged on")
	}
	overdue := section(t, page, "overdue-actions")
	if got := rowsText(overdue); !slices.Equal(got, []string{"Publish the CX vision|Ana Souza|2025-12-01|45|Open|All units"}) {
		t.Errorf("overdue actions %q", got)
	}
	if !strings.Contains(overdue, `<tr class="late">`) {
		t.Error("overdue actions are not highlighted")
	}
	owners := rowsText(section(t, page, "owners"))
	want := []string{
		"Discipline|Strategy|Ana Souza (Head of CX)|4|2026-06-30|Quarterly|2025-10-01|2026-01-01",
		"Discipline|Measurement|bob@example.com|3.5|–|Monthly|–|now",
		"Metric|NPS|Chen Li|40|–|Yearly|2025-01-15|2026-01-15",
	}
	if !slices.Equal(owners, want) {
		t.Errorf("owners:\n got %q\nwant %q", owners, want)
	}
	actions := section(t, page, "actions")
	if n := strings.Count(actions, `<tr class="late">`); n != 1 {
		t.Errorf("%d actions highlighted as overdue, want 1", n)
	}
	if got := rowsText(actions)[1]; !strings.HasPrefix(got, "Publish the CX vision One page, signed by the board|Strategy|All units|Ana Souza|2025-12-01 45 days late|Open|0.8") {
		t.Errorf("overdue action row %q", got)
	}
	resolve := rowsText(section(t, page, "time-to-resolve"))
	if !slices.Contains(resolve, "Call centre|2|0|5|7") || !slices.Contains(resolve, "All touchpoints|4|1|2|7") {
		t.Errorf("time to resolve %q: want Call centre's median 5 days (3 and 7), all 2 (1, 1, 3, 7)", resolve)
	}
	issues := rowsText(section(t, page, "issues"))
	if len(issues) != 5 || issues[1] != "2025-11-03|Call centre|North|High|Long waits|Understaffed on Mondays|Resolved|Measurement|Fix IVR routing|2025-11-10|7" {
		t.Errorf("issue log %q", issues)
	}
	events := section(t, page, "events")
	if got := rowsText(events); len(got) != 4 || got[2] != "2025-07-01|North|Store refit|" {
		t.Errorf("events %q", got)
	}
	if !strings.Contains(events, `<tr class="upcoming"><td class="d">2026-02-01`) {
		t.Error("the upcoming event is not marked")
	}

	cs := specs(t, page)
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if want := []string{"chart-radar", "chart-units", "chart-trend", "chart-heatmap", "chart-issues-touchpoint", "chart-issues-severity"}; !slices.Equal(ids, want) {
		t.Fatalf("charts %q, want %q", ids, want)
	}
	// Events on the trend: each in its quarter; the one after the trend is not drawn.
	wantMarks := []string{"Q2 2024: Web outage", "Q1 2025: App relaunch", "Q3 2025: Store refit (North)"}
	if got := markNames(chartByID(t, cs, "chart-trend")); !slices.Equal(got, wantMarks) {
		t.Errorf("trend event lines %q, want %q", got, wantMarks)
	}
	tp := chartByID(t, cs, "chart-issues-touchpoint")
	if got := markNames(tp); !slices.Equal(got, wantMarks) {
		t.Errorf("issue chart event lines %q, want %q", got, wantMarks)
	}
	if xs := tp["xAxis"].([]any)[0].(map[string]any)["data"].([]any); len(xs) != 7 || xs[0] != "Q2 2024" || xs[6] != "Q4 2025" {
		t.Errorf("issue periods %v, want Q2 2024..Q4 2025", xs)
	}
	var names []string
	for _, s := range tp["series"].([]any) {
		s := s.(map[string]any)
		names = append(names, s["name"].(string))
		if s["stack"] != "issues" || s["type"] != "bar" {
			t.Errorf("series %v is not a stacked bar", s["name"])
		}
	}
	if !slices.Equal(names, []string{"Call centre", "Store", "Web"}) {
		t.Errorf("touchpoint series %q", names)
	}
	web := tp["series"].([]any)[2].(map[string]any)["data"].([]any)
	if got := web[6].(map[string]any)["value"]; got != 1.0 {
		t.Errorf("Web issues in Q4 2025 = %v, want 1", got)
	}
	sev := chartByID(t, cs, "chart-issues-severity")["series"].([]any)
	if len(sev) != 4 || sev[0].(map[string]any)["name"] != "Critical" {
		t.Errorf("severity series %v", sev)
	}
}

func TestHTMLGovernanceEscapesUserText(t *testing.T) {
	d := withGovernance(newFixture(true).data(model.AllUnits), true)
	page := withoutECharts(renderHTML(t, d))
	if strings.Contains(page, "<img") {
		t.Errorf("a user string reached the page unescaped:\n%s", excerpt(page, "<img"))
	}
	if got := strings.Count(page, "</script>"); got != 2 {
		t.Errorf("%d </script> tags, want 2", got)
	}
	for _, id := range []string{"overdue-actions", "actions", "issues", "events"} {
		if !strings.Contains(section(t, page, id), "&lt;/script&gt;&lt;img src=x onerror=") {
			t.Errorf("%s does not show the hostile text as text", id)
		}
	}
	// In the chart options the names survive intact once parsed.
	cs := specs(t, page)
	names := func(o map[string]any) []string {
		var out []string
		for _, s := range o["series"].([]any) {
			out = append(out, s.(map[string]any)["name"].(string))
		}
		return out
	}
	if !slices.Contains(names(chartByID(t, cs, "chart-issues-touchpoint")), evil) {
		t.Error("the hostile touchpoint is not a series of the issue chart")
	}
	marks := markNames(chartByID(t, cs, "chart-trend"))
	if !slices.ContainsFunc(marks, func(m string) bool { return strings.HasPrefix(m, "Q1 2025: App relaunch; </script><img") }) {
		t.Errorf("the hostile event is not drawn as text: %q", marks)
	}
}

func TestHTMLNoGovernance(t *testing.T) {
	page := renderHTML(t, report.Data{})
	if !strings.Contains(page, "No owners, actions, CX issues or events are recorded yet.") {
		t.Error("an empty report does not say governance is empty")
	}
	if strings.Contains(page, `id="actions"`) {
		t.Error("an empty report has an actions table")
	}
}
