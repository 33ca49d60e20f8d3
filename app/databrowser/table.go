package databrowser

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// column is one column of the data browser.
type column struct {
	title    string
	grow     float32 // share of the width beyond the sum of widths
	order    string  // workspace.ObservationFilter.OrderBy; "" when the store cannot sort by it
	width    float32
	trailing bool // numbers line up on the right
	text     func(d *Screen, o model.Observation) string
}

var columns = []column{
	{title: "Period", order: "period", width: 90, text: func(_ *Screen, o model.Observation) string { return o.Period.Label() }},
	{title: "Unit", grow: 1, order: "unit", width: 100, text: func(_ *Screen, o model.Observation) string { return o.Unit }},
	{title: "Discipline", grow: 1, width: 186, text: func(d *Screen, o model.Observation) string { return d.disciplineOf(o.Metric) }},
	{title: "Metric", grow: 3, order: "metric", width: 230, text: func(_ *Screen, o model.Observation) string { return o.Metric }},
	{title: "Value", order: "value", width: 76, trailing: true, text: func(_ *Screen, o model.Observation) string { return workspace.ValueText(o.Value) }},
	{title: "Note", grow: 2, width: 100, text: func(_ *Screen, o model.Observation) string { return o.Note }},
	{title: "File", grow: 2, width: 150, text: func(_ *Screen, o model.Observation) string { return o.Source.File }},
	{title: "Sheet", grow: 0.5, width: 86, text: func(_ *Screen, o model.Observation) string { return o.Source.Sheet }},
	{title: "Cell", width: 86, text: func(_ *Screen, o model.Observation) string { return o.Source.Cell }},
	{title: "Batch", order: "batch", width: 70, trailing: true, text: func(_ *Screen, o model.Observation) string {
		return strconv.FormatInt(o.Source.BatchID, 10)
	}},
}

// placeholder fills the cells of a row whose page is on its way.
const placeholder = "…"

func (d *Screen) newTable() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return d.pager.length(), len(columns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		d.updateCell,
	)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		icon := widget.NewIcon(nil)
		return container.NewStack(container.NewBorder(nil, nil, nil, icon, l), newTapArea())
	}
	t.UpdateHeader = d.updateHeader
	// A row is data to read, not to pick: selection would only hide the
	// text behind the highlight.
	t.OnSelected = func(id widget.TableCellID) { t.UnselectAll() }
	return t
}

// fitColumns gives the table's columns their widths, stretched when the
// window is wider than their sum (a narrow window scrolls instead).
func (d *Screen) fitColumns() fyne.CanvasObject {
	widths, grow := make([]float32, len(columns)), make([]float32, len(columns))
	for i, c := range columns {
		widths[i], grow[i] = c.width, c.grow
	}
	return container.New(&screen.TableFit{Table: d.table, Widths: widths, Grow: grow}, d.table)
}

// updateCell fills one cell from the pager's cache; it never queries.
func (d *Screen) updateCell(id widget.TableCellID, obj fyne.CanvasObject) {
	l := obj.(*widget.Label)
	col := columns[id.Col]
	text := placeholder
	if o, ok := d.pager.row(id.Row); ok {
		text = col.text(d, o)
	}
	align := fyne.TextAlignLeading
	if col.trailing {
		align = fyne.TextAlignTrailing
	}
	if l.Text != text || l.Alignment != align {
		l.Alignment = align
		l.SetText(text)
	}
}

func (d *Screen) updateHeader(id widget.TableCellID, obj fyne.CanvasObject) {
	if id.Row >= 0 || id.Col < 0 || id.Col >= len(columns) {
		return
	}
	stack := obj.(*fyne.Container)
	border := stack.Objects[0].(*fyne.Container)
	l := border.Objects[0].(*widget.Label)
	icon := border.Objects[1].(*widget.Icon)
	tap := stack.Objects[1].(*tapArea)
	col := columns[id.Col]
	l.Alignment = fyne.TextAlignLeading
	if col.trailing {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(col.title)
	var res fyne.Resource
	if d.sortCol == id.Col {
		res = theme.MenuDropUpIcon()
		if d.desc {
			res = theme.MenuDropDownIcon()
		}
	}
	icon.SetResource(res)
	if res == nil {
		icon.Hide() // the title gets the whole width
	} else {
		icon.Show()
	}
	tap.onTap = nil
	if col.order != "" {
		c := id.Col
		tap.onTap = func() { d.sortBy(c) }
	}
}

// sortBy sorts by column c, or turns the order round when it already is.
func (d *Screen) sortBy(c int) {
	if d.sortCol == c {
		d.desc = !d.desc
	} else {
		d.sortCol, d.desc = c, false
	}
	d.table.Refresh()
	d.apply(false)
}

// disciplineOf names the discipline of a metric, from the snapshot.
func (d *Screen) disciplineOf(metric string) string {
	return d.discOf[model.MetricKey(metric)]
}

// tapArea is an invisible layer over a header cell that sorts on a tap
// and shows a pointer where sorting is possible.
type tapArea struct {
	widget.BaseWidget
	onTap func()
}

func newTapArea() *tapArea {
	a := &tapArea{}
	a.ExtendBaseWidget(a)
	return a
}

// Tapped sorts by the column.
func (a *tapArea) Tapped(*fyne.PointEvent) {
	if a.onTap != nil {
		a.onTap()
	}
}

// Cursor is a pointing hand over sortable headers.
func (a *tapArea) Cursor() desktop.Cursor {
	if a.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (a *tapArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}
