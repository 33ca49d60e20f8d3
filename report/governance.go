package report

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cxdash/model"
)

// The governance part of a report is worked out once here, so that the
// Excel and the HTML report count the same things the same way.

const (
	// maxTouchpoints is how many touchpoints the issue charts tell apart;
	// the rest are summed as otherTouchpoints, so that a log with many
	// free-text touchpoints still gives a readable chart.
	maxTouchpoints   = 12
	otherTouchpoints = "All other touchpoints"
	noTouchpoint     = "(no touchpoint)"
	// maxIssuePeriods is the longest run of periods the issue charts show
	// one by one; a longer span (a mistyped year) shows only the periods
	// with issues.
	maxIssuePeriods = 120
	// upcomingEvents is how many coming events the summaries list.
	upcomingEvents = 5
)

// governance is what the reports show of owners, actions, issues and events.
type governance struct {
	asOf time.Time
	gran model.Granularity

	ownerships []model.Ownership // disciplines in framework order, then metrics by name
	actions    []model.Action
	open       int            // actions neither done nor dropped
	overdue    []model.Action // open and past due on asOf, most overdue first
	titles     map[int64]string

	issues         []model.CXIssue
	openIssues     int
	openBySeverity [4]int // open issues by model.Severities order

	// Issues opened per period: periods, touchpoints and counts[period][touchpoint];
	// bySeverity[period][severity] in model.Severities order.
	periods     []model.Period
	touchpoints []string
	counts      [][]int
	bySeverity  [][]int
	resolve     []resolveRow // per touchpoint, then all touchpoints last

	events   []model.Event // date order
	upcoming []model.Event // on or after asOf, the first upcomingEvents
}

// resolveRow is how long issues at one touchpoint took to resolve.
type resolveRow struct {
	touchpoint string
	resolved   int
	open       int
	median     float64 // days; valid when resolved > 0
	longest    float64 // days
}

func (g *governance) empty() bool {
	return len(g.ownerships) == 0 && len(g.actions) == 0 && len(g.issues) == 0 && len(g.events) == 0
}

// newGovernance sorts and counts d's governance records.
func newGovernance(d Data) *governance {
	g := &governance{asOf: model.Day(d.AsOf), gran: model.Quarter, titles: map[int64]string{}}
	if d.AsOf.IsZero() {
		g.asOf = model.Day(time.Now())
	}
	if len(d.Trend) > 0 {
		g.gran = d.Trend[0].Period.Gran
	}

	order := map[string]int{}
	for i, ds := range d.Framework.Disciplines {
		order[ds.Key] = i
	}
	g.ownerships = slices.Clone(d.Ownerships)
	slices.SortStableFunc(g.ownerships, func(a, b model.Ownership) int {
		if a.Kind != b.Kind {
			if a.Kind == model.SubjectDiscipline {
				return -1
			}
			return 1
		}
		if a.Kind == model.SubjectDiscipline {
			return cmp.Compare(order[a.Key], order[b.Key])
		}
		return cmp.Compare(strings.ToLower(a.Key), strings.ToLower(b.Key))
	})

	g.actions = d.Actions
	for _, a := range d.Actions {
		g.titles[a.ID] = a.Title
		if !a.Status.Closed() {
			g.open++
		}
		if a.Overdue(g.asOf) {
			g.overdue = append(g.overdue, a)
		}
	}
	slices.SortStableFunc(g.overdue, func(a, b model.Action) int { return a.Due.Compare(b.Due) })

	g.issues = d.Issues
	for _, i := range d.Issues {
		if i.Status != model.IssueResolved {
			g.openIssues++
			if r := i.Severity.Rank(); r > 0 {
				g.openBySeverity[r-1]++
			}
		}
	}
	g.countIssues()
	g.resolveTimes()

	g.events = slices.Clone(d.Events)
	slices.SortStableFunc(g.events, func(a, b model.Event) int { return a.Date.Compare(b.Date) })
	for _, e := range g.events {
		if !model.Day(e.Date).Before(g.asOf) && len(g.upcoming) < upcomingEvents {
			g.upcoming = append(g.upcoming, e)
		}
	}
	return g
}

// touchpointOf is the touchpoint an issue is counted under.
func touchpointOf(i model.CXIssue) string {
	if t := model.NormalizeTouchpoint(i.Touchpoint); t != "" {
		return t
	}
	return noTouchpoint
}

// countIssues counts the issues opened per period, by touchpoint and by
// severity. Known touchpoints come in their usual order, others by how
// many issues they have.
func (g *governance) countIssues() {
	if len(g.issues) == 0 {
		return
	}
	perTouchpoint := map[string]int{}
	var first, last model.Period
	for _, i := range g.issues {
		perTouchpoint[touchpointOf(i)]++
		p := issuePeriod(i, g.gran)
		if first.IsZero() || p.Before(first) {
			first = p
		}
		if last.IsZero() || last.Before(p) {
			last = p
		}
	}
	known := map[string]int{}
	for i, t := range model.Touchpoints {
		known[t] = i
	}
	for t := range perTouchpoint {
		g.touchpoints = append(g.touchpoints, t)
	}
	slices.SortFunc(g.touchpoints, func(a, b string) int {
		ka, oka := known[a]
		kb, okb := known[b]
		switch {
		case oka && okb:
			return cmp.Compare(ka, kb)
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(perTouchpoint[b], perTouchpoint[a]), strings.Compare(a, b))
	})
	column := map[string]int{}
	if len(g.touchpoints) > maxTouchpoints {
		// The least frequent go into one column, whatever their kind.
		byCount := slices.Clone(g.touchpoints)
		slices.SortStableFunc(byCount, func(a, b string) int { return cmp.Compare(perTouchpoint[b], perTouchpoint[a]) })
		keep := map[string]bool{}
		for _, t := range byCount[:maxTouchpoints-1] {
			keep[t] = true
		}
		g.touchpoints = slices.DeleteFunc(g.touchpoints, func(t string) bool { return !keep[t] })
		g.touchpoints = append(g.touchpoints, otherTouchpoints)
	}
	for i, t := range g.touchpoints {
		column[t] = i
	}
	other := len(g.touchpoints) - 1

	span := 0
	for p := first; !last.Before(p) && span <= maxIssuePeriods; p = p.Next() {
		span++
	}
	if span <= maxIssuePeriods {
		for p := first; !last.Before(p); p = p.Next() {
			g.periods = append(g.periods, p)
		}
	} else {
		seen := map[model.Period]bool{}
		for _, i := range g.issues {
			if p := issuePeriod(i, g.gran); !seen[p] {
				seen[p] = true
				g.periods = append(g.periods, p)
			}
		}
		slices.SortFunc(g.periods, func(a, b model.Period) int {
			if a.Before(b) {
				return -1
			}
			if b.Before(a) {
				return 1
			}
			return 0
		})
	}
	row := map[model.Period]int{}
	for i, p := range g.periods {
		row[p] = i
	}
	g.counts = make([][]int, len(g.periods))
	g.bySeverity = make([][]int, len(g.periods))
	for i := range g.periods {
		g.counts[i] = make([]int, len(g.touchpoints))
		g.bySeverity[i] = make([]int, len(model.Severities))
	}
	for _, i := range g.issues {
		r := row[issuePeriod(i, g.gran)]
		c, ok := column[touchpointOf(i)]
		if !ok {
			c = other
		}
		g.counts[r][c]++
		if s := i.Severity.Rank(); s > 0 {
			g.bySeverity[r][s-1]++
		}
	}
}

func issuePeriod(i model.CXIssue, g model.Granularity) model.Period {
	p, _ := model.PeriodOf(i.Date).Rollup(g)
	return p
}

// resolveTimes works out the median and longest time to resolve per
// touchpoint, and over all issues last.
func (g *governance) resolveTimes() {
	if len(g.issues) == 0 {
		return
	}
	days := map[string][]float64{}
	open := map[string]int{}
	var all []float64
	for _, i := range g.issues {
		t := touchpointOf(i)
		d, ok := i.TimeToResolve()
		if !ok {
			if i.Status != model.IssueResolved {
				open[t]++
			}
			if _, seen := days[t]; !seen {
				days[t] = nil
			}
			continue
		}
		days[t] = append(days[t], d.Hours()/24)
		all = append(all, d.Hours()/24)
	}
	var names []string
	for t := range days {
		names = append(names, t)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	for _, t := range names {
		g.resolve = append(g.resolve, newResolveRow(t, days[t], open[t]))
	}
	g.resolve = append(g.resolve, newResolveRow("All touchpoints", all, g.openIssues))
}

func newResolveRow(t string, days []float64, open int) resolveRow {
	r := resolveRow{touchpoint: t, resolved: len(days), open: open}
	if len(days) == 0 {
		return r
	}
	slices.Sort(days)
	n := len(days)
	r.median = days[n/2]
	if n%2 == 0 {
		r.median = (days[n/2-1] + days[n/2]) / 2
	}
	r.longest = days[n-1]
	return r
}

// daysLate is how many days an action is past its due day on asOf.
func (g *governance) daysLate(a model.Action) int {
	return int(g.asOf.Sub(model.Day(a.Due)).Hours() / 24)
}

// actionTitle is the title of the action an issue links to.
func (g *governance) actionTitle(i model.CXIssue) string {
	if i.ActionTitle != "" {
		return i.ActionTitle
	}
	return g.titles[i.ActionID]
}

// disciplineName is how a discipline key is written in a workbook's data
// sheets: the framework's name when the importer reads it back as the
// same discipline, else the default name, so that the sheet round-trips.
func disciplineName(fw model.Framework, key string) string {
	if key == "" {
		return ""
	}
	if ds, ok := fw.Discipline(key); ok {
		if k, ok := model.ParseDiscipline(ds.Name); ok && k == key {
			return ds.Name
		}
	}
	if ds, ok := model.DefaultFramework().Discipline(key); ok {
		return ds.Name
	}
	return key
}

// displayDiscipline is a discipline's name as the workspace calls it.
func displayDiscipline(fw model.Framework, key string) string {
	if ds, ok := fw.Discipline(key); ok {
		return ds.Name
	}
	return key
}

// touchpointColours tell up to maxTouchpoints touchpoints apart: the
// Okabe-Ito palette, then darker tones.
var touchpointColours = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
	"#F0E442", "#000000", "#7F3C8D", "#11A579", "#8C6D31", "#999999"}

// severityColours run from calm to alarming, in model.Severities order.
var severityColours = []string{"#9FB3C8", "#E69F00", "#D55E00", "#8B0000"}

// actionStatus is an action's status as a cell shows it; blank is open.
func actionStatus(a model.Action) string {
	if a.Status == "" {
		return capitalised(string(model.ActionOpen))
	}
	return capitalised(string(a.Status))
}

// issueStatus is an issue's status as a cell shows it; blank is open.
func issueStatus(i model.CXIssue) string {
	if i.Status == "" {
		return capitalised(string(model.IssueOpen))
	}
	return capitalised(string(i.Status))
}

// capitalised is a status or severity as a person writes it: "In progress".
func capitalised(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// kindLabel is the Owners sheet's Type of an ownership.
func kindLabel(k model.SubjectKind) string {
	if k == model.SubjectMetric {
		return "Metric"
	}
	return "Discipline"
}

// ownedName is the Name of an ownership in a workbook.
func ownedName(fw model.Framework, o model.Ownership) string {
	if o.Kind == model.SubjectDiscipline {
		return disciplineName(fw, o.Key)
	}
	return o.Key
}

// cutText shortens s to n characters with an ellipsis, for chart labels.
func cutText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}
