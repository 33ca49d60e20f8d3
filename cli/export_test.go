package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "client.db")
	if code, _, errOut := cxdash(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	// The demo holds 30 reported metrics for 3 units and 12 quarters (1080
	// values) and its survey's NPS answers, one observation each (3731 of
	// them Online's).
	for _, tc := range []struct {
		flag, file string
		args       []string
		out        string
		check      func(t *testing.T, path string)
	}{
		{"--xlsx", "report.xlsx", nil, "Excel report of all units, 11969 observations", func(t *testing.T, path string) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if v, _ := f.GetCellValue("Summary", "A1"); v != "CX maturity report: client" {
				t.Errorf("Summary!A1 = %q", v)
			}
		}},
		{"--html", "report.html", []string{"--unit", "Retail"}, "HTML report of Retail", func(t *testing.T, path string) {
			b, _ := os.ReadFile(path)
			if !strings.Contains(string(b), "<title>CX maturity report: client</title>") || !strings.Contains(string(b), "Retail") {
				t.Error("the HTML report lacks its title or unit")
			}
		}},
		{"--csv", "online.csv", []string{"--unit", "Online"}, "CSV of the observations of Online, 4091 observations", func(t *testing.T, path string) {
			b, _ := os.ReadFile(path)
			if n := strings.Count(string(b), "\n"); n != 4092 {
				t.Errorf("%d lines, want a header and 4091 observations", n)
			}
		}},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			code, out, errOut := cxdash(t, append([]string{"export", "--db", db, tc.flag, path}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if want := "wrote " + path + ": " + tc.out + "\n"; out != want {
				t.Errorf("stdout %q, want %q", out, want)
			}
			tc.check(t, path)
		})
	}
}

func TestExportCommandErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "client.db")
	out := filepath.Join(dir, "out.xlsx")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export", "--db", db}, 2, "exactly one of --xlsx"},
		{[]string{"export", "--db", db, "--xlsx", out, "--csv", out + ".csv"}, 2, "exactly one of --xlsx"},
		{[]string{"export", "--db", db, "--xlsx", out, "extra"}, 2, "no positional arguments"},
		{[]string{"export", "--db", db, "--xlsx", out}, 1, "no data yet"},
	} {
		t.Run(strings.Join(tc.args[3:], " "), func(t *testing.T) {
			code, _, errOut := cxdash(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
	if code, _, errOut := cxdash(t, "demo", "--db", db); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := cxdash(t, "export", "--db", db, "--unit", "Mars", "--html", out); code != 1 || !strings.Contains(errOut, `no business unit "Mars"`) {
		t.Errorf("unknown unit: exit %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1+countSidecars(entries) {
		t.Errorf("files left by failed exports: %v", entries)
	}
}

// countSidecars counts SQLite's -wal and -shm files beside the database.
func countSidecars(entries []os.DirEntry) int {
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") {
			n++
		}
	}
	return n
}
