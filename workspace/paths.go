package workspace

import (
	"fmt"
	"os"
	"path/filepath"

	"cxdash/store"
)

// DefaultPath is $CXDASH_DB, else cxdash.db in the user config folder
// (docs/DESIGN.md, CLI).
func DefaultPath() (string, error) {
	if p := os.Getenv("CXDASH_DB"); p != "" {
		return p, nil
	}
	return configPath()
}

// LocalPath is the default workspace file even when CXDASH_DB names a
// server: where the window starts when that server is away.
func LocalPath() (string, error) {
	if p := os.Getenv("CXDASH_DB"); p != "" && !store.IsServer(p) {
		return p, nil
	}
	return configPath()
}

func configPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user config folder to keep the workspace in (%v): pass --db FILE or set CXDASH_DB", err)
	}
	return filepath.Join(dir, "cxdash", "cxdash.db"), nil
}
