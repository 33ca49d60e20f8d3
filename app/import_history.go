package app

import (
	"context"
	"fmt"
	"strconv"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// importHistory lists every batch of the workspace, newest first, each
// with an Undo.
type importHistory struct {
	i       *importScreen
	batches []workspace.Batch
	seq     int // loads started; older results are dropped
	table   *widget.Table
	empty   *widget.Label
	title   *widget.Label
	confirm dialog.Dialog // the open undo confirmation, for tests
	root    fyne.CanvasObject
}

type importHistoryColumn struct {
	title    string
	width    float32
	trailing bool
	text     func(b workspace.Batch) string
}

var importHistoryColumns = []importHistoryColumn{
	{"Batch", 70, true, func(b workspace.Batch) string { return strconv.FormatInt(b.ID, 10) }},
	{"Imported at", 160, false, func(b workspace.Batch) string { return importWhen(b.ImportedAt) }},
	{"File", 260, false, func(b workspace.Batch) string { return b.File }},
	{"Values", 100, true, func(b workspace.Batch) string { return model.FormatCount(b.Rows) }},
	{"Blank cells", 110, true, func(b workspace.Batch) string { return model.FormatCount(b.Skipped) }},
	{"Metrics", 90, true, func(b workspace.Batch) string { return model.FormatCount(b.Metrics) }},
	{"User", 130, false, func(b workspace.Batch) string { return importUser(b.User) }},
	{"", 110, false, nil}, // the Undo button
}

func newImportHistory(i *importScreen) *importHistory {
	h := &importHistory{i: i}
	h.title = widget.NewLabelWithStyle("Import history", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.empty = widget.NewLabel("No imports yet. Each file you import becomes a batch here, and any batch can be undone.")
	h.empty.Wrapping = fyne.TextWrapWord
	h.table = widget.NewTable(
		func() (int, int) { return len(h.batches), len(importHistoryColumns) },
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
		if id.Col >= 0 && id.Col < len(importHistoryColumns) {
			c := importHistoryColumns[id.Col]
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
	for _, c := range importHistoryColumns {
		fit.Widths = append(fit.Widths, c.width)
		fit.Grow = append(fit.Grow, map[bool]float32{true: 1}[c.title == "File"])
	}
	h.table.Hide()
	h.root = container.NewBorder(h.title, nil, nil, nil, container.NewStack(container.NewVBox(h.empty), container.New(fit, h.table)))
	return h
}

func (h *importHistory) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	l, btn := stack.Objects[0].(*widget.Label), stack.Objects[1].(*widget.Button)
	if id.Row >= len(h.batches) {
		return
	}
	b := h.batches[id.Row]
	c := importHistoryColumns[id.Col]
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
	l.SetText(c.text(b))
	l.Show()
}

// load reads the batches off the UI thread.
func (h *importHistory) load() {
	ws := h.i.s.Workspace()
	if ws == nil {
		return
	}
	h.seq++
	seq := h.seq
	h.i.work.Start()
	go func() {
		bs, err := ws.Batches(h.i.s.Context())
		h.i.s.Do(func() {
			defer h.i.work.Done()
			if seq != h.seq || ws != h.i.s.Workspace() {
				return
			}
			if err != nil {
				h.i.s.ShowError(fmt.Errorf("could not read the import history: %w", err))
				return
			}
			h.batches = bs
			h.show()
		})
	}()
}

func (h *importHistory) show() {
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
		importPlural(len(h.batches), "batch", "batches"), importPlural(rows, "observation", "observations")))
	h.empty.Hide()
	h.table.Show()
	h.table.Refresh()
}

// confirmUndo asks before undoing a batch and says, once worked out, which
// values come back.
func (h *importHistory) confirmUndo(b workspace.Batch) {
	s := h.i.s
	ws := s.Workspace()
	text := widget.NewLabel(fmt.Sprintf("Batch %d is %s, imported %s by %s: %s.\n\nWorking out which values come back…",
		b.ID, b.File, importWhen(b.ImportedAt), importUser(b.User), importPlural(b.Rows, "observation", "observations")))
	text.Wrapping = fyne.TextWrapWord
	ctx, cancel := context.WithCancel(s.Context())
	var effect *workspace.UndoEffect
	d := dialog.NewCustomConfirm(fmt.Sprintf("Undo batch %d?", b.ID), "Undo batch", "Keep it",
		container.NewVScroll(text), func(ok bool) {
			cancel()
			h.confirm = nil
			if ok {
				h.undo(ws, b, effect)
			}
		}, s.Window())
	d.Resize(fyne.NewSize(640, 380))
	h.confirm = d
	d.Show()
	h.i.work.Start()
	go func() {
		e, err := ws.UndoEffect(ctx, b)
		h.i.s.Do(func() {
			defer h.i.work.Done()
			switch {
			case ctx.Err() != nil:
			case err != nil:
				text.SetText(fmt.Sprintf("Batch %d is %s: %s. Undoing it deletes them and brings back the values they replaced "+
					"(which could not be worked out: %s).", b.ID, b.File, importPlural(b.Rows, "observation", "observations"), workspace.UserMessage(err)))
			default:
				effect = &e
				text.SetText(e.Text(importWhen))
			}
		})
	}()
}

// undo removes the batch behind a progress dialog and reloads the screens.
func (h *importHistory) undo(ws *workspace.Workspace, b workspace.Batch, effect *workspace.UndoEffect) {
	i := h.i
	i.work.Start()
	i.s.Run(fmt.Sprintf("Undoing batch %d", b.ID), func(ctx context.Context, _ workspace.Progress) error {
		_, err := ws.Undo(ctx, b.ID)
		return err
	}, func(err error) {
		defer i.work.Done()
		if err != nil {
			i.s.ShowError(fmt.Errorf("could not undo batch %d: %w", b.ID, err))
			return
		}
		if effect != nil {
			i.showResult(effect.DoneText(), widget.SuccessImportance)
		} else {
			i.showResult(fmt.Sprintf("Batch %d (%s) undone.", b.ID, b.File), widget.SuccessImportance)
		}
		// Files in the wizard that were this batch can be imported again.
		for _, f := range i.files {
			if f.res.Duplicate && f.res.Batch.ID == b.ID {
				i.check(f)
			}
		}
		i.update()
		h.load()
		i.reload()
	})
}
