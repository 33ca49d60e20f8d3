package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cxdash/charts"
)

// metricTable lists a discipline's metrics with the model's numbers:
// value, score, weight, target, rows and how the score was made.
type metricTable struct {
	table    *widget.Table
	rows     []metricRow
	onSelect func(row int)
	quiet    bool // set while a row is selected from code
}

var metricColumns = []struct {
	title string
	width float32
	right bool
}{
	{"Metric", 290, false}, {"Value", 100, true}, {"Score", 64, true}, {"Weight", 66, true},
	{"Target", 100, true}, {"Rows", 56, true}, {"How the score was made", 760, false},
}

func newMetricTable(onSelect func(int)) *metricTable {
	m := &metricTable{onSelect: onSelect}
	m.table = newHeaderTable(len(metricColumns), func() int { return len(m.rows) },
		func(c int) string { return metricColumns[c].title }, m.cell)
	for i, c := range metricColumns {
		m.table.SetColumnWidth(i, c.width)
	}
	m.table.OnSelected = func(id widget.TableCellID) {
		if !m.quiet && m.onSelect != nil {
			m.onSelect(id.Row)
		}
	}
	return m
}

func (m *metricTable) cell(row, col int) (string, bool) {
	if row >= len(m.rows) {
		return "", false
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
		s = strconv.FormatFloat(ms.Weight, 'g', 4, 64)
	case 4:
		s = "–"
		if ms.Target != nil {
			s = r.format.String(*ms.Target)
		}
	case 5:
		s = strconv.Itoa(ms.Rows)
	case 6:
		s = ms.Explain
	}
	return s, metricColumns[col].right
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

// newHeaderTable is a table of text cells with a header row of titles;
// cell returns a cell's text and whether it aligns right.
func newHeaderTable(cols int, rows func() int, title func(col int) string,
	cell func(row, col int) (string, bool)) *widget.Table {
	label := func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t := widget.NewTableWithHeaders(func() (int, int) { return rows(), cols }, label,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text, right := cell(id.Row, id.Col)
			l.Alignment = fyne.TextAlignLeading
			if right {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.SetText(text)
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := label().(*widget.Label)
		l.TextStyle.Bold = true
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < cols {
			o.(*widget.Label).SetText(title(id.Col))
		}
	}
	return t
}
