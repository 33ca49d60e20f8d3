package importers_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"cxdash/importers"
	"cxdash/model"
)

// govSink is a Sink and GovernanceSink that records what it is given.
type govSink struct {
	*semSink
	owners  []model.Ownership
	actions []model.Action
	issues  []model.CXIssue
	events  []model.Event
	kinds   []string // kinds in the order written
}

func newGovSink(t testing.TB) *govSink { return &govSink{semSink: newSemSink(t)} }

func (s *govSink) PutOwnership(_ context.Context, o model.Ownership) error {
	s.owners, s.kinds = append(s.owners, o), append(s.kinds, "ownership")
	return nil
}

func (s *govSink) PutAction(_ context.Context, a model.Action) error {
	s.actions, s.kinds = append(s.actions, a), append(s.kinds, "action")
	return nil
}

func (s *govSink) PutIssue(_ context.Context, i model.CXIssue) error {
	s.issues, s.kinds = append(s.issues, i), append(s.kinds, "issue")
	return nil
}

func (s *govSink) PutEvent(_ context.Context, e model.Event) error {
	s.events, s.kinds = append(s.events, e), append(s.kinds, "event")
	return nil
}

func govRead(t *testing.T, path string, opts importers.Options) (importers.Result, *govSink) {
	t.Helper()
	sink := newGovSink(t)
	rep, err := importers.Read(context.Background(), path, opts, sink)
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return rep, sink
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// govShort prints records in a comparable short form.
func govShort(v any) string {
	d := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format(time.DateOnly)
	}
	n := func(f *float64) string {
		if f == nil {
			return "-"
		}
		return fmt.Sprint(*f)
	}
	switch x := v.(type) {
	case model.Ownership:
		return strings.Join([]string{string(x.Kind), x.Key, x.Owner, n(x.Target), d(x.TargetDate), string(x.Cadence), d(x.LastReviewed)}, "|")
	case model.Action:
		return strings.Join([]string{x.Title, x.Description, x.Discipline, x.Metric, x.Unit, x.Owner, d(x.Due),
			string(x.Status), n(x.Gap), d(x.Created), d(x.Closed)}, "|")
	case model.CXIssue:
		return strings.Join([]string{d(x.Date), x.Touchpoint, x.Unit, string(x.Severity), x.Description, x.RootCause,
			string(x.Status), x.Discipline, x.ActionTitle, d(x.Resolved)}, "|")
	case model.Event:
		return strings.Join([]string{d(x.Date), x.Unit, x.Title, x.Description}, "|")
	}
	return fmt.Sprint(v)
}

func govShorts[T any](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = govShort(x)
	}
	return out
}

func govWant(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// govWorkbook mixes a data sheet with the four governance sheets, each
// under a title row and with synonym headers, in an order that puts issues
// before the actions they link to.
func govWorkbook(t *testing.T) string {
	return semXLSX(t, "governance.xlsx",
		semXSheet{name: "Log", rows: [][]any{
			{"CX issue log"},
			{},
			{"When", "Channel", "Region", "Priority", "Summary", "Cause", "State", "Area", "Linked action", "Resolved on"},
			{day(2024, 3, 4), "phone", "North", "P1", "Calls dropped for an hour", "Switch update", "Fixed", "Design", "Fix the IVR", "03/06/2024"},
			{"03/25/2024", "Web shop", "", "medium", "Checkout slow", "", "", "", "", ""},
			{"04/02/2024", "Kiosk", "All", 2, "Kiosk screens blank", "Power", "wip", "", "", ""},
		}},
		semXSheet{name: "Data", rows: [][]any{
			{"Period", "Metric", "Value"},
			{"2024-Q1", "NPS", 31},
		}},
		semXSheet{name: "Plan", rows: [][]any{
			{"Action plan 2024"},
			{"Owner: CX office"},
			{"Action", "Details", "Area", "KPI", "Region", "Responsible", "Deadline", "State", "Gap to target", "Opened", "Completed"},
			{"Fix the IVR", "Shorter menu", "Design", "nps", "North", "Ana Souza", day(2024, 6, 30), "In progress", 1.5, "01/04/2024", ""},
			{"Train agents", "", "culture", "", "", "bob@example.com", "15/05/2024", "done", semPct(0.12), day(2024, 2, 1), day(2024, 5, 2)},
			{},
			{"Publish CX charter", "", "", "", "n/a", "", "", "", "", "", ""},
		}, styles: map[string]string{"J5:K5": "date"}},
		semXSheet{name: "Who owns what", rows: [][]any{
			{"Ownership and targets"},
			{"Kind", "Subject", "Lead", "Goal", "Target date", "Cadence", "Reviewed"},
			{"Discipline", "Customer Understanding", "Chen Li", 3.5, day(2024, 12, 31), "Quarterly", day(2024, 3, 15)},
			{"Metric", "nps", "Ana Souza <ana@example.com>", 40, "", "monthly", ""},
			{"", "Governance", "Dana", "", "", "", ""},
		}},
		semXSheet{name: "Timeline", rows: [][]any{
			{"Date", "Event", "Details", "Unit"},
			{day(2024, 2, 10), "Outage", "Data centre down", "North"},
			{"2024-03-01", "Relaunch of the app", "", "All"},
		}},
	)
}

func TestGovernanceWorkbook(t *testing.T) {
	path := govWorkbook(t)
	rep, sink := govRead(t, path, importers.Options{})
	if !rep.OK() {
		t.Fatalf("problems: %q", semProblems(rep))
	}
	govWant(t, "owners", govShorts(sink.owners), []string{
		"discipline|understanding|Chen Li|3.5|2024-12-31|quarterly|2024-03-15",
		"metric|NPS|Ana Souza <ana@example.com>|40|-|monthly|-",
		"discipline|governance|Dana|-|-||-",
	})
	govWant(t, "actions", govShorts(sink.actions), []string{
		// Opened 01/04/2024 is day first: the column has no other text date,
		// but the sheet's Deadline 15/05/2024 is day first.
		"Fix the IVR|Shorter menu|design|NPS|North|Ana Souza|2024-06-30|in progress|1.5|2024-04-01|-",
		"Train agents||culture|||bob@example.com|2024-05-15|done|12|2024-02-01|2024-05-02",
		"Publish CX charter||||||-|open|-|-|-",
	})
	govWant(t, "issues", govShorts(sink.issues), []string{
		"2024-03-04|Call centre|North|critical|Calls dropped for an hour|Switch update|resolved|design|Fix the IVR|2024-03-06",
		"2024-03-25|Web||medium|Checkout slow||open|||-",
		"2024-04-02|Kiosk||high|Kiosk screens blank|Power|investigating|||-",
	})
	govWant(t, "events", govShorts(sink.events), []string{
		"2024-02-10|North|Outage|Data centre down",
		"2024-03-01||Relaunch of the app|",
	})
	// Owners, then actions before the issues that link to them, then events.
	var kinds []string
	for _, k := range sink.kinds {
		if len(kinds) == 0 || kinds[len(kinds)-1] != k {
			kinds = append(kinds, k)
		}
	}
	govWant(t, "order", kinds, []string{"ownership", "action", "issue", "event"})
	if len(sink.Observations) != 1 || rep.Values != 1 || rep.Records != 11 {
		t.Errorf("observations %d, values %d, records %d; want 1, 1, 11", len(sink.Observations), rep.Values, rep.Records)
	}
	plan := semSheetResult(t, rep, "Plan")
	if plan.Layout != importers.LayoutActions || plan.HeaderRow != 3 || plan.Values != 3 || plan.Rows != 3 {
		t.Errorf("Plan: %s header %d values %d rows %d", plan.Layout, plan.HeaderRow, plan.Values, plan.Rows)
	}
	for name, l := range map[string]importers.Layout{"Log": importers.LayoutIssues, "Data": importers.LayoutLong,
		"Who owns what": importers.LayoutOwners, "Timeline": importers.LayoutEvents} {
		if got := semSheetResult(t, rep, name).Layout; got != l {
			t.Errorf("sheet %s: layout %s, want %s", name, got, l)
		}
	}
}

func TestGovernanceDryRun(t *testing.T) {
	path := govWorkbook(t)
	rep, err := importers.Read(context.Background(), path, importers.Options{PreviewRows: 2}, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("dry run: %v %q", err, semProblems(rep))
	}
	plan := semSheetResult(t, rep, "Plan")
	m := plan.Mapping()
	want := importers.Mapping{0: importers.RoleTitle, 1: importers.RoleDescription, 2: importers.RoleDiscipline,
		3: importers.RoleMetric, 4: importers.RoleUnit, 5: importers.RoleOwner, 6: importers.RoleDue,
		7: importers.RoleStatus, 8: importers.RoleGap, 9: importers.RoleCreated, 10: importers.RoleClosed}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Errorf("mapping %v, want %v", m, want)
	}
	cols := importers.PreviewColumns(plan.Layout)
	if len(plan.Preview) != 2 || len(plan.Preview[0]) != len(cols) || cols[6] != "Due" {
		t.Fatalf("preview %q under %q", plan.Preview, cols)
	}
	govWant(t, "preview row", plan.Preview[1], []string{"Train agents", "", "culture", "", "", "bob@example.com",
		"2024-05-15", "done", "12", "2024-02-01", "2024-05-02"})
	if plan.Values != 3 || rep.Records != 11 || !strings.Contains(plan.Reason, "Due in G") {
		t.Errorf("values %d, records %d, reason %q", plan.Values, rep.Records, plan.Reason)
	}
}

func TestGovernanceProblems(t *testing.T) {
	path := semXLSX(t, "actions.xlsx",
		semXSheet{name: "Actions", rows: [][]any{
			{"Actions"},
			{"Title", "Description", "Discipline", "Metric", "Unit", "Owner", "Due", "Status", "Gap", "Created", "Closed"},
			{"Good one", "", "Design", "", "", "Ana", "2024-05-01", "open", "", "", ""},
			{"Two owners", "", "", "", "", "Ana; Bob", "", "", "", "", ""},
			{"No such day", "", "", "", "", "", "31/02/2024", "", "", "", ""},
			{"Vague status", "", "", "", "", "", "", "finished-ish", "", "", ""},
			{"Odd area", "", "Marketing", "", "", "", "", "", "abc", "", ""},
			{"Ambiguous", "", "", "", "", "", "", "", "", "03/04/2024", ""},
			{"Backwards", "", "", "", "", "", "", "done", "", "2024-05-02", "2024-05-01"},
			{"", "orphan description", "", "", "", "", "", "", "", "", ""},
			{"Good one", "", "Design", "", "", "Bob", "2024-05-01", "open", "", "", ""},
			{"Unknown metric", "", "", "Share of wallet", "", "", "2024", "", "", "", ""},
		}},
	)
	rep, sink := govRead(t, path, importers.Options{})
	govWant(t, "problems", semProblems(rep), []string{
		`actions.xlsx: Actions!F4: owner "Ana; Bob" names more than one person: give one owner`,
		`actions.xlsx: Actions!G5: Due "31/02/2024" is not a date: February has no day 31`,
		`actions.xlsx: Actions!H6: action status "finished-ish" is not one of open, in progress, done, dropped`,
		`actions.xlsx: Actions!C7: Discipline "Marketing" is not one of Strategy, Customer understanding, Design, Measurement, Governance, Culture`,
		`actions.xlsx: Actions!I7: Gap "abc" is not a number`,
		`actions.xlsx: Actions!K9: Closed 2024-05-01 is before Created 2024-05-02: an action cannot close before it was created`,
		`actions.xlsx: Actions!A10: Title is empty: an action needs a title`,
		`actions.xlsx: Actions!A11: action "Good one" is listed twice, differently (also at Actions!A3)`,
		`actions.xlsx: Actions!D12: metric "Share of wallet" is not in the catalogue: define it in a catalogue sheet or write it as the workspace names it`,
		`actions.xlsx: Actions!G12: Due 2024 is a year, not a date: write the day, as 2024-03-31`,
		// Held to the end of the sheet: nothing settles the order.
		`actions.xlsx: Actions!J8: Created "03/04/2024" reads as 3 Apr or 4 Mar: write it as 2024-04-03 or 3 Apr 2024`,
	})
	// Writing stops at the first problem; the caller rolls back.
	if len(sink.actions) != 1 || sink.actions[0].Title != "Good one" {
		t.Errorf("written %q, want only the row before the first problem", govShorts(sink.actions))
	}
	// A dry run finds the same problems.
	dry, err := importers.Read(context.Background(), path, importers.Options{}, nil)
	if err != nil || !slices.Equal(semProblems(dry), semProblems(rep)) {
		t.Errorf("dry run: %v\n%q", err, semProblems(dry))
	}
	if sh := semSheetResult(t, rep, "Actions"); len(sh.Problems) != len(rep.Problems) {
		t.Errorf("sheet problems %d, file %d", len(sh.Problems), len(rep.Problems))
	}
}

func TestGovernanceOwnersAndIssuesProblems(t *testing.T) {
	path := semXLSX(t, "gov.xlsx",
		semXSheet{name: "Owners", rows: [][]any{
			{"Type", "Name", "Owner", "Target", "Target date", "Review cadence", "Last reviewed"},
			{"Discipline", "Marketing", "Ana", 3, "", "", ""},
			{"Discipline", "Design", "Ana, Bob, Chen", 7, "", "fortnightly", ""},
			{"Team", "NPS", "", "", "", "", ""},
			{"", "Mystery", "", "", "", "", ""},
		}},
		semXSheet{name: "Issues", rows: [][]any{
			{"Date", "Touchpoint", "Unit", "Severity", "Description", "Root cause", "Status", "Discipline", "Action", "Resolved"},
			// The Date column mixes day-first (A3) and month-first (A4) dates.
			{"13/01/2024", "Web", "", "low", "a", "", "", "", "", ""},
			{"01/14/2024", "Web", "", "low", "b", "", "", "", "", ""},
			{"02/03/2024", "Web", "", "low", "c", "", "", "", "", ""},
			{day(2024, 3, 5), "Web", "", "bad", "d", "", "maybe", "", "", day(2024, 3, 1)},
			{"", "Web", "", "", "", "", "", "", "", ""},
		}},
	)
	rep, _ := govRead(t, path, importers.Options{})
	govWant(t, "problems", semProblems(rep), []string{
		`gov.xlsx: Owners!B2: Name "Marketing" is not a discipline: use one of Strategy, Customer understanding, Design, Measurement, Governance, Culture`,
		`gov.xlsx: Owners!C3: owner "Ana, Bob, Chen" names more than one person: give one owner`,
		`gov.xlsx: Owners!D3: Target 7 of a discipline is not a maturity score from 1 to 5`,
		`gov.xlsx: Owners!F3: review cadence "fortnightly" is not one of monthly, quarterly, yearly`,
		`gov.xlsx: Owners!A4: Type "Team" is not Discipline or Metric`,
		`gov.xlsx: Owners!A5: Type is empty: write Discipline or Metric for "Mystery"`,
		`gov.xlsx: Issues!D5: severity "bad" is not one of low, medium, high, critical (or 1 to 4, 1 the worst)`,
		`gov.xlsx: Issues!G5: issue status "maybe" is not one of open, investigating, resolved`,
		`gov.xlsx: Issues!A6: Date is empty: an issue needs the day it happened`,
		`gov.xlsx: Issues!D6: Severity is empty: use low, medium, high or critical (or 1 to 4, 1 the worst)`,
		`gov.xlsx: Issues!E6: Description is empty: say what happened`,
		`gov.xlsx: Issues!A4: Date "02/03/2024" reads as 2 Mar or 3 Feb: write it as 2024-03-02 or 2 Mar 2024 (this column has day-first dates, as at A2, and month-first dates, as at A3)`,
	})
}

func TestGovernanceResolvedBeforeDate(t *testing.T) {
	path := semXLSX(t, "i.xlsx", semXSheet{name: "S", rows: [][]any{
		{"Date", "Touchpoint", "Severity", "Description", "Resolved"},
		{day(2024, 3, 5), "Web", "low", "late", day(2024, 3, 1)},
	}})
	rep, _ := govRead(t, path, importers.Options{})
	govWant(t, "problems", semProblems(rep), []string{
		`i.xlsx: S!E2: Resolved 2024-03-01 is before the issue's Date 2024-03-05`,
	})
}

func TestGovernanceSinkWithoutGovernance(t *testing.T) {
	path := govWorkbook(t)
	sink := newSemSink(t) // a Sink only
	_, err := importers.Read(context.Background(), path, importers.Options{}, sink)
	if err == nil || !strings.Contains(err.Error(), "cannot store governance records") || !strings.Contains(err.Error(), `sheet "Log"`) {
		t.Fatalf("err = %v", err)
	}
	if len(sink.Observations) != 0 || len(sink.metrics) != 0 {
		t.Errorf("wrote %d observations before failing", len(sink.Observations))
	}
}

func TestGovernanceCSV(t *testing.T) {
	// Semicolons and decimal commas: a day-first locale, so 03/04/2024 is
	// 3 April.
	path := semCSV(t, "actions.csv", "Title;Owner;Deadline;Status;Gap\n"+
		"Fix the IVR;Ana;03/04/2024;open;1,5\n"+
		"Train agents;Bob;2024-05-01;done;0,5\n")
	rep, sink := govRead(t, path, importers.Options{})
	if !rep.OK() || len(rep.Sheets) != 1 || rep.Sheets[0].Layout != importers.LayoutActions {
		t.Fatalf("sheets %+v, problems %q", rep.Sheets, semProblems(rep))
	}
	govWant(t, "actions", govShorts(sink.actions), []string{
		"Fix the IVR|||||Ana|2024-04-03|open|1.5|-|-",
		"Train agents|||||Bob|2024-05-01|done|0.5|-|-",
	})

	path = semCSV(t, "bad.csv", "Title;Owner;Deadline;Status;Gap\n"+
		"Fix the IVR;Ana;31/02/2024;open;1,5\n"+
		"Train agents;\"Ana; Bob\";;finished-ish;0,5\n")
	rep, _ = govRead(t, path, importers.Options{})
	govWant(t, "problems", semProblems(rep), []string{
		`bad.csv: line 2, column Deadline: Due "31/02/2024" is not a date: February has no day 31`,
		`bad.csv: line 3, column Owner: owner "Ana; Bob" names more than one person: give one owner`,
		`bad.csv: line 3, column Status: action status "finished-ish" is not one of open, in progress, done, dropped`,
	})

	// A comma csv of events only is a valid file; m/d is settled by 12/31.
	path = semCSV(t, "events.csv", "Date,Unit,Title,Description\n04/05/2024,,Relaunch,\n12/31/2024,North,Year end,closing\n")
	rep, sink = govRead(t, path, importers.Options{})
	if !rep.OK() {
		t.Fatalf("problems %q", semProblems(rep))
	}
	govWant(t, "events", govShorts(sink.events), []string{"2024-04-05||Relaunch|", "2024-12-31|North|Year end|closing"})
}

func TestGovernanceMetricFromCatalogue(t *testing.T) {
	cat := semCatalogue(model.NewLevelMetric("Journey Mapping", model.Design))
	path := semXLSX(t, "o.xlsx", semXSheet{name: "S", rows: [][]any{
		{"Type", "Name", "Owner", "Target"},
		{"metric", "journey  mapping", "Ana", 4},
	}})
	rep, sink := govRead(t, path, importers.Options{Catalogue: cat})
	if !rep.OK() {
		t.Fatalf("problems %q", semProblems(rep))
	}
	govWant(t, "owners", govShorts(sink.owners), []string{"metric|Journey Mapping|Ana|4|-||-"})
}

func TestGovernanceOverride(t *testing.T) {
	// Headers nobody would guess: the user maps them in the preview.
	path := semXLSX(t, "o.xlsx", semXSheet{name: "Todo", rows: [][]any{
		{"Thing", "Who", "By"},
		{"Call back customers", "Ana", "2024-07-01"},
	}})
	dry, _ := importers.Read(context.Background(), path, importers.Options{}, nil)
	if dry.Sheets[0].Layout != importers.LayoutSkipped {
		t.Fatalf("layout %s", dry.Sheets[0].Layout)
	}
	m := importers.Mapping{0: importers.RoleTitle, 1: importers.RoleOwner, 2: importers.RoleDue}
	rep, sink := govRead(t, path, importers.Options{Overrides: map[string]importers.Mapping{"Todo": m}})
	if !rep.OK() || rep.Sheets[0].Layout != importers.LayoutActions {
		t.Fatalf("%s %q", rep.Sheets[0].Layout, semProblems(rep))
	}
	govWant(t, "actions", govShorts(sink.actions), []string{"Call back customers|||||Ana|2024-07-01|open|-|-|-"})

	m = importers.Mapping{0: importers.RoleOwner, 1: importers.RoleDue}
	rep, _ = govRead(t, path, importers.Options{Overrides: map[string]importers.Mapping{"Todo": m}})
	govWant(t, "problems", semProblems(rep), []string{
		`o.xlsx: Todo: the mapping chosen in the preview cannot be used: the mapping has columns of an Actions sheet, which needs a Title column`,
	})
}
