package importers

import (
	"fmt"
	"slices"
	"strings"

	"cxdash/model"
)

// sheetLayout says how a sheet's rows are read: where its header is and what
// each column means.
type sheetLayout struct {
	layout    Layout
	headerPos int // index of the header among the rows read for detection
	headerRow int // Row.Index of the header
	headers   []string
	roles     []Role
	periods   []model.Period // for RolePeriodValues columns
	metrics   []string       // for RoleMetricValues columns

	// Filled in by index.
	period, periodPart, unit, metric, value, discipline, target, note int
	measureUnit, direction, scale, weight, owner                      int
	thresholds                                                        [5]int
	partQuarter                                                       bool  // the period part column holds quarters
	valueCols                                                         []int // period- or metric-values columns

	survey *surveyPlan // LayoutSurvey: how its rows are read (survey.go)
}

func (l *sheetLayout) resize(n int) {
	// Grown in one step each: a 16,384-column header otherwise costs
	// megabytes of regrowth per candidate layout.
	if k := n - len(l.roles); k > 0 {
		l.headers = append(l.headers, make([]string, k)...)
		l.roles = append(l.roles, slices.Repeat([]Role{RoleIgnore}, k)...)
		l.periods = append(l.periods, make([]model.Period, k)...)
		l.metrics = append(l.metrics, make([]string, k)...)
	}
}

// col returns the first column with role r, or -1.
func (l *sheetLayout) col(r Role) int {
	for c, x := range l.roles {
		if x == r {
			return c
		}
	}
	return -1
}

// index finds the column of each role. Two Period columns are read as one
// period when one is a Year and the other a Month or Quarter.
func (l *sheetLayout) index() {
	l.period, l.periodPart = l.col(RolePeriod), -1
	if l.period >= 0 {
		for c := l.period + 1; c < len(l.roles); c++ {
			if l.roles[c] != RolePeriod {
				continue
			}
			a, b := normHeader(l.headers[l.period]), normHeader(l.headers[c])
			if isYearHeader(a) && isPartHeader(b) {
				l.periodPart = c
			} else if isPartHeader(a) && isYearHeader(b) {
				l.period, l.periodPart = c, l.period
			}
			if l.periodPart >= 0 {
				l.partQuarter = strings.Contains(normHeader(l.headers[l.periodPart]), "quarter")
			}
			break
		}
	}
	l.unit, l.metric, l.value = l.col(RoleUnit), l.col(RoleMetric), l.col(RoleValue)
	l.discipline, l.target, l.note = l.col(RoleDiscipline), l.col(RoleTarget), l.col(RoleNote)
	l.measureUnit, l.direction, l.scale = l.col(RoleMeasureUnit), l.col(RoleDirection), l.col(RoleScale)
	l.weight, l.owner = l.col(RoleWeight), l.col(RoleOwner)
	for i, r := range []Role{RoleT1, RoleT2, RoleT3, RoleT4, RoleT5} {
		l.thresholds[i] = l.col(r)
	}
	l.valueCols = l.valueCols[:0]
	for c, r := range l.roles {
		if r == RolePeriodValues || r == RoleMetricValues {
			l.valueCols = append(l.valueCols, c)
		}
	}
}

// catalogueOnly are roles that only a catalogue sheet has.
var catalogueOnly = map[Role]bool{
	RoleMeasureUnit: true, RoleDirection: true, RoleScale: true, RoleT1: true, RoleT2: true,
	RoleT3: true, RoleT4: true, RoleT5: true, RoleWeight: true, RoleOwner: true,
}

// layoutFromMapping applies a mapping chosen by the user to a header row.
// It returns a reason when the mapping cannot be used as it is.
func layoutFromMapping(hc []hcell, m Mapping) (*sheetLayout, string) {
	if l, why, ok := governanceFromMapping(hc, m); ok { // a governance sheet's columns
		return l, why
	}
	width := len(hc)
	for c := range m {
		if c >= width && c < 16384 {
			width = c + 1
		}
	}
	l := &sheetLayout{}
	l.resize(width)
	kinds := map[Role]int{}
	for c := 0; c < width; c++ {
		var h hcell
		if c < len(hc) {
			h = hc[c]
		}
		l.headers[c] = h.text
		r, ok := m[c]
		if !ok || r == "" {
			r = RoleIgnore
		}
		switch r {
		case RolePeriodValues:
			if !h.isPeriod {
				return nil, fmt.Sprintf("column %s (%q) is mapped to period values but its header is not a period", columnLetters(c), h.text)
			}
			l.periods[c] = h.period
		case RoleMetricValues:
			name := strings.TrimSpace(h.text)
			if name == "" {
				return nil, fmt.Sprintf("column %s is mapped to metric values but has no header to name the metric", columnLetters(c))
			}
			l.metrics[c] = name
		}
		l.roles[c] = r
		kinds[r]++
	}
	need := func(rs ...Role) string {
		var missing []string
		for _, r := range rs {
			if kinds[r] == 0 {
				missing = append(missing, roleTitle(r))
			}
		}
		if len(missing) == 0 {
			return ""
		}
		return "the mapping has no " + strings.Join(missing, ", ") + " column"
	}
	hasCat := false
	for r := range catalogueOnly {
		hasCat = hasCat || kinds[r] > 0
	}
	var why string
	switch {
	case kinds[RolePeriodValues] > 0:
		l.layout, why = LayoutWidePeriod, need(RoleMetric)
	case kinds[RoleMetricValues] > 0:
		l.layout, why = LayoutWideMetric, need(RolePeriod)
	case kinds[RoleValue] > 0:
		l.layout, why = LayoutLong, need(RolePeriod, RoleMetric)
	case hasCat:
		l.layout, why = LayoutCatalogue, need(RoleMetric, RoleDiscipline)
	default:
		return nil, "the mapping has no Value column, no period or metric columns and no catalogue columns"
	}
	if why != "" {
		return nil, why
	}
	return l, ""
}

// columns lists a layout's columns for the result: every column with a
// header or a role.
func (l *sheetLayout) columns() []Column {
	var cols []Column
	for c, r := range l.roles {
		if r == RoleIgnore && strings.TrimSpace(l.headers[c]) == "" {
			continue
		}
		cols = append(cols, Column{Index: c, Letter: columnLetters(c), Header: l.headers[c], Role: r,
			Period: l.periods[c], Metric: l.metrics[c]})
	}
	return cols
}

// describe says how the sheet was read, for SheetResult.Reason.
func (l *sheetLayout) describe() string {
	var parts []string
	periods, metrics := 0, 0
	for c, r := range l.roles {
		switch r {
		case RoleIgnore:
		case RolePeriodValues:
			periods++
		case RoleMetricValues:
			metrics++
		default:
			parts = append(parts, fmt.Sprintf("%s in %s", roleTitle(r), columnLetters(c)))
		}
	}
	if periods > 0 {
		parts = append(parts, fmt.Sprintf("%d period column(s)", periods))
	}
	if metrics > 0 {
		parts = append(parts, fmt.Sprintf("%d metric column(s)", metrics))
	}
	return fmt.Sprintf("%s layout, header on row %d: %s", l.layout, l.headerRow, strings.Join(parts, ", "))
}
