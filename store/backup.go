package store

import (
	"context"
	"fmt"
	"os"
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
