package app

import (
	"context"
	"fmt"
	"strings"

	"cxdash/model"
	"cxdash/workspace"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const copyHelp = "Copies every batch with its source cells, the catalogue, settings and governance records\n" +
	"of this workspace into an empty database on a PostgreSQL server, and checks the counts\n" +
	"before it commits. This workspace stays as it is."

// copyToServerDialog is File ▸ Copy workspace to team server…: it asks
// for the server, copies the open workspace there off the UI thread and
// offers to switch to the copy.
func (u *UI) copyToServerDialog() {
	src := u.s.Workspace()
	f := u.newServerForm("Copy workspace to team server", copyHelp, "Copy", "", func(dst *workspace.Workspace, done func(error)) {
		var counts []workspace.TableCount
		u.s.Run("Copying to "+workspace.Label(dst.Path()), func(ctx context.Context, progress workspace.Progress) error {
			var err error
			counts, err = src.CopyTo(ctx, dst, progress)
			return err
		}, func(err error) {
			if err != nil {
				dst.Close()
				done(err)
				return
			}
			done(nil)
			u.copiedDialog(src, dst, counts)
		})
	})
	f.show()
}

// copiedDialog shows what a copy moved, table by table, and offers to
// switch to the team workspace; dst is closed when the person stays.
func (u *UI) copiedDialog(src, dst *workspace.Workspace, counts []workspace.TableCount) {
	// Two columns of table and rows keep the dialog within a laptop's
	// screen.
	cols := [2]*fyne.Container{container.New(layout.NewFormLayout()), container.New(layout.NewFormLayout())}
	var total int64
	for k, c := range counts {
		total += c.Rows
		n := widget.NewLabel(model.FormatCount(int(c.Rows)))
		n.Alignment = fyne.TextAlignTrailing
		col := cols[k*2/max(len(counts)+1, 1)]
		col.Add(widget.NewLabel(strings.ReplaceAll(c.Table, "_", " ")))
		col.Add(n)
	}
	grid := container.NewGridWithColumns(2, cols[0], cols[1])
	msg := widget.NewLabel(fmt.Sprintf("Copied %s rows from %s to %s;\nthe server holds as many rows of each table as this workspace.",
		model.FormatCount(int(total)), workspace.Label(src.Path()), workspace.Label(dst.Path())))
	d := dialog.NewCustomWithoutButtons("Copied to team server", container.NewVBox(msg, grid), u.s.Window())
	stay := widget.NewButton("Stay here", func() {
		d.Hide()
		dst.Close()
	})
	switchTo := widget.NewButtonWithIcon("Switch to the team workspace", theme.ConfirmIcon(), func() {
		d.Hide()
		u.adoptWorkspace(dst)
	})
	switchTo.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{stay, switchTo})
	d.Show()
}
