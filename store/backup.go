package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// SaveCopy writes a consistent copy of the workspace to path, a SQLite
// file, even while others read and write: with VACUUM INTO from SQLite,
// with CopyTo from a server. path must not exist yet.
func (s *Store) SaveCopy(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: save copy: %s already exists", path)
	}
	if s.d.postgres {
		return s.saveServerCopy(ctx, path)
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

// saveServerCopy copies a team workspace into a new file at path, written
// beside it under another name and renamed when complete.
func (s *Store) saveServerCopy(ctx context.Context, path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return fmt.Errorf("store: save copy to %s: %w", path, err)
	}
	tmp.Close()
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	dst, err := Open(ctx, tmp.Name())
	if err != nil {
		return err
	}
	_, err = s.CopyTo(ctx, dst, nil)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("store: save copy to %s: %w", path, err)
	}
	return nil
}
