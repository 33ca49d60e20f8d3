package imports

import (
	"fmt"

	"fyne.io/fyne/v2/widget"
)

// ready lists the files that the next Import imports: read without
// problems and not imported before.
func (i *Screen) ready() []*file {
	var out []*file
	for _, f := range i.files {
		if f.state() == stateReady {
			out = append(out, f)
		}
	}
	return out
}

// update enables the buttons and says what the next step is.
func (i *Screen) update() {
	if len(i.files) == 0 {
		i.split.Hide()
		i.empty.Show()
	} else {
		i.empty.Hide()
		i.split.Show()
	}
	checking, ready := 0, len(i.ready())
	for _, f := range i.files {
		if f.checking {
			checking++
		}
	}
	i.importBtn.SetText("Import")
	if ready > 1 {
		i.importBtn.SetText(fmt.Sprintf("Import %d files", ready))
	}
	if ready == 0 || checking > 0 || i.importing {
		i.importBtn.Disable()
	} else {
		i.importBtn.Enable()
	}
	if len(i.files) == 0 {
		i.checkBtn.Disable()
	} else {
		i.checkBtn.Enable()
	}
	if i.selected < 0 {
		i.removeBtn.Disable()
	} else {
		i.removeBtn.Enable()
	}
	switch {
	case len(i.files) == 0:
		i.setLine(i.status, "")
	case checking > 0:
		i.setLine(i.status, fmt.Sprintf("Reading %s for the preview…", plural(checking, "file", "files")))
	case ready == 0:
		i.setLine(i.status, "Nothing to import: fix the problems listed in the preview and click Check again, or add other files.")
	default:
		i.setLine(i.status, fmt.Sprintf("%s ready. Check the mapping and the first rows of each sheet, then click Import: "+
			"each file becomes one batch that you can undo in the history below.", plural(ready, "file", "files")))
	}
}

// showResult says what the last import or undo did, until the next one;
// importance colours it: success, warning (cancelled) or danger.
func (i *Screen) showResult(text string, importance widget.Importance) {
	i.result.Importance = importance
	i.setLine(i.result, text)
}

// setLine shows text in one of the lines above the files, hiding the line
// when text is empty. The screen is laid out again when a line appears or
// goes, since the lines below move.
func (i *Screen) setLine(l *widget.Label, text string) {
	was := l.Visible()
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
	if was != l.Visible() {
		i.root.Refresh()
	}
}
