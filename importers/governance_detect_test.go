package importers

import (
	"context"
	"testing"

	"cxdash/importers/importerstest"
)

// TestGovernanceDetect checks which header rows are governance sheets and
// which stay data, catalogue or nothing.
func TestGovernanceDetect(t *testing.T) {
	tests := []struct {
		name string
		rows [][]any
		want Layout // "" for no layout
	}{
		{"owners canonical", [][]any{{"Type", "Name", "Owner", "Target", "Target date", "Review cadence", "Last reviewed"}}, LayoutOwners},
		{"owners synonyms", [][]any{{"Kind", "Subject", "Accountable", "Goal", "Review frequency", "Last review"}}, LayoutOwners},
		{"owners level with kinds", [][]any{{"Level", "Name", "Owner", "Cadence"}, {"Discipline", "Design", "Ana", "Q"}}, LayoutOwners},
		{"level as a score is data", [][]any{{"Period", "Name", "Level", "Owner", "Target"}, {"2024", "Journey mapping", 3, "Ana", 4}}, LayoutLong},
		{"actions canonical", [][]any{{"Title", "Description", "Discipline", "Metric", "Unit", "Owner", "Due", "Status", "Gap", "Created", "Closed"}}, LayoutActions},
		{"actions synonyms", [][]any{{"Action", "Lead", "Target date", "State"}}, LayoutActions},
		{"actions with a title row", [][]any{{"Our plan"}, {}, {"Name", "Deadline", "Status"}}, LayoutActions},
		{"issues canonical", [][]any{{"Date", "Touchpoint", "Unit", "Severity", "Description", "Root cause", "Status", "Discipline", "Action", "Resolved"}}, LayoutIssues},
		{"issues synonyms", [][]any{{"Reported", "Channel", "Impact", "Details", "Cause"}}, LayoutIssues},
		{"events canonical", [][]any{{"Date", "Unit", "Title", "Description"}}, LayoutEvents},
		{"events synonyms", [][]any{{"When", "Annotation", "Summary"}}, LayoutEvents},
		{"long data with an owner", [][]any{{"Period", "Metric", "Value", "Owner"}, {"2024-Q1", "NPS", 30, "Ana"}}, LayoutLong},
		{"catalogue with owner and target", [][]any{{"Metric", "Discipline", "Direction", "Target", "Owner"}, {"NPS", "Measurement", "higher", 40, "Ana"}}, LayoutCatalogue},
		// The report's Issue trends tables are not an Issues sheet.
		{"issue trends", [][]any{{"Touchpoint", "Resolved", "Still open", "Median days to resolve", "Longest (days)"}, {"Web", 3, 1, 2, 5}}, ""},
		{"bare name and owner", [][]any{{"Name", "Owner"}, {"x", "Ana"}}, ""},
		{"date and name only", [][]any{{"Date", "Name"}, {"2024-01-01", "x"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows []Row
			for i, vals := range tt.rows {
				if r := semRow(i+1, vals...); !r.Empty() {
					rows = append(rows, r)
				}
			}
			l, reason, _, _ := detectLayout(rows, semEnv())
			var got Layout
			if l != nil {
				got = l.layout
				semCheckLayout(t, l, rows)
			}
			if got != tt.want {
				t.Fatalf("layout %q, want %q (%s)", got, tt.want, reason)
			}
		})
	}
}

// TestGovernanceHint: a sheet that nearly is an Actions sheet says what it
// lacks.
func TestGovernanceHint(t *testing.T) {
	b := &semBook{format: "xlsx", sheets: []semSheet{semSheetOf("Todo",
		[]any{"Owner", "Due", "Status"},
		[]any{"Ana", "2024-01-01", "open"},
	)}}
	rep := semReadBook(t, b, Options{}, nil)
	want := `no data sheet found: expected columns Period, Metric, Value (or a metric column with periods across, ` +
		`or a period column with metrics across); sheet "Todo": row 1 has Owner, Due, Status, which looks like an ` +
		`Actions sheet but needs a Title column (Title, Description, Discipline, Metric, Unit, Owner, Due, Status, Gap, Created, Closed)`
	if len(rep.Problems) != 1 || rep.Problems[0].Message != want {
		t.Fatalf("problems %+v\nwant %s", rep.Problems, want)
	}
}

// TestGovernanceOnlyWorkbook: a workbook of governance sheets alone is a
// valid import, and a Sink that takes no governance records is refused
// before anything is written.
func TestGovernanceOnlyWorkbook(t *testing.T) {
	b := &semBook{format: "xlsx", sheets: []semSheet{
		semSheetOf("Data", []any{"Period", "Metric", "Value"}, []any{"2024-Q1", "NPS", 30}),
		semSheetOf("E", []any{"Date", "Title", "Unit"}, []any{"2024-01-05", "Outage", "North"}),
	}}
	rec := &importerstest.GovernanceRecorder{}
	rep := semReadBook(t, b, Options{}, rec)
	if !rep.OK() || rec.Records() != 1 || rep.Records != 1 || len(rec.Observations) != 1 {
		t.Fatalf("problems %+v, records %d/%d, obs %d", rep.Problems, rec.Records(), rep.Records, len(rec.Observations))
	}
	b.sheets = b.sheets[1:]
	rec = &importerstest.GovernanceRecorder{}
	if rep = semReadBook(t, b, Options{}, rec); !rep.OK() || rec.Records() != 1 {
		t.Fatalf("governance only: problems %+v, records %d", rep.Problems, rec.Records())
	}
	b.sheets = append([]semSheet{semSheetOf("Data", []any{"Period", "Metric", "Value"}, []any{"2024-Q1", "NPS", 30})}, b.sheets...)
	plain := &importerstest.Recorder{}
	r := newRun(context.Background(), "/x/test.xlsx", Options{}, plain)
	if err := r.readBook(b); err == nil || len(plain.Observations)+len(plain.Metrics) != 0 {
		t.Fatalf("a Sink without governance: err %v, wrote %d observations", err, len(plain.Observations))
	}
}

// TestGovernanceNoSeverityColumn: every issue needs a severity, so an
// Issues sheet without the column is reported once, for the sheet.
func TestGovernanceNoSeverityColumn(t *testing.T) {
	b := &semBook{format: "xlsx", sheets: []semSheet{semSheetOf("Log",
		[]any{"Date", "Touchpoint", "Description"},
		[]any{"2024-01-05", "Web", "slow"},
		[]any{"2024-01-06", "Web", "slower"},
	)}}
	rep := semReadBook(t, b, Options{}, &importerstest.GovernanceRecorder{})
	if len(rep.Problems) != 1 || rep.Problems[0].Error() != "test.xlsx: Log: this Issues sheet has no Severity column: add one (low, medium, high or critical)" {
		t.Fatalf("problems %+v", rep.Problems)
	}
}
