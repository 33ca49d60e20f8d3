package app

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/assets"
)

// UI is the desktop app: one window on one workspace.
type UI struct {
	ctx  context.Context
	app  fyne.App
	win  fyne.Window
	ws   *Workspace
	dash *dashboard
	// loaded is closed when the first data is on screen.
	loaded <-chan struct{}
}

// NewUI opens the workspace at dbPath and builds the main window.
func NewUI(ctx context.Context, a fyne.App, dbPath string) (*UI, error) {
	ws, err := OpenWorkspace(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	if len(assets.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	u := &UI{ctx: ctx, app: a, ws: ws}
	u.win = a.NewWindow("cxdash — " + workspaceName(dbPath))
	u.dash = newDashboard(ctx, ws, u.win, u.importDialog)
	toolbar := widget.NewToolbar(
		widget.NewToolbarAction(theme.FolderOpenIcon(), u.importDialog),
		widget.NewToolbarAction(theme.ViewRefreshIcon(), func() { u.dash.refresh() }),
	)
	u.win.SetContent(container.NewBorder(toolbar, nil, nil, nil, u.dash.content()))
	u.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File",
		fyne.NewMenuItem("Import workbook…", u.importDialog),
	)))
	u.win.Resize(fyne.NewSize(1240, 780))
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, uri := range uris {
			paths = append(paths, uri.Path())
		}
		if len(paths) > 0 {
			u.importFiles(paths)
		}
	})
	u.win.SetOnClosed(func() { ws.Close() })
	u.loaded = u.dash.refresh()
	return u, nil
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it closes.
func (u *UI) ShowAndRun() { u.win.ShowAndRun() }

func workspaceName(path string) string {
	return filepath.Base(path)
}

// importDialog asks for workbooks and imports them off the UI thread.
func (u *UI) importDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, u.win)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.importFiles([]string{path})
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".xlsm", ".csv", ".tsv", ".txt"}))
	d.Show()
}

// importFiles imports with a progress bar and a cancel button, then shows
// what happened and refreshes the dashboard.
func (u *UI) importFiles(paths []string) {
	ctx, cancel := context.WithCancel(u.ctx)
	bar := widget.NewProgressBar()
	status := widget.NewLabel("Reading…")
	prog := dialog.NewCustomWithoutButtons("Importing", container.NewVBox(status, bar,
		widget.NewButton("Cancel", cancel)), u.win)
	prog.Show()
	go func() {
		defer cancel()
		var results []ImportResult
		for _, p := range paths {
			name := filepath.Base(p)
			fyne.Do(func() { status.SetText("Importing " + name) })
			res := u.ws.ImportFile(ctx, p, ImportOptions{Progress: func(done, total int64) {
				fyne.Do(func() {
					if total > 0 {
						bar.SetValue(float64(done) / float64(total))
					}
				})
			}})
			results = append(results, res)
		}
		fyne.Do(func() {
			prog.Hide()
			u.showImportResults(results)
			u.dash.refresh()
		})
	}()
}

func (u *UI) showImportResults(results []ImportResult) {
	var text string
	for _, r := range results {
		switch {
		case r.Err != nil:
			text += fmt.Sprintf("%s: %s\n", r.Report.File, UserMessage(r.Err))
		case r.Duplicate:
			text += fmt.Sprintf("%s: already imported as batch %d; nothing added.\n", r.Report.File, r.Batch.ID)
		case !r.Report.OK():
			text += fmt.Sprintf("%s: rejected, nothing imported:\n", r.Report.File)
			for i, p := range r.Report.Problems {
				if i == 20 {
					text += fmt.Sprintf("  … and %d more\n", len(r.Report.Problems)-20)
					break
				}
				text += "  " + p.Error() + "\n"
			}
		default:
			text += fmt.Sprintf("%s: imported as batch %d: %d values, %d blank cells skipped.\n",
				r.Report.File, r.Batch.ID, r.Report.Values, r.Report.Skipped)
		}
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(msg)
	scroll.SetMinSize(fyne.NewSize(560, 220))
	dialog.ShowCustom("Import", "Close", scroll, u.win)
}
