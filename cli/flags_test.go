package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStrayFlagsRefused: a flag a command does not take is a usage error
// (exit 2, the command's usage) and changes nothing. `undo --dry-run`
// used to undo for real, because every command shared one flag set.
func TestStrayFlagsRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	mustRun(t, "demo", "--db", db)
	csv := filepath.Join(dir, "more.csv")
	if err := os.WriteFile(csv, []byte("Period,Unit,Discipline,Metric,Value\n2026-Q4,Online,Strategy,Vision,4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.xlsx")
	for _, args := range [][]string{
		{"undo", "--db", db, "--dry-run", "1"},
		{"undo", "--db", db, "1", "--json"},
		{"batches", "--db", db, "--xlsx", out},
		{"batches", "--db", db, "--if-empty"},
		{"summary", "--db", db, "--xlsx", out},
		{"summary", "--db", db, "--map", "C=unit"},
		{"import", "--db", db, "--json", csv},
		{"import", "--db", db, "--granularity", "quarter", csv}, // --unit and --period are import's own (DESIGN.md, CLI)
		{"export", "--db", db, "--xlsx", out, "--dry-run"},
		{"demo", "--db", db, "--unit", "North"},
		{"template", out, "--json"},
		{"copy", "--from", db, "--to", filepath.Join(dir, "copy.db"), "--json"},
		{"--db", db, "--json"}, // the window
	} {
		code, stdout, stderr := cxdash(t, args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "flag provided but not defined") || !strings.Contains(stderr, "Usage") {
			t.Errorf("cxdash %v: exit %d, want 2 with the command's usage\nstdout %q\nstderr %q", args, code, stdout, stderr)
		}
	}
	if bs := batches(t, db); len(bs) != 1 {
		t.Errorf("after refused commands the workspace has %d batches, want the demo's 1", len(bs))
	}
	for _, name := range []string{"out.xlsx", "copy.db"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("a refused command wrote %s", name)
		}
	}
}

// TestCommandHelp: `cxdash help COMMAND` and `COMMAND --help` list that
// command's flags and no other's.
func TestCommandHelp(t *testing.T) {
	for _, args := range [][]string{{"help", "undo"}, {"undo", "--help"}} {
		code, out, _ := cxdash(t, args...)
		if code != 0 || !strings.Contains(out, "cxdash undo") || !strings.Contains(out, "--db") || strings.Contains(out, "--dry-run") {
			t.Errorf("cxdash %v: exit %d\n%s", args, code, out)
		}
	}
	code, out, _ := cxdash(t, "help", "import")
	for _, flag := range []string{"--dry-run", "--map", "--db", "--wait"} {
		if code != 0 || !strings.Contains(out, flag) {
			t.Errorf("help import lacks %s (exit %d)\n%s", flag, code, out)
		}
	}
}

// TestUndoSaysWhatComesBack: undo prints, as the window does, which values
// the scores get back from earlier imports.
func TestUndoSaysWhatComesBack(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	first := filepath.Join(dir, "first.csv")
	second := filepath.Join(dir, "second.csv")
	if err := os.WriteFile(first, []byte("Period,Unit,Discipline,Metric,Value\n2026-Q1,Online,Strategy,Vision,2\n2026-Q1,Retail,Strategy,Vision,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, []byte("Period,Unit,Discipline,Metric,Value\n2026-Q1,Online,Strategy,Vision,4\n2026-Q2,Online,Strategy,Vision,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "import", "--db", db, first)
	mustRun(t, "import", "--db", db, second)
	out := mustRun(t, "undo", "--db", db, "2")
	want := "undid batch 2 (second.csv, 2 values); 1 value came back from batch 1; 1 value no earlier import has left the scores\n"
	if out != want {
		t.Errorf("undo printed\n%q\nwant\n%q", out, want)
	}
}
