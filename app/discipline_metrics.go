package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/charts"
	"cxdash/model"
)

// metricTable lists a discipline's metrics with the model's numbers and the
// catalogue's facts: value, score, target, weight, observations, owner and
// how the value scores.
type metricTable struct {
	table    *widget.Table
	rows     []metricRow
	onSelect func(row int)
	quiet    bool // set while a row is selected from code
}

// metricColumns: the first column takes the width the others leave.
var metricColumns = []tableColumn{
	{"Metric", 0, false}, {"Value", 84, true}, {"Score", 62, true}, {"Target", 84, true},
	{"Weight", 72, true}, {"Obs.", 54, true}, {"Owner", 160, false}, {"Direction, scale", 200, false},
}

func newMetricTable(onSelect func(int)) *metricTable {
	m := &metricTable{onSelect: onSelect}
	m.table = newHeaderTable(metricColumns, func() int { return len(m.rows) }, m.cell)
	m.table.OnSelected = func(id widget.TableCellID) {
		if !m.quiet && m.onSelect != nil {
			m.onSelect(id.Row)
		}
	}
	return m
}

// content is the table with its first column fitted to the width.
func (m *metricTable) content() fyne.CanvasObject {
	return fitColumns(m.table, metricColumns, 0, 220)
}

func (m *metricTable) cell(row, col int) string {
	if row >= len(m.rows) {
		return ""
	}
	r := m.rows[row]
	ms := r.score
	var s string
	switch col {
	case 0:
		s = ms.Metric
	case 1:
		s = r.format.String(ms.Value)
	case 2:
		s = charts.ScoreFormat.String(ms.Score)
	case 3:
		s = "–"
		if ms.Target != nil {
			s = r.format.String(*ms.Target)
		}
	case 4:
		s = strconv.FormatFloat(ms.Weight, 'g', 4, 64)
	case 5:
		s = strconv.Itoa(ms.Rows)
	case 6:
		s = strings.TrimSpace(r.metric.Owner)
		if s == "" {
			s = "–"
		}
	case 7:
		s = scoringText(r.metric)
	}
	return s
}

// scoringText says in a few words how a metric's value becomes a score:
// which way is better, and the level scale or the thresholds t1..t5.
func scoringText(m model.Metric) string {
	if m.Name == "" {
		return "–"
	}
	dir := "Higher"
	if m.Direction == model.LowerBetter {
		dir = "Lower"
	}
	if m.Scale != model.ScaleThresholds {
		return dir + ", level 1–5"
	}
	parts := make([]string, len(m.Thresholds))
	for i, t := range m.Thresholds {
		parts[i] = strconv.FormatFloat(t, 'f', -1, 64)
	}
	return dir + ", " + withMeasure(strings.Join(parts, "/"), m.Unit)
}

// set shows rows.
func (m *metricTable) set(rows []metricRow) {
	m.rows = rows
	m.table.Refresh()
}

// selectRow marks row i without reporting it back.
func (m *metricTable) selectRow(i int) {
	m.quiet = true
	m.table.Select(widget.TableCellID{Row: i, Col: 0})
	m.quiet = false
}

func (m *metricTable) unselect() {
	m.quiet = true
	m.table.UnselectAll()
	m.quiet = false
}

// tableColumn is a column of a text table: its title, width and whether
// it aligns right (numbers do).
type tableColumn struct {
	title string
	width float32
	right bool
}

// newHeaderTable is a table of text cells under a header row of the
// columns' titles; cell returns a cell's text.
func newHeaderTable(cols []tableColumn, rows func() int, cell func(row, col int) string) *widget.Table {
	label := func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	align := func(l *widget.Label, col int) {
		l.Alignment = fyne.TextAlignLeading
		if cols[col].right {
			l.Alignment = fyne.TextAlignTrailing
		}
	}
	t := widget.NewTableWithHeaders(func() (int, int) { return rows(), len(cols) }, label,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			align(l, id.Col)
			l.SetText(cell(id.Row, id.Col))
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := label().(*widget.Label)
		l.TextStyle.Bold = true
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			l := o.(*widget.Label)
			align(l, id.Col)
			l.SetText(cols[id.Col].title)
		}
	}
	return t
}

// fitColumns sizes a table's columns: each its width, and column flex the
// width the others leave (at least least), so that the table fills its
// space without a truncated last column.
func fitColumns(t *widget.Table, cols []tableColumn, flex int, least float32) fyne.CanvasObject {
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	t.SetColumnWidth(flex, least)
	return &fyne.Container{Layout: &columnFit{t: t, cols: cols, flex: flex, least: least}, Objects: []fyne.CanvasObject{t}}
}

type columnFit struct {
	t     *widget.Table
	cols  []tableColumn
	flex  int
	least float32
	last  float32
}

func (l *columnFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rest := size.Width - 2*theme.Padding() // the scrollbar's room
	for i, c := range l.cols {
		if i != l.flex {
			rest -= c.width + 1 // and a one pixel divider after each column
		}
	}
	if w := max(rest, l.least); w != l.last {
		l.last = w
		l.t.SetColumnWidth(l.flex, w)
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *columnFit) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize()
}
