package imports

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cxdash/workspace"
)

// confirmUndo asks before undoing a batch and says, once worked out, which
// values come back.
func (h *history) confirmUndo(b workspace.Batch) {
	i := h.i
	ws := i.host.Workspace()
	text := widget.NewLabel(fmt.Sprintf("Batch %d is %s, imported %s by %s: %s.\n\nWorking out which values come back…",
		b.ID, b.File, i.when(b.ImportedAt), userName(b.User), plural(b.Rows, "observation", "observations")))
	text.Wrapping = fyne.TextWrapWord
	ctx, cancel := context.WithCancel(i.host.Context())
	var effect *workspace.UndoEffect
	d := dialog.NewCustomConfirm(fmt.Sprintf("Undo batch %d?", b.ID), "Undo batch", "Keep it",
		container.NewVScroll(text), func(ok bool) {
			cancel()
			h.confirm = nil
			if ok {
				h.undo(ws, b, effect)
			}
		}, i.host.Window())
	d.Resize(fyne.NewSize(640, 380))
	h.confirm = d
	d.Show()
	i.work.Start()
	go func() {
		e, err := ws.UndoEffect(ctx, b)
		i.host.Do(func() {
			defer i.work.Done()
			switch {
			case ctx.Err() != nil:
			case err != nil:
				text.SetText(fmt.Sprintf("Batch %d is %s: %s. Undoing it deletes them and brings back the values they replaced "+
					"(which could not be worked out: %s).", b.ID, b.File, plural(b.Rows, "observation", "observations"), workspace.UserMessage(err)))
			default:
				effect = &e
				text.SetText(e.Text(i.when))
			}
		})
	}()
}

// undo removes the batch behind a progress dialog and reloads the screens.
func (h *history) undo(ws *workspace.Workspace, b workspace.Batch, effect *workspace.UndoEffect) {
	i := h.i
	i.work.Start()
	i.host.Run(fmt.Sprintf("Undoing batch %d", b.ID), func(ctx context.Context, _ workspace.Progress) error {
		_, err := ws.Undo(ctx, b.ID)
		return err
	}, func(err error) {
		defer i.work.Done()
		if err != nil {
			i.host.ShowError(fmt.Errorf("could not undo batch %d: %w", b.ID, err))
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
