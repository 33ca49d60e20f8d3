package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cxdash/workspace"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// A workspace is one database file, one per client for consultants, or a
// team workspace on a PostgreSQL server (team_server.go).

var workspaceFilter = storage.NewExtensionFileFilter([]string{".db", ".cxdash", ".sqlite"})

// newWorkspace asks where to create an empty workspace and opens it.
func (u *UI) newWorkspace() {
	d := dialog.NewFileSave(chosenPath[fyne.URIWriteCloser](u, func(path string) {
		// The dialog created an empty file; a workspace is created by opening it.
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		if !strings.Contains(filepath.Base(path), ".") {
			path += ".db"
		}
		u.switchWorkspace(path)
	}), u.s.Window())
	d.SetFileName("client.db")
	d.Show()
}

// openWorkspaceDialog asks for a workspace file and opens it.
func (u *UI) openWorkspaceDialog() {
	d := dialog.NewFileOpen(chosenPath[fyne.URIReadCloser](u, u.switchWorkspace), u.s.Window())
	d.SetFilter(workspaceFilter)
	d.Show()
}

// recentMenu lists the workspaces opened lately.
func (u *UI) recentMenu() *fyne.MenuItem {
	item := fyne.NewMenuItem("Open recent", nil)
	var items []*fyne.MenuItem
	for _, p := range u.s.App().Preferences().StringList(prefRecentWS) {
		path := workspace.Redact(p) // lists written by older versions may hold a password
		items = append(items, fyne.NewMenuItem(path, func() { u.switchWorkspace(path) }))
	}
	if len(items) == 0 {
		items = []*fyne.MenuItem{{Label: "(none yet)", Disabled: true}}
	}
	item.ChildMenu = fyne.NewMenu("", items...)
	return item
}

// saveWorkspaceAs writes a consistent copy of the workspace and switches
// to it, like Save As in any desktop program. A team workspace is saved
// as a file copy, and stays open: the team goes on working on the server.
func (u *UI) saveWorkspaceAs() {
	d := dialog.NewFileSave(chosenPath[fyne.URIWriteCloser](u, func(path string) {
		os.Remove(path) // VACUUM INTO refuses an existing file, even the empty one the dialog made
		u.saveCopyTo(path)
	}), u.s.Window())
	d.SetFileName(saveAsName(u.s.Workspace().Path()))
	d.Show()
}

// saveAsName is the file name Save workspace as… suggests: "acme copy.db"
// for acme.db, "cx_programme copy.db" for a team workspace.
func saveAsName(location string) string {
	if db, ok := workspace.ServerDatabase(location); ok {
		return db + " copy.db"
	}
	return strings.TrimSuffix(filepath.Base(location), filepath.Ext(location)) + " copy.db"
}

// saveCopyTo writes the copy off the UI thread and then opens it, unless
// the workspace is a team workspace.
func (u *UI) saveCopyTo(path string) {
	ws := u.s.Workspace()
	u.s.Run("Saving workspace", func(ctx context.Context, _ workspace.Progress) error {
		return ws.SaveCopy(ctx, path)
	}, func(err error) {
		if err != nil {
			u.s.ShowError(err)
			return
		}
		if workspace.IsServer(ws.Path()) {
			dialog.ShowInformation("Workspace saved", "Saved a copy of "+workspace.Label(ws.Path())+
				" to\n"+path+"\nThe team workspace stays open.", u.s.Window())
			return
		}
		u.switchWorkspace(path)
	})
}

// switchWorkspace opens path (creating it when new) and shows it
// everywhere; the previous workspace is closed only once the new one is
// open, so a failure leaves the user where they were. A team workspace's
// URL goes through the password prompt when the server wants one.
func (u *UI) switchWorkspace(path string) {
	if workspace.Redact(path) == u.s.Workspace().Path() {
		return
	}
	if workspace.IsServer(path) {
		u.connectTo(path)
		return
	}
	go func() {
		ws, err := workspace.Open(u.s.Context(), path)
		u.s.Do(func() {
			if err != nil {
				u.s.ShowError(fmt.Errorf("could not open %s: %w", filepath.Base(path), err))
				return
			}
			u.adoptWorkspace(ws)
		})
	}()
}

// adoptWorkspace shows the open workspace ws everywhere and closes the
// previous one.
func (u *UI) adoptWorkspace(ws *workspace.Workspace) {
	old := u.s.Workspace()
	u.s.SwitchTo(ws)
	u.openedWorkspace(ws.Path())
	shown := u.s.Reload()
	// Screens may still be reading the old workspace (a server answers
	// slower than a file). Once they show the new one their older requests
	// are stale, and closing it under them shows no error.
	go func() {
		<-shown
		old.Close()
	}()
}

// chosenPath is a file dialog's callback: the file the dialog opened is
// closed and its path handed to use; a cancelled dialog does nothing and a
// failed one says why.
func chosenPath[F interface {
	URI() fyne.URI
	Close() error
}](u *UI, use func(path string)) func(F, error) {
	return func(f F, err error) {
		if err != nil || any(f) == nil {
			u.reportDialogError(err)
			return
		}
		path := f.URI().Path()
		f.Close()
		use(path)
	}
}

func (u *UI) reportDialogError(err error) {
	if err != nil {
		u.s.ShowError(err)
	}
}
