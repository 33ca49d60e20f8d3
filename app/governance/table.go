package governance

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
)

// column is one column of a governance table.
type column struct {
	title string
	width float32
	grow  float32 // share of the width beyond the sum of widths
}

// cell is one cell: text, drawn in an importance's colour, with an
// optional icon before it (a warning on what is overdue).
type cell struct {
	text   string
	imp    widget.Importance
	icon   fyne.Resource
	bold   bool
	italic bool // a value inherited from elsewhere, or a placeholder
}

// table is a read-only table of records; tapping a row opens it.
type table struct {
	cols  []column
	rows  [][]cell
	table *widget.Table
	box   fyne.CanvasObject
	onTap func(row int)
}

func newTable(cols []column, onTap func(row int)) *table {
	g := &table{cols: cols, onTap: onTap}
	g.table = widget.NewTable(
		func() (int, int) { return len(g.rows), len(g.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			icon := widget.NewIcon(nil)
			icon.Hide()
			return container.NewBorder(nil, nil, icon, nil, l)
		},
		g.update)
	g.table.ShowHeaderRow = true
	g.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	g.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(g.cols) {
			o.(*widget.Label).SetText(g.cols[id.Col].title)
		}
	}
	g.table.OnSelected = func(id widget.TableCellID) {
		g.table.UnselectAll() // a tap opens the record; a lasting highlight would only hide text
		if g.onTap != nil && id.Row >= 0 && id.Row < len(g.rows) {
			g.onTap(id.Row)
		}
	}
	widths, grow := make([]float32, len(cols)), make([]float32, len(cols))
	for i, c := range cols {
		widths[i], grow[i] = c.width, c.grow
		g.table.SetColumnWidth(i, c.width)
	}
	g.box = container.New(&screen.TableFit{Table: g.table, Widths: widths, Grow: grow}, g.table)
	return g
}

func (g *table) update(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(g.rows) || id.Col >= len(g.rows[id.Row]) {
		return
	}
	c := g.rows[id.Row][id.Col]
	box := o.(*fyne.Container)
	l, icon := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Icon)
	if c.icon != nil {
		icon.SetResource(c.icon)
		icon.Show()
	} else {
		icon.Hide()
	}
	l.Importance = c.imp
	l.TextStyle = fyne.TextStyle{Bold: c.bold, Italic: c.italic}
	l.SetText(c.text)
	box.Refresh()
}

// set shows rows.
func (g *table) set(rows [][]cell) {
	g.rows = rows
	g.table.Refresh()
}

// text is the text of the cell at row, col; tests read it.
func (g *table) text(row, col int) string {
	if row < 0 || row >= len(g.rows) || col < 0 || col >= len(g.rows[row]) {
		return ""
	}
	return g.rows[row][col].text
}

// plain is a cell of ordinary text.
func plain(s string) cell { return cell{text: s} }

// muted is a cell of secondary text: a value inherited from elsewhere, or
// a placeholder. Italic rather than grey: the theme's grey is too faint to
// read in a table.
func muted(s string) cell { return cell{text: s, italic: true} }

// list is what the record sections (actions, issues, events) share: a
// table of the records shown, where tapping one opens it, a count, and a
// button that adds a record.
type list[T any] struct {
	g     *Screen
	box   fyne.CanvasObject
	table *table
	count *widget.Label
	add   *widget.Button
	shown []T // the table's rows, in order
}

// setup makes the table, the count and the add button. open shows a
// record's dialog; fresh, when set, is the record Add starts from (made
// when tapped, so a date in it is that day's), else the zero record.
func (l *list[T]) setup(g *Screen, cols []column, addLabel string, open func(T), fresh func() T) {
	l.g, l.count = g, newCount()
	l.table = newTable(cols, func(i int) {
		if i < len(l.shown) {
			open(l.shown[i])
		}
	})
	l.add = widget.NewButtonWithIcon(addLabel, theme.ContentAddIcon(), func() {
		var x T
		if fresh != nil {
			x = fresh()
		}
		open(x)
	})
	l.add.Importance = widget.HighImportance
}

// statusFilter is a section's "Show" select: the filters in first, then
// each status alone; picking one calls reshow. Nothing is selected yet: the
// caller selects once the select is stored, as reshow reads it.
func statusFilter[S ~string](first []string, statuses []S, reshow func()) *widget.Select {
	opts := append([]string(nil), first...)
	for _, s := range statuses {
		opts = append(opts, statusTitle(string(s)))
	}
	return widget.NewSelect(opts, func(string) { reshow() })
}
