package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// querier is what reads need: the pool, one snapshot connection or a
// transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dbh runs the store's SQL, written in SQLite's spelling, on either engine.
type dbh struct {
	q querier
	d *dialect
}

func (h dbh) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return h.q.ExecContext(ctx, h.d.query(query), h.d.args(args)...)
}

func (h dbh) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return h.q.QueryContext(ctx, h.d.query(query), h.d.args(args)...)
}

func (h dbh) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return h.q.QueryRowContext(ctx, h.d.query(query), h.d.args(args)...)
}

// txn is a write transaction. On PostgreSQL it owns its connection, which
// bulk loads (COPY) need to reach.
type txn struct {
	dbh
	tx   *sql.Tx
	conn *sql.Conn // PostgreSQL only
}

func (t *txn) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, t.d.query(query))
}

// Commit commits and gives the connection back to the pool.
func (t *txn) Commit() error {
	err := t.tx.Commit()
	t.release()
	return err
}

// Rollback rolls back (a no-op after Commit) and gives the connection back.
func (t *txn) Rollback() error {
	err := t.tx.Rollback()
	t.release()
	return err
}

func (t *txn) release() {
	if t.conn != nil {
		t.conn.Close()
		t.conn = nil
	}
}

// copyFrom bulk-loads rows into table with PostgreSQL's COPY, inside the
// transaction.
func (t *txn) copyFrom(ctx context.Context, table string, cols []string, rows [][]any) error {
	return t.copyFromSource(ctx, table, cols, pgx.CopyFromRows(rows))
}

// copyFromSource is copyFrom of rows read from src.
func (t *txn) copyFromSource(ctx context.Context, table string, cols []string, src pgx.CopyFromSource) error {
	if t.conn == nil {
		return errors.New("copy: not a PostgreSQL transaction")
	}
	return t.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy: driver connection is %T", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, src)
		return err
	})
}
