package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// copyTables are the workspace's tables in an order that satisfies their
// foreign keys. schema_version is not copied: Open brought both ends to
// the same version.
var copyTables = []string{
	"settings", "units", "batches", "metrics", "metric_history", "observations", "metric_values",
	"ownerships", "actions", "issues", "events", "governance_history", "audit",
}

// idTables are the tables whose ids the engine assigns: after a copy their
// counters must not hand out an id the source already used.
var idTables = []string{"units", "batches", "metrics", "observations", "actions", "issues", "events", "audit"}

// TableCount is how many rows a table holds.
type TableCount struct {
	Table string
	Rows  int64
}

// ErrNotEmpty: a copy's destination already holds records.
var ErrNotEmpty = errors.New("the destination workspace is not empty")

// CopyTo copies every record of s into dst, an empty workspace on either
// engine: every batch with its observations and their source cells, the
// catalogue and its history, settings, governance records and the audit
// trail, ids unchanged. It reads s from one snapshot and writes dst in one
// transaction, so dst gets all of it or nothing, and before committing it
// checks that dst holds as many rows of each table as s. progress, when
// not nil, is called with the table being copied and the rows copied of
// all, in the calling goroutine.
func (s *Store) CopyTo(ctx context.Context, dst *Store, progress func(table string, done, total int64)) ([]TableCount, error) {
	src, err := s.Snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: copy %s: %w", s.path, err)
	}
	defer src.Close()
	counts, err := tableCounts(ctx, src.db)
	if err != nil {
		return nil, fmt.Errorf("store: copy %s: %w", s.path, err)
	}
	var total int64
	for _, c := range counts {
		total += c.Rows
	}
	err = dst.write(ctx, func(tx *txn) error {
		have, err := tableCounts(ctx, tx.dbh)
		if err != nil {
			return err
		}
		for _, c := range have {
			if c.Rows > 0 {
				return fmt.Errorf("%w: it has %d rows in %s; copy into a new workspace", ErrNotEmpty, c.Rows, c.Table)
			}
		}
		var done int64
		for _, table := range copyTables {
			if progress != nil {
				progress(table, done, total)
			}
			n, err := copyTable(ctx, src.db, tx, table, func(n int64) {
				if progress != nil {
					progress(table, done+n, total)
				}
			})
			if err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
			done += n
		}
		if err := copyHighWater(ctx, src.db, tx); err != nil {
			return err
		}
		got, err := tableCounts(ctx, tx.dbh)
		if err != nil {
			return err
		}
		for i := range counts {
			if got[i] != counts[i] {
				return fmt.Errorf("%s: %d rows copied of %d", counts[i].Table, got[i].Rows, counts[i].Rows)
			}
		}
		if progress != nil {
			progress("", total, total)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: copy %s to %s: %w", s.path, dst.path, err)
	}
	return counts, nil
}

// tableCounts counts the rows of copyTables.
func tableCounts(ctx context.Context, q querier) ([]TableCount, error) {
	counts := make([]TableCount, len(copyTables))
	for i, t := range copyTables {
		counts[i].Table = t
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t).Scan(&counts[i].Rows); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
	}
	return counts, nil
}

// copyRowsPerInsert: rows per INSERT into a SQLite destination.
const copyRowsPerInsert = 100

// copyTable streams table's rows from src into tx: with COPY into
// PostgreSQL, with multi-row INSERTs into SQLite.
func copyTable(ctx context.Context, src dbh, tx *txn, table string, progress func(int64)) (int64, error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	r := &rowSource{rows: rows, vals: make([]any, len(cols)), ptrs: make([]any, len(cols)), d: tx.d, progress: progress}
	for i := range r.vals {
		r.ptrs[i] = &r.vals[i]
	}
	if tx.d.postgres {
		if err := tx.copyFromSource(ctx, table, cols, r); err != nil {
			return r.n, err
		}
		return r.n, r.Err()
	}
	insert := `INSERT INTO ` + table + `(` + strings.Join(cols, ", ") + `) VALUES `
	one := `(` + marks(len(cols)) + `)`
	values := func(n int) string { return insert + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ") }
	full, err := tx.PrepareContext(ctx, values(copyRowsPerInsert)) // parsed once, not per chunk
	if err != nil {
		return 0, err
	}
	defer full.Close()
	var args []any
	flush := func(n int) error {
		if n == 0 {
			return nil
		}
		var err error
		if n == copyRowsPerInsert {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, values(n), args...)
		}
		args = args[:0]
		return err
	}
	pending := 0
	for r.Next() {
		vals, _ := r.Values()
		args = append(args, vals...)
		if pending++; pending == copyRowsPerInsert {
			if err := flush(pending); err != nil {
				return r.n, err
			}
			pending = 0
		}
	}
	if err := r.Err(); err != nil {
		return r.n, err
	}
	return r.n, flush(pending)
}

// rowSource reads a query's rows for a copy; it is a pgx.CopyFromSource.
type rowSource struct {
	rows     *sql.Rows
	vals     []any
	ptrs     []any
	d        *dialect // the destination's
	err      error
	n        int64
	progress func(int64)
}

func (r *rowSource) Next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	if r.err = r.rows.Scan(r.ptrs...); r.err != nil {
		return false
	}
	if r.n++; r.n%10000 == 0 && r.progress != nil {
		r.progress(r.n)
	}
	return true
}

// Values is the current row, text made storable for the destination.
func (r *rowSource) Values() ([]any, error) {
	for i, v := range r.vals {
		if b, ok := v.([]byte); ok { // some drivers give text as bytes
			r.vals[i] = string(b)
		}
	}
	return r.d.args(r.vals), nil
}

func (r *rowSource) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.rows.Err()
}

// copyHighWater carries each id counter over, so that the destination never
// gives a new batch or action an id the source used and then deleted (undo
// relies on the newest batch having the highest id; the audit trail names
// ids).
func copyHighWater(ctx context.Context, src dbh, tx *txn) error {
	for _, t := range idTables {
		n, err := src.d.highWater(ctx, src.q, t)
		if err != nil {
			return fmt.Errorf("%s id counter: %w", t, err)
		}
		if err := tx.d.setHighWater(ctx, tx.tx, t, n); err != nil {
			return fmt.Errorf("%s id counter: %w", t, err)
		}
	}
	return nil
}
