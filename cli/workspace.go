package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"cxdash/workspace"
)

// defaultBusyWait outlasts an import of a few million rows in another
// window or command: a script should not fail because one is running.
const defaultBusyWait = 2 * time.Minute

// workspaceFlags are --db and --wait, for the commands that open a
// workspace.
type workspaceFlags struct {
	db   string
	wait time.Duration
}

// addWorkspaceFlags registers --db and --wait on fs.
func addWorkspaceFlags(fs *flag.FlagSet) *workspaceFlags {
	w := &workspaceFlags{}
	fs.StringVar(&w.db, "db", "", "workspace file or postgres:// URL (default $CXDASH_DB, else cxdash.db in the user config folder)")
	fs.DurationVar(&w.wait, "wait", defaultBusyWait, "how long to wait while another cxdash writes to the workspace")
	return w
}

// path is --db, else $CXDASH_DB, else cxdash.db in the user config folder.
func (w *workspaceFlags) path() (string, error) {
	if w.db != "" {
		return w.db, nil
	}
	return workspace.DefaultPath()
}

// open opens the workspace the command names, asking for a server's
// password when needed (openAsking), and makes its writes wait up to
// --wait for another cxdash, saying so.
func (w *workspaceFlags) open(ctx context.Context, e *env) (*workspace.Workspace, error) {
	path, err := w.path()
	if err != nil {
		return nil, err
	}
	ws, err := openAsking(ctx, e, path, workspace.OpenWith)
	if err != nil {
		return nil, err
	}
	waitFor(e, ws, w.wait)
	return ws, nil
}

// waitFor makes ws's writes wait up to wait for another cxdash, and say
// so; the message names ws.Path(), which never holds a password.
func waitFor(e *env, ws *workspace.Workspace, wait time.Duration) {
	ws.SetBusyWait(wait, func() {
		fmt.Fprintf(e.stderr, "cxdash: %s is in use by another cxdash; waiting up to %s for it to finish (Ctrl-C to stop)\n",
			ws.Path(), wait)
	})
}

// userMessage is the workspace's sentence for err.
func userMessage(err error) string { return workspace.UserMessage(err) }

// redact takes any password out of a location before it is printed.
func redact(location string) string { return workspace.Redact(location) }
