package app

import (
	"fmt"
	"os"
	"path/filepath"
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
