package store_test

import (
	"os"
	"path/filepath"
	"testing"
)

// The store's suite runs on SQLite, and again on PostgreSQL with
// CXDASH_STORE_ENGINE=postgres (make test does both). Tests that are about
// one engine only say so with onlySQLite or needPostgres.

func onPostgres() bool { return os.Getenv("CXDASH_STORE_ENGINE") == "postgres" }

// testLocation is a new, empty workspace of the engine under test: a file
// in the test's temporary folder or a database on the test server.
func testLocation(t testing.TB) string {
	t.Helper()
	if onPostgres() {
		return needPostgres(t)
	}
	return filepath.Join(t.TempDir(), "ws.db")
}

// onlySQLite skips a test of what only a workspace file has.
func onlySQLite(t testing.TB, why string) {
	t.Helper()
	if onPostgres() {
		t.Skip("SQLite only: " + why)
	}
}
