package imports

import (
	"context"
	"fmt"
	"maps"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/importers"
	"cxdash/workspace"
)

// file is one file in the wizard and its latest dry run.
type file struct {
	path, name string
	// overrides are the mappings the user chose, by sheet name; each
	// replaces the sheet's whole mapping.
	overrides map[string]importers.Mapping
	// columns and layouts are each sheet's columns and layout as detected,
	// kept when a chosen mapping makes a sheet unusable (its report then
	// lists no columns) so that the user can still change it back.
	columns map[string][]importers.Column
	layouts map[string]importers.Layout
	res     outcome
	ws      *workspace.Workspace // the workspace res was read against

	checking bool
	seq      int // dry runs started; older results are dropped
	cancel   context.CancelFunc
	sheet    string // the sheet tab shown
}

// fileState is where a file stands in the wizard.
type fileState int

const (
	stateChecking  fileState = iota // the dry run is under way
	stateReady                      // no problems: the next Import imports it
	stateProblems                   // problems with their cells: it cannot be imported
	stateDuplicate                  // the same content was imported before
	stateFailed                     // could not be read (cancelled, I/O)
)

// state is where f stands now.
func (f *file) state() fileState {
	switch {
	case f.checking:
		return stateChecking
	case f.res.Err != nil:
		return stateFailed
	case f.res.Duplicate:
		return stateDuplicate
	case !f.res.Result.OK():
		return stateProblems
	}
	return stateReady
}

// summary is the one line under f's name in the list.
func (f *file) summary() string {
	switch f.state() {
	case stateChecking:
		return "Reading…"
	case stateFailed:
		return "Could not read: " + workspace.UserMessage(f.res.Err)
	case stateDuplicate:
		return fmt.Sprintf("Already imported as batch %d", f.res.Batch.ID)
	case stateProblems:
		return plural(len(f.res.Result.Problems), "problem", "problems") + ": cannot be imported"
	}
	r := f.res.Result
	s := "Ready: " + plural(r.Values, "value", "values")
	if len(f.overrides) > 0 {
		s += ", mapping changed"
	}
	return s
}

// stateIcon marks a state in the list.
func stateIcon(s fileState) fyne.Resource {
	switch s {
	case stateChecking:
		return theme.ViewRefreshIcon()
	case stateReady:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case stateProblems, stateFailed:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case stateDuplicate:
		return theme.InfoIcon()
	}
	return nil
}

// newListItem is a row of the file list: an icon, the name and its
// summary.
func newListItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	state := widget.NewLabel("")
	state.Truncation = fyne.TextTruncateEllipsis
	state.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, nil, widget.NewIcon(nil), nil,
		container.New(&tightRows{}, name, state))
}

// updateListItem shows file id in a row made by newListItem.
func (i *Screen) updateListItem(id widget.ListItemID, obj fyne.CanvasObject) {
	if id < 0 || id >= len(i.files) {
		return
	}
	f := i.files[id]
	border := obj.(*fyne.Container)
	rows := border.Objects[0].(*fyne.Container)
	icon := border.Objects[1].(*widget.Icon)
	rows.Objects[0].(*widget.Label).SetText(f.name)
	state := rows.Objects[1].(*widget.Label)
	st := f.state()
	state.Importance = widget.MediumImportance
	if st == stateProblems || st == stateFailed {
		state.Importance = widget.DangerImportance
	}
	state.SetText(f.summary())
	icon.SetResource(stateIcon(st))
}

// check runs a dry run of f off the UI thread with its chosen mappings.
func (i *Screen) check(f *file) {
	if f.cancel != nil {
		f.cancel()
	}
	f.seq++
	seq, ws := f.seq, i.host.Workspace()
	ctx, cancel := context.WithCancel(i.host.Context())
	f.cancel, f.checking = cancel, true
	opt := workspace.ImportOptions{DryRun: true, Overrides: copyOverrides(f.overrides)}
	i.work.Start()
	go func() {
		defer cancel()
		res := runFile(ctx, ws, f.path, opt)
		i.host.Do(func() {
			defer i.work.Done()
			if seq != f.seq {
				return
			}
			f.checking, f.cancel = false, nil
			f.res, f.ws = res, ws
			f.learn(res.Result)
			i.fileChanged(f)
		})
	}()
}

// learn keeps the columns and layout of each sheet as first found.
func (f *file) learn(rep importers.Result) {
	if f.columns == nil {
		f.columns, f.layouts = map[string][]importers.Column{}, map[string]importers.Layout{}
	}
	for _, sh := range rep.Sheets {
		if len(sh.Columns) > 0 {
			if _, ok := f.columns[sh.Name]; !ok || f.overrides[sh.Name] == nil {
				f.columns[sh.Name] = sh.Columns
			}
		}
		if _, chosen := f.overrides[sh.Name]; !chosen {
			f.layouts[sh.Name] = sh.Layout
		}
	}
}

// copyOverrides copies the chosen mappings for work off the UI thread,
// where the user may change them meanwhile.
func copyOverrides(o map[string]importers.Mapping) map[string]importers.Mapping {
	if len(o) == 0 {
		return nil
	}
	out := make(map[string]importers.Mapping, len(o))
	for sheet, m := range o {
		out[sheet] = maps.Clone(m)
	}
	return out
}

// checkAll reads every listed file again: after fixing a workbook, or
// when the workspace changed.
func (i *Screen) checkAll() {
	for _, f := range i.files {
		i.check(f)
	}
	i.list.Refresh()
	i.update()
	if i.preview != nil {
		i.showPreview()
	}
}
