package pgtest

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"
)

// NoPostgresEnv, set to "1", makes Main run the tests without a server.
const NoPostgresEnv = "CXDASH_NO_POSTGRES"

// Main starts a server, sets PGPASSFILE to its pass file for this process,
// runs m, stops the server and returns the exit code for os.Exit:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &srv)) }
//
// When the server cannot start it prints the reason and returns 1: tests
// fail, not skip, when PostgreSQL is missing. With CXDASH_NO_POSTGRES=1 it
// does not try: it runs m with *srv == nil, and tests that need the server
// call t.Skip themselves.
func Main(m *testing.M, srv **Server) int {
	*srv = nil
	if os.Getenv(NoPostgresEnv) == "1" {
		fmt.Fprintf(os.Stderr, "pgtest: %s=1: PostgreSQL tests are skipped\n", NoPostgresEnv)
		return m.Run()
	}
	s, err := Start(Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%v\n", err)
		return 1
	}
	*srv = s

	// Stop on Ctrl-C or a kill, rather than leave it to the watchdog, so
	// that the directory is gone before the shell prompt comes back.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		sig, ok := <-sigs
		if !ok {
			return
		}
		fmt.Fprintf(os.Stderr, "pgtest: %v: stopping PostgreSQL\n", sig)
		_ = s.Stop()
		os.Exit(1)
	}()

	old, had := os.LookupEnv("PGPASSFILE")
	os.Setenv("PGPASSFILE", s.PassFile())
	code := m.Run()
	if had {
		os.Setenv("PGPASSFILE", old)
	} else {
		os.Unsetenv("PGPASSFILE")
	}

	signal.Stop(sigs)
	close(sigs)
	if err := s.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "%v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}
