package app

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/store"
)

// importHistory lists every batch of the workspace, newest first, each
// with an Undo.
type importHistory struct {
	i       *importScreen
	batches []store.Batch
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
	text     func(b store.Batch) string
}

var importHistoryColumns = []importHistoryColumn{
	{"Batch", 70, true, func(b store.Batch) string { return strconv.FormatInt(b.ID, 10) }},
	{"Imported at", 160, false, func(b store.Batch) string { return importWhen(b.ImportedAt) }},
	{"File", 260, false, func(b store.Batch) string { return b.File }},
	{"Values", 100, true, func(b store.Batch) string { return dataCount(b.Rows) }},
	{"Blank cells", 110, true, func(b store.Batch) string { return dataCount(b.Skipped) }},
	{"Metrics", 90, true, func(b store.Batch) string { return dataCount(b.Metrics) }},
	{"User", 130, false, func(b store.Batch) string { return importUser(b.User) }},
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
	fit := &dataFit{t: h.table}
	for _, c := range importHistoryColumns {
		fit.widths = append(fit.widths, c.width)
		fit.grow = append(fit.grow, map[bool]float32{true: 1}[c.title == "File"])
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
	ws := h.i.s.ws
	if ws == nil {
		return
	}
	h.seq++
	seq := h.seq
	h.i.work.start()
	go func() {
		bs, err := ws.Store.Batches(h.i.s.ctx)
		dataDo(func() {
			defer h.i.work.done()
			if seq != h.seq || ws != h.i.s.ws {
				return
			}
			if err != nil {
				h.i.s.showError(fmt.Errorf("could not read the import history: %w", err))
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
func (h *importHistory) confirmUndo(b store.Batch) {
	s := h.i.s
	ws := s.ws
	text := widget.NewLabel(fmt.Sprintf("Batch %d is %s, imported %s by %s: %s.\n\nWorking out which values come back…",
		b.ID, b.File, importWhen(b.ImportedAt), importUser(b.User), importPlural(b.Rows, "observation", "observations")))
	text.Wrapping = fyne.TextWrapWord
	ctx, cancel := context.WithCancel(s.ctx)
	var effect *importUndoEffect
	d := dialog.NewCustomConfirm(fmt.Sprintf("Undo batch %d?", b.ID), "Undo batch", "Keep it",
		container.NewVScroll(text), func(ok bool) {
			cancel()
			h.confirm = nil
			if ok {
				h.undo(ws, b, effect)
			}
		}, s.win)
	d.Resize(fyne.NewSize(640, 380))
	h.confirm = d
	d.Show()
	h.i.work.start()
	go func() {
		e, err := importEffectOfUndo(ctx, ws, b)
		dataDo(func() {
			defer h.i.work.done()
			switch {
			case ctx.Err() != nil:
			case err != nil:
				text.SetText(fmt.Sprintf("Batch %d is %s: %s. Undoing it deletes them and brings back the values they replaced "+
					"(which could not be worked out: %s).", b.ID, b.File, importPlural(b.Rows, "observation", "observations"), UserMessage(err)))
			default:
				effect = &e
				text.SetText(e.text())
			}
		})
	}()
}

// undo removes the batch behind a progress dialog and reloads the screens.
func (h *importHistory) undo(ws *Workspace, b store.Batch, effect *importUndoEffect) {
	i := h.i
	i.work.start()
	i.s.run(fmt.Sprintf("Undoing batch %d", b.ID), func(ctx context.Context, _ Progress) error {
		_, err := ws.Store.Undo(ctx, b.ID)
		return err
	}, func(err error) {
		dataUIMu.Lock()
		defer dataUIMu.Unlock()
		defer i.work.done()
		if err != nil {
			i.s.showError(fmt.Errorf("could not undo batch %d: %w", b.ID, err))
			return
		}
		if effect != nil {
			i.showResult(effect.doneText(), widget.SuccessImportance)
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
