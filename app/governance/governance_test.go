package governance

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
	"cxdash/app/screen/screentest"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// ownerRowOf finds the owners table's row of a subject.
func ownerRowOf(t *testing.T, g *Screen, kind model.SubjectKind, key string) int {
	t.Helper()
	for i, r := range g.owners.rows {
		if r.kind == kind && r.key == key {
			return i
		}
	}
	t.Fatalf("no owners row for %s %s", kind, key)
	return -1
}

// stateGaps are the gaps to target in the session's state now, as the
// dashboard's gaps panel finds them: scored with the targets stored.
func stateGaps(s *screen.Session) []Gap {
	snap, f := s.State(), s.Filters()
	p, ok := snap.Current(f)
	if !ok {
		return nil
	}
	var out []Gap
	for _, ds := range snap.Scorer.Summary(f.Unit, p).Disciplines {
		if ds.Present && ds.Gap != nil && ds.Target != nil && *ds.Gap > 0 {
			out = append(out, Gap{Key: ds.Key, Name: ds.Name, Score: ds.Score, Target: *ds.Target, Unit: f.Unit})
		}
	}
	return out
}

func TestGovernanceEditsSurviveARestart(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	g := h.g
	g.Show(SectionOwners)

	// 1. Owner and target of the Governance discipline, through the dialog.
	row := ownerRowOf(t, g, model.SubjectDiscipline, model.Governance)
	g.owners.table.table.Select(widget.TableCellID{Row: row, Col: 1})
	f := g.form
	typeInto(entryOf(t, f, "Owner"), "Ana Souza <ana@example.com>")
	typeInto(entryOf(t, f, "Target (1–5)"), "4,2")
	typeInto(entryOf(t, f, "Target date"), "31 Dec 2026")
	selectOf(t, f, "Review cadence").SetSelected("quarterly")
	test.Tap(buttonIn(t, field(t, f, "Last reviewed"), "Mark reviewed today"))
	if !h.save(t, f) {
		t.Fatalf("owner refused: %s", f.message.Text)
	}
	row = ownerRowOf(t, g, model.SubjectDiscipline, model.Governance)
	for col, want := range map[int]string{1: "Ana Souza <ana@example.com>", 2: "4.2", 3: "31 Dec 2026",
		4: "quarterly", 5: "14 Sep 2026", 6: "14 Dec 2026"} {
		if got := g.owners.table.text(row, col); got != want {
			t.Errorf("owners row %q column %q = %q, want %q", model.Governance, ownerColumns[col].title, got, want)
		}
	}

	// 2. An action from the Governance gap, as the dashboard offers it: its
	// target is now 4.2, which scoring uses too.
	h.gaps = func() []Gap { return stateGaps(h.s) }
	var gap Gap
	for _, c := range stateGaps(h.s) {
		if c.Key == model.Governance {
			gap = c
		}
	}
	if gap.Key == "" || gap.Target != 4.2 {
		t.Fatalf("no gap to the new target 4.2: %+v", stateGaps(h.s))
	}
	opened := h.gap.opened
	test.Tap(h.gap.Button())
	if h.gap.menu != nil { // several gaps: pick Governance's
		i := slices.IndexFunc(h.gap.choices.Items, func(it *fyne.MenuItem) bool { return it.Label == gap.title() })
		if i < 0 {
			t.Fatalf("the gap menu has no %q", gap.title())
		}
		h.gap.choices.Items[i].Action()
	}
	screentest.Wait(t, "the action dialog", opened, 30*time.Second)
	f = h.gap.form
	wantTitle := "Close the gap in Governance (" + charts.ScoreFormat.String(gap.Score) + " → 4.20)"
	if got := entryOf(t, f, "Title").Text; got != wantTitle {
		t.Errorf("action title %q, want %q", got, wantTitle)
	}
	if got := entryOf(t, f, "Owner").Text; got != "Ana Souza <ana@example.com>" {
		t.Errorf("action owner %q, want the discipline's owner", got)
	}
	if got := selectOf(t, f, "Discipline").Selected; got != "Governance" {
		t.Errorf("action discipline %q", got)
	}
	typeInto(entryOf(t, f, "Due"), "2026-08-31") // before today: overdue
	if !h.save(t, f) {
		t.Fatalf("action refused: %s", f.message.Text)
	}
	if !h.card.box.Visible() || h.card.title.Text != "1 action overdue" || !strings.Contains(h.card.list.Text, wantTitle) {
		t.Errorf("overdue card: visible %v, %q / %q", h.card.box.Visible(), h.card.title.Text, h.card.list.Text)
	}

	// 3. A CX issue, linked to the action.
	g.Show(SectionIssues)
	test.Tap(g.issues.add)
	f = g.form
	typeInto(entryOf(t, f, "Date"), "2 Sep 2026")
	typeInto(entryOf(t, f, "Touchpoint"), "call center")
	selectOf(t, f, "Severity").SetSelected("High")
	typeInto(entryOf(t, f, "What happened"), "Customers waited 40 minutes on hold")
	typeInto(entryOf(t, f, "Root cause"), "Rota left the Monday peak short")
	selectOf(t, f, "Discipline").SetSelected("Governance")
	selectOf(t, f, "Action").SetSelected(wantTitle)
	if !h.save(t, f) {
		t.Fatalf("issue refused: %s", f.message.Text)
	}

	// 4. An event for the Online unit in Q2 2026.
	g.Show(SectionEvents)
	test.Tap(g.events.add)
	f = g.form
	typeInto(entryOf(t, f, "Date"), "12 May 2026")
	selectOf(t, f, "Unit").SetSelected("Online")
	typeInto(entryOf(t, f, "Title"), "App relaunch")
	if !h.save(t, f) {
		t.Fatalf("event refused: %s", f.message.Text)
	}

	// Close and reopen the workspace file.
	path := h.s.Workspace().Path()
	if err := h.s.Workspace().Close(); err != nil {
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
		!o.LastReviewed.Equal(model.Day(testToday)) {
		t.Errorf("ownership after reopening: %+v", o)
	}
	if len(gov.Actions) != 1 {
		t.Fatalf("%d actions after reopening, want 1", len(gov.Actions))
	}
	a := gov.Actions[0]
	if a.Title != wantTitle || a.Discipline != model.Governance || a.Gap == nil ||
		math.Abs(*a.Gap-(4.2-gap.Score)) > 1e-9 || !a.Created.Equal(model.Day(testToday)) || !a.Overdue(testToday) {
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

	// The event marks Q2 2026 on the reopened state's quarterly trend, as
	// the dashboard places events, for Online and for all units, and not
	// for Retail.
	snap, err := ws.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for unit, want := range map[string]string{"Online": "App relaunch", model.AllUnits: "Online: App relaunch", "Retail": ""} {
		f := workspace.Filters{Unit: unit, Gran: model.Quarter}
		p, ok := snap.Current(f)
		if !ok {
			t.Fatal("no data to mark")
		}
		span := charts.Span(snap.Periods(f)[0], p)
		labels := charts.PeriodLabels(span)
		got := ""
		for _, e := range charts.Events(span, screen.EventNotes(nil, snap.Events, unit, model.Quarter)) {
			if labels[e.Index] == model.QuarterPeriod(2026, 2).Label() {
				got = e.Label
			}
		}
		if !strings.Contains(got, want) || (want == "" && got != "") {
			t.Errorf("%s: trend event in Q2 2026 %q, want %q", unit, got, want)
		}
	}
}

func TestGovernanceBadInputSavesNothing(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	g := h.g
	g.Show(SectionOwners)
	row := ownerRowOf(t, g, model.SubjectDiscipline, model.Strategy)

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
		typeInto(entryOf(t, f, c.field), c.text)
		if h.save(t, f) {
			t.Fatalf("%s %q was saved", c.field, c.text)
		}
		msg := strings.ToLower(f.message.Text)
		if !strings.Contains(msg, strings.ToLower(c.want)) || !strings.Contains(msg, strings.ToLower(strings.TrimSuffix(c.field, " (1–5)"))) {
			t.Errorf("%s %q: message %q, want one naming the field and saying %q", c.field, c.text, f.message.Text, c.want)
		}
		f.dlg.Hide()
	}
	owners, err := h.s.Workspace().Ownerships(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(owners) != 0 {
		t.Errorf("bad input stored %+v", owners)
	}

	// The same checks guard actions, issues and events.
	g.Show(SectionActions)
	test.Tap(g.actions.add)
	f := g.form
	typeInto(entryOf(t, f, "Title"), "Fix the IVR menu")
	typeInto(entryOf(t, f, "Owner"), "Ana; Bob")
	typeInto(entryOf(t, f, "Due"), "31/02/2024")
	if h.save(t, f) {
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
	typeInto(entryOf(t, f, "Date"), "31/02/2024")
	if h.save(t, f) || !strings.Contains(f.message.Text, "What happened") {
		t.Errorf("an issue with a bad date and no description: %q", f.message.Text)
	}
	f.dlg.Hide()
	test.Tap(g.events.add)
	f = g.form
	typeInto(entryOf(t, f, "Date"), "someday")
	if h.save(t, f) || !strings.Contains(f.message.Text, "is not a date") {
		t.Errorf("an event on %q: %q", "someday", f.message.Text)
	}
	f.dlg.Hide()
	gov, err := h.s.Workspace().Governance(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(gov.Actions)+len(gov.Issues)+len(gov.Events) != 0 {
		t.Errorf("bad input stored %d actions, %d issues, %d events", len(gov.Actions), len(gov.Issues), len(gov.Events))
	}
}
