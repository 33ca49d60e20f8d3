package store

import (
	"context"
	"fmt"
	"os"
	"time"
)

// SaveCopy writes a consistent copy of the workspace to path with VACUUM
// INTO, even while other connections read. path must not exist yet.
func (s *Store) SaveCopy(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: save copy: %s already exists", path)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("store: save copy to %s: %w", path, err)
	}
	return nil
}

// BackupPath is where Open keeps the copy of a workspace of schema version
// v that it is about to migrate: beside it, named after the old version.
func BackupPath(path string, v int) string {
	return fmt.Sprintf("%s.schema%d.bak", path, v)
}

// backupBeforeMigration copies a workspace of schema version v before a
// newer cxdash changes its schema, so that an older cxdash (or the user)
// still has the file as it was. An older backup of the same version is
// kept; this one then gets the time in its name.
func (s *Store) backupBeforeMigration(ctx context.Context, v int) error {
	dst := BackupPath(s.path, v)
	if _, err := os.Stat(dst); err == nil {
		dst = fmt.Sprintf("%s.schema%d-%s.bak", s.path, v, time.Now().UTC().Format("20060102T150405"))
	}
	if err := s.SaveCopy(ctx, dst); err != nil {
		return fmt.Errorf("backup before upgrading the workspace from schema version %d: %w", v, err)
	}
	return nil
}
