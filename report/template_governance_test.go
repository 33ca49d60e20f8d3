package report_test

import (
	"slices"
	"strings"
	"testing"

	"cxdash/model"
)

func TestTemplateGovernanceSheets(t *testing.T) {
	target := 40.0
	metrics := []model.Metric{
		{Name: "NPS", Discipline: model.Strategy, Unit: "points", Direction: model.HigherBetter,
			Scale: model.ScaleThresholds, Thresholds: [5]float64{-20, 0, 20, 40, 60}, Target: &target},
		model.NewLevelMetric("Closed-loop feedback process", model.Measurement),
	}
	f := writeTemplate(t, metrics, []string{"Retail", "Online"})
	sheets := f.GetSheetList()
	if want := []string{"Instructions", "Catalogue", "Data", "Owners", "Actions", "Issues", "Events"}; !slices.Equal(
		slices.DeleteFunc(slices.Clone(sheets), func(s string) bool { return s == "Lists" }), want) {
		t.Fatalf("sheets %q, want %q (and a hidden Lists sheet at most)", sheets, want)
	}
	headers := map[string][]string{
		"Owners":  {"Type", "Name", "Owner", "Target", "Target date", "Review cadence", "Last reviewed"},
		"Actions": {"Title", "Description", "Discipline", "Metric", "Unit", "Owner", "Due", "Status", "Gap", "Created", "Closed"},
		"Issues":  {"Date", "Touchpoint", "Unit", "Severity", "Description", "Root cause", "Status", "Discipline", "Action", "Resolved"},
		"Events":  {"Date", "Unit", "Title", "Description"},
	}
	for sheet, want := range headers {
		rows := mustRows(t, f, sheet)
		if len(rows) != 1 || !slices.Equal(rows[0], want) {
			t.Errorf("%s = %q, want the header %q only (examples are in the Instructions)", sheet, rows, want)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s panes %+v (%v), want the header frozen", sheet, panes, err)
		}
	}

	lists := []struct {
		sheet, col string
		want       []string
	}{
		{"Owners", "A", []string{"Discipline", "Metric"}},
		{"Owners", "B", append(slices.Clone(disciplineTitles), "NPS", "Closed-loop feedback process")},
		{"Owners", "F", []string{"Monthly", "Quarterly", "Yearly"}},
		{"Actions", "C", disciplineTitles},
		{"Actions", "E", []string{"Retail", "Online"}},
		{"Actions", "H", []string{"Open", "In progress", "Done", "Dropped"}},
		{"Issues", "B", model.Touchpoints},
		{"Issues", "D", []string{"Low", "Medium", "High", "Critical"}},
		{"Issues", "G", []string{"Open", "Investigating", "Resolved"}},
		{"Issues", "H", disciplineTitles},
		{"Events", "B", []string{"Retail", "Online"}},
	}
	for _, l := range lists {
		dv := validations(t, f, l.sheet)[l.col]
		if got := listValues(t, f, dv); !slices.Equal(got, l.want) {
			t.Errorf("%s column %s drop-down %q, want %q", l.sheet, l.col, got, l.want)
		}
		if dv.Sqref != l.col+"2:"+l.col+"1048576" {
			t.Errorf("%s column %s validation covers %s, want the whole column under the header", l.sheet, l.col, dv.Sqref)
		}
	}
	// Every value the drop-downs offer is one the model reads.
	for _, s := range lists[2].want {
		if _, err := model.ParseCadence(s); err != nil {
			t.Errorf("cadence %q: %v", s, err)
		}
	}
	for _, s := range lists[5].want {
		if _, err := model.ParseActionStatus(s); err != nil {
			t.Errorf("action status %q: %v", s, err)
		}
	}
	for _, s := range lists[7].want {
		if _, err := model.ParseSeverity(s); err != nil {
			t.Errorf("severity %q: %v", s, err)
		}
	}
	for _, s := range lists[8].want {
		if _, err := model.ParseIssueStatus(s); err != nil {
			t.Errorf("issue status %q: %v", s, err)
		}
	}
	if dv := validations(t, f, "Issues")["I"]; dv == nil || dv.Formula1 != "Actions!$A$2:$A$1001" {
		t.Errorf("Issues' Action drop-down %+v, want the Actions sheet's titles", dv)
	}
	for _, c := range []struct{ sheet, col string }{{"Owners", "E"}, {"Actions", "G"}, {"Issues", "A"}, {"Events", "A"}} {
		dv := validations(t, f, c.sheet)[c.col]
		if dv == nil || dv.Type != "date" {
			t.Errorf("%s column %s: validation %+v, want a date", c.sheet, c.col, dv)
		}
		id, err := f.GetColStyle(c.sheet, c.col)
		if err != nil {
			t.Fatal(err)
		}
		if st, _ := f.GetStyle(id); st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
			t.Errorf("%s column %s is not formatted as yyyy-mm-dd", c.sheet, c.col)
		}
	}
	if slices.Contains(sheets, "Lists") {
		if visible, _ := f.GetSheetVisible("Lists"); visible {
			t.Error("the Lists sheet must be hidden")
		}
	}

	text := strings.Join(slices.Concat(mustRows(t, f, "Instructions")...), "\n")
	for _, want := range []string{"Governance sheets", "EXAMPLE   Owners:", "EXAMPLE   Actions:", "EXAMPLE   Issues:", "EXAMPLE   Events:"} {
		if !strings.Contains(text, want) {
			t.Errorf("Instructions lack %q", want)
		}
	}
}
