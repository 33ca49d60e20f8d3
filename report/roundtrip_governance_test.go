package report_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/importers"
	"cxdash/importers/importerstest"
	"cxdash/model"
	"cxdash/report"
)

func dayString(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return model.Day(t).Format(time.DateOnly)
}

func optString(f *float64) string {
	if f == nil {
		return "-"
	}
	return fmt.Sprint(*f)
}

// The record strings hold what a workbook carries: no ids, no links by id.
func ownerString(o model.Ownership) string {
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s", o.Kind, o.Key, o.Owner, optString(o.Target), dayString(o.TargetDate),
		o.Cadence, dayString(o.LastReviewed))
}

func actionString(a model.Action) string {
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", a.Title, a.Description, a.Discipline, a.Metric, a.Unit, a.Owner,
		dayString(a.Due), a.Status, optString(a.Gap), dayString(a.Created), dayString(a.Closed))
}

func issueString(i model.CXIssue) string {
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", dayString(i.Date), i.Touchpoint, i.Unit, i.Severity, i.Description,
		i.RootCause, i.Status, i.Discipline, i.ActionTitle, dayString(i.Resolved))
}

func eventString(e model.Event) string {
	return fmt.Sprintf("%s|%s|%s|%s", dayString(e.Date), e.Unit, e.Title, e.Description)
}

func recordStrings[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	slices.Sort(out)
	return out
}

// assertRecords compares what an import gave with what was written.
func assertRecords(t *testing.T, got *importerstest.GovernanceRecorder, d report.Data) {
	t.Helper()
	issues := slices.Clone(d.Issues)
	for k, i := range issues {
		// A workbook links an issue to its action by the action's title.
		for _, a := range d.Actions {
			if i.ActionID != 0 && a.ID == i.ActionID {
				issues[k].ActionTitle = a.Title
			}
		}
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{
		{"owners", recordStrings(got.Ownerships, ownerString), recordStrings(d.Ownerships, ownerString)},
		{"actions", recordStrings(got.Actions, actionString), recordStrings(d.Actions, actionString)},
		{"issues", recordStrings(got.Issues, issueString), recordStrings(issues, issueString)},
		{"events", recordStrings(got.Events, eventString), recordStrings(d.Events, eventString)},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s did not round-trip:\n got %q\nwant %q", c.what, c.got, c.want)
		}
	}
}

// TestXLSXGovernanceRoundTrip writes the Excel report and reads it back
// through the importer: its governance sheets give back the records.
func TestXLSXGovernanceRoundTrip(t *testing.T) {
	d := withGovernance(newFixture(false).data(model.AllUnits), false)
	path := writeXLSX(t, d)

	t.Run("governance sheets", func(t *testing.T) {
		// The report without its other sheets: what the governance sheets
		// carry, read as the importer reads any workbook.
		f := openXLSX(t, path)
		for _, s := range f.GetSheetList() {
			if !slices.Contains([]string{"Owners", "Actions", "Issues", "Events"}, s) {
				if err := f.DeleteSheet(s); err != nil {
					t.Fatal(err)
				}
			}
		}
		gov := filepath.Join(t.TempDir(), "governance.xlsx")
		if err := f.SaveAs(gov); err != nil {
			t.Fatal(err)
		}
		var sink importerstest.GovernanceRecorder
		rep, err := importers.Read(context.Background(), gov, importers.Options{}, &sink)
		if err != nil || !rep.OK() {
			t.Fatalf("import: %v, problems %v", err, rep.Problems)
		}
		assertRecords(t, &sink, d)
	})

	t.Run("whole report", func(t *testing.T) {
		var sink importerstest.GovernanceRecorder
		rep, err := importers.Read(context.Background(), path, importers.Options{}, &sink)
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		var failing []string
		for _, s := range rep.Sheets {
			switch s.Name {
			case "Owners", "Actions", "Issues", "Events":
				if s.Layout == importers.LayoutSkipped || len(s.Problems) > 0 {
					t.Errorf("sheet %s read as %s (%s), problems %v", s.Name, s.Layout, s.Reason, s.Problems)
				}
			case "Summary", "Trend", "Units", "Issue trends", "Imports":
				if s.Layout != importers.LayoutSkipped {
					t.Errorf("sheet %s read as %s (%s), want it skipped", s.Name, s.Layout, s.Reason)
				}
			}
			if len(s.Problems) > 0 {
				failing = append(failing, fmt.Sprintf("%s (%s, %d problems)", s.Name, s.Layout, len(s.Problems)))
			}
		}
		if !rep.OK() {
			t.Fatalf("the report does not import: %v %v", failing, rep.Problems)
		}
		// Only governance comes back: the report's values derive from a
		// workspace and must not be stored again.
		for _, s := range rep.Sheets {
			switch s.Name {
			case "Owners", "Actions", "Issues", "Events":
			default:
				if s.Layout != importers.LayoutSkipped {
					t.Errorf("sheet %s read as %s, want it skipped", s.Name, s.Layout)
				}
			}
		}
		if len(sink.Observations) > 0 {
			t.Errorf("the report's derived sheets gave %d observations", len(sink.Observations))
		}
		assertRecords(t, &sink, d)
	})
}

// TestTemplateGovernanceRoundTrip fills the template's governance sheets
// with the rows its Instructions show and imports it.
func TestTemplateGovernanceRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := report.WriteTemplateFile(path, nil, []string{"Retail"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]any{
		"Owners": {"Discipline", "Strategy", "Ana Souza <ana@example.com>", 4, date(2025, 12, 31), "Quarterly", "2025-03-31"},
		"Actions": {"Publish the CX vision", "One page", "Strategy", "NPS", "Retail", "Ana Souza", date(2025, 6, 30),
			"In progress", 0.5, "15 Jan 2025", nil},
		"Issues": {date(2025, 3, 4), "Call centre", "Retail", "High", "Long waits on Mondays", "Understaffed", "Resolved",
			"Measurement", "Publish the CX vision", date(2025, 3, 11)},
		"Events": {date(2025, 2, 1), "All", "App relaunch", "New checkout flow"},
	}
	for sheet, row := range rows {
		if err := f.SetSheetRow(sheet, "A2", &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var sink importerstest.GovernanceRecorder
	rep, err := importers.Read(context.Background(), path, importers.Options{}, &sink)
	if err != nil || !rep.OK() {
		t.Fatalf("import: %v, problems %v", err, rep.Problems)
	}
	want := report.Data{
		Ownerships: []model.Ownership{{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Ana Souza <ana@example.com>",
			Target: ptr(4), TargetDate: date(2025, 12, 31), Cadence: model.CadenceQuarterly, LastReviewed: date(2025, 3, 31)}},
		Actions: []model.Action{{Title: "Publish the CX vision", Description: "One page", Discipline: model.Strategy, Metric: "NPS",
			Unit: "Retail", Owner: "Ana Souza", Due: date(2025, 6, 30), Status: model.ActionInProgress, Gap: ptr(0.5),
			Created: date(2025, 1, 15)}},
		Issues: []model.CXIssue{{Date: date(2025, 3, 4), Touchpoint: "Call centre", Unit: "Retail", Severity: model.SeverityHigh,
			Description: "Long waits on Mondays", RootCause: "Understaffed", Status: model.IssueResolved, Discipline: model.Measurement,
			ActionTitle: "Publish the CX vision", Resolved: date(2025, 3, 11)}},
		Events: []model.Event{{Date: date(2025, 2, 1), Title: "App relaunch", Description: "New checkout flow"}},
	}
	assertRecords(t, &sink, want)
}
