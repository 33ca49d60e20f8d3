package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Governance records say who answers for what and what is being done about
// it: ownership of disciplines and metrics, actions that close gaps, the log
// of CX failures (issues) and dated timeline events. Each has a natural key
// (Key methods) so that a workbook imported again updates records instead of
// duplicating them.

// SubjectKind says whether an Ownership is of a discipline or a metric.
type SubjectKind string

// Subject kinds.
const (
	SubjectDiscipline SubjectKind = "discipline"
	SubjectMetric     SubjectKind = "metric"
)

// Cadence is how often a discipline or metric is reviewed.
type Cadence string

// Review cadences; CadenceNone means no review is planned.
const (
	CadenceNone      Cadence = ""
	CadenceMonthly   Cadence = "monthly"
	CadenceQuarterly Cadence = "quarterly"
	CadenceYearly    Cadence = "yearly"
)

// Cadences lists the cadences a user can choose, in order.
var Cadences = []Cadence{CadenceNone, CadenceMonthly, CadenceQuarterly, CadenceYearly}

// ParseCadence reads a cadence as people write it: "Monthly", "quarter",
// "Q", "every quarter", "annual". Blank is CadenceNone.
func ParseCadence(s string) (Cadence, error) {
	switch normalizeName(s) {
	case "", "none", "na", "never":
		return CadenceNone, nil
	case "monthly", "month", "m", "everymonth", "permonth":
		return CadenceMonthly, nil
	case "quarterly", "quarter", "q", "everyquarter", "perquarter", "3months":
		return CadenceQuarterly, nil
	case "yearly", "year", "y", "annual", "annually", "everyyear", "peryear", "12months":
		return CadenceYearly, nil
	}
	return CadenceNone, fmt.Errorf("review cadence %q is not one of monthly, quarterly, yearly", strings.TrimSpace(s))
}

// Months is the length of one review cycle in months; 0 for CadenceNone.
func (c Cadence) Months() int {
	switch c {
	case CadenceMonthly:
		return 1
	case CadenceQuarterly:
		return 3
	case CadenceYearly:
		return 12
	}
	return 0
}

// Ownership is who owns a discipline or a metric, the target they answer
// for and when it is reviewed. Target is a maturity score (1..5) for a
// discipline and a value in the metric's own unit for a metric.
type Ownership struct {
	Kind         SubjectKind
	Key          string // discipline key, or metric name as in the catalogue
	Owner        string
	Target       *float64
	TargetDate   time.Time // zero: none
	Cadence      Cadence
	LastReviewed time.Time // zero: never
}

// ReviewDue is when the next review falls: last review plus one cadence.
// ok is false when no cadence is set. A subject never reviewed is due at
// once (the zero time).
func (o Ownership) ReviewDue() (due time.Time, ok bool) {
	m := o.Cadence.Months()
	if m == 0 {
		return time.Time{}, false
	}
	if o.LastReviewed.IsZero() {
		return time.Time{}, true
	}
	return o.LastReviewed.AddDate(0, m, 0), true
}

// ReviewOverdue says whether the review is past due on day now.
func (o Ownership) ReviewOverdue(now time.Time) bool {
	due, ok := o.ReviewDue()
	return ok && Day(due).Before(Day(now))
}

// Validate checks an ownership record.
func (o Ownership) Validate() error {
	switch o.Kind {
	case SubjectDiscipline:
		if _, ok := DefaultFramework().Discipline(o.Key); !ok {
			return fmt.Errorf("unknown discipline %q", o.Key)
		}
		if o.Target != nil && (*o.Target < 1 || *o.Target > 5) {
			return fmt.Errorf("target %g of discipline %s is not a maturity score from 1 to 5", *o.Target, o.Key)
		}
	case SubjectMetric:
		if strings.TrimSpace(o.Key) == "" {
			return errors.New("ownership names no metric")
		}
	default:
		return fmt.Errorf("ownership of %q: not a discipline or a metric", o.Kind)
	}
	if o.Owner != "" {
		if _, err := ParseOwner(o.Owner); err != nil {
			return err
		}
	}
	return nil
}

// ActionStatus is where an action stands.
type ActionStatus string

// Action statuses.
const (
	ActionOpen       ActionStatus = "open"
	ActionInProgress ActionStatus = "in progress"
	ActionDone       ActionStatus = "done"
	ActionDropped    ActionStatus = "dropped"
)

// ActionStatuses lists the statuses in their natural order.
var ActionStatuses = []ActionStatus{ActionOpen, ActionInProgress, ActionDone, ActionDropped}

// ParseActionStatus reads a status as people write it ("In progress",
// "WIP", "Closed", "Cancelled"). Blank is ActionOpen.
func ParseActionStatus(s string) (ActionStatus, error) {
	switch normalizeName(s) {
	case "", "open", "new", "todo", "notstarted", "planned":
		return ActionOpen, nil
	case "inprogress", "wip", "ongoing", "started", "active", "doing", "underway":
		return ActionInProgress, nil
	case "done", "closed", "complete", "completed", "finished", "resolved":
		return ActionDone, nil
	case "dropped", "cancelled", "canceled", "abandoned", "wontdo", "rejected":
		return ActionDropped, nil
	}
	return "", fmt.Errorf("action status %q is not one of open, in progress, done, dropped", strings.TrimSpace(s))
}

// Closed says whether the status ends the action.
func (s ActionStatus) Closed() bool { return s == ActionDone || s == ActionDropped }

// Action is a piece of work that closes a gap: on a discipline, a metric
// or both.
type Action struct {
	ID          int64
	Title       string
	Description string
	Discipline  string // discipline key, or ""
	Metric      string // metric name, or ""
	Unit        string // business unit, or "" for all
	Owner       string
	Due         time.Time // zero: none
	Status      ActionStatus
	Gap         *float64 // the gap to target it addresses, when made from one
	Created     time.Time
	Closed      time.Time // zero while open
}

// Key is the action's natural key: its title, case and spacing ignored.
func (a Action) Key() string { return normalizeName(a.Title) }

// Overdue says whether the action is still open after its due day.
func (a Action) Overdue(now time.Time) bool {
	return !a.Status.Closed() && !a.Due.IsZero() && Day(a.Due).Before(Day(now))
}

// Validate checks an action.
func (a Action) Validate() error {
	if strings.TrimSpace(a.Title) == "" {
		return errors.New("an action needs a title")
	}
	if _, err := ParseActionStatus(string(a.Status)); err != nil {
		return err
	}
	if a.Discipline != "" {
		if _, ok := DefaultFramework().Discipline(a.Discipline); !ok {
			return fmt.Errorf("unknown discipline %q", a.Discipline)
		}
	}
	if a.Owner != "" {
		if _, err := ParseOwner(a.Owner); err != nil {
			return err
		}
	}
	if !a.Closed.IsZero() && !a.Created.IsZero() && Day(a.Closed).Before(Day(a.Created)) {
		return errors.New("an action cannot close before it was created")
	}
	return nil
}

// Severity is how badly a CX issue hurt customers.
type Severity string

// Severities, least to most severe.
const (
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists the severities from least to most severe.
var Severities = []Severity{SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// ParseSeverity reads a severity: a name ("High", "crit", "minor") or a
// number where 1 is the most severe, as incident tools number them
// ("1", "P1", "Sev 2").
func ParseSeverity(s string) (Severity, error) {
	switch normalizeName(s) {
	case "low", "minor", "l", "4", "p4", "sev4", "s4", "trivial":
		return SeverityLow, nil
	case "medium", "med", "moderate", "m", "3", "p3", "sev3", "s3", "normal":
		return SeverityMedium, nil
	case "high", "major", "h", "2", "p2", "sev2", "s2", "serious":
		return SeverityHigh, nil
	case "critical", "crit", "c", "1", "p1", "sev1", "s1", "blocker", "severe", "urgent":
		return SeverityCritical, nil
	}
	return "", fmt.Errorf("severity %q is not one of low, medium, high, critical (or 1 to 4, 1 the worst)", strings.TrimSpace(s))
}

// Rank is 1 for low up to 4 for critical, 0 when unknown.
func (s Severity) Rank() int {
	for i, v := range Severities {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// IssueStatus is where a CX issue stands.
type IssueStatus string

// Issue statuses.
const (
	IssueOpen          IssueStatus = "open"
	IssueInvestigating IssueStatus = "investigating"
	IssueResolved      IssueStatus = "resolved"
)

// IssueStatuses lists the issue statuses in their natural order.
var IssueStatuses = []IssueStatus{IssueOpen, IssueInvestigating, IssueResolved}

// ParseIssueStatus reads an issue status; blank is IssueOpen.
func ParseIssueStatus(s string) (IssueStatus, error) {
	switch normalizeName(s) {
	case "", "open", "new", "reported", "logged":
		return IssueOpen, nil
	case "investigating", "inprogress", "wip", "analysing", "analyzing", "ongoing", "rootcauseanalysis", "rca":
		return IssueInvestigating, nil
	case "resolved", "closed", "fixed", "done", "solved":
		return IssueResolved, nil
	}
	return "", fmt.Errorf("issue status %q is not one of open, investigating, resolved", strings.TrimSpace(s))
}

// Touchpoints are the usual places customers meet a company; an issue may
// name another.
var Touchpoints = []string{"Call centre", "Store", "Web", "App", "Social", "Billing", "Email", "Chat", "Delivery", "Field service", "Other"}

// touchpointSynonyms maps normalised spellings to a Touchpoints entry.
var touchpointSynonyms = map[string]string{
	"callcentre": "Call centre", "callcenter": "Call centre", "contactcentre": "Call centre",
	"contactcenter": "Call centre", "phone": "Call centre", "telephone": "Call centre",
	"store": "Store", "shop": "Store", "branch": "Store", "retail": "Store",
	"web": "Web", "website": "Web", "online": "Web", "webshop": "Web",
	"app": "App", "mobileapp": "App", "mobile": "App",
	"social": "Social", "socialmedia": "Social",
	"billing": "Billing", "invoice": "Billing", "invoicing": "Billing", "payments": "Billing",
	"email": "Email", "mail": "Email",
	"chat": "Chat", "livechat": "Chat", "chatbot": "Chat",
	"delivery": "Delivery", "shipping": "Delivery", "logistics": "Delivery",
	"fieldservice": "Field service", "field": "Field service", "onsite": "Field service",
	"other": "Other",
}

// NormalizeTouchpoint returns the usual spelling of a known touchpoint and
// the trimmed text of any other.
func NormalizeTouchpoint(s string) string {
	if t, ok := touchpointSynonyms[normalizeName(s)]; ok {
		return t
	}
	return strings.Join(strings.Fields(s), " ")
}

// CXIssue is one recorded customer-experience failure.
type CXIssue struct {
	ID          int64
	Date        time.Time
	Touchpoint  string
	Unit        string // business unit, or "" for all
	Severity    Severity
	Description string
	RootCause   string
	Status      IssueStatus
	Discipline  string // discipline key, or ""
	ActionID    int64  // the action that fixes it, or 0
	ActionTitle string // that action's title, as workbooks name it
	Resolved    time.Time
}

// Key is the issue's natural key: date, touchpoint and description.
func (i CXIssue) Key() string {
	return i.Date.Format(time.DateOnly) + "|" + normalizeName(i.Touchpoint) + "|" + normalizeName(i.Description)
}

// TimeToResolve is how long the issue took to resolve; ok is false while it
// is not resolved or has no resolution date.
func (i CXIssue) TimeToResolve() (d time.Duration, ok bool) {
	if i.Status != IssueResolved || i.Resolved.IsZero() || i.Date.IsZero() {
		return 0, false
	}
	return Day(i.Resolved).Sub(Day(i.Date)), true
}

// Validate checks an issue.
func (i CXIssue) Validate() error {
	if i.Date.IsZero() {
		return errors.New("an issue needs the date it happened")
	}
	if strings.TrimSpace(i.Description) == "" {
		return errors.New("an issue needs a description")
	}
	if _, err := ParseSeverity(string(i.Severity)); err != nil {
		return err
	}
	if _, err := ParseIssueStatus(string(i.Status)); err != nil {
		return err
	}
	if i.Discipline != "" {
		if _, ok := DefaultFramework().Discipline(i.Discipline); !ok {
			return fmt.Errorf("unknown discipline %q", i.Discipline)
		}
	}
	if !i.Resolved.IsZero() && Day(i.Resolved).Before(Day(i.Date)) {
		return errors.New("an issue cannot be resolved before it happened")
	}
	return nil
}

// Event is a dated annotation on the timeline: an outage, a relaunch, a
// reorganisation. Unit "" means all units.
type Event struct {
	ID          int64
	Date        time.Time
	Unit        string
	Title       string
	Description string
}

// Key is the event's natural key: date, unit and title.
func (e Event) Key() string {
	return e.Date.Format(time.DateOnly) + "|" + normalizeName(e.Unit) + "|" + normalizeName(e.Title)
}

// Period is the period of granularity g the event falls in.
func (e Event) Period(g Granularity) Period {
	p, _ := PeriodOf(e.Date).Rollup(g)
	return p
}

// Validate checks an event.
func (e Event) Validate() error {
	if e.Date.IsZero() {
		return errors.New("an event needs a date")
	}
	if strings.TrimSpace(e.Title) == "" {
		return errors.New("an event needs a title")
	}
	return nil
}

// Stale says whether a metric whose last value is in period last has had
// no value for more than n periods by period now (both of one
// granularity). A metric with no value at all (last zero) is stale.
func Stale(last, now Period, n int) bool {
	if last.IsZero() {
		return true
	}
	gap := 0
	for p := last; p.Before(now); p = p.Next() {
		gap++
		if gap > n {
			return true
		}
	}
	return false
}

// Day is t's calendar day at midnight UTC, so that dates compare by day
// whatever their clock time or zone.
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// AuditEntry is one change to a governance record: who (the OS user) did
// what to which record, when, with the fields before and after.
type AuditEntry struct {
	ID     int64
	At     time.Time
	User   string
	Entity string // "ownership", "action", "issue", "event"
	Record string // the record's id or key
	Change string // "created", "updated", "deleted", "imported", "undone"
	Detail string // "status: open → done; owner: → Ana"
}
