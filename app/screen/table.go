package screen

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TableColumn is a column of a text table: its title, width and whether
// it aligns right (numbers do).
type TableColumn struct {
	Title string
	Width float32
	Right bool
}

// NewHeaderTable is a table of text cells under a header row of the
// columns' titles; cell returns a cell's text.
func NewHeaderTable(cols []TableColumn, rows func() int, cell func(row, col int) string) *widget.Table {
	label := func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	align := func(l *widget.Label, col int) {
		l.Alignment = fyne.TextAlignLeading
		if cols[col].Right {
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
			l.SetText(cols[id.Col].Title)
		}
	}
	return t
}

// FitColumns sizes a table's columns: each its width, and column flex the
// width the others leave (at least least), so that the table fills its
// space without a truncated last column.
func FitColumns(t *widget.Table, cols []TableColumn, flex int, least float32) fyne.CanvasObject {
	for i, c := range cols {
		t.SetColumnWidth(i, c.Width)
	}
	t.SetColumnWidth(flex, least)
	return &fyne.Container{Layout: &columnFit{t: t, cols: cols, flex: flex, least: least}, Objects: []fyne.CanvasObject{t}}
}

type columnFit struct {
	t     *widget.Table
	cols  []TableColumn
	flex  int
	least float32
	last  float32
}

func (l *columnFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rest := size.Width - 2*theme.Padding() // the scrollbar's room
	for i, c := range l.cols {
		if i != l.flex {
			rest -= c.Width + 1 // and a one pixel divider after each column
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

// TableFit is a layout that fills its space with one table and shares the
// spare width among the table's growing columns.
type TableFit struct {
	Table        *widget.Table
	Widths, Grow []float32
	Last         float32
}

func (f *TableFit) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (f *TableFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size.Width == f.Last {
		return
	}
	f.Last = size.Width
	var sum, grow float32
	for i, w := range f.Widths {
		sum += w
		grow += f.Grow[i]
	}
	// Room for the vertical scroll bar and the separators between cells.
	spare := size.Width - sum - theme.ScrollBarSize() - float32(len(f.Widths))*theme.Padding()
	if spare < 0 || grow == 0 {
		spare = 0
	}
	for i, w := range f.Widths {
		f.Table.SetColumnWidth(i, w+spare*f.Grow[i]/max(grow, 1))
	}
}
