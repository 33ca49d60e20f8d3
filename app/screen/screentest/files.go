package screentest

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"cxdash/app/screen"
	"cxdash/store"
	"cxdash/workspace"
)

// DemoImportedAt and DemoUser are the import time and user every batch of
// a DemoFile gets, so that images showing them do not change from run to
// run.
const (
	DemoImportedAt = "2026-01-15T09:30:00Z"
	DemoUser       = "cxlead"
)

// DemoFile makes a workspace file named acme.db in a temporary folder,
// with the bundled demo data when demo is set, and returns its path.
func DemoFile(tb testing.TB, demo bool) string {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "acme.db")
	ws, err := workspace.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	if demo {
		if _, err := ws.LoadDemo(ctx, false); err != nil {
			tb.Fatal(err)
		}
	}
	if err := ws.Close(); err != nil {
		tb.Fatal(err)
	}
	if demo {
		// Straight SQL: no program writes a batch's import time.
		raw, err := sql.Open("sqlite", path) // the driver store registers
		if err != nil {
			tb.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE batches SET imported_at = ?, username = ?`, DemoImportedAt, DemoUser); err != nil {
			tb.Fatal(err)
		}
	}
	return path
}

// DemoWorkspace opens a DemoFile; it is closed when the test ends.
func DemoWorkspace(tb testing.TB, demo bool) *workspace.Workspace {
	tb.Helper()
	ws, err := workspace.Open(context.Background(), DemoFile(tb, demo))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ws.Close() })
	return ws
}

// OpenStore opens a second connection to ws's file, for tests that set up
// rows the way no screen writes them; it is closed when the test ends.
func OpenStore(tb testing.TB, ws *workspace.Workspace) *store.Store {
	tb.Helper()
	return OpenStoreAt(tb, ws.Path())
}

// OpenStoreAt is OpenStore on a workspace file's path.
func OpenStoreAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// RecordNavigation records, as "screen key", every place s is asked to
// show; the session goes on navigating as before.
func RecordNavigation(s *screen.Session) *[]string {
	var got []string
	next := s.Navigate
	s.Navigate = func(p screen.Place) {
		got = append(got, p.String())
		if next != nil {
			next(p)
		}
	}
	return &got
}
