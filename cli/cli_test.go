package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cxdash/cli"

	"github.com/xuri/excelize/v2"
)

// cxdash runs the command line in-process and returns exit code, stdout
// and stderr. The window is never opened.
func cxdash(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(args, nil, &out, &errOut, func(string) int {
		t.Fatalf("cxdash %v opened the window", args)
		return 0
	})
	return code, out.String(), errOut.String()
}

// writeLong writes a long-layout workbook: a title row, then Period, Unit,
// Discipline, Metric, Value.
func writeLong(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Scores"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	all := append([][]any{{"Quarterly CX scorecard"}, {}, {"Period", "Business unit", "Discipline", "Metric", "Value"}}, rows...)
	for i, r := range all {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

type summaryOut struct {
	Unit    string `json:"unit"`
	Period  string `json:"period"`
	Overall struct {
		Score    *float64 `json:"score"`
		Level    *int     `json:"level"`
		Coverage float64  `json:"coverage"`
	} `json:"overall"`
	Disciplines []struct {
		Key   string   `json:"key"`
		Name  string   `json:"name"`
		Score *float64 `json:"score"`
		Level *int     `json:"level"`
	} `json:"disciplines"`
}

func summary(t *testing.T, db string, extra ...string) summaryOut {
	t.Helper()
	code, out, errOut := cxdash(t, append([]string{"summary", "--db", db, "--json"}, extra...)...)
	if code != 0 {
		t.Fatalf("summary: exit %d: %s", code, errOut)
	}
	var s summaryOut
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("summary --json: %v\n%s", err, out)
	}
	return s
}

func score(t *testing.T, s summaryOut, key string) float64 {
	t.Helper()
	for _, d := range s.Disciplines {
		if d.Key == key {
			if d.Score == nil {
				t.Fatalf("%s has no score", key)
			}
			return *d.Score
		}
	}
	t.Fatalf("no discipline %s in summary", key)
	return 0
}

func batches(t *testing.T, db string) []map[string]any {
	t.Helper()
	code, out, errOut := cxdash(t, "batches", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("batches --json: exit %d: %s", code, errOut)
	}
	var bs []map[string]any
	if err := json.Unmarshal([]byte(out), &bs); err != nil {
		t.Fatal(err)
	}
	return bs
}

func TestImportSupersedeUndoAndDuplicate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	first := filepath.Join(dir, "q1.xlsx")
	writeLong(t, first, [][]any{
		{"2024-Q1", "North", "Strategy", "Vision", 2},
		{"Q1 2024", "North", "Governance", "Committee", 3},
	})
	code, out, errOut := cxdash(t, "import", "--db", db, first)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	if s := summary(t, db, "--unit", "North"); score(t, s, "strategy") != 2 || s.Period != "2024-Q1" {
		t.Fatalf("after first import: %+v", s)
	}

	// The same file again adds nothing.
	code, out, _ = cxdash(t, "import", "--db", db, first)
	if code != 0 || !strings.Contains(out, "already imported") {
		t.Fatalf("second import of the same file: exit %d, %q", code, out)
	}
	if n := len(batches(t, db)); n != 1 {
		t.Fatalf("%d batches after importing one file twice, want 1", n)
	}

	// A correction supersedes the earlier value of the same key only.
	fix := filepath.Join(dir, "q1-fix.xlsx")
	writeLong(t, fix, [][]any{{"2024-Q1", "North", "Strategy", "Vision", 4}})
	if code, _, errOut := cxdash(t, "import", "--db", db, fix); code != 0 {
		t.Fatalf("import fix: %s", errOut)
	}
	s := summary(t, db, "--unit", "north") // units match case-insensitively
	if score(t, s, "strategy") != 4 || score(t, s, "governance") != 3 {
		t.Fatalf("after the correction: %+v", s)
	}
	bs := batches(t, db)
	if len(bs) != 2 || bs[0]["file"] != "q1-fix.xlsx" {
		t.Fatalf("batches newest first: %v", bs)
	}
	id := int64(bs[0]["id"].(float64))

	// Undo brings the earlier value back.
	code, out, errOut = cxdash(t, "undo", "--db", db, jsonNumber(id))
	if code != 0 {
		t.Fatalf("undo: exit %d %s %s", code, out, errOut)
	}
	if s := summary(t, db, "--unit", "North"); score(t, s, "strategy") != 2 {
		t.Fatalf("after undo strategy = %v, want 2 again", score(t, s, "strategy"))
	}
	if code, _, _ := cxdash(t, "undo", "--db", db, "999"); code != 1 {
		t.Errorf("undo of a missing batch: exit %d, want 1", code)
	}
	if code, _, _ := cxdash(t, "undo", "--db", db, "abc"); code != 2 {
		t.Errorf("undo abc: exit %d, want 2", code)
	}
}

func jsonNumber(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestBadCellRejectedAndNothingWritten(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	good := filepath.Join(dir, "good.xlsx")
	writeLong(t, good, [][]any{{"2024-Q1", "North", "Strategy", "Vision", 3}})
	if code, _, errOut := cxdash(t, "import", "--db", db, good); code != 0 {
		t.Fatal(errOut)
	}
	before := summary(t, db)
	bad := filepath.Join(dir, "bad.xlsx")
	writeLong(t, bad, [][]any{
		{"2024-Q2", "North", "Strategy", "Vision", 4},
		{"2024-Q2", "North", "Strategy", "Vision", "lots"}, // row 5, column E
	})
	code, out, errOut := cxdash(t, "import", "--db", db, bad)
	if code != 1 {
		t.Fatalf("bad import: exit %d, want 1\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "bad.xlsx: Scores!E5:") {
		t.Errorf("stderr does not name the cell as bad.xlsx: Scores!E5:\n%s", errOut)
	}
	if n := len(batches(t, db)); n != 1 {
		t.Errorf("%d batches after a rejected import, want 1", n)
	}
	after := summary(t, db)
	if after.Period != before.Period || score(t, after, "strategy") != score(t, before, "strategy") {
		t.Errorf("summary changed after a rejected import: %+v -> %+v", before, after)
	}
}

func TestDemoSummary(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, out, errOut := cxdash(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := cxdash(t, "demo", "--db", db, "--if-empty"); code != 0 || !strings.Contains(out, "already holds data") {
		t.Errorf("demo --if-empty on a loaded workspace: %d %q", code, out)
	}
	s := summary(t, db)
	if len(s.Disciplines) != 6 || s.Overall.Score == nil || s.Overall.Coverage != 1 {
		t.Fatalf("demo summary: %+v", s)
	}
	for _, d := range s.Disciplines {
		if d.Score == nil || *d.Score < 1 || *d.Score > 5 || d.Level == nil || *d.Level != int(*d.Score) {
			t.Errorf("%s: score %v level %v", d.Key, d.Score, d.Level)
		}
	}
	code, out, _ := cxdash(t, "summary", "--db", db, "--unit", "Online")
	if code != 0 || !strings.Contains(out, "Overall index") || !strings.Contains(out, "Customer understanding") {
		t.Errorf("text summary: %d\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ws.db")
	for _, args := range [][]string{
		{"frobnicate"},
		{"import", "--db", db},
		{"summary", "--db", db, "--period", "someday"},
		{"batches", "--nope"},
		{"template"},
	} {
		if code, _, errOut := cxdash(t, args...); code != 2 || !strings.Contains(errOut, "Usage") {
			t.Errorf("cxdash %v: exit %d, want 2 with usage\n%s", args, code, errOut)
		}
	}
	if code, _, errOut := cxdash(t, "summary", "--db", db); code != 1 || !strings.Contains(errOut, "no data") {
		t.Errorf("summary of an empty workspace: exit %d %q", code, errOut)
	}
	if code, _, errOut := cxdash(t, "import", "--db", db, filepath.Join(t.TempDir(), "missing.xlsx")); code != 1 || !strings.Contains(errOut, "missing.xlsx: file not found") {
		t.Errorf("import of a missing file: exit %d %q", code, errOut)
	}
}

func TestEnvironmentSelectsWorkspace(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("CXDASH_DB", db)
	if code, _, errOut := cxdash(t, "demo"); code != 0 {
		t.Fatal(errOut)
	}
	if s := summary(t, db); s.Overall.Score == nil {
		t.Error("CXDASH_DB was not used")
	}
	opened := ""
	var out, errOut bytes.Buffer
	cli.Run(nil, nil, &out, &errOut, func(db string) int { opened = db; return 0 })
	if opened != db {
		t.Errorf("the window opens %q, want %q", opened, db)
	}
}

func TestTemplateCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "template.xlsx")
	if code, _, errOut := cxdash(t, "template", out); code != 0 {
		t.Fatalf("template: %s", errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if idx, _ := f.GetSheetIndex("Data"); idx < 0 {
		t.Errorf("template has no Data sheet: %v", f.GetSheetList())
	}
}

// TestMapOverrideIsRemembered: a column detection cannot place ("Shop") is
// mapped to the unit once; the next file of the same shape needs no --map.
func TestMapOverrideIsRemembered(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	head := "Period,Shop,Discipline,Metric,Value\n"
	first := write("jan.csv", head+"2024-Q1,Leeds,Strategy,Vision,2\n2024-Q1,York,Strategy,Vision,4\n")
	code, out, errOut := cxdash(t, "import", "--db", db, "--dry-run", "--map", "B=unit", first)
	if code != 0 || !strings.Contains(out, `B "Shop"=unit`) {
		t.Fatalf("dry run with --map: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := cxdash(t, "import", "--db", db, "--map", "B=unit", first); code != 0 {
		t.Fatal(errOut)
	}
	second := write("feb.csv", head+"2024-Q2,Leeds,Strategy,Vision,3\n")
	if code, _, errOut := cxdash(t, "import", "--db", db, second); code != 0 {
		t.Fatal(errOut)
	}
	if s := summary(t, db, "--unit", "Leeds", "--period", "2024-Q2"); score(t, s, "strategy") != 3 {
		t.Errorf("the second file did not use the remembered mapping: %+v", s)
	}
	if s := summary(t, db, "--period", "2024-Q1"); score(t, s, "strategy") != 3 {
		t.Errorf("Q1 all units = %v, want mean of Leeds 2 and York 4", score(t, s, "strategy"))
	}
	for _, bad := range []string{"B", "B=colour", "1=unit"} {
		if code, _, _ := cxdash(t, "import", "--db", db, "--map", bad, second); code != 2 {
			t.Errorf("--map %s: exit %d, want 2", bad, code)
		}
	}
}
