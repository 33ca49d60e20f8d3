package importers

import (
	"fmt"
	"slices"
	"strings"

	"cxdash/model"
)

// Governance sheets: Owners, Actions, Issues and Events. Like data sheets
// they are recognised by their header row, never by their name; each field
// takes the synonyms people use in their own trackers, and among them the
// canonical header the report writes (model.OwnersHeader and the others).

// Column roles of governance sheets. Unit, Discipline, Metric, Target and
// Owner keep the data and catalogue roles of the same name.
const (
	RoleSubjectType  Role = "type" // Owners: Discipline or Metric
	RoleName         Role = "name" // Owners: the discipline or metric owned
	RoleTargetDate   Role = "target-date"
	RoleCadence      Role = "review-cadence"
	RoleLastReviewed Role = "last-reviewed"
	RoleTitle        Role = "title"
	RoleDescription  Role = "description"
	RoleDue          Role = "due"
	RoleStatus       Role = "status"
	RoleGap          Role = "gap"
	RoleCreated      Role = "created"
	RoleClosed       Role = "closed"
	RoleDate         Role = "date"
	RoleTouchpoint   Role = "touchpoint"
	RoleSeverity     Role = "severity"
	RoleRootCause    Role = "root-cause"
	RoleAction       Role = "action" // Issues: the title of the linked action
	RoleResolved     Role = "resolved"
)

// govField is one column of a governance sheet: its role and the
// normalised header texts (see normHeader) that name it.
type govField struct {
	role  Role
	names []string
}

// govKind describes one governance sheet.
type govKind struct {
	layout Layout
	sheet  string   // its canonical name, model.SheetOwners and the others
	header []string // its canonical header, model.OwnersHeader and the others
	noun   string   // "action", for messages
	fields []govField
	// need are the columns a header must have, and at least min of some
	// too: enough to tell this kind of sheet from some other table that
	// happens to share a word or two.
	need   []Role
	some   []Role
	min    int
	byName map[string]Role // normalised header -> role, from fields
	roles  []Role          // the role of each header column
	titles map[Role]string // role -> its canonical header
}

// init indexes the synonyms and names each field by its canonical header.
// Every header must name a field of its own, and every field have a header,
// as the importer reads the header back: otherwise it panics.
func init() {
	for i := range govKinds {
		k := &govKinds[i]
		k.byName = map[string]Role{}
		for _, f := range k.fields {
			for _, n := range f.names {
				if _, dup := k.byName[n]; !dup {
					k.byName[n] = f.role
				}
			}
		}
		k.titles = map[Role]string{}
		for _, h := range k.header {
			r, ok := k.byName[normHeader(h)]
			if _, dup := k.titles[r]; !ok || dup {
				panic(fmt.Sprintf("importers: the %s header %q names no field of its own", k.sheet, h))
			}
			k.roles = append(k.roles, r)
			k.titles[r] = h
		}
		if len(k.titles) != len(k.fields) {
			panic(fmt.Sprintf("importers: the %s sheet has %d fields for %d headers", k.sheet, len(k.fields), len(k.header)))
		}
	}
}

// Synonyms shared by several sheets.
var (
	govOwnerNames = []string{"owner", "responsible", "accountable", "lead", "owned by", "owner name",
		"responsible person", "accountable person", "assignee", "assigned to", "action owner",
		"issue owner", "metric owner", "kpi owner", "discipline owner"}
	govUnitNames = []string{"unit", "business unit", "bu", "units", "region", "segment", "division",
		"department", "dept", "market", "country", "site", "brand", "unit name"}
	govDisciplineNames = []string{"discipline", "cx discipline", "area", "pillar", "dimension",
		"discipline name", "focus area", "linked discipline"}
	govMetricNames = []string{"metric", "kpi", "measure", "indicator", "metric name", "kpi name",
		"linked metric"}
	govDescriptionNames = []string{"description", "details", "detail", "summary", "notes", "note"}
	govStatusNames      = []string{"status", "state", "current status"}
)

// govKinds are the four governance sheets in the order they are read:
// issues link to actions by title, so actions come first.
var govKinds = []govKind{
	{
		layout: LayoutOwners, sheet: model.SheetOwners, header: model.OwnersHeader, noun: "ownership",
		fields: []govField{
			{RoleSubjectType, []string{"type", "kind", "level", "subject type", "owned type",
				"item type", "discipline or metric", "metric or discipline"}},
			{RoleName, []string{"name", "subject", "item", "discipline metric", "metric discipline",
				"owned item"}},
			{RoleOwner, govOwnerNames},
			{RoleTarget, []string{"target", "goal", "target value", "target score",
				"target level", "objective"}},
			{RoleTargetDate, []string{"target date", "goal date", "target by",
				"target deadline", "by when"}},
			{RoleCadence, []string{"review cadence", "cadence", "review frequency",
				"frequency", "review cycle", "reviewed every"}},
			{RoleLastReviewed, []string{"last reviewed", "reviewed", "last review",
				"last review date", "reviewed on", "date reviewed", "last reviewed on"}},
		},
		need: []Role{RoleSubjectType, RoleName},
		some: []Role{RoleOwner, RoleTarget, RoleTargetDate, RoleCadence, RoleLastReviewed}, min: 2,
	},
	{
		layout: LayoutActions, sheet: model.SheetActions, header: model.ActionsHeader, noun: "action",
		fields: []govField{
			{RoleTitle, []string{"title", "action", "name", "action title", "action name",
				"task", "action item"}},
			{RoleDescription, append([]string{"action description"}, govDescriptionNames...)},
			{RoleDiscipline, govDisciplineNames},
			{RoleMetric, govMetricNames},
			{RoleUnit, govUnitNames},
			{RoleOwner, govOwnerNames},
			{RoleDue, []string{"due", "due date", "deadline", "target date", "due by", "due on",
				"by when", "when due"}},
			{RoleStatus, append([]string{"action status"}, govStatusNames...)},
			{RoleGap, []string{"gap", "gap to target", "gap addressed", "score gap", "target gap"}},
			{RoleCreated, []string{"created", "created on", "created date", "date created",
				"opened", "opened on", "raised", "raised on", "date raised"}},
			{RoleClosed, []string{"closed", "closed on", "closed date", "date closed",
				"completed", "completed on", "completion date", "date completed", "done on"}},
		},
		need: []Role{RoleTitle},
		some: []Role{RoleOwner, RoleDue, RoleStatus, RoleGap, RoleCreated, RoleClosed}, min: 2,
	},
	{
		layout: LayoutIssues, sheet: model.SheetIssues, header: model.IssuesHeader, noun: "issue",
		fields: []govField{
			{RoleDate, []string{"date", "when", "occurred", "reported", "occurred on",
				"reported on", "date reported", "date occurred", "issue date", "incident date", "happened"}},
			{RoleTouchpoint, []string{"touchpoint", "touch point", "channel", "touchpoints"}},
			{RoleUnit, govUnitNames},
			{RoleSeverity, []string{"severity", "priority", "impact", "sev"}},
			{RoleDescription, append([]string{"issue", "issue description",
				"what happened"}, govDescriptionNames...)},
			{RoleRootCause, []string{"root cause", "cause", "causes", "root causes", "reason"}},
			{RoleStatus, append([]string{"issue status"}, govStatusNames...)},
			{RoleDiscipline, govDisciplineNames},
			{RoleAction, []string{"action", "linked action", "action title", "related action",
				"corrective action", "fix"}},
			{RoleResolved, []string{"resolved", "resolved on", "date resolved",
				"resolution date", "closed", "closed on", "fixed on"}},
		},
		need: []Role{RoleDate, RoleDescription},
		some: []Role{RoleTouchpoint, RoleSeverity, RoleRootCause, RoleResolved}, min: 1,
	},
	{
		layout: LayoutEvents, sheet: model.SheetEvents, header: model.EventsHeader, noun: "event",
		fields: []govField{
			{RoleDate, []string{"date", "when", "occurred", "event date", "day"}},
			{RoleUnit, govUnitNames},
			{RoleTitle, []string{"title", "event", "annotation", "name", "event title",
				"event name"}},
			{RoleDescription, govDescriptionNames},
		},
		need: []Role{RoleDate, RoleTitle},
		some: []Role{RoleUnit, RoleDescription}, min: 1,
	},
}

// enough reports whether layout l has the kind's required columns and
// enough of its others; what says what is missing.
func (k *govKind) enough(l *sheetLayout) (ok bool, what string) {
	var missing []string
	for _, r := range k.need {
		if l.col(r) < 0 {
			missing = append(missing, k.titles[r])
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		return false, "a " + missing[0] + " column"
	default:
		return false, strings.Join(missing, " and ") + " columns"
	}
	n := 0
	var names []string
	for _, r := range k.some {
		names = append(names, k.titles[r])
		if l.col(r) >= 0 {
			n++
		}
	}
	if n >= k.min {
		return true, ""
	}
	return false, fmt.Sprintf("%s of the columns %s", []string{"none", "one", "two", "three"}[min(k.min, 3)],
		strings.Join(names, ", "))
}

// govKindOf returns the governance sheet of a layout, or nil for a data or
// catalogue layout.
func govKindOf(l Layout) *govKind {
	for i := range govKinds {
		if govKinds[i].layout == l {
			return &govKinds[i]
		}
	}
	return nil
}

// isGovernance reports whether a layout is a governance sheet.
func isGovernance(l Layout) bool { return govKindOf(l) != nil }

// field returns the kind's field of role r, or nil.
func (k *govKind) field(r Role) *govField {
	for i := range k.fields {
		if k.fields[i].role == r {
			return &k.fields[i]
		}
	}
	return nil
}

// match maps a header row's columns to this kind's fields: the first column
// whose header names a field takes it. It returns nil when the row is not
// this kind's header.
func (k *govKind) match(hc []hcell, below []Row) *sheetLayout {
	l := newLayout(k.layout, hc)
	k.assign(l, hc)
	// "Level" names the subject's kind only when the cells below say
	// Discipline or Metric: in a data sheet it is a maturity score.
	if c := l.col(RoleSubjectType); c >= 0 && hc[c].norm == "level" &&
		!contentMatches(below, c, func(cell Cell) bool { _, ok := parseSubjectKind(cell.Text); return ok }) {
		l.roles[c] = RoleIgnore
	}
	if ok, _ := k.enough(l); !ok {
		return nil
	}
	return l
}

// assign gives each column whose header names a field of k that field's
// role; the first column to name a field takes it. It returns the titles
// of the fields found.
func (k *govKind) assign(l *sheetLayout, hc []hcell) []string {
	var found []string
	for c, h := range hc {
		if h.norm == "" { // empty, a period or a number (see analyseHeader)
			continue
		}
		if r, ok := k.byName[h.norm]; ok && l.col(r) < 0 {
			l.roles[c] = r
			found = append(found, k.titles[r])
		}
	}
	return found
}

// governanceCandidate finds the governance sheet a header row describes,
// the one with the most columns when several fit. A data or catalogue
// reading of the same row that maps as many columns wins: a table with
// Period, Metric and Value columns is data whatever else it has.
func governanceCandidate(hc []hcell, below []Row, env detectEnv) *sheetLayout {
	var best *sheetLayout
	bestN := 0
	for i := range govKinds {
		l := govKinds[i].match(hc, below)
		if l == nil {
			continue
		}
		if n := l.mapped(); n > bestN {
			best, bestN = l, n
		}
	}
	if best == nil {
		return nil
	}
	if d, _ := dataLayoutForHeader(hc, below, env); d != nil && d.mapped() >= bestN {
		return nil
	}
	return best
}

// dataLayoutForHeader is layoutForHeader without the governance sheets.
func dataLayoutForHeader(hc []hcell, below []Row, env detectEnv) (*sheetLayout, string) {
	if l := longCandidate(hc, below); l != nil {
		return l, ""
	}
	if l := widePeriodCandidate(hc, below, env); l != nil {
		return l, ""
	}
	if l := catalogueCandidate(hc, below); l != nil {
		return l, ""
	}
	return wideMetricCandidate(hc, below, env)
}

// mapped counts the columns with a role.
func (l *sheetLayout) mapped() int {
	n := 0
	for _, r := range l.roles {
		if r != RoleIgnore {
			n++
		}
	}
	return n
}

// governancePartial scores a row that names some governance columns but
// not enough for a sheet, and says what is missing, so that a skipped
// Actions sheet explains itself.
func governancePartial(hc []hcell) (int, string) {
	bestN, desc := 0, ""
	for i := range govKinds {
		k := &govKinds[i]
		l := newLayout(k.layout, hc)
		found := k.assign(l, hc)
		if len(found) < 2 || len(found) <= bestN {
			continue
		}
		ok, what := k.enough(l)
		if ok {
			continue // a whole header, which a data reading beat
		}
		bestN = len(found)
		desc = fmt.Sprintf("%s, which looks like %s sheet but needs %s (%s)", strings.Join(found, ", "),
			govArticle(k), what, k.headerList())
	}
	return bestN, desc
}

// govArticle is "an Actions", "an Owners", "an Issues", "an Events".
func govArticle(k *govKind) string { return "an " + k.sheet }

// headerList names the canonical columns: "Date, Unit, Title, Description".
func (k *govKind) headerList() string { return strings.Join(k.header, ", ") }

// governanceFromMapping builds a governance layout from a mapping chosen in
// the preview. ok is false when the mapping has no governance-only role,
// so that data mappings are handled as before. The sheet is the first kind
// every mapped role belongs to.
func governanceFromMapping(hc []hcell, m Mapping) (l *sheetLayout, why string, ok bool) {
	gov := false
	for _, r := range m {
		if govOnlyRole(r) {
			gov = true
			break
		}
	}
	if !gov {
		return nil, "", false
	}
	var closest *govKind
	for i := range govKinds {
		k := &govKinds[i]
		fits := true
		for _, r := range m {
			if r != "" && r != RoleIgnore && k.field(r) == nil {
				fits = false
				break
			}
		}
		if !fits {
			continue
		}
		if closest == nil {
			closest = k
		}
		l := newLayout(k.layout, hc)
		for c, r := range m {
			if c < 0 || c >= 16384 || r == "" || r == RoleIgnore {
				continue
			}
			l.resize(c + 1)
			if l.col(r) >= 0 {
				return nil, fmt.Sprintf("the mapping gives two columns the role %s", roleTitle(r)), true
			}
			l.roles[c] = r
		}
		missing := ""
		for _, r := range k.need {
			if l.col(r) < 0 {
				missing = k.titles[r]
				break
			}
		}
		if missing == "" {
			return l, "", true
		}
	}
	if closest == nil {
		return nil, "the mapping mixes columns of a governance sheet (Owners, Actions, Issues, Events) with columns " +
			"of a data sheet or of another governance sheet", true
	}
	var need []string
	for _, r := range closest.need {
		need = append(need, closest.titles[r])
	}
	what := "a " + need[0] + " column"
	if len(need) > 1 {
		what = strings.Join(need, " and ") + " columns"
	}
	return nil, fmt.Sprintf("the mapping has columns of %s sheet, which needs %s", govArticle(closest), what), true
}

// govOnlyRole reports a role no data or catalogue sheet has.
func govOnlyRole(r Role) bool {
	switch r {
	case RoleSubjectType, RoleName, RoleTargetDate, RoleCadence, RoleLastReviewed, RoleTitle,
		RoleDescription, RoleDue, RoleStatus, RoleGap, RoleCreated, RoleClosed, RoleDate,
		RoleTouchpoint, RoleSeverity, RoleRootCause, RoleAction, RoleResolved:
		return true
	}
	return false
}

// GovernanceRoles lists the column roles of a governance layout in the
// order of its canonical headers (for choosing a column's role in the
// preview); nil for other layouts.
func GovernanceRoles(l Layout) []Role {
	k := govKindOf(l)
	if k == nil {
		return nil
	}
	return slices.Clone(k.roles)
}

// governancePreviewColumns names the Preview fields of a governance sheet:
// its canonical headers. nil for other layouts.
func governancePreviewColumns(l Layout) []string {
	k := govKindOf(l)
	if k == nil {
		return nil
	}
	return slices.Clone(k.header)
}
