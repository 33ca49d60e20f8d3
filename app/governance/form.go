package governance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/workspace"
)

// form is the dialog every governance record is edited in: a form, a
// line for what is wrong with it, and Save. Save checks the form first
// and, when something is wrong, says what in the dialog and stores
// nothing; otherwise the record is stored off the UI thread and the
// screens reload.
type form struct {
	h       screen.Host
	dlg     dialog.Dialog
	form    *widget.Form
	message *widget.Label
	save    *widget.Button
	remove  *widget.Button // nil for a new record

	// check reads the form: the store work to do, or what is wrong.
	check func() (func(ctx context.Context) error, error)
	// done is closed when the latest Save or Delete has finished, stored or
	// refused; tests wait on it.
	done chan struct{}
}

// formOptions configure newForm.
type formOptions struct {
	title     string
	saveLabel string
	items     []*widget.FormItem
	extra     fyne.CanvasObject // below the form, such as a hint
	check     func() (func(ctx context.Context) error, error)
	// remove, when set, offers Delete; what runs after the person confirms.
	remove      func(ctx context.Context) error
	removeWhat  string // "this action"
	afterChange func() // on the UI thread once stored
}

func newForm(h screen.Host, o formOptions) *form {
	f := &form{h: h, check: o.check, done: make(chan struct{})}
	f.form = widget.NewForm(o.items...)
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	f.message.Hide()
	label := o.saveLabel
	if label == "" {
		label = "Save"
	}
	f.save = widget.NewButtonWithIcon(label, theme.DocumentSaveIcon(), func() { f.submit(o.afterChange) })
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	buttons := container.NewHBox(cancel, f.save)
	var left fyne.CanvasObject = widget.NewLabel("")
	if o.remove != nil {
		f.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
			dialog.ShowConfirm("Delete", fmt.Sprintf("Delete %s? The audit trail keeps a record of it.", o.removeWhat),
				func(ok bool) {
					if ok {
						f.runStore(o.remove, o.afterChange)
					}
				}, h.Window())
		})
		f.remove.Importance = widget.DangerImportance
		left = f.remove
	}
	body := container.NewVBox(f.form)
	if o.extra != nil {
		body.Add(o.extra)
	}
	body.Add(f.message)
	content := container.NewBorder(nil, container.NewBorder(nil, nil, left, buttons), nil, nil, body)
	f.dlg = dialog.NewCustomWithoutButtons(o.title, content, h.Window())
	f.dlg.Resize(fyne.NewSize(620, 0))
	return f
}

func (f *form) show() { f.dlg.Show() }

// showForm opens a dialog on the governance screen and keeps it as the
// screen's form, which tests reach it through.
func (g *Screen) showForm(o formOptions) {
	f := newForm(g.h, o)
	g.form = f
	f.show()
}

// submit checks the form and stores it, or says what is wrong.
func (f *form) submit(after func()) {
	work, err := f.check()
	if err != nil {
		f.fail(err.Error())
		f.finish()
		return
	}
	f.runStore(work, after)
}

// runStore does work off the UI thread; on success the dialog closes and
// after runs, on failure the dialog stays open with the error.
func (f *form) runStore(work func(ctx context.Context) error, after func()) {
	f.save.Disable()
	ctx := f.h.Context()
	go func() {
		err := work(ctx)
		f.h.Do(func() {
			defer f.finish()
			f.save.Enable()
			if err != nil {
				f.fail("Not saved: " + workspace.UserMessage(err))
				f.h.ShowError(err)
				return
			}
			f.message.Hide()
			f.dlg.Hide()
			if after != nil {
				after()
			}
		})
	}()
}

func (f *form) fail(text string) {
	f.message.SetText(text)
	f.message.Show()
	f.dlg.Refresh()
}

// finish marks the latest attempt done and readies the next one.
func (f *form) finish() {
	old := f.done
	f.done = make(chan struct{}) // before the close: a waiter then sees the new one
	close(old)
}

// optionalSelect is a select whose first option means none.
func optionalSelect(none string, options []string, selected string) *widget.Select {
	s := widget.NewSelect(append([]string{none}, options...), nil)
	s.SetSelected(none)
	if selected != "" {
		s.SetSelected(selected)
	}
	return s
}

// multiline is an entry for a description.
func multiline(text, placeholder string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// entry is a one-line entry.
func entry(text, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// saveWork is what a form's check returns for record n: the complaints
// in errs, one a line, or the work that saves n. n validates itself only
// once the form has nothing to say, so a half-read record adds no noise.
func saveWork[T interface{ Validate() error }](errs []string, n T,
	save func(*workspace.Workspace, context.Context, T) (T, error), ws *workspace.Workspace) (func(ctx context.Context) error, error) {
	if len(errs) == 0 {
		if err := n.Validate(); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return func(ctx context.Context) error {
		_, err := save(ws, ctx, n)
		return err
	}, nil
}

// remover is Delete's work for the stored record id, or nil for a new
// record (ID 0), which has nothing to delete. The workspace is the one open
// when the person confirms.
func remover(h screen.Host, id int64, del func(*workspace.Workspace, context.Context, int64) error) func(ctx context.Context) error {
	if id == 0 {
		return nil
	}
	return func(ctx context.Context) error { return del(h.Workspace(), ctx, id) }
}

// picked is a optionalSelect's choice, or "" when it shows its none option.
func picked(s *widget.Select) string {
	if s.SelectedIndex() > 0 {
		return s.Selected
	}
	return ""
}

// parseWhen reads the date a record happened on, which it must have.
func parseWhen(text string) (time.Time, error) {
	if strings.TrimSpace(text) == "" {
		return time.Time{}, fieldError("Date", errors.New("say when it happened"))
	}
	return parseDate("Date", text)
}
