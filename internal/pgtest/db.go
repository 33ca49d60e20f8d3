package pgtest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// adminTimeout bounds one CREATE or DROP DATABASE, so that a wedged server
// fails the test instead of hanging it until go test's own timeout.
const adminTimeout = 60 * time.Second

// maxIdent is PostgreSQL's identifier limit (NAMEDATALEN-1 bytes).
const maxIdent = 63

func bgctx() context.Context { return context.Background() }

// CreateDatabase creates database name (a quoted identifier, so any name
// up to 63 bytes works) and returns its URL.
//
// On PostgreSQL 15 and later a test server (fsync off) copies template1
// with STRATEGY = FILE_COPY: create plus drop took 11 ms against 12-25 ms
// for the default WAL_LOG in /dev/shm, and 160 ms against 200 ms on disk.
// A Durable server keeps WAL_LOG: with fsync on, FILE_COPY's two
// checkpoints made it 390 ms against 50-100 ms.
func (s *Server) CreateDatabase(name string) (string, error) {
	sql := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if s.strategy != "" && s.version >= 150000 {
		sql += " STRATEGY = " + s.strategy
	}
	if err := s.adminExec(sql); err != nil {
		return "", fmt.Errorf("pgtest: create database %q: %w", name, err)
	}
	return s.URL(name), nil
}

// DropDatabase drops database name, disconnecting anyone still connected
// (WITH (FORCE)). A database that does not exist is not an error, so that a
// cleanup may run after a test dropped its database itself.
func (s *Server) DropDatabase(name string) error {
	sql := "DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize() + " WITH (FORCE)"
	if err := s.adminExec(sql); err != nil {
		return fmt.Errorf("pgtest: drop database %q: %w", name, err)
	}
	return nil
}

// NewDatabase creates a database for t alone, named after t.Name() and a
// counter, drops it in t.Cleanup, and returns its URL. It fails t on error.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	s.mu.Lock()
	s.dbSeq++
	name := databaseName(t.Name(), s.dbSeq)
	s.mu.Unlock()
	url, err := s.CreateDatabase(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.DropDatabase(name); err != nil {
			t.Error(err)
		}
	})
	return url
}

// databaseName turns a test name into a lower-case identifier with a
// unique suffix: "TestImport/Two files#01", 3 -> "testimport_two_files_01_3".
func databaseName(testName string, seq int) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(testName) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	suffix := "_" + strconv.Itoa(seq)
	base := strings.TrimRight(b.String(), "_")
	if base == "" {
		base = "test"
	}
	if len(base)+len(suffix) > maxIdent {
		base = strings.TrimRight(base[:maxIdent-len(suffix)], "_")
	}
	return base + suffix
}

// adminExec runs one statement on the superuser connection to database
// "postgres", opening (or reopening) it when needed. Calls are serialised
// on that one connection; a handshake per call would cost more (SCRAM).
func (s *Server) adminExec(sql string) error {
	ctx, cancel := context.WithTimeout(bgctx(), adminTimeout)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return errors.New("server stopped")
	}
	if s.admin == nil || s.admin.IsClosed() {
		conn, err := s.connect(ctx, "postgres")
		if err != nil {
			return err
		}
		s.admin = conn
	}
	_, err := s.admin.Exec(ctx, sql)
	return err
}

// connect opens a pgx connection to db as the superuser, password given in
// the config rather than the URL.
func (s *Server) connect(ctx context.Context, db string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(s.URL(db))
	if err != nil {
		return nil, err
	}
	cfg.Password = s.password
	return pgx.ConnectConfig(ctx, cfg)
}
