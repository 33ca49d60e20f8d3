package app

import (
	"context"
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
	"cxdash/importers"
	"cxdash/workspace"
)

// importExtensions are the files the open dialog offers and a dropped
// folder contributes; the importer looks at the content, not the name.
var importExtensions = []string{".xlsx", ".xlsm", ".csv", ".tsv", ".txt"}

// prefImportFolder remembers where the last file was picked.
const prefImportFolder = "import.folder"

// importScreen is the import wizard: files are added (open dialog, drop,
// button), each is read in a dry run and previewed with its layout, column
// mapping, first rows and problems; the mapping can be changed; then the
// files are imported, each as one batch, and the history lists every batch
// with an undo.
type importScreen struct {
	s    *screen.Session
	work screen.Tracker

	files    []*importFile
	selected int // index in files, -1 for none
	ws       *workspace.Workspace

	list                                   *widget.List
	preview                                *importPreview // of the selected file
	previewBox                             *fyne.Container
	addBtn, checkBtn, removeBtn, importBtn *widget.Button
	status, result                         *widget.Label
	summary                                dialog.Dialog // the last result summary, for tests
	empty                                  fyne.CanvasObject
	split                                  *container.Split
	hist                                   *importHistory
	root                                   fyne.CanvasObject

	// importing is set while an import runs: Import stays disabled so that
	// a file cannot be imported twice at once.
	importing bool
	// progressed, when set, sees the import's progress as the dialog does;
	// tests cancel through the dialog at a known point with it.
	progressed func(done, total int64)
}

// importFile is one file in the wizard and its latest dry run.
type importFile struct {
	path, name string
	// overrides are the mappings the user chose, by sheet name; each
	// replaces the sheet's whole mapping.
	overrides map[string]importers.Mapping
	// columns and layouts are each sheet's columns and layout as detected,
	// kept when a chosen mapping makes a sheet unusable (its report then
	// lists no columns) so that the user can still change it back.
	columns map[string][]importers.Column
	layouts map[string]importers.Layout
	res     importOutcome
	ws      *workspace.Workspace // the workspace res was read against

	checking bool
	seq      int // dry runs started; older results are dropped
	cancel   context.CancelFunc
	sheet    string // the sheet tab shown
}

func newImportScreen(s *screen.Session) *importScreen {
	i := &importScreen{s: s, selected: -1, ws: s.Workspace()}
	i.addBtn = widget.NewButtonWithIcon("Add files…", theme.ContentAddIcon(), i.openDialog)
	i.checkBtn = widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), i.checkAll)
	i.removeBtn = widget.NewButtonWithIcon("Remove", theme.ContentRemoveIcon(), i.removeSelected)
	i.importBtn = widget.NewButtonWithIcon("Import", theme.DownloadIcon(), i.runImport)
	i.importBtn.Importance = widget.HighImportance
	i.status = widget.NewLabel("")
	i.status.Wrapping = fyne.TextWrapWord
	i.result = widget.NewLabel("")
	i.result.Wrapping = fyne.TextWrapWord
	i.result.Hide()

	i.list = widget.NewList(func() int { return len(i.files) }, importNewListItem, i.updateListItem)
	i.list.OnSelected = func(id widget.ListItemID) { i.selectFile(id) }
	i.previewBox = container.NewStack()
	i.split = container.NewHSplit(i.list, i.previewBox)
	i.split.Offset = 0.24
	i.empty = i.newEmptyState()
	i.hist = newImportHistory(i)

	toolbar := container.NewHBox(i.addBtn, i.checkBtn, i.removeBtn, layout.NewSpacer(), i.importBtn)
	body := container.NewStack(i.empty, i.split)
	history := container.NewVSplit(body, i.hist.root)
	history.Offset = 0.76
	i.root = container.NewBorder(container.NewVBox(toolbar, i.result, i.status), nil, nil, nil, history)
	s.OnChange((i.sessionChanged))
	i.update()
	i.hist.load()
	return i
}

func (i *importScreen) content() fyne.CanvasObject { return i.root }

func (i *importScreen) newEmptyState() fyne.CanvasObject {
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
	add := widget.NewButtonWithIcon("Add files…", theme.ContentAddIcon(), i.openDialog)
	add.Importance = widget.HighImportance
	box := container.NewVBox(title, text, container.NewCenter(add))
	return container.NewVBox(layout.NewSpacer(),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(620, box.MinSize().Height*2.2), box)),
		layout.NewSpacer())
}

// openDialog asks for a file to preview (Ctrl+O and File > Import).
func (i *importScreen) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			i.s.ShowError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		i.s.App().Preferences().SetString(prefImportFolder, filepath.Dir(path))
		i.importFiles([]string{path})
	}, i.s.Window())
	d.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	if dir := i.s.App().Preferences().String(prefImportFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importFiles previews files (dropped or picked). A folder adds the files
// in it with an accepted extension; a file already listed is read again.
func (i *importScreen) importFiles(paths []string) {
	first := -1
	for _, p := range importExpand(paths) {
		k := slices.IndexFunc(i.files, func(f *importFile) bool { return f.path == p })
		if k < 0 {
			i.files = append(i.files, &importFile{path: p, name: filepath.Base(p)})
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

// importExpand replaces folders by the accepted files directly in them.
func importExpand(paths []string) []string {
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
			if !e.IsDir() && slices.Contains(importExtensions, ext) && !strings.HasPrefix(e.Name(), "~$") {
				out = append(out, filepath.Join(p, e.Name()))
			}
		}
	}
	return out
}

// check runs a dry run of f off the UI thread with its chosen mappings.
func (i *importScreen) check(f *importFile) {
	if f.cancel != nil {
		f.cancel()
	}
	f.seq++
	seq, ws := f.seq, i.s.Workspace()
	ctx, cancel := context.WithCancel(i.s.Context())
	f.cancel, f.checking = cancel, true
	opt := workspace.ImportOptions{DryRun: true, Overrides: importCopyOverrides(f.overrides)}
	i.work.Start()
	go func() {
		defer cancel()
		res := importRunFile(ctx, ws, f.path, opt)
		i.s.Do(func() {
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
func (f *importFile) learn(rep importers.Result) {
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

func importCopyOverrides(o map[string]importers.Mapping) map[string]importers.Mapping {
	if len(o) == 0 {
		return nil
	}
	out := make(map[string]importers.Mapping, len(o))
	for sheet, m := range o {
		c := make(importers.Mapping, len(m))
		for k, v := range m {
			c[k] = v
		}
		out[sheet] = c
	}
	return out
}

// checkAll reads every listed file again: after fixing a workbook, or
// when the workspace changed.
func (i *importScreen) checkAll() {
	for _, f := range i.files {
		i.check(f)
	}
	i.list.Refresh()
	i.update()
	if i.preview != nil {
		i.showPreview()
	}
}

// remap gives column col of a sheet a new role and previews the file again.
func (i *importScreen) remap(f *importFile, sheet string, col int, role importers.Role) {
	m := importers.Mapping{}
	if cur, ok := f.overrides[sheet]; ok {
		for k, v := range cur {
			m[k] = v
		}
	} else {
		for _, c := range f.columns[sheet] {
			if c.Role != "" && c.Role != importers.RoleIgnore {
				m[c.Index] = c.Role
			}
		}
	}
	if role == importers.RoleIgnore {
		delete(m, col)
	} else {
		m[col] = role
	}
	if f.overrides == nil {
		f.overrides = map[string]importers.Mapping{}
	}
	f.overrides[sheet] = m
	f.sheet = sheet
	i.check(f)
	i.fileChanged(f)
}

// resetMapping drops the user's mapping of a sheet.
func (i *importScreen) resetMapping(f *importFile, sheet string) {
	delete(f.overrides, sheet)
	f.sheet = sheet
	i.check(f)
	i.fileChanged(f)
}

// removeSelected takes the selected file off the list.
func (i *importScreen) removeSelected() {
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

func (i *importScreen) selectFile(k int) {
	if k < 0 || k >= len(i.files) {
		return
	}
	i.selected = k
	i.showPreview()
	i.update()
}

// fileChanged shows a file's new state.
func (i *importScreen) fileChanged(f *importFile) {
	i.list.Refresh()
	if i.selected >= 0 && i.selected < len(i.files) && i.files[i.selected] == f {
		i.showPreview()
	}
	i.update()
}

func (i *importScreen) showPreview() {
	if i.selected < 0 || i.selected >= len(i.files) {
		i.preview = nil
		i.previewBox.Objects = nil
		i.previewBox.Refresh()
		return
	}
	i.preview = newImportPreview(i, i.files[i.selected])
	i.previewBox.Objects = []fyne.CanvasObject{i.preview.root}
	i.previewBox.Refresh()
}

// sessionChanged follows the session: another workspace makes every
// preview stale (duplicates and catalogue differ), so the files are read
// again; the history follows the data.
func (i *importScreen) sessionChanged() {
	if i.s.Workspace() != i.ws {
		i.ws = i.s.Workspace()
		i.checkAll()
	}
	i.hist.load()
}
