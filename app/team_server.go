package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net/url"
	"strings"
	"time"

	"cxdash/workspace"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A team workspace is a database on a PostgreSQL server that a CX team
// shares (store/postgres.go). This file is what the window adds for it:
// the server dialog, the password prompt, and how a server is named. A
// password never leaves memory: preferences, the title and messages carry
// workspace.Redact(location) or Store.Path(), which hold none.

// teamURLExample is the shape of a team workspace's URL.
const teamURLExample = "postgres://you@server:5432/cx_programme?sslmode=require"

// startupConnectTimeout bounds the first connection at start, so that a
// server that drops packets does not keep the window from opening.
const startupConnectTimeout = 15 * time.Second

const connectHelp = "A team workspace keeps everyone's imports in one database on a PostgreSQL server.\n" +
	"The password comes from ~/.pgpass (or PGPASSFILE); if it is not there, cxdash asks for it\n" +
	"and keeps it in memory until you quit."

// checkServerURL says what is wrong with a URL typed into the server
// dialog, or "" when it may be tried. The rest is the store's to judge:
// pgx accepts URLs that net/url refuses, such as several hosts.
func checkServerURL(location string) string {
	if !workspace.IsServer(location) {
		return "Enter a postgres:// URL, such as " + teamURLExample
	}
	return ""
}

// teamMessage is an error of the server dialog as a person reads it.
func teamMessage(err error) string {
	msg := workspace.UserMessage(err)
	if i := strings.Index(msg, workspace.ErrNotEmpty.Error()); i >= 0 {
		msg = msg[i:] // the source path before it says nothing new here
	}
	msg = strings.TrimPrefix(msg, "store: ")
	if msg == "" {
		return "Could not connect"
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// hasURLPassword reports whether location carries its own password, which
// is used for that connection only.
func hasURLPassword(location string) bool {
	u, err := url.Parse(strings.TrimSpace(location))
	if err != nil {
		return false
	}
	_, set := u.User.Password()
	return set || u.Query().Has("password")
}

// serverForm is the dialog that asks for a team server's URL, shared by
// Connect to team server and Copy workspace to team server. It stays open
// until its action succeeds, so a typo can be fixed in place.
type serverForm struct {
	u       *UI
	entry   *widget.Entry
	problem *widget.Label
	ok      *widget.Button
	dlg     *dialog.CustomDialog
	// use gets the opened workspace on the UI goroutine; it calls done with
	// nil to close the form or with the error to show in it.
	use func(ws *workspace.Workspace, done func(error))
}

func (u *UI) newServerForm(title, help, confirm, location string, use func(*workspace.Workspace, func(error))) *serverForm {
	f := &serverForm{u: u, use: use}
	f.entry = widget.NewEntry()
	f.entry.SetPlaceHolder(teamURLExample)
	f.entry.SetText(workspace.Redact(location))
	f.entry.OnSubmitted = func(string) { f.submit() }
	f.entry.OnChanged = func(string) { f.setProblem("") }
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	// The strut fixes the width, so that a long message wraps instead of
	// widening the dialog past the window.
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(620, 0))
	content := container.NewStack(strut, container.NewVBox(widget.NewLabel(help),
		widget.NewLabelWithStyle("Server URL", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.entry, f.problem))
	f.ok = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), f.submit)
	f.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { f.dlg.Hide() })
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.s.Window())
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	return f
}

func (f *serverForm) show() {
	f.dlg.Show()
	f.u.s.Window().Canvas().Focus(f.entry)
}

// setProblem shows msg under the URL, or hides the line for "".
func (f *serverForm) setProblem(msg string) {
	if msg == f.problem.Text && f.problem.Visible() == (msg != "") {
		return
	}
	f.problem.SetText(msg)
	if msg == "" {
		f.problem.Hide()
	} else {
		f.problem.Show()
	}
	// Twice: the first lays the message out at the dialog's width, which
	// tells how many lines it wraps to; the second makes room for them.
	f.dlg.Resize(f.dlg.MinSize())
	f.dlg.Resize(f.dlg.MinSize())
}

// submit connects to the URL typed, asking for a password when the server
// wants one.
func (f *serverForm) submit() {
	location := strings.TrimSpace(f.entry.Text)
	if msg := checkServerURL(location); msg != "" {
		f.setProblem(msg)
		return
	}
	f.setProblem("")
	f.ok.Disable()
	f.u.openServer(location, "", f.opened)
}

// askPassword prompts for the password pe asks for, then connects with it.
func (f *serverForm) askPassword(pe *workspace.PasswordError) {
	location := strings.TrimSpace(f.entry.Text)
	f.ok.Disable()
	f.u.askPassword(location, pe, func(pw string) { f.u.openServer(location, pw, f.opened) }, func() { f.opened(nil, nil) })
}

// opened ends a connection attempt: ws is open, or err says why not; both
// nil when the person cancelled the password prompt.
func (f *serverForm) opened(ws *workspace.Workspace, err error) {
	f.ok.Enable()
	switch {
	case err != nil:
		f.setProblem(teamMessage(err))
	case ws != nil:
		f.ok.Disable()
		f.use(ws, func(err error) {
			f.ok.Enable()
			if err != nil {
				f.setProblem(teamMessage(err))
				return
			}
			f.dlg.Hide()
		})
	}
}

// connectDialog shows File ▸ Connect to team server, prefilled with
// location when it is not "".
func (u *UI) connectDialog(location string) *serverForm {
	f := u.newServerForm("Connect to team server", connectHelp, "Connect", location, func(ws *workspace.Workspace, done func(error)) {
		u.adoptWorkspace(ws)
		done(nil)
	})
	f.show()
	return f
}

// connectTo opens a team workspace chosen from Open recent: through the
// password prompt when needed, and back to the server dialog, URL kept,
// when the server cannot be reached.
func (u *UI) connectTo(location string) {
	u.openServer(location, "", func(ws *workspace.Workspace, err error) {
		switch {
		case ws != nil:
			u.adoptWorkspace(ws)
		case err != nil && !errors.Is(err, context.Canceled):
			u.connectDialog(location).setProblem(teamMessage(err))
		}
	})
}

// openServer opens the team workspace at location off the UI thread, with
// password when given, else the one typed earlier this session. When the
// server wants a password it asks for one and tries again. done runs on
// the UI goroutine; ws and err are both nil when the person cancelled the
// password prompt.
func (u *UI) openServer(location, password string, done func(ws *workspace.Workspace, err error)) {
	key := workspace.Redact(location)
	remembered := false
	if password == "" && !hasURLPassword(location) {
		password, remembered = u.passwords[key]
	}
	var ws *workspace.Workspace
	u.s.Run("Connecting to "+workspace.Label(location), func(ctx context.Context, _ workspace.Progress) error {
		var err error
		ws, err = workspace.OpenWith(ctx, location, workspace.Options{Password: password})
		return err
	}, func(err error) {
		var pe *workspace.PasswordError
		switch {
		case err == nil:
			if password != "" {
				if u.passwords == nil {
					u.passwords = map[string]string{}
				}
				u.passwords[key] = password
			}
			done(ws, nil)
		case errors.As(err, &pe):
			if remembered {
				delete(u.passwords, key) // changed on the server since
			}
			u.askPassword(location, pe, func(pw string) { u.openServer(location, pw, done) }, func() { done(nil, nil) })
		default:
			done(nil, err)
		}
	})
}

// askPassword asks for the password of pe's user on location's server;
// retry gets what was typed, cancel runs when nothing was.
func (u *UI) askPassword(location string, pe *workspace.PasswordError, retry func(pw string), cancel func()) {
	_, host := workspace.ServerParts(location)
	if host == "" {
		host = "the server"
	}
	items := []fyne.CanvasObject{widget.NewLabel(fmt.Sprintf("Password for %s at %s", pe.User, host))}
	if pe.Given {
		refused := widget.NewLabel("The server refused the password. Try again.")
		refused.Importance = widget.DangerImportance
		items = append(items, refused)
	}
	entry := widget.NewPasswordEntry()
	items = append(items, entry, widget.NewLabelWithStyle("Kept in memory until you quit; never saved.",
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(380, 0))
	d := dialog.NewCustomWithoutButtons("Team server password", container.NewStack(strut, container.NewVBox(items...)), u.s.Window())
	ok := widget.NewButtonWithIcon("Connect", theme.ConfirmIcon(), nil)
	ok.Importance = widget.HighImportance
	ok.Disable()
	ok.OnTapped = func() {
		if entry.Text == "" {
			return
		}
		d.Hide()
		retry(entry.Text)
	}
	entry.OnChanged = func(s string) {
		if s == "" {
			ok.Disable()
		} else {
			ok.Enable()
		}
	}
	entry.OnSubmitted = func(string) { ok.OnTapped() }
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide(); cancel() }), ok})
	d.Show()
	u.s.Window().Canvas().Focus(entry)
}

// openStartupWorkspace opens the workspace the window starts on. A team
// workspace that cannot be opened now (a password to ask for, a server
// away) must not keep the window from opening: then the window starts on
// the local default workspace and pending says why, for offerServer.
func openStartupWorkspace(ctx context.Context, location string) (ws *workspace.Workspace, pending, err error) {
	if !workspace.IsServer(location) {
		ws, err = workspace.Open(ctx, location)
		return ws, nil, err
	}
	tctx, cancel := context.WithTimeout(ctx, startupConnectTimeout)
	ws, pending = workspace.Open(tctx, location)
	if pending != nil && tctx.Err() != nil && ctx.Err() == nil {
		pending = fmt.Errorf("%s did not answer within %v", workspace.Redact(location), startupConnectTimeout)
	}
	cancel()
	if pending == nil {
		return ws, nil, nil
	}
	local, err := workspace.LocalPath()
	if err != nil {
		return nil, nil, pending
	}
	if ws, err = workspace.Open(ctx, local); err != nil {
		return nil, nil, fmt.Errorf("%w; the local workspace did not open either: %w", pending, err)
	}
	return ws, pending, nil
}

// offerServer shows the server dialog for the team workspace the window
// could not start on, with the password prompt when that was the reason.
// It stays the last workspace: the next start tries the server again.
func (u *UI) offerServer(location string, why error) {
	u.s.App().Preferences().SetString(prefLastWS, workspace.Redact(location))
	f := u.connectDialog(location)
	var pe *workspace.PasswordError
	if errors.As(why, &pe) {
		f.askPassword(pe)
		return
	}
	f.setProblem(teamMessage(why))
}
