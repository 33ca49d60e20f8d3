package store_test

import (
	"os"
	"testing"

	"cxdash/internal/pgtest"
)

// pg is the PostgreSQL server of this test run (nil with CXDASH_NO_POSTGRES=1).
var pg *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &pg)) }

// needPostgres is a new, empty database on the test server.
func needPostgres(t testing.TB) string {
	t.Helper()
	if pg == nil {
		t.Skip("no PostgreSQL server (CXDASH_NO_POSTGRES=1)")
	}
	return pg.NewDatabase(t)
}
