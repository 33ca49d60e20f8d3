package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrBusy: another process (a cxdash window or command) was writing to the
// workspace for longer than this one would wait. Test with errors.Is; the
// error is a *BusyError.
var ErrBusy = errors.New("workspace is in use by another cxdash")

// BusyError is ErrBusy for one workspace.
type BusyError struct {
	Path   string        // the workspace file or server URL
	Waited time.Duration // how long this process waited for the lock
	Err    error         // the engine's own error
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("store: workspace %s is in use by another cxdash (waited %s): %v",
		e.Path, e.Waited.Round(100*time.Millisecond), e.Err)
}

// Is makes errors.Is(err, ErrBusy) hold.
func (e *BusyError) Is(target error) bool { return target == ErrBusy }

func (e *BusyError) Unwrap() error { return e.Err }

// sqliteBusy is SQLITE_BUSY; extended codes keep it in their low byte.
const sqliteBusy = 5

// busyRetry is the pause between attempts once SQLite's own busy timeout
// (see dsn) has run out, in case SQLite reports busy at once, and between
// attempts at PostgreSQL's write lock.
const busyRetry = 50 * time.Millisecond

// sqliteBusyTimeout is SQLite's busy_timeout in dsn: the least any write
// waits, on either engine.
const sqliteBusyTimeout = 5 * time.Second

// ErrReadOnly: a write through a snapshot (see Snapshot).
var ErrReadOnly = errors.New("store: a snapshot is read-only")

func isBusy(err error) bool {
	var e interface{ Code() int }
	return errors.As(err, &e) && e.Code()&0xff == sqliteBusy
}

// SetBusyWait makes this Store's writes wait up to d in all for another
// process's write transaction to end, instead of failing with ErrBusy when
// SQLite's busy timeout (5 s) runs out: a command-line import started while
// the window imports a million rows should wait, not fail. waiting, when not
// nil, is called once per write that waits longer than those 5 s, so a
// person can be told why nothing happens. Call it before the first write;
// a d under 5 s still waits 5 s.
func (s *Store) SetBusyWait(d time.Duration, waiting func()) {
	s.busyWait, s.busyWaiting = d, waiting
}

// beginWrite starts a write transaction that holds the workspace's write
// lock from its start, so that a busy workspace shows here and never
// halfway through a batch: SQLite's BEGIN IMMEDIATE (see dsn), or on
// PostgreSQL a transaction-scoped advisory lock that every cxdash takes
// before it writes, which serialises writers as SQLite does and keeps the
// newest batch the one with the highest id (the supersede rule).
func (s *Store) beginWrite(ctx context.Context) (*txn, error) {
	if s.view {
		return nil, ErrReadOnly
	}
	if s.d.postgres {
		return s.beginPostgresWrite(ctx)
	}
	start := time.Now()
	told := false
	for {
		tx, err := s.pool.BeginTx(ctx, nil)
		if err == nil {
			return &txn{dbh: dbh{tx, s.d}, tx: tx}, nil
		}
		if !isBusy(err) {
			return nil, err
		}
		if err := s.waitBusy(ctx, start, &told, err); err != nil {
			return nil, err
		}
	}
}

// waitBusy pauses before another attempt to take the write lock, or
// returns a *BusyError once the wait is over.
func (s *Store) waitBusy(ctx context.Context, start time.Time, told *bool, cause error) error {
	waited := time.Since(start)
	if waited >= max(s.busyWait, sqliteBusyTimeout) {
		return &BusyError{Path: s.path, Waited: waited, Err: cause}
	}
	if !*told && s.busyWaiting != nil && waited >= sqliteBusyTimeout {
		*told = true
		s.busyWaiting()
	}
	t := time.NewTimer(busyRetry)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// writeLockKey is the advisory lock that PostgreSQL writers take: any
// constant, the same in every cxdash ("cxdash" in ASCII).
const writeLockKey = 0x637864617368

// errLocked is the cause in a BusyError on PostgreSQL.
var errLocked = errors.New("another client holds the workspace's write lock")

func (s *Store) beginPostgresWrite(ctx context.Context) (*txn, error) {
	conn, err := s.pool.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	t := &txn{dbh: dbh{tx, s.d}, tx: tx, conn: conn}
	start := time.Now()
	told := false
	for {
		var ok bool
		if err := t.QueryRowContext(ctx, `SELECT pg_try_advisory_xact_lock(?)`, int64(writeLockKey)).Scan(&ok); err != nil {
			t.Rollback()
			return nil, err
		}
		if ok {
			return t, nil
		}
		if err := s.waitBusy(ctx, start, &told, errLocked); err != nil {
			t.Rollback()
			return nil, err
		}
	}
}
