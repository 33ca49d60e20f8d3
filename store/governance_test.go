package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

// TestGovernanceSurvivesReopen writes one record of each kind, closes the
// workspace and reads them back unchanged.
func TestGovernanceSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := testLocation(t)
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutOwnership(ctx, model.Ownership{Kind: model.SubjectDiscipline, Key: "strategy", Owner: "Ana Souza",
		Target: ptr(4), TargetDate: date(t, "2025-06-30"), Cadence: model.CadenceQuarterly,
		LastReviewed: date(t, "2025-01-15")}); err != nil {
		t.Fatal(err)
	}
	a := saveAction(t, s, model.Action{Title: "Fix IVR", Description: "menu too deep", Discipline: model.Design,
		Metric: "NPS", Unit: "North", Owner: "Bob <bob@example.com>", Due: date(t, "2025-03-01"),
		Status: model.ActionInProgress, Gap: ptr(1.5), Created: date(t, "2025-01-02")})
	i, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2025-01-10"), Touchpoint: "call center", Unit: "North",
		Severity: model.SeverityHigh, Description: "IVR loop", RootCause: "menu", Status: model.IssueResolved,
		Discipline: model.Design, ActionTitle: "fix  ivr", Resolved: date(t, "2025-01-20")})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.SaveEvent(ctx, model.Event{Date: date(t, "2025-02-01"), Unit: "All", Title: "Relaunch", Description: "new site"})
	if err != nil {
		t.Fatal(err)
	}
	if i.ActionID != a.ID || i.ActionTitle != "Fix IVR" || i.Touchpoint != "Call centre" || e.Unit != "" {
		t.Errorf("saved issue %+v, event %+v", i, e)
	}
	read := func(s *store.Store) []any {
		return []any{ownerships(t, s), actions(t, s, store.ActionFilter{}), issues(t, s, store.IssueFilter{}),
			events(t, s, ""), audit(t, s, store.AuditFilter{})}
	}
	before := read(s)
	if got := before[1].([]model.Action); len(got) != 1 || !reflect.DeepEqual(got[0], a) {
		t.Errorf("Actions = %+v, want [%+v]", got, a)
	}
	if got := before[2].([]model.CXIssue); len(got) != 1 || !reflect.DeepEqual(got[0], i) {
		t.Errorf("Issues = %+v, want [%+v]", got, i)
	}
	if got := before[3].([]model.Event); len(got) != 1 || !reflect.DeepEqual(got[0], e) {
		t.Errorf("Events = %+v, want [%+v]", got, e)
	}
	if len(before[4].([]model.AuditEntry)) != 4 {
		t.Errorf("Audit = %+v, want 4 entries", before[4])
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := read(s); !reflect.DeepEqual(after, before) {
		t.Errorf("after reopen\n got %+v\nwant %+v", after, before)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != store.SchemaLatest() {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, store.SchemaLatest())
	}
}

func TestOwnershipUpsertAndAudit(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	importBatch(t, s, "cat.xlsx", []model.Metric{kpi(t, "NPS")})
	puts := []model.Ownership{
		{Kind: model.SubjectMetric, Key: "nps", Owner: "Ana", Target: ptr(40)},
		{Kind: model.SubjectDiscipline, Key: "Customer understanding", Owner: "Chen", Cadence: model.CadenceMonthly},
		{Kind: model.SubjectDiscipline, Key: "strategy", Owner: "Dee"},
		{Kind: model.SubjectMetric, Key: " NPS ", Owner: "Bob", Target: ptr(40), Cadence: model.CadenceQuarterly},
	}
	for _, o := range puts {
		if err := s.PutOwnership(ctx, o); err != nil {
			t.Fatalf("PutOwnership %+v: %v", o, err)
		}
	}
	got := ownerships(t, s)
	want := []model.Ownership{
		{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Dee"},
		{Kind: model.SubjectDiscipline, Key: model.Understanding, Owner: "Chen", Cadence: model.CadenceMonthly},
		{Kind: model.SubjectMetric, Key: "NPS", Owner: "Bob", Target: ptr(40), Cadence: model.CadenceQuarterly},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Ownerships\n got %+v\nwant %+v", got, want)
	}
	if err := s.DeleteOwnership(ctx, model.SubjectMetric, "Nps"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOwnership(ctx, model.SubjectMetric, "NPS"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second DeleteOwnership = %v, want ErrNotFound", err)
	}
	wantAudit := []string{
		"ownership metric:nps deleted: subject: NPS; owner: Bob; target: 40; cadence: quarterly",
		"ownership metric:nps updated: owner: Ana → Bob; cadence: → quarterly",
		"ownership discipline:strategy created: owner: Dee",
		"ownership discipline:understanding created: owner: Chen; cadence: monthly",
		"ownership metric:nps created: owner: Ana; target: 40",
	}
	if got := auditLines(t, s, store.AuditFilter{}); !reflect.DeepEqual(got, wantAudit) {
		t.Errorf("audit\n got %q\nwant %q", got, wantAudit)
	}
	if got := auditLines(t, s, store.AuditFilter{Entity: "ownership", Record: "metric:nps", Limit: 1, Offset: 1}); !reflect.DeepEqual(got, wantAudit[1:2]) {
		t.Errorf("audit of metric:nps, second entry = %q", got)
	}
	for _, e := range audit(t, s, store.AuditFilter{}) {
		if e.User != osUser() || e.At.IsZero() || e.ID == 0 {
			t.Errorf("audit entry %+v: want user %q and a time", e, osUser())
		}
	}
}

// TestSaveActionStampsDates: Created today when new, Closed today when the
// action closes, kept while it stays closed, cleared when it reopens; each
// save audited field by field.
func TestSaveActionStampsDates(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	day := today().Format("2006-01-02")
	a := saveAction(t, s, model.Action{Title: "  Train   agents ", Owner: "Ana"})
	steps := []struct {
		name          string
		edit          func(*model.Action)
		status        model.ActionStatus
		closed        string
		audit         string
		wantCreated   string
		wantTitleSame bool
	}{
		{"done closes today", func(a *model.Action) { a.Status = model.ActionDone }, model.ActionDone, day,
			"status: open → done; closed: → " + day, day, true},
		{"still done keeps the date", func(a *model.Action) { a.Closed = model.Day(a.Closed); a.Owner = "Bob" }, model.ActionDone, day,
			"owner: Ana → Bob", day, true},
		{"reopened clears it", func(a *model.Action) { a.Status = model.ActionInProgress }, model.ActionInProgress, "",
			"status: done → in progress; closed: " + day + " →", day, true},
		{"dropped with a given date keeps that date", func(a *model.Action) {
			a.Status, a.Closed, a.Created = model.ActionDropped, date(t, "2030-01-05"), date(t, "2030-01-01")
		}, model.ActionDropped, "2030-01-05", "status: in progress → dropped; created: " + day + " → 2030-01-01; closed: → 2030-01-05", "2030-01-01", true},
	}
	if a.Title != "Train agents" || a.Status != model.ActionOpen || !a.Created.Equal(today()) || !a.Closed.IsZero() {
		t.Fatalf("new action = %+v", a)
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			n := a
			st.edit(&n)
			got := saveAction(t, s, n)
			if got.ID != a.ID || got.Status != st.status || got.Created.Format("2006-01-02") != st.wantCreated {
				t.Errorf("saved %+v", got)
			}
			if c := got.Closed; (st.closed == "") != c.IsZero() || (st.closed != "" && c.Format("2006-01-02") != st.closed) {
				t.Errorf("Closed = %v, want %q", c, st.closed)
			}
			stored, err := s.Action(ctx, a.ID)
			if err != nil || !reflect.DeepEqual(stored, got) {
				t.Errorf("Action(%d) = %+v, %v; want %+v", a.ID, stored, err, got)
			}
			if e := audit(t, s, store.AuditFilter{Limit: 1})[0]; e.Change != "updated" || e.Detail != st.audit || e.Record != "1" {
				t.Errorf("audit = %+v, want updated %q", e, st.audit)
			}
			a = got
		})
	}
	// Saving it unchanged leaves no audit entry.
	n := len(audit(t, s, store.AuditFilter{}))
	saveAction(t, s, a)
	if got := len(audit(t, s, store.AuditFilter{})); got != n {
		t.Errorf("unchanged save added %d audit entries", got-n)
	}
	if err := s.DeleteAction(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Action(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Action after delete: %v, want ErrNotFound", err)
	}
	if e := audit(t, s, store.AuditFilter{Limit: 1})[0]; e.Change != "deleted" || !strings.HasPrefix(e.Detail, "title: Train agents; owner: Bob; status: dropped") {
		t.Errorf("delete audit = %+v", e)
	}
}

func TestActionsFilterAndOrder(t *testing.T) {
	s := mustOpen(t)
	importBatch(t, s, "cat.xlsx", []model.Metric{kpi(t, "NPS")})
	for _, a := range []model.Action{
		{Title: "No due", Discipline: model.Strategy, Status: model.ActionOpen},
		{Title: "Late", Due: date(t, "2025-01-31"), Metric: "nps", Unit: "North", Status: model.ActionInProgress},
		{Title: "Early", Due: date(t, "2024-12-01"), Discipline: "Customer understanding", Status: model.ActionDone},
		{Title: "Mid", Due: date(t, "2025-01-15"), Unit: "south", Discipline: model.Strategy},
		{Title: "All units", Due: date(t, "2025-01-20"), Unit: "All"},
	} {
		saveAction(t, s, a)
	}
	tests := []struct {
		name string
		f    store.ActionFilter
		want string
	}{
		{"all, due order, no due last", store.ActionFilter{}, "Early, Mid, All units, Late, No due"},
		{"open ones", store.ActionFilter{Statuses: []model.ActionStatus{model.ActionOpen, model.ActionInProgress}}, "Mid, All units, Late, No due"},
		{"discipline by key", store.ActionFilter{Discipline: model.Strategy}, "Mid, No due"},
		{"discipline by name", store.ActionFilter{Discipline: "customer understanding"}, "Early"},
		{"metric any case", store.ActionFilter{Metric: " nps"}, "Late"},
		{"unit any case", store.ActionFilter{Unit: "SOUTH"}, "Mid"},
		{"unit All: those for all units", store.ActionFilter{Unit: "all"}, "Early, All units, No due"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := titles(actions(t, s, tc.f)); got != tc.want {
				t.Errorf("Actions(%+v) = %s, want %s", tc.f, got, tc.want)
			}
		})
	}
	if got := actions(t, s, store.ActionFilter{Metric: "NPS"}); got[0].Metric != "NPS" {
		t.Errorf("metric stored as %q, want the catalogue's NPS", got[0].Metric)
	}
}

func TestIssuesLinkFilterAndOrder(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	fix := saveAction(t, s, model.Action{Title: "Fix billing"})
	save := func(i model.CXIssue) model.CXIssue {
		t.Helper()
		got, err := s.SaveIssue(ctx, i)
		if err != nil {
			t.Fatalf("SaveIssue %+v: %v", i, err)
		}
		return got
	}
	i1 := save(model.CXIssue{Date: date(t, "2025-01-05"), Touchpoint: "invoice", Unit: "North", Severity: model.SeverityLow,
		Description: "wrong amount", ActionTitle: "FIX billing"})
	i2 := save(model.CXIssue{Date: date(t, "2025-02-05"), Touchpoint: "Web", Severity: model.SeverityCritical,
		Description: "site down", Status: model.IssueResolved, Discipline: "Design"})
	i3 := save(model.CXIssue{Date: date(t, "2025-01-20"), Touchpoint: "web", Unit: "south", Severity: model.SeverityMedium,
		Description: "slow", Status: model.IssueInvestigating, ActionID: fix.ID})
	if i1.ActionID != fix.ID || i1.ActionTitle != "Fix billing" || i1.Touchpoint != "Billing" || i1.Status != model.IssueOpen {
		t.Errorf("issue linked by title = %+v", i1)
	}
	if i3.ActionTitle != "Fix billing" || !i2.Resolved.Equal(today()) || i2.Discipline != model.Design {
		t.Errorf("issues = %+v, %+v", i2, i3)
	}
	desc := func(is []model.CXIssue) string {
		var ds []string
		for _, i := range is {
			ds = append(ds, i.Description)
		}
		return strings.Join(ds, ", ")
	}
	tests := []struct {
		name string
		f    store.IssueFilter
		want string
	}{
		{"all, newest first", store.IssueFilter{}, "site down, slow, wrong amount"},
		{"touchpoint synonym", store.IssueFilter{Touchpoint: "website"}, "site down, slow"},
		{"unit", store.IssueFilter{Unit: "South"}, "slow"},
		{"discipline", store.IssueFilter{Discipline: model.Design}, "site down"},
		{"not resolved", store.IssueFilter{Statuses: []model.IssueStatus{model.IssueOpen, model.IssueInvestigating}}, "slow, wrong amount"},
		{"from and to included", store.IssueFilter{From: date(t, "2025-01-05"), To: date(t, "2025-01-20")}, "slow, wrong amount"},
		{"from only", store.IssueFilter{From: date(t, "2025-01-06")}, "site down, slow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := desc(issues(t, s, tc.f)); got != tc.want {
				t.Errorf("Issues(%+v) = %s, want %s", tc.f, got, tc.want)
			}
		})
	}
	// Reopening clears the resolution date; deleting the action unlinks.
	i2.Status = model.IssueOpen
	if i2 = save(i2); !i2.Resolved.IsZero() {
		t.Errorf("reopened issue Resolved = %v", i2.Resolved)
	}
	if err := s.DeleteAction(ctx, fix.ID); err != nil {
		t.Fatal(err)
	}
	for _, i := range issues(t, s, store.IssueFilter{}) {
		if i.ActionID != 0 || i.ActionTitle != "" {
			t.Errorf("issue %q still linked to deleted action: %+v", i.Description, i)
		}
	}
	if err := s.DeleteIssue(ctx, i3.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteIssue(ctx, i3.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second DeleteIssue = %v, want ErrNotFound", err)
	}
	if got := desc(issues(t, s, store.IssueFilter{})); got != "site down, wrong amount" {
		t.Errorf("after delete: %s", got)
	}
}

func TestEventsByUnit(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	for _, e := range []model.Event{
		{Date: date(t, "2025-03-01"), Unit: "North", Title: "Reorganisation"},
		{Date: date(t, "2025-01-01"), Title: "Outage"},
		{Date: date(t, "2025-02-01"), Unit: "All", Title: "Relaunch"},
		{Date: date(t, "2025-02-15"), Unit: "South", Title: "New CRM"},
	} {
		if _, err := s.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	names := func(es []model.Event) string {
		var ts []string
		for _, e := range es {
			ts = append(ts, e.Title)
		}
		return strings.Join(ts, ", ")
	}
	for unit, want := range map[string]string{
		"":      "Outage, Relaunch, New CRM, Reorganisation",
		"north": "Outage, Relaunch, Reorganisation",
		"South": "Outage, Relaunch, New CRM",
		"All":   "Outage, Relaunch",
		"West":  "Outage, Relaunch",
	} {
		if got := names(events(t, s, unit)); got != want {
			t.Errorf("Events(%q) = %s, want %s", unit, got, want)
		}
	}
	es := events(t, s, "")
	e := es[0]
	e.Title, e.Unit = "Big outage", "West"
	if _, err := s.SaveEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if got := names(events(t, s, "West")); got != "Big outage, Relaunch" {
		t.Errorf("after edit: Events(West) = %s", got)
	}
	if err := s.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if got := auditLines(t, s, store.AuditFilter{Entity: "event", Limit: 2}); !reflect.DeepEqual(got, []string{
		"event 2 deleted: date: 2025-01-01; unit: West; title: Big outage",
		"event 2 updated: unit: → West; title: Outage → Big outage",
	}) {
		t.Errorf("event audit = %q", got)
	}
}
