package app

import (
	"fmt"
	"strings"

	"cxdash/model"
	"cxdash/workspace"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// importState is where a file stands in the wizard.
type importState int

const (
	importChecking  importState = iota // the dry run is under way
	importReady                        // no problems: the next Import imports it
	importProblems                     // problems with their cells: it cannot be imported
	importDuplicate                    // the same content was imported before
	importFailed                       // could not be read (cancelled, I/O)
)

func importFileState(f *importFile) importState {
	switch {
	case f.checking:
		return importChecking
	case f.res.Err != nil:
		return importFailed
	case f.res.Duplicate:
		return importDuplicate
	case !f.res.Result.OK():
		return importProblems
	}
	return importReady
}

// importFileSummary is the one line under a file's name in the list.
func importFileSummary(f *importFile) string {
	switch importFileState(f) {
	case importChecking:
		return "Reading…"
	case importFailed:
		return "Could not read: " + workspace.UserMessage(f.res.Err)
	case importDuplicate:
		return fmt.Sprintf("Already imported as batch %d", f.res.Batch.ID)
	case importProblems:
		return importPlural(len(f.res.Result.Problems), "problem", "problems") + ": cannot be imported"
	}
	r := f.res.Result
	s := "Ready: " + importPlural(r.Values, "value", "values")
	if len(f.overrides) > 0 {
		s += ", mapping changed"
	}
	return s
}

func importStateIcon(s importState) fyne.Resource {
	switch s {
	case importChecking:
		return theme.ViewRefreshIcon()
	case importReady:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case importProblems, importFailed:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case importDuplicate:
		return theme.InfoIcon()
	}
	return nil
}

func importNewListItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	state := widget.NewLabel("")
	state.Truncation = fyne.TextTruncateEllipsis
	state.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, nil, widget.NewIcon(nil), nil,
		container.New(&importTightRows{}, name, state))
}

func (i *importScreen) updateListItem(id widget.ListItemID, obj fyne.CanvasObject) {
	if id < 0 || id >= len(i.files) {
		return
	}
	f := i.files[id]
	border := obj.(*fyne.Container)
	rows := border.Objects[0].(*fyne.Container)
	icon := border.Objects[1].(*widget.Icon)
	rows.Objects[0].(*widget.Label).SetText(f.name)
	state := rows.Objects[1].(*widget.Label)
	st := importFileState(f)
	state.Importance = widget.MediumImportance
	if st == importProblems || st == importFailed {
		state.Importance = widget.DangerImportance
	}
	state.SetText(importFileSummary(f))
	icon.SetResource(importStateIcon(st))
}

// importPlural writes "1 value", "2 values", "1,240 values".
func importPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return model.FormatCount(n) + " " + many
}

// importList joins names: "a", "a and b", "a, b and 2 more".
func importList(names []string, max int) string {
	switch {
	case len(names) == 0:
		return ""
	case len(names) == 1:
		return names[0]
	case len(names) <= max:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
}

// importTightRows stacks objects with no padding between them: a name and
// its status line read as one item.
type importTightRows struct{}

func (importTightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - 2*theme.Padding()
	}
	return s.AddWidthHeight(0, 2*theme.Padding())
}

func (importTightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - 2*theme.Padding()
	}
}

// importMinHeight fills its space with its objects and asks for at least
// this height: a list that shows a few rows without scrolling.
type importMinHeight float32

func (h importMinHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, float32(h))
	for _, o := range objs {
		m := o.MinSize()
		s = s.Max(fyne.NewSize(m.Width, 0))
	}
	return s
}

func (importMinHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// importColumns lays out cells in rows of len(weights) columns, each
// column as wide as its share of the weights.
type importColumns struct{ weights []float32 }

func (c *importColumns) rowHeights(objs []fyne.CanvasObject) []float32 {
	n := len(c.weights)
	hs := make([]float32, (len(objs)+n-1)/n)
	for k, o := range objs {
		hs[k/n] = max(hs[k/n], o.MinSize().Height)
	}
	return hs
}

func (c *importColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, rh := range c.rowHeights(objs) {
		h += rh
	}
	return fyne.NewSize(float32(len(c.weights))*40, h)
}

func (c *importColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var sum float32
	for _, w := range c.weights {
		sum += w
	}
	n := len(c.weights)
	hs := c.rowHeights(objs)
	var x, y float32
	for k, o := range objs {
		col := k % n
		if col == 0 && k > 0 {
			x, y = 0, y+hs[k/n-1]
		}
		w := size.Width * c.weights[col] / sum
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, hs[k/n]))
		x += w
	}
}
