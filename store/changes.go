package store

import (
	"context"
	"fmt"
)

// ChangeMark is a cheap fingerprint of what others may have changed: an
// import or an undo, a governance edit, a setting. A window compares marks
// to notice another person's import into a team workspace (or a command's
// into its file) and show it without being reopened.
func (s *Store) ChangeMark(ctx context.Context) (string, error) {
	var batches, lastBatch, lastAudit, settings int64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM batches),
		(SELECT COALESCE(MAX(id), 0) FROM batches),
		(SELECT COALESCE(MAX(id), 0) FROM audit),
		(SELECT COALESCE(SUM(LENGTH(key) + LENGTH(value)), 0) FROM settings)`).
		Scan(&batches, &lastBatch, &lastAudit, &settings)
	if err != nil {
		return "", fmt.Errorf("store: change mark: %w", err)
	}
	return fmt.Sprintf("%d/%d/%d/%d", batches, lastBatch, lastAudit, settings), nil
}
