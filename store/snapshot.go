package store

import (
	"context"
	"fmt"
)

// Snapshot returns a read-only view of the workspace as it is now: every
// read through it sees the same committed batches, however long it is
// used and whatever others import or undo meanwhile, so that a report's
// summary, charts and data sheet agree. Close it when done (it holds a
// connection and, on SQLite, keeps the WAL from being checkpointed).
// Writes through it return ErrReadOnly.
func (s *Store) Snapshot(ctx context.Context) (*Store, error) {
	if s.view {
		return nil, fmt.Errorf("store: snapshot of a snapshot")
	}
	conn, err := s.pool.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: snapshot: %w", err)
	}
	if _, err := conn.ExecContext(ctx, s.d.beginSnapshot()); err != nil {
		conn.Close()
		return nil, fmt.Errorf("store: snapshot: %w", err)
	}
	v := &Store{pool: s.pool, db: dbh{conn, s.d}, d: s.d, path: s.path, writer: s.writer, snapshot: conn, view: true}
	// The snapshot is taken at the first read, so read now.
	if _, err := v.SchemaVersion(ctx); err != nil {
		v.endSnapshot()
		return nil, fmt.Errorf("store: snapshot: %w", err)
	}
	return v, nil
}

func (s *Store) endSnapshot() error {
	if s.snapshot == nil {
		return nil
	}
	_, err := s.snapshot.ExecContext(context.Background(), `ROLLBACK`)
	if cerr := s.snapshot.Close(); err == nil {
		err = cerr
	}
	s.snapshot = nil
	if err != nil {
		return fmt.Errorf("store: end snapshot: %w", err)
	}
	return nil
}
