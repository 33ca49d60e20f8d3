package report_test

import (
	"time"

	"cxdash/model"
	"cxdash/report"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ptr(f float64) *float64 { return &f }

// asOf is the day the governance fixture is judged on.
var asOf = date(2026, 1, 15)

// withGovernance adds owners, actions, issues and events to d, as the
// store lists them (actions by due date, issues newest first, events by
// date). hostile adds records whose text is evil or a formula.
func withGovernance(d report.Data, hostile bool) report.Data {
	d.AsOf = asOf
	d.Ownerships = []model.Ownership{
		{Kind: model.SubjectMetric, Key: "NPS", Owner: "Chen Li", Target: ptr(40), Cadence: model.CadenceYearly,
			LastReviewed: date(2025, 1, 15)},
		{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Ana Souza (Head of CX)", Target: ptr(4),
			TargetDate: date(2026, 6, 30), Cadence: model.CadenceQuarterly, LastReviewed: date(2025, 10, 1)},
		{Kind: model.SubjectDiscipline, Key: model.Measurement, Owner: "bob@example.com", Target: ptr(3.5),
			Cadence: model.CadenceMonthly},
	}
	d.Actions = []model.Action{
		{ID: 3, Title: "Train staff in CX", Discipline: model.Culture, Owner: "Dee", Due: date(2025, 6, 30),
			Status: model.ActionDone, Created: date(2025, 1, 10), Closed: date(2025, 6, 20)},
		{ID: 1, Title: "Publish the CX vision", Description: "One page, signed by the board", Discipline: model.Strategy,
			Owner: "Ana Souza", Due: date(2025, 12, 1), Status: model.ActionOpen, Gap: ptr(0.8), Created: date(2025, 9, 1)},
		{ID: 2, Title: "Fix IVR routing", Metric: "NPS", Unit: "North", Owner: "bob@example.com", Due: date(2026, 3, 31),
			Status: model.ActionInProgress, Created: date(2025, 11, 4)},
		{ID: 4, Title: "Write the playbook", Status: model.ActionOpen, Created: date(2025, 12, 1)},
	}
	d.Issues = []model.CXIssue{
		{ID: 2, Date: date(2025, 11, 20), Touchpoint: "Web", Severity: model.SeverityCritical, Description: "Checkout down",
			Status: model.IssueInvestigating},
		{ID: 1, Date: date(2025, 11, 3), Touchpoint: "Call centre", Unit: "North", Severity: model.SeverityHigh,
			Description: "Long waits", RootCause: "Understaffed on Mondays", Status: model.IssueResolved,
			Discipline: model.Measurement, ActionID: 2, Resolved: date(2025, 11, 10)},
		{ID: 4, Date: date(2025, 8, 20), Touchpoint: "Call centre", Unit: "South", Severity: model.SeverityMedium,
			Description: "Dropped calls", Status: model.IssueResolved, Resolved: date(2025, 8, 23)},
		{ID: 3, Date: date(2025, 8, 14), Touchpoint: "Store", Unit: "South", Severity: model.SeverityLow,
			Description: "Queue at the till", Status: model.IssueResolved, Resolved: date(2025, 8, 15)},
		{ID: 5, Date: date(2024, 5, 10), Touchpoint: "Web", Severity: model.SeverityCritical, Description: "Site outage",
			Status: model.IssueResolved, Resolved: date(2024, 5, 11)},
	}
	d.Events = []model.Event{
		{ID: 1, Date: date(2024, 5, 10), Title: "Web outage", Description: "Four hours down"},
		{ID: 2, Date: date(2025, 2, 1), Title: "App relaunch"},
		{ID: 3, Date: date(2025, 7, 1), Unit: "North", Title: "Store refit"},
		{ID: 4, Date: date(2026, 2, 1), Title: "Reorganisation", Description: "New CX office"},
	}
	if hostile {
		d.Actions = append(d.Actions, model.Action{ID: 5, Title: evil, Description: `=HYPERLINK("http://evil.example","x")`,
			Owner: "+1+1", Due: date(2025, 10, 1), Status: model.ActionOpen, Created: date(2025, 9, 1)})
		d.Issues = append(d.Issues, model.CXIssue{ID: 6, Date: date(2025, 10, 2), Touchpoint: evil, Severity: model.SeverityLow,
			Description: evil, RootCause: "=1+2", Status: model.IssueOpen, ActionTitle: evil})
		d.Events = append(d.Events, model.Event{ID: 5, Date: date(2025, 3, 3), Unit: evil, Title: evil, Description: "@SUM(1)"})
	}
	return d
}
