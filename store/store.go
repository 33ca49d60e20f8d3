package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Sentinel errors; test with errors.Is.
var (
	// ErrNotFound: the batch, metric or setting asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNewerSchema: the workspace was written by a newer cxdash.
	ErrNewerSchema = errors.New("workspace schema is newer than this program")
)

// Store is an open workspace database.
type Store struct {
	pool *sql.DB
	db   dbh      // reads: the pool, or a snapshot's connection
	d    *dialect // the engine's SQL spelling
	path string   // the file, or the server's URL without its password
	// snapshot is the connection of a read-only view (see Snapshot).
	snapshot *sql.Conn
	view     bool // a snapshot: Close never closes the pool
	// writer is a one-slot semaphore: one write transaction at a time in this
	// process, so a second writer waits (with its context) instead of failing
	// on SQLite's busy timeout during a long import.
	writer chan struct{}
	// busyWait and busyWaiting: see SetBusyWait.
	busyWait    time.Duration
	busyWaiting func()
}

// maxConns bounds the pool: one writer plus WAL readers (UI refreshes,
// catalogue lookups during an import) that never block on it.
const maxConns = 4

//go:embed migrations/*.sql
var migrationFS embed.FS

// Options are the rarely needed parts of opening a workspace.
type Options struct {
	// Password for a PostgreSQL server when neither the URL, PGPASSWORD
	// nor the pass file (PGPASSFILE, ~/.pgpass) has it. Never stored.
	Password string
}

// Open opens the workspace at location and brings its schema up to date:
// a SQLite file path, created with its parent directories when missing,
// or a postgres:// URL of a database on a PostgreSQL server (a team
// workspace, see postgres.go).
func Open(ctx context.Context, location string) (*Store, error) {
	return OpenWith(ctx, location, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, location string, opts Options) (*Store, error) {
	if IsServer(location) {
		return openPostgres(ctx, location, opts)
	}
	return openSQLite(ctx, location)
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := newStore(db, sqliteDialect, abs)
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

func newStore(pool *sql.DB, d *dialect, path string) *Store {
	return &Store{pool: pool, db: dbh{pool, d}, d: d, path: path, writer: make(chan struct{}, 1)}
}

// dsn builds a SQLite URI for path. The path is escaped because the driver
// splits the DSN at the first '?', and a file name may contain one. The page
// cache is 32 MiB (default 2 MiB), allocated as used: the commit's GROUP BY
// sorts in it, about 10% faster for a 1M-row import.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") { // Windows: C:/x -> /C:/x
		p = "/" + p
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath() +
		"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)" +
		"&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32768)&_txlock=immediate"
}

// Close closes the database. On a snapshot it ends the snapshot.
func (s *Store) Close() error {
	if s.view {
		return s.endSnapshot()
	}
	if err := s.pool.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

// Path is the absolute path of the workspace file, or the server's URL
// without its password: what may be shown and remembered.
func (s *Store) Path() string { return s.path }

// Engine is "SQLite" or "PostgreSQL".
func (s *Store) Engine() string { return s.d.name() }

// SchemaVersion is the number of the last migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	v, err := schemaVersion(ctx, s.db)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// SchemaLatest is the version of the last migration this program has: what
// every workspace it opens is brought up to.
func SchemaLatest() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func schemaVersion(ctx context.Context, q querier) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the embedded files; their numbers must run 1, 2, 3...
func migrations() ([]migration, error) {
	files, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, f := range files {
		base := filepath.Base(f)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: no version number", base)
		}
		b, err := migrationFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: n, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies the missing migrations, each with its version row in one
// transaction, and refuses a schema newer than the embedded migrations.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	// Only a new workspace is written to here: opening one that another
	// process is importing into must not wait for its write lock. In a
	// write transaction because two clients may create a server's at once.
	if _, err := schemaVersion(ctx, s.db); err != nil {
		if err := s.write(ctx, func(tx *txn) error {
			_, err := tx.ExecContext(ctx, s.d.ddl(0, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`))
			return err
		}); err != nil {
			return fmt.Errorf("schema_version: %w", err)
		}
	}
	v, err := schemaVersion(ctx, s.db)
	if err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if v > len(ms) {
		return fmt.Errorf("%w: the workspace has schema version %d, this cxdash knows up to %d; use a newer cxdash",
			ErrNewerSchema, v, len(ms))
	}
	if v > 0 && v < len(ms) && !s.d.postgres { // a server has its own backups
		if err := s.backupBeforeMigration(ctx, v); err != nil {
			return err
		}
	}
	for _, m := range ms[v:] {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Another process may have applied it since we looked.
	v, err := schemaVersion(ctx, tx)
	if err != nil {
		return err
	}
	if v >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, s.d.ddl(m.version, m.sql)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version, applied_at) VALUES (?, ?)`,
		m.version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// lockWrite takes the writer slot, or gives up when ctx is done.
func (s *Store) lockWrite(ctx context.Context) error {
	select {
	case s.writer <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Store) unlockWrite() { <-s.writer }

// write runs fn in a write transaction holding the writer slot.
func (s *Store) write(ctx context.Context, fn func(tx *txn) error) error {
	if err := s.lockWrite(ctx); err != nil {
		return err
	}
	defer s.unlockWrite()
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
