package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"cxdash/app/screen/screentest"
	"cxdash/store"
	"cxdash/workspace"
)

// teamCounts opens the workspace at location on its own and counts it.
func teamCounts(t *testing.T, location string) workspace.Counts {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, location)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTeamCopyToServer(t *testing.T) {
	srv := teamServer(t)
	loc := srv.NewDatabase(t)
	u, db := shellTestUI(t)
	want := teamCounts(t, db)
	if want.Batches == 0 || want.Observations == 0 {
		t.Fatalf("the demo workspace is empty: %+v", want)
	}

	u.copyToServerDialog()
	teamType(t, u, false, loc)
	screentest.TapDialogButton(t, u.s.Window(), "Copy")
	texts := teamWaitDialog(t, u, "Copied")
	for _, table := range []string{"batches", "observations", "metric values", "audit"} {
		if !screentest.HasText(texts, table) {
			t.Errorf("the summary does not list %s: %q", table, texts)
		}
	}
	if got := teamCounts(t, loc); got != want {
		t.Errorf("the server holds %+v, the workspace %+v", got, want)
	}
	if u.s.Workspace().Engine() != "SQLite" {
		t.Error("the copy switched workspaces before being asked")
	}
	screentest.TapDialogButton(t, u.s.Window(), "Switch to the team workspace")
	teamWaitEngine(t, u, "PostgreSQL")
	if u.s.Workspace().Path() != loc || u.s.State().Empty() {
		t.Errorf("after switching: %q, empty %v", u.s.Workspace().Path(), u.s.State().Empty())
	}

	// The server's database now holds data: a second copy is refused in
	// the dialog and changes nothing.
	u.copyToServerDialog()
	teamType(t, u, false, loc)
	screentest.TapDialogButton(t, u.s.Window(), "Copy")
	teamWaitDialog(t, u, "The destination workspace is not empty")
	if got := teamCounts(t, loc); got != want {
		t.Errorf("a refused copy changed the server: %+v", got)
	}
	screentest.TapDialogButton(t, u.s.Window(), "Cancel")

	// Save as from the server writes a file and keeps the team workspace.
	path := filepath.Join(t.TempDir(), saveAsName(u.s.Workspace().Path()))
	u.saveCopyTo(path)
	teamWaitDialog(t, u, "The team workspace stays open")
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if got := teamCounts(t, path); got != want {
		t.Errorf("the saved file holds %+v, want %+v", got, want)
	}
	if u.s.Workspace().Path() != loc {
		t.Errorf("Save as left the team workspace for %q", u.s.Workspace().Path())
	}
}
