package report_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

// serial is a date as Excel stores it.
func serial(y, m, d int) string {
	days := date(y, 1, 1).AddDate(0, m-1, d-1).Sub(date(1899, 12, 30)).Hours() / 24
	return fmt.Sprint(int(days))
}

// rowsOf reads a sheet's raw cells, rows padded to n columns.
func rowsOf(t *testing.T, f *excelize.File, sheet string, n int) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	for i := range rows {
		rows[i] = append(rows[i], make([]string, max(0, n-len(rows[i])))...)
	}
	return rows
}

// assertDateCell checks that a cell is a real Excel date shown as yyyy-mm-dd.
func assertDateCell(t *testing.T, f *excelize.File, sheet, ref, want string) {
	t.Helper()
	if got := cell(t, f, sheet, ref); got != want {
		t.Errorf("%s!%s = %q, want the date serial %s", sheet, ref, got, want)
	}
	if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("%s!%s is a %v cell, want a number (a date)", sheet, ref, typ)
	}
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
		t.Errorf("%s!%s format %+v (%v), want yyyy-mm-dd", sheet, ref, st, err)
	}
}

func TestXLSXGovernanceSheets(t *testing.T) {
	d := withGovernance(newFixture(false).data(model.AllUnits), false)
	path := writeXLSX(t, d)
	f := openXLSX(t, path)

	want := []string{"Summary", "Trend", "Units", "Strategy", "Customer understanding", "Design",
		"Measurement", "Governance", "Culture", "Owners", "Actions", "Issues", "Events", "Issue trends", "Data", "Imports"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q,\nwant %q", got, want)
	}

	t.Run("Owners", func(t *testing.T) {
		rows := rowsOf(t, f, "Owners", 7)
		wantRows := [][]string{
			{"Type", "Name", "Owner", "Target", "Target date", "Review cadence", "Last reviewed"},
			{"Discipline", "Strategy", "Ana Souza (Head of CX)", "4", serial(2026, 6, 30), "Quarterly", serial(2025, 10, 1)},
			{"Discipline", "Measurement", "bob@example.com", "3.5", "", "Monthly", ""},
			{"Metric", "NPS", "Chen Li", "40", "", "Yearly", serial(2025, 1, 15)},
		}
		if !slices.EqualFunc(rows, wantRows, slices.Equal) {
			t.Errorf("Owners:\n got %q\nwant %q", rows, wantRows)
		}
		assertDateCell(t, f, "Owners", "E2", serial(2026, 6, 30))
		assertDateCell(t, f, "Owners", "G4", serial(2025, 1, 15))
	})

	t.Run("Actions", func(t *testing.T) {
		rows := rowsOf(t, f, "Actions", 11)
		if !slices.Equal(rows[0], []string{"Title", "Description", "Discipline", "Metric", "Unit", "Owner", "Due", "Status", "Gap", "Created", "Closed"}) {
			t.Errorf("Actions header %q", rows[0])
		}
		wantRows := [][]string{
			{"Train staff in CX", "", "Culture", "", "", "Dee", serial(2025, 6, 30), "Done", "", serial(2025, 1, 10), serial(2025, 6, 20)},
			{"Publish the CX vision", "One page, signed by the board", "Strategy", "", "", "Ana Souza", serial(2025, 12, 1), "Open", "0.8", serial(2025, 9, 1), ""},
			{"Fix IVR routing", "", "", "NPS", "North", "bob@example.com", serial(2026, 3, 31), "In progress", "", serial(2025, 11, 4), ""},
			{"Write the playbook", "", "", "", "", "", "", "Open", "", serial(2025, 12, 1), ""},
		}
		if !slices.EqualFunc(rows[1:], wantRows, slices.Equal) {
			t.Errorf("Actions:\n got %q\nwant %q", rows[1:], wantRows)
		}
		assertDateCell(t, f, "Actions", "G4", serial(2026, 3, 31))
		// Only the open action past its due day is red.
		for row, late := range map[int]bool{2: false, 3: true, 4: false, 5: false} {
			id, _ := f.GetCellStyle("Actions", fmt.Sprintf("A%d", row))
			st, _ := f.GetStyle(id)
			red := st != nil && st.Font != nil && st.Font.Color == "9C0006"
			if red != late {
				t.Errorf("Actions row %d red = %v, want %v", row, red, late)
			}
		}
		assertDateCell(t, f, "Actions", "G3", serial(2025, 12, 1))
	})

	t.Run("Issues", func(t *testing.T) {
		rows := rowsOf(t, f, "Issues", 10)
		if !slices.Equal(rows[0], []string{"Date", "Touchpoint", "Unit", "Severity", "Description", "Root cause", "Status", "Discipline", "Action", "Resolved"}) {
			t.Errorf("Issues header %q", rows[0])
		}
		if got, want := rows[2], []string{serial(2025, 11, 3), "Call centre", "North", "High", "Long waits",
			"Understaffed on Mondays", "Resolved", "Measurement", "Fix IVR routing", serial(2025, 11, 10)}; !slices.Equal(got, want) {
			t.Errorf("Issues row 3:\n got %q\nwant %q (the action named by its title)", got, want)
		}
		if len(rows) != 6 {
			t.Errorf("Issues has %d rows, want 5 and the header", len(rows))
		}
		assertDateCell(t, f, "Issues", "A2", serial(2025, 11, 20))
	})

	t.Run("Events", func(t *testing.T) {
		rows := rowsOf(t, f, "Events", 4)
		wantRows := [][]string{
			{"Date", "Unit", "Title", "Description"},
			{serial(2024, 5, 10), "", "Web outage", "Four hours down"},
			{serial(2025, 2, 1), "", "App relaunch", ""},
			{serial(2025, 7, 1), "North", "Store refit", ""},
			{serial(2026, 2, 1), "", "Reorganisation", "New CX office"},
		}
		if !slices.EqualFunc(rows, wantRows, slices.Equal) {
			t.Errorf("Events:\n got %q\nwant %q", rows, wantRows)
		}
		assertDateCell(t, f, "Events", "A5", serial(2026, 2, 1))
	})

	for _, sheet := range []string{"Owners", "Actions", "Issues", "Events"} {
		t.Run("layout "+sheet, func(t *testing.T) {
			panes, err := f.GetPanes(sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes %+v, %v: want the header row frozen", panes, err)
			}
			width, err := f.GetColWidth(sheet, "A")
			if err != nil || width < 10 {
				t.Errorf("column A width %v (%v), want it set", width, err)
			}
		})
	}
	parts := zipParts(t, path)
	for i, sheet := range []string{"Owners", "Actions", "Issues", "Events"} {
		body := parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", 10+i)]
		if !strings.Contains(body, "<autoFilter ref=\"$A$1:") {
			t.Errorf("%s has no autofilter", sheet)
		}
	}
}

func TestXLSXGovernanceSummaryAndChart(t *testing.T) {
	d := withGovernance(newFixture(false).data(model.AllUnits), false)
	path := writeXLSX(t, d)
	f := openXLSX(t, path)

	rows := rowsOf(t, f, "Summary", 9)
	find := func(label string) int {
		t.Helper()
		i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == label })
		if i < 0 {
			t.Fatalf("Summary has no row %q", label)
		}
		return i
	}
	for label, want := range map[string]string{
		"Open actions": "3", "Overdue actions": "1", "Open CX issues": "1",
		"Open issues: critical": "1", "Open issues: high": "0", "Events on the timeline": "4",
	} {
		if got := rows[find(label)][1]; got != want {
			t.Errorf("Summary %q = %s, want %s", label, got, want)
		}
	}
	if got := rows[find("Governance on 15 January 2026")-1]; got[0] != "" {
		t.Errorf("the governance block is not under the charts: the row above holds %q", got)
	}
	i := find("Overdue action")
	if got, want := rows[i+1][:4], []string{"Publish the CX vision", serial(2025, 12, 1), "45", "Ana Souza"}; !slices.Equal(got, want) {
		t.Errorf("overdue action %q, want %q", got, want)
	}
	ref := fmt.Sprintf("A%d", i+2)
	id, _ := f.GetCellStyle("Summary", ref)
	if st, _ := f.GetStyle(id); st == nil || st.Font == nil || st.Font.Color != "9C0006" {
		t.Errorf("Summary!%s (overdue) is not red", ref)
	}
	i = find("Next event")
	if got := rows[i+1][:3]; !slices.Equal(got, []string{"Reorganisation", serial(2026, 2, 1), "All units"}) {
		t.Errorf("next event %q", got)
	}

	// Issue trends: counts per quarter by touchpoint and the stacked chart.
	tr := rowsOf(t, f, "Issue trends", 6)
	h := slices.IndexFunc(tr, func(r []string) bool { return r[0] == "Opened in" })
	if h < 0 || !slices.Equal(tr[h][:5], []string{"Opened in", "Call centre", "Store", "Web", "Total"}) {
		t.Fatalf("Issue trends header %q", tr[max(h, 0)])
	}
	if got := tr[h+1][:5]; !slices.Equal(got, []string{"Q2 2024", "0", "0", "1", "1"}) {
		t.Errorf("first period %q", got)
	}
	if got := tr[h+7][:5]; !slices.Equal(got, []string{"Q4 2025", "1", "0", "1", "2"}) {
		t.Errorf("last period %q (continuous quarters Q2 2024..Q4 2025)", got)
	}
	var stacked string
	for _, body := range chartParts(zipParts(t, path)) {
		if strings.Contains(body, "barDir val=\"col\"") && strings.Contains(body, "grouping val=\"stacked\"") {
			stacked = strings.ReplaceAll(body, "&#39;", "'")
		}
	}
	if stacked == "" {
		t.Fatal("no stacked column chart in the workbook")
	}
	first, last := h+2, h+8
	for _, want := range []string{
		fmt.Sprintf("'Issue trends'!$A$%d:$A$%d", first, last),
		fmt.Sprintf("'Issue trends'!$B$%d:$B$%d", first, last),
		fmt.Sprintf("'Issue trends'!$D$%d:$D$%d", first, last),
		fmt.Sprintf("'Issue trends'!$C$%d", h+1),
	} {
		if !strings.Contains(stacked, "f>"+want+"</") {
			t.Errorf("the issues chart does not read %s", want)
		}
	}
}

func TestXLSXGovernanceTextIsNeverAFormula(t *testing.T) {
	d := withGovernance(newFixture(true).data(model.AllUnits), true)
	path := writeXLSX(t, d)
	f := openXLSX(t, path)
	rows := rowsOf(t, f, "Actions", 11)
	last := rows[len(rows)-1]
	if last[0] != evil || last[1] != `=HYPERLINK("http://evil.example","x")` || last[5] != "+1+1" {
		t.Errorf("hostile action %q", last)
	}
	for name, body := range zipParts(t, path) {
		if strings.HasPrefix(name, "xl/worksheets/") && strings.Contains(body, "<f>") {
			t.Errorf("%s has a formula", name)
		}
	}
	issues := rowsOf(t, f, "Issues", 10)
	if !slices.ContainsFunc(issues, func(r []string) bool { return r[1] == evil && r[5] == "=1+2" }) {
		t.Error("the hostile issue is not kept as text")
	}
}

// TestXLSXNoGovernance: a workspace without governance records still gets
// the four sheets, empty under their headers, and no issue chart.
func TestXLSXNoGovernance(t *testing.T) {
	d := newFixture(false).data(model.AllUnits)
	path := writeXLSX(t, d)
	f := openXLSX(t, path)
	for _, sheet := range []string{"Owners", "Actions", "Issues", "Events"} {
		if rows := rowsOf(t, f, sheet, 1); len(rows) != 1 {
			t.Errorf("%s has %d rows, want the header only", sheet, len(rows))
		}
	}
	if slices.Contains(f.GetSheetList(), "Issue trends") {
		t.Error("an Issue trends sheet without issues")
	}
	rows := rowsOf(t, f, "Summary", 2)
	for _, want := range []string{"No overdue actions.", "No upcoming events."} {
		if !slices.ContainsFunc(rows, func(r []string) bool { return r[0] == want }) {
			t.Errorf("Summary does not say %q", want)
		}
	}
}
