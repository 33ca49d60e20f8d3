//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package report

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestWriteFileRemovesStaleTemps: an export removes the temporary files a
// killed export of the same target left (nobody holds their lock), keeps
// one a live export is writing (locked), and leaves files that only look
// alike.
func TestWriteFileRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.xlsx")
	touch := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("half a report"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	touch(".report.xlsx-123456.tmp") // killed: no lock
	touch(".report.xlsx-99.tmp")     // killed
	live := touch(".report.xlsx-777.tmp")
	f, err := os.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	touch(".report.xlsx-notes.tmp") // a person's file, not ours
	touch(".other.xlsx-123.tmp")    // another target's
	touch("report.xlsx-1.tmp")      // not hidden: not ours

	if err := WriteTemplateFile(target, nil, nil); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{".other.xlsx-123.tmp", ".report.xlsx-777.tmp", ".report.xlsx-notes.tmp", "report.xlsx", "report.xlsx-1.tmp"}
	if !slices.Equal(names, want) {
		t.Errorf("after the export the folder holds %q, want %q", names, want)
	}
	if st, err := os.Stat(target); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("target: %v, %v", st, err)
	}
}
