package pgtest_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"cxdash/internal/pgtest"
)

var srv *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &srv)) }

func needServer(t *testing.T) {
	t.Helper()
	if srv == nil {
		t.Skip(pgtest.NoPostgresEnv + "=1")
	}
}

// connect opens url with pgx as an application would: password from
// PGPASSFILE, never from the URL.
func connect(t *testing.T, url string) (*pgx.Conn, error) {
	t.Helper()
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatalf("parse %s: %v", url, err)
	}
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err == nil {
		t.Cleanup(func() { conn.Close(context.Background()) })
	}
	return conn, err
}

func queryString(t *testing.T, conn *pgx.Conn, sql string) string {
	t.Helper()
	var v string
	if err := conn.QueryRow(context.Background(), sql).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

func usesTLS(t *testing.T, conn *pgx.Conn) bool {
	t.Helper()
	var ssl bool
	err := conn.QueryRow(context.Background(),
		"SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl)
	if err != nil {
		t.Fatalf("pg_stat_ssl: %v", err)
	}
	return ssl
}

func TestURLHasNoPassword(t *testing.T) {
	needServer(t)
	url := srv.URL("postgres")
	if strings.Contains(url, srv.Password()) || strings.Contains(url, ":@") {
		t.Fatalf("URL %q holds a password", url)
	}
	if srv.Host() != "127.0.0.1" || srv.User() != "cxdash" || srv.Port() <= 0 || !srv.TLS() {
		t.Fatalf("host %q user %q port %d tls %v", srv.Host(), srv.User(), srv.Port(), srv.TLS())
	}
	fi, err := os.Stat(srv.PassFile())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("pass file mode %v, want 0600 (libpq ignores a readable one)", fi.Mode().Perm())
	}
}

func TestPassFileAuthenticates(t *testing.T) {
	needServer(t)
	t.Setenv("PGPASSFILE", srv.PassFile())
	conn, err := connect(t, srv.URL("postgres"))
	if err != nil {
		t.Fatalf("connect with PGPASSFILE: %v", err)
	}
	if got := queryString(t, conn, "SELECT current_user"); got != "cxdash" {
		t.Fatalf("current_user = %q", got)
	}
	if usesTLS(t, conn) {
		t.Fatal("sslmode=disable connection uses TLS")
	}
}

// The pass file must work for libpq too (psql), not only for pgx, since
// people point psql at the server when a test fails.
func TestPassFileWorksForPsql(t *testing.T) {
	needServer(t)
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Skip("psql not installed")
	}
	cmd := exec.Command(psql, "-X", "-A", "-t", "-w", "-c", "SELECT 40 + 2", srv.URL("postgres"))
	cmd.Env = append(os.Environ(), "PGPASSFILE="+srv.PassFile())
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "42" {
		t.Fatalf("psql with PGPASSFILE: %v: %s", err, out)
	}
	// -w: no prompt; without a password libpq must fail, proving that the
	// server really asks for one.
	cmd = exec.Command(psql, "-X", "-w", "-c", "SELECT 1", srv.URL("postgres"))
	cmd.Env = append(os.Environ(), "PGPASSFILE="+filepath.Join(t.TempDir(), "none"))
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("psql without a password connected: %s", out)
	} else if !strings.Contains(string(out), "password") {
		t.Fatalf("psql without a password: unexpected error: %s", out)
	}
}

func TestWrongPasswordFails(t *testing.T) {
	needServer(t)
	cases := map[string]string{
		"wrong":   "not-" + srv.Password(),
		"missing": "",
	}
	for name, pw := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
			cfg, err := pgx.ParseConfig(srv.URL("postgres"))
			if err != nil {
				t.Fatal(err)
			}
			cfg.Password = pw
			conn, err := pgx.ConnectConfig(context.Background(), cfg)
			if err == nil {
				conn.Close(context.Background())
				t.Fatal("connected with a wrong password")
			}
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.Code != "28P01" {
				t.Fatalf("want invalid_password (28P01), got %v", err)
			}
		})
	}
}

func TestTLS(t *testing.T) {
	needServer(t)
	t.Setenv("PGPASSFILE", srv.PassFile())
	base := strings.TrimSuffix(srv.URL("postgres"), "?sslmode=disable")

	conn, err := connect(t, base+"?sslmode=require")
	if err != nil {
		t.Fatalf("sslmode=require: %v", err)
	}
	if !usesTLS(t, conn) {
		t.Fatal("sslmode=require connection is not TLS")
	}

	conn, err = connect(t, base+"?sslmode=verify-full&sslrootcert="+srv.CACertFile())
	if err != nil {
		t.Fatalf("sslmode=verify-full with the CA: %v", err)
	}
	if !usesTLS(t, conn) {
		t.Fatal("verify-full connection is not TLS")
	}

	if _, err := connect(t, base+"?sslmode=verify-full"); err == nil {
		t.Fatal("sslmode=verify-full without the CA connected to a self-signed server")
	} else if !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("verify-full without the CA: want a certificate error, got %v", err)
	}
}

func TestNewDatabaseIsolates(t *testing.T) {
	needServer(t)
	t.Setenv("PGPASSFILE", srv.PassFile())
	urlA, urlB := srv.NewDatabase(t), srv.NewDatabase(t)
	if urlA == urlB {
		t.Fatalf("two databases with one URL %s", urlA)
	}
	a, err := connect(t, urlA)
	if err != nil {
		t.Fatal(err)
	}
	b, err := connect(t, urlB)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := a.Exec(ctx, "CREATE TABLE t (v text); INSERT INTO t VALUES ('only in A')"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Exec(ctx, "SELECT * FROM t"); err == nil {
		t.Fatal("table created in database A is visible in database B")
	}
	if got := queryString(t, a, "SELECT v FROM t"); got != "only in A" {
		t.Fatalf("A: %q", got)
	}
	if got := queryString(t, b, "SELECT current_database()"); !strings.HasPrefix(got, "testnewdatabaseisolates_") {
		t.Fatalf("database name %q does not come from the test name", got)
	}
}

// A name that needs quoting works, and a dropped database is gone: the
// cleanup's drop is then a no-op rather than an error.
func TestCreateAndDropDatabase(t *testing.T) {
	needServer(t)
	t.Setenv("PGPASSFILE", srv.PassFile())
	name := `Mixed Case "quoted" ÄÖ`
	url, err := srv.CreateDatabase(name)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := connect(t, url)
	if err != nil {
		t.Fatalf("connect to %s: %v", url, err)
	}
	if got := queryString(t, conn, "SELECT current_database()"); got != name {
		t.Fatalf("current_database() = %q, want %q", got, name)
	}
	// WITH (FORCE): the open connection does not block the drop.
	if err := srv.DropDatabase(name); err != nil {
		t.Fatal(err)
	}
	if _, err := connect(t, url); err == nil {
		t.Fatal("connected to a dropped database")
	}
	if err := srv.DropDatabase(name); err != nil {
		t.Fatalf("second drop: %v", err)
	}
	if _, err := srv.CreateDatabase(`bad"`); err != nil {
		t.Fatalf("a quote in a name: %v", err)
	}
	if err := srv.DropDatabase(`bad"`); err != nil {
		t.Fatal(err)
	}
}

func TestStopTwiceRemovesDirectory(t *testing.T) {
	needServer(t)
	s, err := pgtest.Start(pgtest.Options{Durable: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", s.PassFile())
	conn, err := connect(t, s.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if got := queryString(t, conn, "SHOW fsync"); got != "on" {
		t.Fatalf("Durable server: fsync = %s", got)
	}
	conn.Close(context.Background())
	if err := s.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	if _, err := os.Stat(s.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("directory %s still there after Stop: %v", s.Dir(), err)
	}
	if _, err := connect(t, s.URL("postgres")); err == nil {
		t.Fatal("connected to a stopped server")
	}
	if _, err := s.CreateDatabase("late"); err == nil {
		t.Fatal("CreateDatabase on a stopped server succeeded")
	}
}

func TestFastSettingsByDefault(t *testing.T) {
	needServer(t)
	t.Setenv("PGPASSFILE", srv.PassFile())
	conn, err := connect(t, srv.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	for setting, want := range map[string]string{
		"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
		"ssl": "on", "listen_addresses": "127.0.0.1", "max_connections": "60",
		"server_encoding": "UTF8", "lc_collate": "C",
	} {
		if got := queryString(t, conn, "SHOW "+setting); got != want {
			t.Errorf("%s = %q, want %q", setting, got, want)
		}
	}
}

func TestMissingBinariesSayHowToInstall(t *testing.T) {
	t.Setenv("PG_BINDIR", t.TempDir())
	s, err := pgtest.Start(pgtest.Options{})
	if err == nil {
		s.Stop()
		t.Fatal("Start with an empty PG_BINDIR succeeded")
	}
	if !strings.Contains(err.Error(), "apt-get install postgresql") {
		t.Fatalf("error does not say how to install: %v", err)
	}
}
