package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"cxdash/app/screen/screentest"
	"cxdash/workspace"
)

// TestWindowShowsOthersImports: an import made elsewhere (another person on
// a team workspace, here a second client of the same file) appears in an
// open window without any action in it.
func TestWindowShowsOthersImports(t *testing.T) {
	old := liveInterval
	liveInterval = 100 * time.Millisecond
	t.Cleanup(func() { liveInterval = old })
	u := dashTestUI(t, true)
	if slices.Contains(u.s.State().Units, "Zeta") {
		t.Fatal("the demo already has unit Zeta")
	}

	other, err := workspace.Open(context.Background(), u.s.Workspace().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	csv := filepath.Join(t.TempDir(), "zeta.csv")
	if err := os.WriteFile(csv, []byte("Period,Unit,Discipline,Metric,Value\n2025-Q4,Zeta,Strategy,Vision,4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, resErr := other.ImportFile(context.Background(), csv, workspace.ImportOptions{}); !res.Imported() {
		t.Fatalf("import: %v %v", resErr, res.Problems)
	}

	deadline := time.Now().Add(20 * time.Second)
	for !slices.Contains(u.s.State().Units, "Zeta") {
		if time.Now().After(deadline) {
			t.Fatalf("the window never showed the other client's import: units %v", u.s.State().Units)
		}
		screentest.Current().Run()
		time.Sleep(20 * time.Millisecond)
	}
}
