package store

import (
	"context"
	"database/sql"
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
	Path   string        // the workspace file
	Waited time.Duration // how long this process waited for the lock
	Err    error         // SQLite's own error
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
// (5 s, see dsn) has run out, in case SQLite reports busy at once.
const busyRetry = 50 * time.Millisecond

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

// beginWrite starts a write transaction (BEGIN IMMEDIATE, see dsn): it
// takes SQLite's write lock now, so that a busy workspace shows here and
// never halfway through a batch.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	start := time.Now()
	told := false
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) {
			return tx, err
		}
		waited := time.Since(start)
		if waited >= s.busyWait {
			return nil, &BusyError{Path: s.path, Waited: waited, Err: err}
		}
		if !told && s.busyWaiting != nil {
			told = true
			s.busyWaiting()
		}
		t := time.NewTimer(busyRetry)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
