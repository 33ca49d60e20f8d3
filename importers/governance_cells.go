package importers

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"cxdash/model"
)

// Reading the cells of governance sheets. Every reader reports a bad cell
// as a problem at that cell and marks the row failed, so that one pass
// finds every problem of the row.

// at returns the row's cell in the column of role r; col is -1 when the
// sheet has no such column.
func (g *govProc) at(row Row, r Role) (Cell, int) {
	c, ok := g.cols[r]
	if !ok {
		return Cell{}, -1
	}
	return row.At(c), c
}

// bad records a problem at column col of the current row and fails it.
func (g *govProc) bad(col int, msg string) {
	g.p.problem(g.p.ref(col, g.rowIndex), msg)
	g.cur.failed = true
}

// title is the canonical header of a role in this sheet, for messages.
func (g *govProc) title(r Role) string {
	if t, ok := g.k.titles[r]; ok {
		return t
	}
	return roleTitle(r)
}

// text reads a name-like cell (a title, an owner, a unit): trimmed, runs
// of spaces collapsed, blank words (n/a, -, none) read as empty. A number
// or date reads as it is shown.
func (g *govProc) text(row Row, r Role) string {
	return strings.Join(strings.Fields(g.prose(row, r)), " ")
}

// prose reads a free-text cell (a description, a root cause) as written,
// line breaks kept.
func (g *govProc) prose(row Row, r Role) string {
	c, col := g.at(row, r)
	switch c.Kind {
	case CellEmpty:
		return ""
	case CellError:
		if !IsBlank(c.Text) {
			g.bad(col, fmt.Sprintf("%s shows the formula error %s: fix the formula or clear the cell", g.title(r), c.Text))
		}
		return ""
	}
	if IsBlank(c.Text) {
		return ""
	}
	return c.Text
}

// number reads an optional number (Target, Gap); a percent reads in percent
// points, as in data sheets.
func (g *govProc) number(row Row, r Role) *float64 {
	c, col := g.at(row, r)
	if col < 0 {
		return nil
	}
	v, st := g.p.r.cellValue(c)
	switch st {
	case valueBad:
		g.bad(col, notNumber(g.title(r), c))
	case valueOK:
		return &v
	}
	return nil
}

// owner reads an Owner cell with model.ParseOwner: one person or team.
func (g *govProc) owner(row Row) string {
	s := g.text(row, RoleOwner)
	if s == "" {
		return ""
	}
	o, err := model.ParseOwner(s)
	if err != nil {
		_, col := g.at(row, RoleOwner)
		g.bad(col, err.Error())
	}
	return o
}

// discipline reads a Discipline cell into a discipline key.
func (g *govProc) discipline(row Row) string {
	c, col := g.at(row, RoleDiscipline)
	if col < 0 {
		return ""
	}
	key, msg := g.p.r.cellDiscipline(c)
	if msg != "" {
		g.bad(col, msg)
	}
	return key
}

// metric reads a metric name and returns it as the catalogue spells it. A
// metric no catalogue (the workspace's or this file's) knows is a problem:
// an owner or action of a metric that does not exist would be lost.
func (g *govProc) metric(row Row, r Role) string {
	name := g.text(row, r)
	if name == "" {
		return ""
	}
	canon, ok := g.p.r.metricName(name)
	if !ok {
		_, col := g.at(row, r)
		g.bad(col, fmt.Sprintf("metric %q is not in the catalogue: define it in a catalogue sheet or write it as the workspace names it", name))
	}
	return canon
}

// metricName finds a metric by name in this file's catalogue sheets and
// data, the workspace's catalogue or the known KPIs.
func (r *run) metricName(name string) (string, bool) {
	if e := r.lookupMetric(name); e != nil {
		return e.m.Name, true
	}
	if m, ok := model.KnownKPI(name); ok {
		return m.Name, true
	}
	return name, false
}

// unit reads a business unit; blank and "All" mean all units ("").
func (g *govProc) unit(row Row) string {
	u := g.text(row, RoleUnit)
	if strings.EqualFold(u, model.AllUnits) || strings.EqualFold(u, "all units") {
		return ""
	}
	return u
}

// parseSubjectKind reads an Owners Type cell: Discipline or Metric. ok is
// false for anything else.
func parseSubjectKind(s string) (kind model.SubjectKind, ok bool) {
	switch strings.Join(strings.Fields(strings.ToLower(s)), " ") {
	case "discipline", "disciplines", "disc", "d", "cx discipline", "area", "pillar":
		return model.SubjectDiscipline, true
	case "metric", "metrics", "kpi", "kpis", "measure", "indicator", "m":
		return model.SubjectMetric, true
	}
	return "", false
}

// Dates. Real date cells come typed from the source layer. Text dates
// written with numbers only (03/04/2024) read day first or month first:
// each column's order is settled by its dates that read one way only (a
// first part above 12 means day first, a second part above 12 month
// first), else by the sheet's other date columns, else by a csv's decimal
// comma (a day-first locale). Rows with a date that reads both ways are
// held until the end of the sheet, when all the evidence is in.

// numericDate is model.ParseDate's pattern for dates written with numbers.
var numericDate = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: .*)?$`)

// dateEvidence is where a column showed each order first ("" none).
type dateEvidence struct{ dayFirst, monthFirst string }

// pendingDate is a date that reads both ways, settled at the end of the sheet.
type pendingDate struct {
	dst       *time.Time
	col, row  int
	text, fld string
}

// earliestSerial is the first Excel serial read as a date from a plain
// number (1 Jan 1950): smaller numbers in a date column are counts or
// typos, not days of the last century.
const earliestSerial = 18264

// date reads a date cell into dst; a blank cell leaves it zero.
func (g *govProc) date(row Row, r Role, dst *time.Time) {
	c, col := g.at(row, r)
	if col < 0 {
		return
	}
	field := g.title(r)
	switch c.Kind {
	case CellEmpty:
	case CellDate:
		if !c.Time.IsZero() && c.Time.Year() >= 1900 && c.Time.Year() <= 2999 {
			*dst = model.Day(c.Time)
			return
		}
		g.serialDate(col, field, c.Num, c.Text, dst)
	case CellNumber:
		g.serialDate(col, field, c.Num, c.Text, dst)
	case CellPercent:
		g.bad(col, fmt.Sprintf("%s %s is a percentage, not a date", field, c.Text))
	case CellBool:
		g.bad(col, fmt.Sprintf("%s %s is TRUE/FALSE, not a date", field, c.Text))
	case CellError:
		if !IsBlank(c.Text) {
			g.bad(col, fmt.Sprintf("%s shows the formula error %s: fix the formula or clear the cell", field, c.Text))
		}
	case CellText:
		g.textDate(col, field, c.Text, dst)
	}
}

func (g *govProc) textDate(col int, field, s string, dst *time.Time) {
	if IsBlank(s) {
		return
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		g.serialDate(col, field, f, s, dst)
		return
	}
	if m := numericDate.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		switch {
		case a < 1 || b < 1 || (a > 12 && b > 12):
			g.bad(col, fmt.Sprintf("%s %q is not a date (write it as 2024-03-31 or 31 Mar 2024)", field, s))
			return
		case a <= 12 && b <= 12 && a != b:
			g.cur.dates = append(g.cur.dates, pendingDate{dst: dst, col: col, row: g.rowIndex, text: s, fld: field})
			return
		}
		t, err := model.ParseDate(s, model.DateOrderUnknown)
		if err != nil {
			g.bad(col, dateMessage(field, err))
			return
		}
		g.noteOrder(col, a > 12)
		*dst = t
		return
	}
	t, err := model.ParseDate(s, model.DateOrderUnknown)
	if err != nil {
		g.bad(col, dateMessage(field, err))
		return
	}
	*dst = t
}

// serialDate reads a plain number as an Excel serial date.
func (g *govProc) serialDate(col int, field string, f float64, shown string, dst *time.Time) {
	if shown == "" {
		shown = formatValue(f)
	}
	if f == math.Trunc(f) && f >= 1900 && f <= 2999 {
		g.bad(col, fmt.Sprintf("%s %s is a year, not a date: write the day, as 2024-03-31", field, shown))
		return
	}
	t, err := model.ExcelSerialToTime(f)
	// Years beyond 2999 are typos (an amount in a date column), and the
	// store and reports assume four-digit years.
	if err != nil || f < earliestSerial || t.Year() > 2999 {
		g.bad(col, fmt.Sprintf("%s %s is a number, not a date (write it as 2024-03-31 or 31 Mar 2024)", field, shown))
		return
	}
	*dst = model.Day(t)
}

// noteOrder records that column col holds a date that reads one way only.
func (g *govProc) noteOrder(col int, dayFirst bool) {
	e := g.evidence[col]
	if e == nil {
		e = &dateEvidence{}
		g.evidence[col] = e
	}
	ref := g.p.ref(col, g.rowIndex)
	switch {
	case dayFirst && e.dayFirst == "":
		e.dayFirst = ref
	case !dayFirst && e.monthFirst == "":
		e.monthFirst = ref
	}
}

// orderFor is the date order of column col; mixed says where the column
// shows both orders.
func (g *govProc) orderFor(col int) (order model.DateOrder, mixed string) {
	if e := g.evidence[col]; e != nil {
		switch {
		case e.dayFirst != "" && e.monthFirst != "":
			return model.DateOrderUnknown, fmt.Sprintf(" (this column has day-first dates, as at %s, and month-first dates, as at %s)",
				e.dayFirst, e.monthFirst)
		case e.dayFirst != "":
			return model.DayFirst, ""
		case e.monthFirst != "":
			return model.MonthFirst, ""
		}
	}
	day, month := false, false
	for _, e := range g.evidence {
		day = day || e.dayFirst != ""
		month = month || e.monthFirst != ""
	}
	switch {
	case day && !month:
		return model.DayFirst, ""
	case month && !day:
		return model.MonthFirst, ""
	case !day && !month && g.p.r.decComma:
		return model.DayFirst, ""
	}
	return model.DateOrderUnknown, ""
}

// settle reads a held date now that the sheet's date order is known. It
// reports whether the date is good.
func (g *govProc) settle(d pendingDate) bool {
	order, mixed := g.orderFor(d.col)
	t, err := model.ParseDate(d.text, order)
	if err != nil {
		g.p.problem(g.p.ref(d.col, d.row), dateMessage(d.fld, err)+mixed)
		return false
	}
	*d.dst = t
	return true
}

// dateMessage puts the field's name before model.ParseDate's message:
// `Due "31/02/2024" is not a date: February has no day 31`.
func dateMessage(field string, err error) string {
	return field + " " + strings.TrimPrefix(err.Error(), "date ")
}

// day formats a date for the preview; "" when zero.
func previewDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// previewNumber formats an optional number for the preview.
func previewNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return formatValue(*f)
}
