package app

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"cxdash/store"
)

// DefaultWorkspacePath is $CXDASH_DB, else cxdash.db in the user config
// folder (DESIGN.md).
func DefaultWorkspacePath() (string, error) {
	if p := os.Getenv("CXDASH_DB"); p != "" {
		return p, nil
	}
	return configWorkspacePath()
}

// localWorkspacePath is the default workspace file even when CXDASH_DB
// names a server: where the window starts when that server is away.
func localWorkspacePath() (string, error) {
	if p := os.Getenv("CXDASH_DB"); p != "" && !store.IsServer(p) {
		return p, nil
	}
	return configWorkspacePath()
}

func configWorkspacePath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user config folder to keep the workspace in (%v): pass --db FILE or set CXDASH_DB", err)
	}
	return filepath.Join(dir, "cxdash", "cxdash.db"), nil
}

// StartupWorkspace is the workspace the window opens when none is named:
// the one open last time if it still exists (a team workspace's server is
// tried when the window opens), else the default.
func StartupWorkspace(a fyne.App) (string, error) {
	if last := a.Preferences().String(prefLastWS); last != "" {
		if store.IsServer(last) {
			return last, nil
		}
		if _, err := os.Stat(last); err == nil {
			return last, nil
		}
	}
	return DefaultWorkspacePath()
}
