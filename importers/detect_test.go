package importers

import (
	"strings"
	"testing"
	"time"

	"cxdash/model"
)

func semEnv() detectEnv {
	return detectEnv{knownMetric: func(name string) bool {
		_, ok := model.KnownKPI(name)
		return ok
	}}
}

// semRows numbers rows from 1 and drops nil (empty) rows, as the sheet scan does.
func semRows(rows ...[]any) []Row {
	var out []Row
	for i, vals := range rows {
		if vals != nil {
			out = append(out, semRow(i+1, vals...))
		}
	}
	return out
}

// semRoles shows a layout's roles as "A=period B=unit ...", period
// columns with their period.
func semRoles(l *sheetLayout) string {
	var parts []string
	for c, r := range l.roles {
		switch r {
		case RoleIgnore:
		case RolePeriodValues:
			parts = append(parts, columnLetters(c)+"="+l.periods[c].String())
		case RoleMetricValues:
			parts = append(parts, columnLetters(c)+"=metric:"+l.metrics[c])
		default:
			parts = append(parts, columnLetters(c)+"="+string(r))
		}
	}
	return strings.Join(parts, " ")
}

func TestDetectLayout(t *testing.T) {
	march := time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	june := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		rows   []Row
		layout Layout
		header int
		roles  string
	}{
		{"long with title rows and synonyms",
			semRows([]any{"CX Scorecard FY2024"}, nil, []any{"Prepared by: CX team", "", "v2"},
				[]any{"As of", "Business Unit", "Pillar", "KPI", "Actual", "Goal", "Comments"},
				[]any{"2024-Q1", "North", "Measurement", "NPS", 35, 40, "ok"}),
			LayoutLong, 4, "A=period B=unit C=discipline D=metric E=value F=target G=note"},
		{"long with upper-case and punctuation",
			semRows([]any{" PERIOD ", "Region:", "Metric name", "Score (1-5)"}, []any{"Q1 2024", "EU", "Journey maps", 3}),
			LayoutLong, 1, "A=period B=unit C=metric D=value"},
		{"long with year and quarter columns",
			semRows([]any{"Year", "Quarter", "Team", "Indicator", "Result"}, []any{2024, "Q1", "A", "NPS", 30}),
			LayoutLong, 1, "A=period B=period C=unit D=metric E=value"},
		{"catalogue: Unit is the unit of measure",
			semRows([]any{"KPI definitions"}, []any{"Metric", "Discipline", "Unit", "Direction", "Scale", "T1", "T2", "T3", "T4", "T5", "Weight", "Owner"},
				[]any{"NPS", "Measurement", "points", "higher", "thresholds", -20, 0, 20, 40, 60, 1, "Ann"}),
			LayoutCatalogue, 2, "A=metric B=discipline C=measure-unit D=direction E=scale F=t1 G=t2 H=t3 I=t4 J=t5 K=weight L=owner"},
		{"catalogue with level names for thresholds",
			semRows([]any{"Name", "Area", "UoM", "Polarity", "Level 1", "Level 2", "Level 3", "Level 4", "Level 5"}),
			LayoutCatalogue, 1, "A=metric B=discipline C=measure-unit D=direction E=t1 F=t2 G=t3 H=t4 I=t5"},
		{"wide by period with text periods",
			semRows([]any{"Discipline", "Practice", "Q1 2024", "Q2 2024", "Q3 2024"},
				[]any{"Strategy", "Vision", 2, 3, 3}),
			LayoutWidePeriod, 1, "A=discipline B=metric C=2024-Q1 D=2024-Q2 E=2024-Q3"},
		{"wide by period with date header cells and a blank label",
			semRows([]any{"", march, june}, []any{"NPS", 30, 31}, []any{"CSAT", 80, 82}),
			LayoutWidePeriod, 1, "A=metric B=2024-03 C=2024-06"},
		{"wide by period with value words around periods",
			semRows([]any{"Practice", "Actual Q1 2024", "Q2 2024 (actual)", "Q3 2024 score", "Target 2025"}, []any{"Vision", 2, 3, 3, 4}),
			LayoutWidePeriod, 1, "A=metric B=2024-Q1 C=2024-Q2 D=2024-Q3 E=target"},
		{"wide by period with year numbers",
			semRows([]any{"KPI", 2022, 2023, 2024, "Comment"}, []any{"NPS", 20, 25, 30, "up"}),
			LayoutWidePeriod, 1, "A=metric B=2022 C=2023 D=2024 E=note"},
		{"wide by period with a merged year above quarters",
			semRows([]any{"Metric", 2024, "", "", "", 2025}, []any{"", "Q1", "Q2", "Q3", "Q4", "Q1"},
				[]any{"NPS", 1, 2, 3, 4, 5}),
			LayoutWidePeriod, 2, "A=metric B=2024-Q1 C=2024-Q2 D=2024-Q3 E=2024-Q4 F=2025-Q1"},
		{"wide by period with a merged year above quarters and a blank label",
			semRows([]any{nil, 2024, 2024, 2024, 2024}, []any{nil, "Q1", "Q2", "Q3", "Q4"},
				[]any{"NPS", 1, 2, 3, 4}),
			LayoutWidePeriod, 2, "A=metric B=2024-Q1 C=2024-Q2 D=2024-Q3 E=2024-Q4"},
		{"catalogue with level names and spelled-out thresholds",
			semRows([]any{"KPI", "Pillar", "Initial", "Developing", "Threshold for level 3", "Managed", "Optimized"}),
			LayoutCatalogue, 1, "A=metric B=discipline C=t1 D=t2 E=t3 F=t4 G=t5"},
		{"wide by metric with known KPIs",
			semRows([]any{"Month", "Region", "NPS", "CSAT %", "Churn rate"}, []any{"Jan 2024", "North", 30, "81%", 0.05}),
			LayoutWideMetric, 1, "A=period B=unit C=metric:NPS D=metric:CSAT % E=metric:Churn rate"},
		{"wide by metric with numeric unknown metrics beside a known one",
			semRows([]any{"Date", "Calls answered", "Avg handle time", "CES", "Remarks"},
				[]any{"2024-01", 1200, 5.5, 5, "x"}, []any{"2024-02", 1300, 5.1, 5.2, ""}),
			LayoutWideMetric, 1, "A=period B=metric:Calls answered C=metric:Avg handle time D=metric:CES E=note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, reason, _, _ := detectLayout(tt.rows, semEnv())
			if l == nil {
				t.Fatalf("not recognised: %s", reason)
			}
			if l.layout != tt.layout || l.headerRow != tt.header {
				t.Errorf("layout %s header row %d, want %s row %d", l.layout, l.headerRow, tt.layout, tt.header)
			}
			if got := semRoles(l); got != tt.roles {
				t.Errorf("roles\n got %s\nwant %s", got, tt.roles)
			}
		})
	}
}

func TestDetectLayoutRefuses(t *testing.T) {
	tests := []struct {
		name    string
		rows    []Row
		contain string
	}{
		{"instructions", semRows([]any{"How to fill in this workbook"}, []any{"1. Enter one row per metric and period in the Data sheet."},
			[]any{"2. Use the Value column for the score."}), "no header row"},
		{"lookup list", semRows([]any{"Discipline", "Description"}, []any{"Strategy", "Vision and goals"}), "no header row"},
		{"missing value column", semRows([]any{"Period", "Metric", "Owner"}, []any{"2024-Q1", "NPS", "Ann"}),
			"row 1 has Period, Metric, Owner but no Value column"},
		{"unit alone does not make a catalogue", semRows([]any{"Metric", "Discipline", "Unit"}, []any{"NPS", "Measurement", "North"}), "no header row"},
		{"wide by metric with no known metric", semRows([]any{"Date", "Calls answered", "Avg handle time"},
			[]any{"2024-01", 1200, 5.5}), "row 1 has a period column (Date) with metrics across, but none of them is a known metric (Calls answered, Avg handle time)"},
		{"weak period header over non-periods", semRows([]any{"Ship date", "NPS"}, []any{"soon", 30}, []any{"later", 31}), "no header row"},
		{"data row of dates over a last row", semRows([]any{"text", "date", "integer"}, []any{"Chicago", "1971-01-01", "40.0"},
			[]any{"Tribune", "1920-01-01", "164.0"}), "no header row"},
		{"data rows only", semRows([]any{"North", "2024-Q1", 45}, []any{"South", "2024-Q2", 46}), "no header row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, reason, _, _ := detectLayout(tt.rows, semEnv())
			if l != nil {
				t.Fatalf("recognised as %s (%s), want refused", l.layout, semRoles(l))
			}
			if !strings.Contains(reason, tt.contain) {
				t.Errorf("reason %q does not contain %q", reason, tt.contain)
			}
		})
	}
}

// TestDetectHeaderNotDataRow: data rows that look like headers must not
// beat the real header above them.
func TestDetectHeaderNotDataRow(t *testing.T) {
	rows := semRows(
		[]any{"KPI", "2022", "2023"},
		[]any{"Calls", 2100, 2150},
		[]any{"Visits", 2010, 2199},
		[]any{"Sales", 2001, 2002},
	)
	l, reason, _, _ := detectLayout(rows, semEnv())
	if l == nil || l.headerRow != 1 || l.layout != LayoutWidePeriod {
		t.Fatalf("got %+v (%s), want wide by period on row 1", l, reason)
	}
}
