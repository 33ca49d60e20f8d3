package app

import (
	"os"

	"cxdash/workspace"

	"fyne.io/fyne/v2"
)

// StartupWorkspace is the workspace the window opens when none is named:
// the one open last time if it still exists (a team workspace's server is
// tried when the window opens), else the default.
func StartupWorkspace(a fyne.App) (string, error) {
	if last := a.Preferences().String(prefLastWS); last != "" {
		if workspace.IsServer(last) {
			return last, nil
		}
		if _, err := os.Stat(last); err == nil {
			return last, nil
		}
	}
	return workspace.DefaultPath()
}
