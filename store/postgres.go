package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// A team workspace is a database on a PostgreSQL server, named by a
// postgres:// URL. The connection settings are libpq's, read by pgx: the
// URL's sslmode (libpq's default "prefer" when absent), PGHOST and the
// other PG* variables, and the password from the URL, PGPASSWORD or the
// pass file (PGPASSFILE, else ~/.pgpass). cxdash itself never writes a
// password anywhere: Path and every message carry the URL without it.

// ErrPassword: the server wants a password that was not given, or refused
// the one given. Test with errors.Is; the error is a *PasswordError.
var ErrPassword = errors.New("the server needs a password")

// PasswordError is ErrPassword for one server.
type PasswordError struct {
	Location string // the URL without a password
	User     string
	Given    bool  // a password was given (URL, PGPASSWORD, pass file or Options) and refused
	Err      error // the server's own error
}

func (e *PasswordError) Error() string {
	if e.Given {
		return fmt.Sprintf("store: %s refused the password of user %s", e.Location, e.User)
	}
	return fmt.Sprintf("store: %s needs a password for user %s (none in the URL, PGPASSWORD or the pass file)",
		e.Location, e.User)
}

// Is makes errors.Is(err, ErrPassword) hold.
func (e *PasswordError) Is(target error) bool { return target == ErrPassword }

func (e *PasswordError) Unwrap() error { return e.Err }

// maxServerConns bounds the pool on a server: readers never wait for a
// writer there, and a server is shared by a team.
const maxServerConns = 8

// IsServer tells whether location names a PostgreSQL database rather than
// a file.
func IsServer(location string) bool {
	l := strings.ToLower(strings.TrimSpace(location))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Redact is location without a password, fit to show and to remember. A
// file path is returned as it is.
func Redact(location string) string {
	if !IsServer(location) {
		return location
	}
	u, err := url.Parse(strings.TrimSpace(location))
	if err != nil {
		// Never echo what could not be parsed: it may hold a password.
		return "postgres://(unreadable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func openPostgres(ctx context.Context, location string, opts Options) (*Store, error) {
	shown := Redact(location)
	cfg, err := pgx.ParseConfig(strings.TrimSpace(location))
	if err != nil {
		return nil, parseError(shown, err)
	}
	if opts.Password != "" {
		cfg.Password = opts.Password
	}
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(maxServerConns)
	pool.SetMaxIdleConns(maxServerConns)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, connectError(shown, cfg, err)
	}
	s := newStore(pool, postgresDialect, shown)
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: open %s: %w", shown, err)
	}
	return s, nil
}

// connectError turns a failed connection into what a person can act on:
// a password to ask for, or the server's reason.
func connectError(shown string, cfg *pgx.ConnConfig, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000" && strings.Contains(pe.Message, "password")) {
		return &PasswordError{Location: shown, User: cfg.User, Given: cfg.Password != "", Err: err}
	}
	if strings.Contains(err.Error(), "password") && cfg.Password == "" {
		return &PasswordError{Location: shown, User: cfg.User, Err: err}
	}
	return fmt.Errorf("store: cannot reach %s: %w", shown, scrub(err, cfg.Password))
}

// userInfo is the user:password part of a URL inside an error's text.
var userInfo = regexp.MustCompile(`://[^@/\s]*@`)

// parseError says why a URL cannot be used without quoting the URL, which
// may hold a password: pgx's message quotes it, its cause (a missing
// sslrootcert file, a bad port) usually does not.
func parseError(shown string, err error) error {
	why := "not a valid PostgreSQL URL (postgres://user@host:5432/database?sslmode=require)"
	if cause := errors.Unwrap(err); cause != nil {
		why = userInfo.ReplaceAllString(cause.Error(), "://…@")
	}
	return fmt.Errorf("store: open %s: %s", shown, why)
}

// scrub keeps a password out of an error's text.
func scrub(err error, password string) error {
	if password == "" || !strings.Contains(err.Error(), password) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), password, "********"))
}
