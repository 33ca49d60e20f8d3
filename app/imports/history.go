package imports

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// history lists every batch of the workspace, newest first, each
// with an Undo.
type history struct {
	i       *Screen
	batches []workspace.Batch
	seq     int // loads started; older results are dropped
	table   *widget.Table
	empty   *widget.Label
	title   *widget.Label
	confirm dialog.Dialog // the open undo confirmation, for tests
	root    fyne.CanvasObject
}

// historyColumn is a column of the history: its title, width, alignment
// and the text of a batch in it (when prints the import time); the last
// column has no text but the Undo button.
type historyColumn struct {
	title    string
	width    float32
	trailing bool
	text     func(b workspace.Batch, when func(time.Time) string) string
}

var historyColumns = []historyColumn{
	{"Batch", 70, true, func(b workspace.Batch, _ func(time.Time) string) string { return strconv.FormatInt(b.ID, 10) }},
	{"Imported at", 160, false, func(b workspace.Batch, when func(time.Time) string) string { return when(b.ImportedAt) }},
	{"File", 260, false, func(b workspace.Batch, _ func(time.Time) string) string { return b.File }},
	{"Values", 100, true, func(b workspace.Batch, _ func(time.Time) string) string { return model.FormatCount(b.Rows) }},
	{"Blank cells", 110, true, func(b workspace.Batch, _ func(time.Time) string) string { return model.FormatCount(b.Skipped) }},
	{"Metrics", 90, true, func(b workspace.Batch, _ func(time.Time) string) string { return model.FormatCount(b.Metrics) }},
	{"User", 130, false, func(b workspace.Batch, _ func(time.Time) string) string { return userName(b.User) }},
	{"", 110, false, nil}, // the Undo button
}

// newHistory is the history of i's workspace, empty until load.
func newHistory(i *Screen) *history {
	h := &history{i: i}
	h.title = widget.NewLabelWithStyle("Import history", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.empty = widget.NewLabel("No imports yet. Each file you import becomes a batch here, and any batch can be undone.")
	h.empty.Wrapping = fyne.TextWrapWord
	h.table = widget.NewTable(
		func() (int, int) { return len(h.batches), len(historyColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			b := widget.NewButtonWithIcon("Undo…", theme.ContentUndoIcon(), nil)
			b.Importance = widget.LowImportance
			return container.NewStack(l, b)
		},
		h.updateCell)
	h.table.ShowHeaderRow = true
	h.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	h.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(historyColumns) {
			c := historyColumns[id.Col]
			l := o.(*widget.Label)
			l.Alignment = fyne.TextAlignLeading
			if c.trailing {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.SetText(c.title)
		}
	}
	h.table.OnSelected = func(widget.TableCellID) { h.table.UnselectAll() }
	fit := &screen.TableFit{Table: h.table}
	for _, c := range historyColumns {
		fit.Widths = append(fit.Widths, c.width)
		fit.Grow = append(fit.Grow, map[bool]float32{true: 1}[c.title == "File"])
	}
	h.table.Hide()
	h.root = container.NewBorder(h.title, nil, nil, nil, container.NewStack(container.NewVBox(h.empty), container.New(fit, h.table)))
	return h
}

// updateCell shows a batch's column in a cell of the table.
func (h *history) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	l, btn := stack.Objects[0].(*widget.Label), stack.Objects[1].(*widget.Button)
	if id.Row >= len(h.batches) {
		return
	}
	b := h.batches[id.Row]
	c := historyColumns[id.Col]
	if c.text == nil {
		l.Hide()
		btn.OnTapped = func() { h.confirmUndo(b) }
		btn.Show()
		return
	}
	btn.Hide()
	l.Alignment = fyne.TextAlignLeading
	if c.trailing {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(c.text(b, h.i.when))
	l.Show()
}

// load reads the batches off the UI thread.
func (h *history) load() {
	ws := h.i.host.Workspace()
	if ws == nil {
		return
	}
	h.seq++
	seq := h.seq
	h.i.work.Start()
	go func() {
		bs, err := ws.Batches(h.i.host.Context())
		h.i.host.Do(func() {
			defer h.i.work.Done()
			if seq != h.seq || ws != h.i.host.Workspace() {
				return
			}
			if err != nil {
				h.i.host.ShowError(fmt.Errorf("could not read the import history: %w", err))
				return
			}
			h.batches = bs
			h.show()
		})
	}()
}

// show puts the loaded batches on screen.
func (h *history) show() {
	if len(h.batches) == 0 {
		h.title.SetText("Import history")
		h.table.Hide()
		h.empty.Show()
		return
	}
	rows := 0
	for _, b := range h.batches {
		rows += b.Rows
	}
	h.title.SetText(fmt.Sprintf("Import history: %s, %s (newest first)",
		plural(len(h.batches), "batch", "batches"), plural(rows, "observation", "observations")))
	h.empty.Hide()
	h.table.Show()
	h.table.Refresh()
}
