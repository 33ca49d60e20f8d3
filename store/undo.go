package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Undo removes batch id in one transaction and brings back what it replaced:
// for every (metric, unit, period) whose value came from it, the value of the
// latest remaining batch with observations there; for every catalogue entry
// it put, the definition before it, unless a later batch put the entry since;
// the same for the governance records it put (see undoGovernance).
// Metrics it created that nothing observes any more are deleted. It returns
// the batch as it was.
func (s *Store) Undo(ctx context.Context, id int64) (Batch, error) {
	var b Batch
	err := s.write(ctx, func(tx *txn) error {
		var err error
		if b, err = scanBatch(tx.QueryRowContext(ctx, `SELECT `+batchCols+` FROM batches WHERE id = ?`, id)); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM observations WHERE batch_id = ?`, id); err != nil {
			return fmt.Errorf("observations: %w", err)
		}
		if err := restoreValues(ctx, tx, id); err != nil {
			return fmt.Errorf("values: %w", err)
		}
		if err := undoCatalogue(ctx, tx, id); err != nil {
			return fmt.Errorf("catalogue: %w", err)
		}
		if err := undoGovernance(ctx, tx, b); err != nil {
			return fmt.Errorf("governance: %w", err)
		}
		// Cascades to the batch's metric_history and governance_history rows.
		if _, err := tx.ExecContext(ctx, `DELETE FROM batches WHERE id = ?`, id); err != nil {
			return fmt.Errorf("batch row: %w", err)
		}
		return nil
	})
	if err != nil {
		return Batch{}, fmt.Errorf("store: undo batch %d: %w", id, err)
	}
	return b, nil
}
