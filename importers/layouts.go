package importers

import (
	"fmt"
	"strings"

	"cxdash/model"
)

// The four layouts a header row can describe. Each candidate function
// returns nil when the row is not a header of its kind.

// layoutForHeader builds the layout a header row describes, or nil and,
// when the row came close, why it is not one. Data layouts win over a
// catalogue when a row could be both, and long over wide.
func layoutForHeader(hc []hcell, below []Row, env detectEnv) (*sheetLayout, string) {
	// First a governance sheet (Owners, Actions, Issues, Events), unless a
	// data reading maps as many columns (governance.go).
	if l := governanceCandidate(hc, below, env); l != nil {
		return l, ""
	}
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

// checkWeak drops roles guessed from part of a header ("Flat surface area",
// "Ship date") when the cells below do not fit them: a column only counts as
// a Period or Discipline by a loose header if it holds periods or
// disciplines.
func (l *sheetLayout) checkWeak(hc []hcell, below []Row) {
	for c, r := range l.roles {
		if c >= len(hc) || hc[c].strong {
			continue
		}
		switch {
		case r == RolePeriod && !contentMatches(below, c, cellIsPeriod),
			r == RoleDiscipline && !contentMatches(below, c, cellIsDiscipline):
			l.roles[c] = RoleIgnore
		}
	}
}

// pickCol returns the first column whose role (data or catalogue) is r,
// preferring exact synonyms, or -1.
func pickCol(hc []hcell, r Role, cat bool, taken []Role) int {
	weak := -1
	for c, h := range hc {
		if !h.known || (c < len(taken) && taken[c] != RoleIgnore) {
			continue
		}
		role := h.roles.data
		if cat {
			role = h.roles.cat
		}
		if role != r {
			continue
		}
		if h.strong {
			return c
		}
		if weak < 0 {
			weak = c
		}
	}
	return weak
}

// newLayout starts a layout with every column ignored.
func newLayout(kind Layout, hc []hcell) *sheetLayout {
	l := &sheetLayout{layout: kind}
	l.resize(len(hc))
	for c, h := range hc {
		l.headers[c] = h.text
	}
	return l
}

// assign gives column c role r when c exists; it reports whether it did.
func (l *sheetLayout) assign(c int, r Role) bool {
	if c < 0 || c >= len(l.roles) {
		return false
	}
	l.roles[c] = r
	return true
}

// longCandidate needs Period, Metric and Value columns.
func longCandidate(hc []hcell, below []Row) *sheetLayout {
	l := newLayout(LayoutLong, hc)
	for _, r := range []Role{RolePeriod, RoleMetric, RoleValue} {
		if !l.assign(pickCol(hc, r, false, l.roles), r) {
			return nil
		}
	}
	for _, r := range []Role{RoleUnit, RoleDiscipline, RoleTarget, RoleNote} {
		l.assign(pickCol(hc, r, false, l.roles), r)
	}
	l.checkWeak(hc, below)
	if l.col(RolePeriod) < 0 {
		return nil
	}
	l.assignSplitPeriod(hc)
	return l
}

// assignSplitPeriod pairs a Year column with a Month or Quarter column
// ("Year | Quarter | ...") so that the two read as one period (see index).
func (l *sheetLayout) assignSplitPeriod(hc []hcell) {
	p := l.col(RolePeriod)
	if p < 0 {
		return
	}
	for c, h := range hc {
		if c == p || l.roles[c] != RoleIgnore || h.roles.data != RolePeriod {
			continue
		}
		a, b := hc[p].norm, h.norm
		if (isYearHeader(a) && isPartHeader(b)) || (isPartHeader(a) && isYearHeader(b)) {
			l.roles[c] = RolePeriod
			return
		}
	}
}

func isYearHeader(n string) bool { return n == "year" || n == "fiscal year" || n == "fy" }
func isPartHeader(n string) bool {
	return n == "month" || n == "quarter" || n == "fiscal quarter" || n == "fiscal month"
}

// widePeriodCandidate needs period headers (texts, dates or year numbers)
// and a label column for the metric: a Metric header, or else the text
// column just left of the first period, which may have no header at all.
func widePeriodCandidate(hc []hcell, below []Row, env detectEnv) *sheetLayout {
	label := pickCol(hc, RoleMetric, false, nil)
	if label >= 0 && !hc[label].strong {
		label = -1 // "Metric / Year" style labels are found below by content
	}
	if label < 0 {
		first := -1
		for c, h := range hc {
			if h.isPeriod {
				first = c
				break
			}
		}
		for c := first - 1; c >= 0; c-- {
			h := hc[c]
			if h.known && h.strong && h.roles.data != RoleMetric {
				continue // Unit, Discipline and the like sit beside the label
			}
			if mostlyText(below, c, env) {
				label = c
			}
			break
		}
		if label < 0 {
			return nil
		}
	}
	named := hc[label].strong && hc[label].roles.data == RoleMetric
	l := newLayout(LayoutWidePeriod, hc)
	l.assign(label, RoleMetric)
	distinct := map[model.Period]bool{}
	var cols []int
	for c, h := range hc {
		switch {
		case c != label && h.isPeriod:
			l.roles[c] = RolePeriodValues
			l.periods[c] = h.period
			distinct[h.period] = true
			cols = append(cols, c)
		case h.numeric && !named:
			return nil // numbers that are not periods: a data row
		}
	}
	if len(cols) == 0 || (hc[label].text != "" && !hc[label].known && len(distinct) < 2) {
		return nil
	}
	// Without a Metric header, the cells below must be numbers: a row of
	// dates over more dates is data, and so is the last row of a sheet.
	if numeric, blank := countNumeric(below, cols, env); numeric == 0 && (!blank || !named) {
		return nil
	}
	for _, r := range []Role{RoleUnit, RoleDiscipline, RoleTarget, RoleNote} {
		l.assign(pickCol(hc, r, false, l.roles), r)
	}
	l.checkWeak(hc, below)
	return l
}

// catalogueCandidate needs Metric and Discipline columns and at least one
// attribute that only a catalogue has: Direction, Scale, t1..t5, Weight or
// an explicit unit of measure.
func catalogueCandidate(hc []hcell, below []Row) *sheetLayout {
	l := newLayout(LayoutCatalogue, hc)
	if !l.assign(pickCol(hc, RoleMetric, true, l.roles), RoleMetric) ||
		!l.assign(pickCol(hc, RoleDiscipline, true, l.roles), RoleDiscipline) {
		return nil
	}
	attrs := 0
	for _, r := range []Role{RoleDirection, RoleScale, RoleT1, RoleT2, RoleT3, RoleT4, RoleT5,
		RoleWeight, RoleMeasureUnit, RoleTarget, RoleOwner, RoleNote} {
		c := pickCol(hc, r, true, l.roles)
		if !l.assign(c, r) {
			continue
		}
		switch r {
		case RoleTarget, RoleOwner, RoleNote:
		case RoleMeasureUnit:
			if hc[c].norm != "unit" && hc[c].norm != "units" {
				attrs++ // "Unit" alone does not make a catalogue
			}
		default:
			attrs++
		}
	}
	l.checkWeak(hc, below)
	if attrs == 0 || l.col(RoleDiscipline) < 0 {
		return nil
	}
	return l
}

// wideMetricCandidate needs a Period column and metric columns: headers
// that are known metrics, or text over numbers. At least one must be a known
// metric (a KPI, or in the workspace's or this file's catalogue): a sheet of
// nothing but unknown columns is more likely not CX data at all, and could
// not be imported anyway, since wide sheets give no discipline.
func wideMetricCandidate(hc []hcell, below []Row, env detectEnv) (*sheetLayout, string) {
	for _, h := range hc {
		if h.strong && h.roles.data == RoleMetric {
			return nil, "" // a Metric column means long or wide by period
		}
	}
	l := newLayout(LayoutWideMetric, hc)
	if !l.assign(pickCol(hc, RolePeriod, false, l.roles), RolePeriod) {
		return nil, ""
	}
	l.checkWeak(hc, below)
	if l.col(RolePeriod) < 0 {
		return nil, ""
	}
	l.assignSplitPeriod(hc)
	for _, r := range []Role{RoleUnit, RoleNote} {
		l.assign(pickCol(hc, r, false, l.roles), r)
	}
	known := 0
	var unknown []string
	for c, h := range hc {
		if l.roles[c] != RoleIgnore || h.text == "" || h.isPeriod || h.numeric {
			continue
		}
		ok := h.metric
		if ok {
			known++
		} else if !h.strong {
			numeric, _ := countNumeric(below, []int{c}, env)
			ok = numeric > 0 && !mostlyText(below, c, env)
			if ok {
				unknown = append(unknown, strings.TrimSpace(h.text))
			}
		}
		if ok {
			l.roles[c] = RoleMetricValues
			l.metrics[c] = strings.TrimSpace(h.text)
		}
	}
	if known == 0 {
		if len(unknown) == 0 {
			return nil, ""
		}
		if len(unknown) > 5 {
			unknown = append(unknown[:5], "...")
		}
		return nil, fmt.Sprintf("a period column (%s) with metrics across, but none of them is a known metric (%s): "+
			"define them in a catalogue sheet (Metric, Discipline, Direction, Scale, t1..t5)",
			hc[l.col(RolePeriod)].text, strings.Join(unknown, ", "))
	}
	return l, ""
}
