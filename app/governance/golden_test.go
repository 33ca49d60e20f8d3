package governance

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
)

// seed stores a realistic set of governance records with fixed dates,
// as a CX team a few months into the work would have.
func seed(t *testing.T, h *harness) {
	t.Helper()
	ctx := context.Background()
	st := h.s.Workspace()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	num := func(v float64) *float64 { return &v }
	for _, o := range []model.Ownership{
		{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Marta Reis (Head of CX)", Target: num(4),
			TargetDate: day(2026, 12, 31), Cadence: model.CadenceQuarterly, LastReviewed: day(2026, 5, 20)},
		{Kind: model.SubjectDiscipline, Key: model.Governance, Owner: "Ana Souza", Target: num(3.8),
			TargetDate: day(2027, 6, 30), Cadence: model.CadenceMonthly, LastReviewed: day(2026, 9, 1)},
		{Kind: model.SubjectDiscipline, Key: model.Measurement, Owner: "insights@acme.example", Cadence: model.CadenceQuarterly},
		{Kind: model.SubjectMetric, Key: "NPS", Owner: "Joana Lima", Target: num(45), TargetDate: day(2026, 12, 31),
			Cadence: model.CadenceQuarterly, LastReviewed: day(2026, 8, 10)},
	} {
		if err := st.SaveOwnership(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	acts := []model.Action{
		{Title: "Publish the CX governance charter", Discipline: model.Governance, Owner: "Ana Souza",
			Due: day(2026, 8, 15), Status: model.ActionInProgress, Gap: num(1.4), Created: day(2026, 6, 2)},
		{Title: "Call back every detractor within 48 hours", Discipline: model.Strategy, Metric: "NPS", Unit: "Retail",
			Owner: "Joana Lima", Due: day(2026, 10, 31), Status: model.ActionOpen, Created: day(2026, 7, 1)},
		{Title: "Fix the billing FAQ", Unit: "Online", Owner: "Rui Costa", Status: model.ActionOpen, Created: day(2026, 9, 3)},
	}
	var ids []int64
	for _, a := range acts {
		a, err := st.SaveAction(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	type is struct {
		date       time.Time
		touch      string
		sev        model.Severity
		desc       string
		status     model.IssueStatus
		resolvedIn int
		cause      string
	}
	for i, x := range []is{
		{day(2025, 11, 4), "Call centre", model.SeverityHigh, "Hold times over 30 minutes", model.IssueResolved, 12, "Two agents off sick, no cover"},
		{day(2025, 12, 18), "Web", model.SeverityMedium, "Checkout failed for saved cards", model.IssueResolved, 3, "Payment provider changed its API"},
		{day(2026, 1, 9), "Billing", model.SeverityCritical, "Double charge on annual plans", model.IssueResolved, 5, "Renewal job ran twice"},
		{day(2026, 2, 20), "Call centre", model.SeverityMedium, "Callbacks not made", model.IssueResolved, 20, ""},
		{day(2026, 3, 2), "Store", model.SeverityLow, "Queue at returns desk", model.IssueResolved, 7, ""},
		{day(2026, 4, 14), "App", model.SeverityHigh, "Login loop after update", model.IssueResolved, 2, ""},
		{day(2026, 5, 5), "Billing", model.SeverityHigh, "Invoices sent twice", model.IssueResolved, 9, ""},
		{day(2026, 6, 22), "Call centre", model.SeverityCritical, "IVR dropped calls", model.IssueResolved, 4, ""},
		{day(2026, 7, 7), "Web", model.SeverityLow, "Broken link in order e-mail", model.IssueResolved, 1, ""},
		{day(2026, 8, 12), "Call centre", model.SeverityHigh, "Agents could not see orders", model.IssueInvestigating, 0, ""},
		{day(2026, 9, 2), "Billing", model.SeverityMedium, "Refunds late", model.IssueOpen, 0, ""},
	} {
		c := model.CXIssue{Date: x.date, Touchpoint: x.touch, Severity: x.sev, Description: x.desc, Status: x.status,
			Discipline: model.Governance, RootCause: x.cause}
		if x.resolvedIn > 0 {
			c.Resolved = x.date.AddDate(0, 0, x.resolvedIn)
		}
		if i%3 == 0 {
			c.ActionID = ids[0]
		}
		if _, err := st.SaveIssue(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []model.Event{
		{Date: day(2025, 2, 3), Unit: "Online", Title: "Platform outage", Description: "Checkout down for 3 days"},
		{Date: day(2026, 5, 12), Title: "New CX operating model", Description: "Discipline owners named"},
	} {
		if _, err := st.SaveEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	h.reload(t)
}

func TestGovernanceGolden(t *testing.T) {
	for _, c := range []struct{ theme string }{{screen.ThemeLight}, {screen.ThemeDark}} {
		t.Run(c.theme, func(t *testing.T) {
			ws := screentest.Workspace(t, "acme.db", true)
			// The screen alone, as the window shows it under its tabs.
			var g *Screen
			s := screentest.Session(t, ws, testWindow, func(s *screen.Session) fyne.CanvasObject {
				s.Clock = func() time.Time { return testToday }
				g = New(s)
				return g.Content()
			})
			h := &harness{s: s, g: g}
			seed(t, h)
			s.App().Settings().SetTheme(screen.ThemeFor(c.theme))
			g.Show(SectionOwners)
			test.AssertImageMatches(t, "governance_"+c.theme+".png", s.Window().Canvas().Capture())
			g.Show(SectionActions)
			test.AssertImageMatches(t, "governance_actions_"+c.theme+".png", s.Window().Canvas().Capture())
			g.Show(SectionIssues)
			test.AssertImageMatches(t, "governance_issues_"+c.theme+".png", s.Window().Canvas().Capture())
		})
	}
}
