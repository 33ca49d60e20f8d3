package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"cxdash/model"
)

// Detection limits: the header is looked for among the first headerScanRows
// non-empty rows, and up to sampleRows rows below a candidate are read to
// check its contents.
const (
	headerScanRows = 30
	sampleRows     = 20
)

// detectEnv is what detection needs to know beyond the cells.
type detectEnv struct {
	// knownMetric says whether a header names a metric: a known KPI or one
	// in the workspace's catalogue.
	knownMetric func(name string) bool
	// decimalComma is the book's decimal mark, for numbers typed as text.
	decimalComma bool
}

// hcell is one header cell as detection sees it.
type hcell struct {
	text     string // as shown; "Q1 2024" for a two-level header
	norm     string
	roles    headerRoles
	strong   bool // roles from an exact synonym
	known    bool // roles found at all
	isPeriod bool
	period   model.Period
	metric   bool // names a known metric
	numeric  bool // a number: never a metric name
}

// noHeader is the reason of a sheet without a recognisable header.
const noHeader = "no header row found in the first 30 rows: expected columns Period, Metric, Value " +
	"(or a metric column with periods across, a period column with metrics across, " +
	"or a catalogue with Metric, Discipline, Direction, Scale, t1..t5)"

// detectLayout finds the header row and layout of a sheet from its first
// non-empty rows. It returns nil and a reason when no header is recognised;
// hint then says what the closest row had ("row 3 has Period, Metric but no
// Value column") and pos is that row's position, where a mapping chosen by
// the user applies.
func detectLayout(rows []Row, env detectEnv) (lay *sheetLayout, reason, hint string, pos int) {
	bestScore, hintScore := -1, 0
	for i := 0; i < len(rows) && i < headerScanRows; i++ {
		if rows[i].Empty() {
			continue
		}
		hc := analyseHeader(rows, i, env)
		below := rows[i+1:]
		if len(below) > sampleRows {
			below = below[:sampleRows]
		}
		l, why := layoutForHeader(hc, below, env)
		if l != nil {
			l.headerPos, l.headerRow = i, rows[i].Index
			if s := layoutScore(l, hc); s > bestScore {
				lay, bestScore = l, s
			}
			continue
		}
		s, desc := partialHeader(hc)
		if gs, gd := governancePartial(hc); gs > s { // a governance header short of a column
			s, desc = gs, gd
		}
		if why != "" {
			s, desc = 100, why
		}
		if s > hintScore {
			hint, hintScore, pos = fmt.Sprintf("row %d has %s", rows[i].Index, desc), s, i
		}
	}
	if lay != nil {
		return lay, "", "", lay.headerPos
	}
	reason = noHeader
	if hint != "" {
		reason += "; " + hint
	}
	return nil, reason, hint, pos
}

// layoutScore ranks complete candidates: more mapped columns (distinct
// periods) win, exact synonyms break ties, and the earliest row wins what is
// left.
func layoutScore(l *sheetLayout, hc []hcell) int {
	used, strong := 0, 0
	seen := map[model.Period]bool{}
	for c, r := range l.roles {
		if r == RoleIgnore {
			continue
		}
		if r == RolePeriodValues {
			// A repeated period is the upper row of a two-level header
			// (a year merged across its quarters), not a header of its own.
			if seen[l.periods[c]] {
				continue
			}
			seen[l.periods[c]] = true
		}
		used++
		if c < len(hc) && hc[c].strong {
			strong++
		}
	}
	return 10*used + strong
}

// analyseHeader reads row i as a header candidate. A row directly above it
// that holds two or more cells is read as the upper level of a two-level
// header: it fills cells left empty by vertical merges ("Metric" over two
// rows) and lends its years to quarters and months below ("2024" merged
// across "Q1".."Q4").
func analyseHeader(rows []Row, i int, env detectEnv) []hcell {
	row := rows[i]
	var above *Row
	if i > 0 && rows[i-1].Index == row.Index-1 && (distinctTexts(rows[i-1]) >= 2 || hasYear(rows[i-1])) {
		above = &rows[i-1]
	}
	width := len(row.Cells)
	if above != nil && len(above.Cells) > width {
		width = len(above.Cells)
	}
	hc := make([]hcell, width)
	var year model.Period // forward-filled across a merged year cell above
	for c := 0; c < width; c++ {
		cell := row.At(c)
		var up Cell
		if above != nil {
			up = above.At(c)
			if up.Kind != CellEmpty {
				year = model.Period{}
				if p, ok := headerPeriod(up); ok && p.Gran == model.Year {
					year = p
				}
			}
		}
		h := &hc[c]
		if cell.Kind == CellEmpty && up.Kind != CellEmpty {
			cell = up
		}
		h.text = cell.Text
		if cell.Kind == CellEmpty {
			continue
		}
		if p, ok := headerPeriod(cell); ok {
			h.isPeriod, h.period = true, p
			continue
		}
		if !year.IsZero() && cell.Kind == CellText && len(cell.Text) <= 12 {
			combined := cell.Text + " " + year.Label()
			if p, err := model.ParsePeriod(combined); err == nil && p.Year == year.Year {
				h.text, h.isPeriod, h.period = combined, true, p
				continue
			}
		}
		h.numeric = isNumericCell(cell, env.decimalComma)
		if h.numeric {
			continue
		}
		h.norm = normHeader(h.text)
		h.roles, h.strong, h.known = classifyHeader(h.text)
		if !h.strong && env.knownMetric != nil && env.knownMetric(h.text) {
			h.metric = true
		}
	}
	return hc
}

// headerPeriod reads a header cell as a period: a date, a year or yyyymm
// number, or period text such as "Q1 2024" or "Actual Jan 2024". A plain
// number in the Excel date range is not taken for a date: in a header it is
// far more often a value of a data row.
func headerPeriod(c Cell) (model.Period, bool) {
	switch c.Kind {
	case CellDate:
		if !c.Time.IsZero() {
			return model.PeriodOf(c.Time), true
		}
		p, err := model.PeriodFromNumber(c.Num)
		return p, err == nil
	case CellNumber:
		return yearOrMonthNumber(c.Num)
	case CellText:
		t := c.Text
		if len(t) > 40 || !strings.ContainsAny(t, "0123456789") {
			return model.Period{}, false
		}
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return yearOrMonthNumber(f)
		}
		if p, err := model.ParsePeriod(t); err == nil {
			return p, true
		}
		// "Actual Q1 2024", "Q1 2024 (actual)", "2024 score": a value word
		// before or after the period.
		if i := strings.IndexByte(t, '('); i > 0 {
			t = strings.TrimSpace(t[:i])
			if p, err := model.ParsePeriod(t); err == nil {
				return p, true
			}
		}
		if sp := strings.IndexByte(t, ' '); sp > 0 && isValueWord(t[:sp]) {
			if p, err := model.ParsePeriod(t[sp+1:]); err == nil {
				return p, true
			}
		}
		if sp := strings.LastIndexByte(t, ' '); sp > 0 && isValueWord(t[sp+1:]) {
			if p, err := model.ParsePeriod(t[:sp]); err == nil {
				return p, true
			}
		}
	}
	return model.Period{}, false
}

func isValueWord(w string) bool {
	r, ok := headerSynonyms[normHeader(w)]
	return ok && r.data == RoleValue
}

// yearOrMonthNumber reads 2024 or 202403 as a period.
func yearOrMonthNumber(f float64) (model.Period, bool) {
	if f != math.Trunc(f) || (f > 2200 && f < 190001) || f > 220012 || f < 1900 {
		return model.Period{}, false
	}
	p, err := model.PeriodFromNumber(f)
	return p, err == nil
}

// partialHeader scores a row that is not a complete header and says what it
// has, so that a skipped sheet explains itself.
func partialHeader(hc []hcell) (int, string) {
	var found []string
	seen := map[Role]bool{}
	periods := 0
	for _, h := range hc {
		if h.isPeriod {
			periods++
			continue
		}
		if !h.known || !h.strong {
			continue
		}
		if r := h.roles.data; !seen[r] {
			seen[r] = true
			found = append(found, roleTitle(r))
		}
	}
	if periods > 0 {
		found = append(found, fmt.Sprintf("%d period column(s)", periods))
	}
	if len(found) < 2 {
		return 0, ""
	}
	var missing []string
	for _, r := range []Role{RolePeriod, RoleMetric, RoleValue} {
		if !seen[r] {
			missing = append(missing, roleTitle(r))
		}
	}
	desc := strings.Join(found, ", ")
	if len(missing) > 0 {
		desc += " but no " + strings.Join(missing, " or ") + " column"
	}
	return len(found), desc
}

// roleTitle is a role as a column title: "Period", "Measure unit".
func roleTitle(r Role) string {
	s := strings.ReplaceAll(string(r), "-", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// hasYear reports whether a row holds a year, as the upper row of a
// two-level header does ("2024" merged across its quarters).
func hasYear(r Row) bool {
	for _, c := range r.Cells {
		if p, ok := headerPeriod(c); ok && p.Gran == model.Year {
			return true
		}
	}
	return false
}

// distinctTexts counts the different non-empty cells of a row, up to 2: a
// title merged across the row (filled into every cell) counts once.
func distinctTexts(r Row) int {
	first, n := "", 0
	for _, c := range r.Cells {
		if c.Kind == CellEmpty || c.Text == first {
			continue
		}
		if n == 0 {
			first = c.Text
		}
		n++
		if n == 2 {
			break
		}
	}
	return n
}
