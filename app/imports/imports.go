// Package imports is the import wizard: the screen where a consultant
// brings a client's workbooks into the workspace. Files are added (the
// open dialog, a drop on the window, a button); each is read in a dry run
// and previewed with the layout found, its column mapping, its first rows
// and every problem with its cell; a wrong column role can be changed;
// then the ready files are imported, each as one batch, and the history
// lists every batch with an undo that says which values come back.
package imports

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/workspace"
)

// extensions are the files the open dialog offers and a dropped
// folder contributes; the importer looks at the content, not the name.
var extensions = []string{".xlsx", ".xlsm", ".csv", ".tsv", ".txt"}

// prefFolder remembers where the last file was picked.
const prefFolder = "import.folder"

// Screen is the import wizard: files are added (open dialog, drop,
// button), each is read in a dry run and previewed with its layout, column
// mapping, first rows and problems; the mapping can be changed; then the
// files are imported, each as one batch, and the history lists every batch
// with an undo.
type Screen struct {
	host screen.Host
	work screen.Tracker // dry runs, imports, undos, history loads, reloads

	files    []*file
	selected int                  // index in files, -1 for none
	ws       *workspace.Workspace // the workspace the files were read against

	list                                   *widget.List
	preview                                *preview // of the selected file
	previewBox                             *fyne.Container
	addBtn, checkBtn, removeBtn, importBtn *widget.Button
	status, result                         *widget.Label
	summary                                dialog.Dialog // the last result summary, for tests
	empty                                  fyne.CanvasObject
	split                                  *container.Split
	hist                                   *history
	root                                   fyne.CanvasObject

	// importing is set while an import runs: Import stays disabled so that
	// a file cannot be imported twice at once.
	importing bool
	// progressed, when set, sees the import's progress as the dialog does;
	// tests cancel through the dialog at a known point with it.
	progressed func(done, total int64)
}

// New builds the import screen on h; it follows h's workspace and reloads
// every screen after an import or an undo.
func New(h screen.Host) *Screen {
	i := &Screen{host: h, selected: -1, ws: h.Workspace()}
	i.addBtn = widget.NewButtonWithIcon("Add files…", theme.ContentAddIcon(), i.OpenDialog)
	i.checkBtn = widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), i.checkAll)
	i.removeBtn = widget.NewButtonWithIcon("Remove", theme.ContentRemoveIcon(), i.removeSelected)
	i.importBtn = widget.NewButtonWithIcon("Import", theme.DownloadIcon(), i.runImport)
	i.importBtn.Importance = widget.HighImportance
	i.status = widget.NewLabel("")
	i.status.Wrapping = fyne.TextWrapWord
	i.result = widget.NewLabel("")
	i.result.Wrapping = fyne.TextWrapWord
	i.result.Hide()

	i.list = widget.NewList(func() int { return len(i.files) }, newListItem, i.updateListItem)
	i.list.OnSelected = func(id widget.ListItemID) { i.selectFile(id) }
	i.previewBox = container.NewStack()
	i.split = container.NewHSplit(i.list, i.previewBox)
	i.split.Offset = 0.24
	i.empty = i.newEmptyState()
	i.hist = newHistory(i)

	toolbar := container.NewHBox(i.addBtn, i.checkBtn, i.removeBtn, layout.NewSpacer(), i.importBtn)
	body := container.NewStack(i.empty, i.split)
	page := container.NewVSplit(body, i.hist.root)
	page.Offset = 0.76
	i.root = container.NewBorder(container.NewVBox(toolbar, i.result, i.status), nil, nil, nil, page)
	h.OnChange(i.sessionChanged)
	i.update()
	i.hist.load()
	return i
}

// Content is the screen, for the window's Import tab.
func (i *Screen) Content() fyne.CanvasObject { return i.root }

// Idle is closed once no background work of the screen is under way: dry
// runs, imports, undos, history loads and the reloads they cause.
func (i *Screen) Idle() <-chan struct{} { return i.work.Idle() }

func (i *Screen) newEmptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Import workbooks", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	text := widget.NewLabel("Excel workbooks (.xlsx, .xlsm) and comma-, semicolon- or tab-separated text files " +
		"(.csv, .tsv, .txt) are accepted. Each sheet is recognised by its headers, whatever its name: " +
		"long (Period, Unit, Discipline, Metric, Value), wide with periods or metrics across, " +
		"or a catalogue of metric definitions.\n\n" +
		"Drop files anywhere on this window, or add them with the button (Ctrl+O). Nothing is imported " +
		"until you have seen the preview: the layout found, the column mapping (which you can change), " +
		"the first rows and every problem with its cell.")
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter
	add := widget.NewButtonWithIcon("Add files…", theme.ContentAddIcon(), i.OpenDialog)
	add.Importance = widget.HighImportance
	box := container.NewVBox(title, text, container.NewCenter(add))
	return container.NewVBox(layout.NewSpacer(),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(620, box.MinSize().Height*2.2), box)),
		layout.NewSpacer())
}

// OpenDialog asks for a file to preview (Ctrl+O and File > Import).
func (i *Screen) OpenDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			i.host.ShowError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		i.host.App().Preferences().SetString(prefFolder, filepath.Dir(path))
		i.AddFiles([]string{path})
	}, i.host.Window())
	d.SetFilter(storage.NewExtensionFileFilter(extensions))
	if dir := i.host.App().Preferences().String(prefFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// AddFiles lists files (dropped or picked) and previews them. A folder adds
// the files in it with an accepted extension; a file already listed is read
// again.
func (i *Screen) AddFiles(paths []string) {
	first := -1
	for _, p := range expand(paths) {
		k := slices.IndexFunc(i.files, func(f *file) bool { return f.path == p })
		if k < 0 {
			i.files = append(i.files, &file{path: p, name: filepath.Base(p)})
			k = len(i.files) - 1
		}
		if first < 0 {
			first = k
		}
		i.check(i.files[k])
	}
	i.list.Refresh()
	if first >= 0 {
		i.list.Select(first)
	}
	i.update()
}

// expand replaces folders by the accepted files directly in them.
func expand(paths []string) []string {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p) // a missing file is reported by the dry run
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			out = append(out, p)
			continue
		}
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.IsDir() && slices.Contains(extensions, ext) && !strings.HasPrefix(e.Name(), "~$") {
				out = append(out, filepath.Join(p, e.Name()))
			}
		}
	}
	return out
}

// removeSelected takes the selected file off the list.
func (i *Screen) removeSelected() {
	if i.selected < 0 || i.selected >= len(i.files) {
		return
	}
	if f := i.files[i.selected]; f.cancel != nil {
		f.cancel()
	}
	i.files = slices.Delete(i.files, i.selected, i.selected+1)
	i.list.UnselectAll()
	i.selected = -1
	i.list.Refresh()
	if len(i.files) > 0 {
		i.list.Select(0)
	}
	i.update()
}

func (i *Screen) selectFile(k int) {
	if k < 0 || k >= len(i.files) {
		return
	}
	i.selected = k
	i.showPreview()
	i.update()
}

// fileChanged shows a file's new state.
func (i *Screen) fileChanged(f *file) {
	i.list.Refresh()
	if i.selected >= 0 && i.selected < len(i.files) && i.files[i.selected] == f {
		i.showPreview()
	}
	i.update()
}

func (i *Screen) showPreview() {
	if i.selected < 0 || i.selected >= len(i.files) {
		i.preview = nil
		i.previewBox.Objects = nil
		i.previewBox.Refresh()
		return
	}
	i.preview = newPreview(i, i.files[i.selected])
	i.previewBox.Objects = []fyne.CanvasObject{i.preview.root}
	i.previewBox.Refresh()
}

// sessionChanged follows the session: another workspace makes every
// preview stale (duplicates and catalogue differ), so the files are read
// again; the history follows the data.
func (i *Screen) sessionChanged() {
	if i.host.Workspace() != i.ws {
		i.ws = i.host.Workspace()
		i.checkAll()
	}
	i.hist.load()
}
