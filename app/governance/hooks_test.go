package governance

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
	"cxdash/workspace"
)

func TestOverdueCardListsLateActions(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	c := h.card
	if c.box.Visible() {
		t.Fatal("the overdue card shows without actions")
	}
	shown := 0
	c.SetOnShown(func() { shown++ })
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	for _, a := range []model.Action{
		{Title: "Late one", Owner: "Ana", Due: day(9, 1), Status: model.ActionInProgress},
		{Title: "Late in Retail", Unit: "Retail", Due: day(8, 1), Status: model.ActionOpen},
		{Title: "Not yet due", Due: day(10, 1), Status: model.ActionOpen},
		{Title: "Done late", Due: day(7, 1), Status: model.ActionDone},
		{Title: "Due today", Due: day(9, 14), Status: model.ActionOpen},
	} {
		a.Created = day(6, 1)
		if _, err := h.s.Workspace().SaveAction(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	h.reload(t)
	if !c.box.Visible() || c.title.Text != "2 actions overdue" {
		t.Fatalf("overdue card: visible %v, %q", c.box.Visible(), c.title.Text)
	}
	if shown != 1 {
		t.Errorf("showing the card called onShown %d times, want 1", shown)
	}
	if got := c.list.Text; got != "Late in Retail (44 days late) · Late one (Ana, 13 days late)" {
		t.Errorf("overdue list %q", got)
	}
	// Online's view leaves out Retail's action.
	f := h.s.Filters()
	f.Unit = "Online"
	h.s.SetFilters(f)
	h.settle(t)
	if c.title.Text != "1 action overdue" {
		t.Errorf("for Online: %q", c.title.Text)
	}
	test.Tap(c.box.Objects[1].(*screen.TapRow))
	if len(h.nav) != 1 || h.nav[0] != screen.GovernancePlace(SectionActions) {
		t.Fatalf("tapping the card navigated %v", h.nav)
	}
	// The Actions section it goes to lists them soonest due first, late
	// ones in red.
	g := h.g
	g.Show(h.nav[0].Key)
	if got := g.tabs.Selected().Text; got != "Actions" {
		t.Errorf("showing %v selects %q", h.nav[0], got)
	}
	if got := g.actions.table.text(0, 1); got != "Late one" {
		t.Errorf("first action for Online %q", got)
	}
	if c := g.actions.table.rows[0][0]; c.imp != widget.DangerImportance || !strings.Contains(c.text, "13 days late") {
		t.Errorf("overdue due cell %+v", c)
	}
	// Once none is late, the card hides again.
	acts, err := h.s.Workspace().Actions(ctx, workspace.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		if a.Overdue(testToday) {
			a.Status = model.ActionDone
			if _, err := h.s.Workspace().SaveAction(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.reload(t)
	if c.box.Visible() || shown != 2 {
		t.Errorf("with no late action the card is visible %v (onShown called %d times, want 2)", c.box.Visible(), shown)
	}
}

func TestGapActionOffersTheGaps(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	due := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	if err := h.s.Workspace().SaveOwnership(ctx, model.Ownership{Kind: model.SubjectDiscipline, Key: model.Governance,
		Owner: "Ana Souza", TargetDate: due}); err != nil {
		t.Fatal(err)
	}
	h.reload(t)
	canvas := h.s.Window().Canvas()

	// No gap: the button says why it has nothing to offer.
	test.Tap(h.gap.Button())
	top := canvas.Overlays().Top()
	if top == nil || !hasText(top, "No discipline is below its target in this view. "+
		"Set targets in Governance › Owners & targets, or create an action there.") {
		t.Fatal("Create action without gaps does not say why")
	}
	canvas.Overlays().Remove(top)

	// Several gaps: a menu of them, in the order given.
	h.gaps = func() []Gap {
		return []Gap{
			{Key: model.Governance, Name: "Governance", Score: 2.4, Target: 3.8, Unit: "Retail"},
			{Key: model.Strategy, Name: "Strategy", Score: 3.1, Target: 3.5, Unit: "Retail"},
		}
	}
	test.Tap(h.gap.Button())
	if h.gap.menu == nil {
		t.Fatal("two gaps and no menu")
	}
	var labels []string
	for _, it := range h.gap.choices.Items {
		labels = append(labels, it.Label)
	}
	if want := []string{"Close the gap in Governance (2.40 → 3.80)", "Close the gap in Strategy (3.10 → 3.50)"}; !slices.Equal(labels, want) {
		t.Errorf("the gap menu offers %q, want %q", labels, want)
	}
	opened := h.gap.opened
	h.gap.choices.Items[0].Action()
	screentest.Wait(t, "the action dialog", opened, 30*time.Second)
	if h.gap.menu != nil {
		t.Error("the gap menu stays open under the dialog")
	}
	f := h.gap.form
	for label, want := range map[string]string{"Title": "Close the gap in Governance (2.40 → 3.80)", "Owner": "Ana Souza",
		"Due": "30 Jun 2027", "Gap": "1.40"} {
		if got := entryOf(t, f, label).Text; got != want {
			t.Errorf("the Governance gap's action: %s %q, want %q", label, got, want)
		}
	}
	for label, want := range map[string]string{"Discipline": "Governance", "Unit": "Retail", "Status": "Open"} {
		if got := selectOf(t, f, label).Selected; got != want {
			t.Errorf("the Governance gap's action: %s %q, want %q", label, got, want)
		}
	}
	f.dlg.Hide()

	// One gap: straight to the dialog; nobody owns Strategy, so no owner
	// and no due date are suggested.
	h.gaps = func() []Gap {
		return []Gap{{Key: model.Strategy, Name: "Strategy", Score: 3.1, Target: 3.5, Unit: model.AllUnits}}
	}
	opened = h.gap.opened
	test.Tap(h.gap.Button())
	if h.gap.menu != nil {
		t.Error("one gap offered through a menu")
	}
	screentest.Wait(t, "the action dialog", opened, 30*time.Second)
	f = h.gap.form
	for label, want := range map[string]string{"Title": "Close the gap in Strategy (3.10 → 3.50)", "Owner": "", "Due": "", "Gap": "0.40"} {
		if got := entryOf(t, f, label).Text; got != want {
			t.Errorf("the Strategy gap's action: %s %q, want %q", label, got, want)
		}
	}
	for label, want := range map[string]string{"Discipline": "Strategy", "Unit": model.AllUnitsLabel} {
		if got := selectOf(t, f, label).Selected; got != want {
			t.Errorf("the Strategy gap's action: %s %q, want %q", label, got, want)
		}
	}
	// Saved, it is the action the gap suggested.
	if !h.save(t, f) {
		t.Fatalf("action refused: %s", f.message.Text)
	}
	acts, err := h.s.Workspace().Actions(ctx, workspace.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 || acts[0].Discipline != model.Strategy || acts[0].Unit != "" || acts[0].Gap == nil ||
		math.Abs(*acts[0].Gap-0.4) > 1e-9 || acts[0].Status != model.ActionOpen || !acts[0].Created.Equal(model.Day(testToday)) {
		t.Errorf("the saved action: %+v", acts)
	}
}
