package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mustRun runs cxdash in-process and fails unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cxdash(t, args...)
	if code != 0 {
		t.Fatalf("cxdash %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func TestCopyUsage(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.db")
	mustRun(t, "demo", "--db", a)
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"copy", "--from", a}, 2, "copy needs both --from and --to"},
		{[]string{"copy", "--to", filepath.Join(dir, "b.db")}, 2, "copy needs both --from and --to"},
		{[]string{"copy", "--from", a, "--to", filepath.Join(dir, ".", "a.db")}, 2, "the same workspace"},
		{[]string{"copy", "--db", a, "--from", a, "--to", filepath.Join(dir, "c.db")}, 2, "flag provided but not defined: -db"},
		{[]string{"copy", "--from", filepath.Join(dir, "missing.db"), "--to", filepath.Join(dir, "d.db")}, 1, "no workspace file"},
	} {
		code, out, errOut := cxdash(t, tc.args...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.says) {
			t.Errorf("cxdash %v: exit %d, want %d and %q\n%s%s", tc.args, code, tc.code, tc.says, out, errOut)
		}
	}
	for _, name := range []string{"b.db", "c.db", "d.db", "missing.db"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("a refused copy left %s behind", name)
		}
	}
}
