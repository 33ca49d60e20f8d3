package app

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// DefaultWorkspacePath is $CXDASH_DB, else cxdash.db in the user config
// folder (DESIGN.md).
func DefaultWorkspacePath() (string, error) {
	if p := os.Getenv("CXDASH_DB"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user config folder to keep the workspace in (%v): pass --db FILE or set CXDASH_DB", err)
	}
	return filepath.Join(dir, "cxdash", "cxdash.db"), nil
}

// StartupWorkspace is the workspace the window opens when none is named:
// the one open last time if it still exists, else the default.
func StartupWorkspace(a fyne.App) (string, error) {
	if last := a.Preferences().String(prefLastWS); last != "" {
		if _, err := os.Stat(last); err == nil {
			return last, nil
		}
	}
	return DefaultWorkspacePath()
}
