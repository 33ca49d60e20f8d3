package report

import (
	"fmt"
	"strings"
	"time"

	"cxdash/model"
)

// htmlGovernance is the page's governance part: owners and targets,
// actions, the CX issue log with its charts, time to resolve and events.
// Strings are plain text: the template escapes them.
type htmlGovernance struct {
	AsOf                                        string
	Empty                                       bool
	OpenActions, Overdue, OpenIssues, Critical  int
	NextEvent                                   string
	Owners                                      []htmlOwner
	Actions                                     []htmlAction
	Issues                                      []htmlIssue
	Resolve                                     []htmlResolve
	Events                                      []htmlEvent
	Charts                                      []htmlChart // the issue charts
	ReviewsLate                                 int
	MoreOverdue                                 int
	OverdueList                                 []htmlAction
	IssueGranularity, OpenBySeverity, EventNote string
}

type htmlOwner struct {
	Kind, Name, Owner, Target, TargetDate, Cadence, LastReviewed, NextReview string
	ReviewLate                                                               bool
}

type htmlAction struct {
	Title, Description, Subject, Unit, Owner, Due, Status, Gap, Created, Closed string
	Late                                                                        bool
	DaysLate                                                                    int
}

type htmlIssue struct {
	Date, Touchpoint, Unit, Severity, Description, RootCause, Status, Discipline, Action, Resolved, Days string
	Rank                                                                                                 int
	Open                                                                                                 bool
}

type htmlResolve struct {
	Touchpoint, Median, Longest string
	Resolved, Open              int
	Bar                         int // the median as a percentage of the longest median, for a bar
	Total                       bool
}

type htmlEvent struct {
	Date, Unit, Title, Description string
	Upcoming                       bool
}

// htmlDay prints a calendar day, or a dash.
func htmlDay(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.Format(time.DateOnly)
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// newHTMLGovernance builds the governance part of the page.
func newHTMLGovernance(d Data, g *governance) *htmlGovernance {
	h := &htmlGovernance{AsOf: g.asOf.Format("2 January 2006"), Empty: g.empty(),
		OpenActions: g.open, Overdue: len(g.overdue), OpenIssues: g.openIssues,
		Critical: g.openBySeverity[model.SeverityCritical.Rank()-1], IssueGranularity: g.gran.String()}
	var sev []string
	for i := len(model.Severities) - 1; i >= 0; i-- {
		sev = append(sev, fmt.Sprintf("%d %s", g.openBySeverity[i], model.Severities[i]))
	}
	h.OpenBySeverity = strings.Join(sev, " · ")
	if len(g.upcoming) > 0 {
		e := g.upcoming[0]
		h.NextEvent = e.Title + ", " + htmlDay(e.Date)
	}
	fw := d.Framework
	for _, o := range g.ownerships {
		ho := htmlOwner{Kind: kindLabel(o.Kind), Name: o.Key, Owner: dash(o.Owner), Target: "–",
			TargetDate: htmlDay(o.TargetDate), Cadence: dash(capitalised(string(o.Cadence))),
			LastReviewed: htmlDay(o.LastReviewed), NextReview: "–", ReviewLate: o.ReviewOverdue(g.asOf)}
		if o.Kind == model.SubjectDiscipline {
			ho.Name = displayDiscipline(fw, o.Key)
		}
		if o.Target != nil {
			ho.Target = fmtValue(*o.Target)
		}
		if due, ok := o.ReviewDue(); ok {
			ho.NextReview = "now"
			if !due.IsZero() {
				ho.NextReview = htmlDay(due)
			}
		}
		if ho.ReviewLate {
			h.ReviewsLate++
		}
		h.Owners = append(h.Owners, ho)
	}
	action := func(a model.Action) htmlAction {
		var subject []string
		if a.Discipline != "" {
			subject = append(subject, displayDiscipline(fw, a.Discipline))
		}
		if a.Metric != "" {
			subject = append(subject, a.Metric)
		}
		ha := htmlAction{Title: a.Title, Description: a.Description, Subject: dash(strings.Join(subject, " · ")),
			Unit: model.UnitLabel(a.Unit), Owner: dash(a.Owner), Due: htmlDay(a.Due), Status: actionStatus(a),
			Gap: fmtValueOpt(a.Gap), Created: htmlDay(a.Created), Closed: htmlDay(a.Closed), Late: a.Overdue(g.asOf)}
		if ha.Late {
			ha.DaysLate = g.daysLate(a)
		}
		return ha
	}
	for _, a := range g.actions {
		h.Actions = append(h.Actions, action(a))
	}
	for _, a := range g.overdue[:min(len(g.overdue), summaryOverdueRows)] {
		h.OverdueList = append(h.OverdueList, action(a))
	}
	h.MoreOverdue = len(g.overdue) - len(h.OverdueList)
	for _, i := range g.issues {
		hi := htmlIssue{Date: htmlDay(i.Date), Touchpoint: touchpointOf(i), Unit: model.UnitLabel(i.Unit),
			Severity: dash(capitalised(string(i.Severity))), Rank: i.Severity.Rank(), Description: i.Description,
			RootCause: dash(i.RootCause), Status: issueStatus(i), Discipline: "–", Action: dash(g.actionTitle(i)),
			Resolved: htmlDay(i.Resolved), Days: "–", Open: i.Status != model.IssueResolved}
		if i.Discipline != "" {
			hi.Discipline = displayDiscipline(fw, i.Discipline)
		}
		if dur, ok := i.TimeToResolve(); ok {
			hi.Days = fmt.Sprintf("%.0f", dur.Hours()/24)
		}
		h.Issues = append(h.Issues, hi)
	}
	top := 0.0
	for _, r := range g.resolve {
		top = max(top, r.median)
	}
	for k, r := range g.resolve {
		hr := htmlResolve{Touchpoint: r.touchpoint, Resolved: r.resolved, Open: r.open, Median: "–", Longest: "–",
			Total: k == len(g.resolve)-1}
		if r.resolved > 0 {
			hr.Median, hr.Longest = fmtValue(r.median), fmtValue(r.longest)
			if top > 0 {
				hr.Bar = max(1, int(100*r.median/top+0.5))
			}
		}
		h.Resolve = append(h.Resolve, hr)
	}
	for _, e := range g.events {
		h.Events = append(h.Events, htmlEvent{Date: htmlDay(e.Date), Unit: model.UnitLabel(e.Unit), Title: e.Title,
			Description: e.Description, Upcoming: !model.Day(e.Date).Before(g.asOf)})
	}
	if len(g.events) > 0 {
		h.EventNote = "Events are drawn as dashed lines on the trend and issue charts, in the period they fall in."
	}
	if len(g.issues) > 0 {
		h.Charts = append(h.Charts, issuesByTouchpointChart(g), issuesBySeverityChart(g))
	}
	return h
}
