// Package pgtest starts a throwaway, real PostgreSQL server for tests: initdb
// into a temporary directory, pg_ctl start on a free loopback port with
// password (SCRAM) authentication and TLS, and pg_ctl stop plus removal of the
// directory afterwards. No mocks: store, CLI and app tests talk to the same
// server binaries that Debian's postgresql package installs.
//
// A test package uses it from TestMain:
//
//	var srv *pgtest.Server
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &srv)) }
//
// and each test asks for its own database with srv.NewDatabase(t).
package pgtest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/jackc/pgx/v5"
)

// superuser is the name initdb gives the bootstrap superuser. It is not
// "postgres" so that a test that forgets to use the URL's user fails loudly.
const superuser = "cxdash"

// Options for Start.
type Options struct {
	// Durable keeps fsync and synchronous_commit on (benchmarks); tests
	// default to off for speed.
	Durable bool
}

// Server is a PostgreSQL server in a temporary directory, on a loopback TCP
// port, owned by this process. Its methods are safe for concurrent use.
type Server struct {
	bindir   string
	dir      string // temporary directory: data/, log, pass file, CA, socket
	dataDir  string
	logFile  string
	port     int
	password string
	cred     *syscall.Credential // nil unless root: then the server user's
	version  int                 // server_version_num, e.g. 150018

	watchdog *exec.Cmd
	wdPipe   *os.File // write end of the watchdog's stdin

	mu       sync.Mutex // guards admin, dbSeq, stopped
	admin    *pgx.Conn  // lazily opened to database "postgres"
	dbSeq    int
	stopped  bool
	strategy string // CREATE DATABASE strategy; "" for the server's default (WAL_LOG)
}

// Start creates a data directory with initdb and starts a server on a free
// 127.0.0.1 port with pg_ctl start -w. It first removes servers and
// directories that earlier, dead test processes left behind. When the
// PostgreSQL binaries are missing, the error says how to install them.
func Start(opts Options) (*Server, error) {
	bindir, err := findBinDir()
	if err != nil {
		return nil, err
	}
	cred, err := serverCredential()
	if err != nil {
		return nil, err
	}
	for _, d := range sweepDirs(cred != nil) {
		sweepStale(d)
	}
	dir, err := os.MkdirTemp(baseDir(opts, cred != nil), dirPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{
		bindir:  bindir,
		dir:     dir,
		dataDir: filepath.Join(dir, "data"),
		logFile: filepath.Join(dir, "postgres.log"),
		cred:    cred,
	}
	if !opts.Durable {
		s.strategy = "FILE_COPY" // see CreateDatabase
	}
	if err := s.setup(opts); err != nil {
		// The watchdog, if it got started, stops a half-started server.
		s.stopWatchdog(true)
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// setup runs everything between MkdirTemp and a running server.
func (s *Server) setup(opts Options) error {
	if err := writeOwner(s.dir); err != nil {
		return err
	}
	if err := s.chown(s.dir); err != nil {
		return err
	}
	pw := make([]byte, 18)
	if _, err := rand.Read(pw); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	s.password = hex.EncodeToString(pw)

	if err := s.initdb(); err != nil {
		return err
	}
	if err := s.writeCerts(); err != nil {
		return err
	}
	// The watchdog stops the server if this process dies without Stop.
	if err := s.startWatchdog(); err != nil {
		return err
	}
	if err := s.startServer(opts); err != nil {
		return err
	}
	return s.writePassFile()
}

// initdb creates the cluster with a random superuser password and
// scram-sha-256 on TCP, so that tests exercise real password handling.
func (s *Server) initdb() error {
	pwfile := filepath.Join(s.dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(s.password+"\n"), 0o600); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	defer os.Remove(pwfile)
	if err := s.chown(pwfile); err != nil {
		return err
	}
	// --no-sync: nothing here has to survive a power cut.
	out, err := s.command("initdb", "-D", s.dataDir, "-U", superuser, "--pwfile="+pwfile,
		"-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
		"--no-sync").CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgtest: initdb: %w\n%s", err, lastLines(out, 20))
	}
	return nil
}

// startServer writes the settings and runs pg_ctl start, on a new port
// each time the chosen one turns out to be taken (another package's test
// binary may have grabbed it between our probe and the server's bind).
func (s *Server) startServer(opts Options) error {
	var err error
	for range 5 {
		if s.port, err = pickPort(); err != nil {
			return err
		}
		if err = s.writeConf(opts); err != nil {
			return err
		}
		logStart := fileSize(s.logFile)
		out, runErr := s.command("pg_ctl", "start", "-w", "-t", "60", "-D", s.dataDir,
			"-l", s.logFile).CombinedOutput()
		if runErr == nil {
			s.version, err = s.serverVersion()
			return err
		}
		log := readFrom(s.logFile, logStart)
		err = fmt.Errorf("pgtest: pg_ctl start on port %d: %w\n%s\nend of the server log:\n%s",
			s.port, runErr, bytes.TrimSpace(out), lastLines(log, 20))
		if !bytes.Contains(log, []byte("already in use")) {
			return err
		}
	}
	return err
}

// writeConf puts the settings into postgresql.auto.conf, which the server
// reads last. A file rather than pg_ctl -o, because pg_ctl pastes -o into a
// shell command line and a temporary path with a space would break it.
func (s *Server) writeConf(opts Options) error {
	settings := [][2]string{
		{"listen_addresses", "127.0.0.1"},
		{"port", strconv.Itoa(s.port)},
		{"unix_socket_directories", s.dir},
		{"max_connections", "60"},
		{"shared_buffers", "64MB"},
		{"ssl", "on"},
		{"ssl_cert_file", "server.crt"},
		{"ssl_key_file", "server.key"},
	}
	if !opts.Durable {
		settings = append(settings, [][2]string{
			{"fsync", "off"}, {"synchronous_commit", "off"}, {"full_page_writes", "off"},
		}...)
	}
	var b strings.Builder
	b.WriteString("# written by cxdash/internal/pgtest\n")
	for _, kv := range settings {
		fmt.Fprintf(&b, "%s = '%s'\n", kv[0], strings.ReplaceAll(kv[1], "'", "''"))
	}
	path := filepath.Join(s.dataDir, "postgresql.auto.conf")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return s.chown(path)
}

// writePassFile writes a .pgpass line for this server's host and port.
// The file stays owned by this process's user: it is the test process,
// not the server, that reads it.
func (s *Server) writePassFile() error {
	line := fmt.Sprintf("%s:%d:*:%s:%s\n", pgpassEscape(s.Host()), s.port,
		pgpassEscape(superuser), pgpassEscape(s.password))
	if err := os.WriteFile(s.PassFile(), []byte(line), 0o600); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return nil
}

// Stop stops the server (pg_ctl stop -m fast) and removes its directory.
// Calling it again does nothing and returns nil.
func (s *Server) Stop() error {
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	if s.admin != nil {
		_ = s.admin.Close(bgctx())
		s.admin = nil
	}
	s.mu.Unlock()

	var errs []error
	out, err := s.command("pg_ctl", "stop", "-w", "-t", "60", "-m", "fast", "-D", s.dataDir).CombinedOutput()
	if err != nil {
		errs = append(errs, fmt.Errorf("pgtest: pg_ctl stop: %w\n%s", err, bytes.TrimSpace(out)))
	}
	s.stopWatchdog(false)
	if err := os.RemoveAll(s.dir); err != nil {
		errs = append(errs, fmt.Errorf("pgtest: %w", err))
	}
	return errors.Join(errs...)
}

// Host is the address the server listens on: "127.0.0.1".
func (s *Server) Host() string { return "127.0.0.1" }

// Port is the server's TCP port.
func (s *Server) Port() int { return s.port }

// User is the superuser name, "cxdash".
func (s *Server) User() string { return superuser }

// Password is the superuser's password, random per server.
func (s *Server) Password() string { return s.password }

// PassFile is a .pgpass-format file (mode 0600) holding the password for
// this host:port, any database, and User.
func (s *Server) PassFile() string { return filepath.Join(s.dir, "pgpass") }

// CACertFile is the PEM file of the self-signed CA that signed the server's
// certificate, for sslmode=verify-ca and verify-full with sslrootcert.
func (s *Server) CACertFile() string { return filepath.Join(s.dir, "ca.crt") }

// TLS reports whether the server accepts SSL connections; it always does.
func (s *Server) TLS() bool { return true }

// Dir is the server's temporary directory (data, log, pass file, socket).
func (s *Server) Dir() string { return s.dir }

// URL is the connection URL for database db, without the password:
// postgres://cxdash@127.0.0.1:PORT/db?sslmode=disable.
func (s *Server) URL(db string) string {
	return fmt.Sprintf("postgres://%s@%s/%s?sslmode=disable", superuser,
		net.JoinHostPort(s.Host(), strconv.Itoa(s.port)), urlPathEscape(db))
}

// pickPort is freePort; a test replaces it to hand out a taken port.
var pickPort = freePort

// freePort asks the kernel for a free loopback port. The port is free only
// until someone else binds it, which startServer handles by retrying.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// pgpassEscape escapes ':' and '\' as the .pgpass format requires.
func pgpassEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `:`, `\:`).Replace(s)
}
