package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// govTable describes a governance table whose records T have an int64 id
// (actions, issues, events), so that reading, saving, deleting and
// auditing them is written once; each entity file keeps only its columns,
// its normalisation and its rules.
type govTable[T any] struct {
	entity    string // in the audit trail and governance_history
	table     string
	selectSQL string // "SELECT ... FROM ..." of the columns scan reads
	idCol     string // the id column as selectSQL names it
	writeCols string // the columns args fills, in order
	scan      func(scanner) (T, error)
	args      func(T) []any
	fields    func(T) []field
	id        func(T) int64
	dup       func(T) string // names the record a natural key clash is about
}

// get returns the record of a where clause; ok is false when none.
func (t *govTable[T]) get(ctx context.Context, tx *txn, where string, arg any) (v T, ok bool, err error) {
	v, err = t.scan(tx.QueryRowContext(ctx, t.selectSQL+` WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		var zero T
		return zero, false, nil
	}
	return v, err == nil, err
}

// byID returns record id; ok is false when none.
func (t *govTable[T]) byID(ctx context.Context, tx *txn, id int64) (T, bool, error) {
	return t.get(ctx, tx, t.idCol+` = ?`, id)
}

// save runs save (a govWriter method) on *v over record id, nil when id
// is 0 (a new record), in a write transaction of s, and leaves in *v what
// save returned, as stored. A record id that does not exist is
// ErrNotFound.
func (t *govTable[T]) save(ctx context.Context, s *Store, id int64, v *T,
	save func(*govWriter, context.Context, T, *T) (T, error)) error {
	return s.govWrite(ctx, func(g *govWriter) error {
		var old *T
		if id != 0 {
			o, ok, err := t.byID(ctx, g.tx, id)
			if err != nil {
				return err
			}
			if !ok {
				return ErrNotFound
			}
			old = &o
		}
		var err error
		*v, err = save(g, ctx, *v, old)
		return err
	})
}

// put writes v, validated, as a new record (old nil) or over old, then
// remembers old for undo in a batch and audits the change. It returns v's
// id. A clash of natural keys is ErrDuplicate, naming the record.
func (t *govTable[T]) put(ctx context.Context, g *govWriter, v T, old *T) (int64, error) {
	var id int64
	if old == nil {
		args := t.args(v)
		err := g.tx.QueryRowContext(ctx, `INSERT INTO `+t.table+`(`+t.writeCols+`) VALUES (`+marks(len(args))+`) RETURNING id`,
			args...).Scan(&id)
		if err != nil {
			return 0, duplicate(err, "%s", t.dup(v))
		}
	} else {
		id = t.id(*old)
		if err := t.update(ctx, g.tx, id, v); err != nil {
			return id, duplicate(err, "%s", t.dup(v))
		}
	}
	record := strconv.FormatInt(id, 10)
	var before []field
	var prev any
	if old != nil {
		before, prev = t.fields(*old), *old
	}
	if err := g.remember(ctx, t.entity, record, prev, old != nil); err != nil {
		return id, err
	}
	return id, g.logSave(ctx, t.entity, record, before, t.fields(v))
}

// update writes v over record id.
func (t *govTable[T]) update(ctx context.Context, tx *txn, id int64, v T) error {
	args := t.args(v)
	_, err := tx.ExecContext(ctx, `UPDATE `+t.table+` SET (`+t.writeCols+`) = (`+marks(len(args))+`) WHERE id = ?`,
		append(args, id)...)
	return err
}

// marks is n SQL parameters: "?, ?, ?".
func marks(n int) string { return strings.TrimPrefix(strings.Repeat(", ?", n), ", ") }

// delete removes record id, or returns ErrNotFound, in a write transaction
// of s. Audited.
func (t *govTable[T]) delete(ctx context.Context, s *Store, id int64) error {
	return s.govWrite(ctx, func(g *govWriter) error {
		old, ok, err := t.byID(ctx, g.tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		if _, err := g.tx.ExecContext(ctx, `DELETE FROM `+t.table+` WHERE id = ?`, id); err != nil {
			return err
		}
		return g.audit(ctx, t.entity, strconv.FormatInt(id, 10), changeDeleted, listFields(t.fields(old)))
	})
}

// queryAll scans every row q selects; errors say "store: what: ...".
func queryAll[T any](ctx context.Context, db dbh, what string, scan func(scanner) (T, error),
	q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var list []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return list, nil
}

// duplicate says which record already exists when err is a violated
// UNIQUE constraint on a natural key.
func duplicate(err error, what string, args ...any) error {
	if isUnique(err) {
		return fmt.Errorf(what+" %w", append(args, ErrDuplicate)...)
	}
	return err
}
