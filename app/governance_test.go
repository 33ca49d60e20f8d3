package app

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// govToday is the governance tests' today: in the demo data's last
// quarter (Q3 2026), so that recent events fall on the trend charts.
var govToday = time.Date(2026, 9, 14, 10, 0, 0, 0, time.UTC)

// govFixClock makes today govToday for the test.
func govFixClock(t *testing.T) {
	t.Helper()
	old := now
	now = func() time.Time { return govToday }
	t.Cleanup(func() { now = old })
}

// govTestUI opens the whole window on the demo workspace with a fixed
// clock and waits until the governance parts show their data.
func govTestUI(t *testing.T) *UI {
	t.Helper()
	govFixClock(t)
	u := dashTestUI(t, true)
	govSettle(t, u)
	return u
}

// govSettle waits until every screen shows the latest data.
func govSettle(t *testing.T, u *UI) {
	t.Helper()
	dashSettle(t, u)
	dashWait(t, u.governance.idle())
	dashWait(t, dashOf(u).overdue.idle())
}

// govField is the widget of the form item labelled label.
func govField(t *testing.T, f *govForm, label string) fyne.CanvasObject {
	t.Helper()
	for _, it := range f.form.Items {
		if it.Text == label {
			return it.Widget
		}
	}
	t.Fatalf("the dialog has no %q field", label)
	return nil
}

func govEntryOf(t *testing.T, f *govForm, label string) *widget.Entry {
	t.Helper()
	switch w := govField(t, f, label).(type) {
	case *widget.Entry:
		return w
	case *widget.SelectEntry:
		return &w.Entry
	case *fyne.Container: // an entry with a button beside it
		for _, o := range w.Objects {
			if e, ok := o.(*widget.Entry); ok {
				return e
			}
		}
	}
	t.Fatalf("field %q is not an entry", label)
	return nil
}

func govSelectOf(t *testing.T, f *govForm, label string) *widget.Select {
	t.Helper()
	s, ok := govField(t, f, label).(*widget.Select)
	if !ok {
		t.Fatalf("field %q is not a select", label)
	}
	return s
}

// govType replaces an entry's text the way a person does: select all,
// then type.
func govType(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// govSave taps Save and waits until the record is stored (or refused) and
// every screen shows the result. It reports whether the dialog closed.
func govSave(t *testing.T, u *UI, f *govForm) bool {
	t.Helper()
	done := f.done
	test.Tap(f.save)
	dashWait(t, done)
	if f.message.Visible() {
		return false
	}
	// A reload of our own makes the one the save started stale, and tells
	// when the screens have the new data.
	reportsWait(t, u.s.Reload())
	govSettle(t, u)
	return true
}

// govOwnerRow finds the owners table's row of a subject.
func govOwnerRowOf(t *testing.T, g *governanceScreen, kind model.SubjectKind, key string) int {
	t.Helper()
	for i, r := range g.owners.rows {
		if r.kind == kind && r.key == key {
			return i
		}
	}
	t.Fatalf("no owners row for %s %s", kind, key)
	return -1
}

func TestGovernanceEditsSurviveARestart(t *testing.T) {
	u := govTestUI(t)
	ctx := context.Background()
	g := u.governance
	u.show(screen.GovernancePlace(govSectionOwners))

	// 1. Owner and target of the Governance discipline, through the dialog.
	row := govOwnerRowOf(t, g, model.SubjectDiscipline, model.Governance)
	g.owners.table.table.Select(widget.TableCellID{Row: row, Col: 1})
	f := g.form
	govType(govEntryOf(t, f, "Owner"), "Ana Souza <ana@example.com>")
	govType(govEntryOf(t, f, "Target (1–5)"), "4,2")
	govType(govEntryOf(t, f, "Target date"), "31 Dec 2026")
	govSelectOf(t, f, "Review cadence").SetSelected("quarterly")
	test.Tap(dashButton(t, govField(t, f, "Last reviewed"), "Mark reviewed today"))
	if !govSave(t, u, f) {
		t.Fatalf("owner refused: %s", f.message.Text)
	}
	row = govOwnerRowOf(t, g, model.SubjectDiscipline, model.Governance)
	for col, want := range map[int]string{1: "Ana Souza <ana@example.com>", 2: "4.2", 3: "31 Dec 2026",
		4: "quarterly", 5: "14 Sep 2026", 6: "14 Dec 2026"} {
		if got := g.owners.table.text(row, col); got != want {
			t.Errorf("owners row %q column %q = %q, want %q", model.Governance, govOwnerColumns[col].title, got, want)
		}
	}

	// 2. An action from the Governance gap on the dashboard: its target is
	// now 4.2, which scoring uses too.
	u.show(screen.At(screen.Dashboard))
	d := dashOf(u)
	var gap gapChoice
	for _, c := range gapChoices(d.data) {
		if c.key == model.Governance {
			gap = c
		}
	}
	if gap.key == "" || gap.target != 4.2 {
		t.Fatalf("no gap to the new target 4.2 on the dashboard: %+v", gapChoices(d.data))
	}
	opened := d.gapAction.opened
	test.Tap(d.gapAction.button)
	if d.gapAction.menu != nil { // several gaps: pick Governance's
		i := slices.IndexFunc(d.gapAction.gaps.Items, func(it *fyne.MenuItem) bool { return it.Label == gap.title })
		if i < 0 {
			t.Fatalf("the gap menu has no %q", gap.title)
		}
		d.gapAction.gaps.Items[i].Action()
	}
	dashWait(t, opened)
	f = d.gapAction.form
	wantTitle := "Close the gap in Governance (" + charts.ScoreFormat.String(gap.score) + " → 4.20)"
	if got := govEntryOf(t, f, "Title").Text; got != wantTitle {
		t.Errorf("action title %q, want %q", got, wantTitle)
	}
	if got := govEntryOf(t, f, "Owner").Text; got != "Ana Souza <ana@example.com>" {
		t.Errorf("action owner %q, want the discipline's owner", got)
	}
	if got := govSelectOf(t, f, "Discipline").Selected; got != "Governance" {
		t.Errorf("action discipline %q", got)
	}
	govType(govEntryOf(t, f, "Due"), "2026-08-31") // before today: overdue
	if !govSave(t, u, f) {
		t.Fatalf("action refused: %s", f.message.Text)
	}
	if !d.overdue.box.Visible() || d.overdue.title.Text != "1 action overdue" || !strings.Contains(d.overdue.list.Text, wantTitle) {
		t.Errorf("overdue card: visible %v, %q / %q", d.overdue.box.Visible(), d.overdue.title.Text, d.overdue.list.Text)
	}

	// 3. A CX issue, linked to the action.
	u.show(screen.GovernancePlace(govSectionIssues))
	test.Tap(g.issues.add)
	f = g.form
	govType(govEntryOf(t, f, "Date"), "2 Sep 2026")
	govType(govEntryOf(t, f, "Touchpoint"), "call center")
	govSelectOf(t, f, "Severity").SetSelected("High")
	govType(govEntryOf(t, f, "What happened"), "Customers waited 40 minutes on hold")
	govType(govEntryOf(t, f, "Root cause"), "Rota left the Monday peak short")
	govSelectOf(t, f, "Discipline").SetSelected("Governance")
	govSelectOf(t, f, "Action").SetSelected(wantTitle)
	if !govSave(t, u, f) {
		t.Fatalf("issue refused: %s", f.message.Text)
	}

	// 4. An event for the Online unit in Q2 2026.
	u.show(screen.GovernancePlace(govSectionEvents))
	test.Tap(g.events.add)
	f = g.form
	govType(govEntryOf(t, f, "Date"), "12 May 2026")
	govSelectOf(t, f, "Unit").SetSelected("Online")
	govType(govEntryOf(t, f, "Title"), "App relaunch")
	if !govSave(t, u, f) {
		t.Fatalf("event refused: %s", f.message.Text)
	}

	// Close and reopen the workspace file.
	path := u.s.Workspace().Path()
	if err := u.s.Workspace().Close(); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	gov, err := ws.Governance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(gov.Ownerships, func(o model.Ownership) bool {
		return o.Kind == model.SubjectDiscipline && o.Key == model.Governance
	})
	if i < 0 {
		t.Fatal("the owner did not survive")
	}
	if o := gov.Ownerships[i]; o.Owner != "Ana Souza <ana@example.com>" || o.Target == nil || *o.Target != 4.2 ||
		!o.TargetDate.Equal(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)) || o.Cadence != model.CadenceQuarterly ||
		!o.LastReviewed.Equal(model.Day(govToday)) {
		t.Errorf("ownership after reopening: %+v", o)
	}
	if len(gov.Actions) != 1 {
		t.Fatalf("%d actions after reopening, want 1", len(gov.Actions))
	}
	a := gov.Actions[0]
	if a.Title != wantTitle || a.Discipline != model.Governance || a.Gap == nil ||
		math.Abs(*a.Gap-(4.2-gap.score)) > 1e-9 || !a.Created.Equal(model.Day(govToday)) || !a.Overdue(govToday) {
		t.Errorf("action after reopening: %+v", a)
	}
	if len(gov.Issues) != 1 {
		t.Fatalf("%d issues after reopening, want 1", len(gov.Issues))
	}
	if is := gov.Issues[0]; is.Touchpoint != "Call centre" || is.Severity != model.SeverityHigh ||
		is.ActionID != a.ID || is.Discipline != model.Governance || is.RootCause != "Rota left the Monday peak short" {
		t.Errorf("issue after reopening: %+v", is)
	}
	if len(gov.Events) != 1 || gov.Events[0].Title != "App relaunch" || gov.Events[0].Unit != "Online" {
		t.Fatalf("events after reopening: %+v", gov.Events)
	}

	// The event marks Q2 2026 on the reopened dashboard's trend, for Online
	// and for all units, and not for Retail.
	snap, err := ws.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for unit, want := range map[string]string{"Online": "App relaunch", model.AllUnits: "Online: App relaunch", "Retail": ""} {
		data, ok := shapeDashboard(snap, workspace.Filters{Unit: unit, Gran: model.Quarter}, screen.UnitNotes{})
		if !ok {
			t.Fatal("no dashboard data")
		}
		got := ""
		for _, e := range data.trend.Events {
			if data.trend.Labels[e.Index] == model.QuarterPeriod(2026, 2).Label() {
				got = e.Label
			}
		}
		if !strings.Contains(got, want) || (want == "" && got != "") {
			t.Errorf("%s: trend event in Q2 2026 %q, want %q", unit, got, want)
		}
	}
}

func TestGovernanceBadInputSavesNothing(t *testing.T) {
	u := govTestUI(t)
	ctx := context.Background()
	g := u.governance
	u.show(screen.GovernancePlace(govSectionOwners))
	row := govOwnerRowOf(t, g, model.SubjectDiscipline, model.Strategy)

	for _, c := range []struct {
		field, text, want string
	}{
		{"Owner", "Ana; Bob", "names more than one person"},
		{"Target date", "31/02/2024", "February has no day 31"},
		{"Target (1–5)", "7", "not a maturity score from 1 to 5"},
		{"Last reviewed", "03/04/2026", "reads as"},
	} {
		g.owners.table.table.Select(widget.TableCellID{Row: row, Col: 0})
		f := g.form
		govType(govEntryOf(t, f, c.field), c.text)
		if govSave(t, u, f) {
			t.Fatalf("%s %q was saved", c.field, c.text)
		}
		msg := strings.ToLower(f.message.Text)
		if !strings.Contains(msg, strings.ToLower(c.want)) || !strings.Contains(msg, strings.ToLower(strings.TrimSuffix(c.field, " (1–5)"))) {
			t.Errorf("%s %q: message %q, want one naming the field and saying %q", c.field, c.text, f.message.Text, c.want)
		}
		f.dlg.Hide()
	}
	owners, err := u.s.Workspace().Ownerships(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(owners) != 0 {
		t.Errorf("bad input stored %+v", owners)
	}

	// The same checks guard actions, issues and events.
	u.show(screen.GovernancePlace(govSectionActions))
	test.Tap(g.actions.add)
	f := g.form
	govType(govEntryOf(t, f, "Title"), "Fix the IVR menu")
	govType(govEntryOf(t, f, "Owner"), "Ana; Bob")
	govType(govEntryOf(t, f, "Due"), "31/02/2024")
	if govSave(t, u, f) {
		t.Fatal("an action with two owners and 31 February was saved")
	}
	for _, want := range []string{"Owner: ", "names more than one person", "Due: ", "February has no day 31"} {
		if !strings.Contains(f.message.Text, want) {
			t.Errorf("action message %q lacks %q", f.message.Text, want)
		}
	}
	f.dlg.Hide()
	test.Tap(g.issues.add)
	f = g.form
	govType(govEntryOf(t, f, "Date"), "31/02/2024")
	if govSave(t, u, f) || !strings.Contains(f.message.Text, "What happened") {
		t.Errorf("an issue with a bad date and no description: %q", f.message.Text)
	}
	f.dlg.Hide()
	test.Tap(g.events.add)
	f = g.form
	govType(govEntryOf(t, f, "Date"), "someday")
	if govSave(t, u, f) || !strings.Contains(f.message.Text, "is not a date") {
		t.Errorf("an event on %q: %q", "someday", f.message.Text)
	}
	f.dlg.Hide()
	gov, err := u.s.Workspace().Governance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(gov.Actions)+len(gov.Issues)+len(gov.Events) != 0 {
		t.Errorf("bad input stored %d actions, %d issues, %d events", len(gov.Actions), len(gov.Issues), len(gov.Events))
	}
}

func TestGovernanceOverdueActionsOnTheDashboard(t *testing.T) {
	u := govTestUI(t)
	ctx := context.Background()
	d := dashOf(u)
	if d.overdue.box.Visible() {
		t.Fatal("the overdue card shows without actions")
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, a := range []model.Action{
		{Title: "Late one", Owner: "Ana", Due: day(9, 1), Status: model.ActionInProgress},
		{Title: "Late in Retail", Unit: "Retail", Due: day(8, 1), Status: model.ActionOpen},
		{Title: "Not yet due", Due: day(10, 1), Status: model.ActionOpen},
		{Title: "Done late", Due: day(7, 1), Status: model.ActionDone},
		{Title: "Due today", Due: day(9, 14), Status: model.ActionOpen},
	} {
		a.Created = day(6, 1)
		if _, err := u.s.Workspace().SaveAction(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	reportsWait(t, u.s.Reload())
	govSettle(t, u)
	if !d.overdue.box.Visible() || d.overdue.title.Text != "2 actions overdue" {
		t.Fatalf("overdue card: visible %v, %q", d.overdue.box.Visible(), d.overdue.title.Text)
	}
	if got := d.overdue.list.Text; got != "Late in Retail (44 days late) · Late one (Ana, 13 days late)" {
		t.Errorf("overdue list %q", got)
	}
	// Online's view leaves out Retail's action.
	f := u.s.Filters()
	f.Unit = "Online"
	u.s.SetFilters(f)
	govSettle(t, u)
	if d.overdue.title.Text != "1 action overdue" {
		t.Errorf("for Online: %q", d.overdue.title.Text)
	}
	nav := dashRecordNavigation(u)
	test.Tap(d.overdue.box.Objects[1].(*screen.TapRow))
	if len(*nav) != 1 || (*nav)[0] != "governance actions" {
		t.Errorf("tapping the card navigated %v", *nav)
	}
	// The Actions section lists them soonest due first, late ones in red.
	g := u.governance
	if got := g.actions.table.text(0, 1); got != "Late one" {
		t.Errorf("first action for Online %q", got)
	}
	if c := g.actions.table.rows[0][0]; c.imp != widget.DangerImportance || !strings.Contains(c.text, "13 days late") {
		t.Errorf("overdue due cell %+v", c)
	}
}
