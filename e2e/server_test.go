package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Team workspaces from the command line: every test runs cxdash against
// the real PostgreSQL server that TestMain started (pgtest), each in a
// database of its own.

// serverDB is a new, empty database on the test server.
func serverDB(t *testing.T) string {
	t.Helper()
	if pgsrv == nil {
		t.Skip("CXDASH_NO_POSTGRES=1: no PostgreSQL server")
	}
	return pgsrv.NewDatabase(t)
}

// withParams sets query parameters of a URL, e.g. sslmode.
func withParams(t *testing.T, loc string, kv ...string) string {
	t.Helper()
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	for i := 0; i < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// withPassword puts password into the URL, as a person may type it.
func withPassword(t *testing.T, loc, password string) string {
	t.Helper()
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

// writeCSV writes a long-format csv with rows under its header.
func writeCSV(t *testing.T, path string, rows ...string) {
	t.Helper()
	body := "Period,Unit,Discipline,Metric,Value\n" + strings.Join(rows, "\n") + "\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// mustRun runs cxdash and fails unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cxdash(t, args...)
	if code != 0 {
		t.Fatalf("cxdash %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// summaryOut is what `cxdash summary --json` prints, as far as these
// tests read it.
type summaryOut struct {
	Disciplines []struct {
		Key   string   `json:"key"`
		Score *float64 `json:"score"`
	} `json:"disciplines"`
}

func summary(t *testing.T, db string, extra ...string) summaryOut {
	t.Helper()
	out := mustRun(t, append([]string{"summary", "--db", db, "--json"}, extra...)...)
	var s summaryOut
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("summary --json: %v\n%s", err, out)
	}
	return s
}

// score is discipline key's score in s; it fails when there is none.
func score(t *testing.T, s summaryOut, key string) float64 {
	t.Helper()
	for _, d := range s.Disciplines {
		if d.Key == key && d.Score != nil {
			return *d.Score
		}
	}
	t.Fatalf("no %s score in the summary: %+v", key, s)
	return 0
}

// batches is what `cxdash batches --json` prints, newest first.
func batches(t *testing.T, db string) []map[string]any {
	t.Helper()
	out := mustRun(t, "batches", "--db", db, "--json")
	var bs []map[string]any
	if err := json.Unmarshal([]byte(out), &bs); err != nil {
		t.Fatalf("batches --json: %v\n%s", err, out)
	}
	return bs
}

func TestServerWorkspaceCommands(t *testing.T) {
	db := serverDB(t)
	dir := t.TempDir()
	q1, fix := filepath.Join(dir, "q1.csv"), filepath.Join(dir, "fix.csv")
	writeCSV(t, q1, "2024-Q1,North,Strategy,Vision,2", "2024-Q1,North,Governance,Committee,3", "2024-Q1,South,Strategy,Vision,4")
	writeCSV(t, fix, "2024-Q1,North,Strategy,Vision,5")

	if out := mustRun(t, "import", "--db", db, q1); !strings.Contains(out, "q1.csv: imported as batch 1: 3 values") {
		t.Errorf("import: %q", out)
	}
	mustRun(t, "import", "--db", db, fix)
	if s := summary(t, db, "--unit", "North"); score(t, s, "strategy") != 5 || score(t, s, "governance") != 3 {
		t.Fatalf("after the correction: %+v", s)
	}
	bs := batches(t, db)
	if len(bs) != 2 || bs[0]["file"] != "fix.csv" || bs[1]["rows"] != 3.0 || bs[0]["user"] == "" {
		t.Fatalf("batches: %v", bs)
	}
	if out := mustRun(t, "undo", "--db", db, "2"); !strings.HasPrefix(out, "undid batch 2 (fix.csv, 1 values)") {
		t.Errorf("undo: %q", out)
	}
	if s := summary(t, db, "--unit", "North"); score(t, s, "strategy") != 2 {
		t.Fatalf("after undo strategy = %v, want 2 again", score(t, s, "strategy"))
	}

	// $CXDASH_DB names the team workspace as --db does.
	t.Setenv("CXDASH_DB", db)
	out := mustRun(t, "export", "--xlsx", filepath.Join(dir, "report.xlsx"))
	if !strings.Contains(out, "Excel report of all units, 3 observations") {
		t.Errorf("export: %q", out)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Summary", "A1"); !strings.HasPrefix(v, "CX maturity report") {
		t.Errorf("Summary!A1 = %q", v)
	}
}

// TestServerConcurrentImports runs two imports into one team workspace at
// the same time, as two people would: each lands whole, and undoing one
// leaves the other's values.
func TestServerConcurrentImports(t *testing.T) {
	db := serverDB(t)
	dir := t.TempDir()
	const rows = 30_000
	files := map[string]string{}
	for _, unit := range []string{"Alpha", "Beta"} {
		var b strings.Builder
		for i := range rows {
			p := i / 600 % 50
			fmt.Fprintf(&b, "%d-%02d,%s %d,Strategy,Vision %d,%d\n", 2020+p/12, 1+p%12, unit, i/12%50, i%12, 1+i%5)
		}
		files[unit] = filepath.Join(dir, strings.ToLower(unit)+".csv")
		writeCSV(t, files[unit], strings.TrimSuffix(b.String(), "\n"))
	}

	procs := map[string]*proc{}
	for unit, file := range files {
		procs[unit] = start(t, nil, "import", "--db", db, file)
	}
	for unit, p := range procs {
		if code := p.wait(t); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", unit, code, p.out.String(), p.errOut.String())
		}
	}

	ids := map[string]string{}
	for _, b := range batches(t, db) {
		if b["rows"] != float64(rows) {
			t.Errorf("batch %v holds %v rows, want %d", b["file"], b["rows"], rows)
		}
		ids[b["file"].(string)] = strconv.Itoa(int(b["id"].(float64)))
	}
	if len(ids) != 2 || ids["alpha.csv"] == "" || ids["beta.csv"] == "" {
		t.Fatalf("batches %v, want alpha.csv and beta.csv", ids)
	}
	alpha := strategy(t, db, "Alpha 7")
	if alpha == nil || strategy(t, db, "Beta 7") == nil {
		t.Fatalf("Alpha 7 and Beta 7 should both have a strategy score in 2024-01")
	}

	mustRun(t, "undo", "--db", db, ids["beta.csv"])
	if s := strategy(t, db, "Alpha 7"); s == nil || *s != *alpha {
		t.Errorf("Alpha 7 after undoing beta.csv: %v, want %v", s, *alpha)
	}
	if code, out, errOut := cxdash(t, "summary", "--db", db, "--unit", "Beta 7"); code != 1 || !strings.Contains(errOut, `no business unit "Beta 7"`) {
		t.Errorf("Beta 7 after its import was undone: exit %d\n%s%s", code, out, errOut)
	}
}

// strategy is unit's strategy score in 2024-01, nil when it has none.
func strategy(t *testing.T, db, unit string) *float64 {
	t.Helper()
	for _, d := range summary(t, db, "--unit", unit, "--period", "2024-01").Disciplines {
		if d.Key == "strategy" {
			return d.Score
		}
	}
	t.Fatal("no strategy discipline in the summary")
	return nil
}

// noPasswordEnv makes a child process find no password anywhere: no pass
// file, no PGPASSWORD, a home without .pgpass.
func noPasswordEnv(t *testing.T) []string {
	return []string{"PGPASSFILE=" + filepath.Join(t.TempDir(), "nonexistent"), "PGPASSWORD=", "HOME=" + t.TempDir()}
}

func TestServerPasswordWithoutTerminal(t *testing.T) {
	db := serverDB(t)
	file := filepath.Join(t.TempDir(), "q1.csv")
	writeCSV(t, file, "2024-Q1,North,Strategy,Vision,2")
	wrong := "Wr0ng-pass-" + strconv.Itoa(os.Getpid())
	for _, tc := range []struct{ name, db, says string }{
		{"none", db, "needs a password for user " + pgsrv.User()},
		{"refused", withPassword(t, db, wrong), "refused the password of user " + pgsrv.User()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := start(t, noPasswordEnv(t), "import", "--db", tc.db, file) // stdin is /dev/null
			code := p.wait(t)
			out, errOut := p.out.String(), p.errOut.String()
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
			}
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			if len(lines) != 1 || !strings.Contains(errOut, tc.says) ||
				!strings.Contains(errOut, "PGPASSFILE") || !strings.Contains(errOut, "PGPASSWORD") {
				t.Errorf("stderr should be one line that says %q and names PGPASSFILE and PGPASSWORD:\n%s", tc.says, errOut)
			}
			if strings.Contains(out+errOut, pgsrv.Password()) || strings.Contains(out+errOut, wrong) {
				t.Errorf("output holds a password:\n%s%s", out, errOut)
			}
		})
	}
}

// TestServerPasswordInURLNeverShown types the password into the URL and
// finds it in no command's output, errors included.
func TestServerPasswordInURLNeverShown(t *testing.T) {
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "nonexistent")) // only the URL has it
	t.Setenv("PGPASSWORD", "")
	db := serverDB(t)
	pw := pgsrv.Password()
	db = withPassword(t, db, pw)
	dir := t.TempDir()
	q1, bad := filepath.Join(dir, "q1.csv"), filepath.Join(dir, "bad.csv")
	writeCSV(t, q1, "2024-Q1,North,Strategy,Vision,2")
	writeCSV(t, bad, "2024-Q1,North,Strategy,Vision,lots")
	file := filepath.Join(dir, "ws.db")
	mustRun(t, "demo", "--db", file)

	missing := withPassword(t, withParams(t, pgsrv.URL("no_such_database"), "sslmode", "disable"), pw)
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"import", "--db", db, q1}, 0},
		{[]string{"import", "--db", db, q1}, 0}, // already imported
		{[]string{"import", "--db", db, bad}, 1},
		{[]string{"batches", "--db", db}, 0},
		{[]string{"batches", "--db", db, "--json"}, 0},
		{[]string{"summary", "--db", db}, 0},
		{[]string{"demo", "--db", db}, 0},
		{[]string{"demo", "--db", db, "--if-empty"}, 0},
		{[]string{"undo", "--db", db, "999"}, 1},
		{[]string{"undo", "--db", db, db}, 2},
		{[]string{"copy", "--from", file, "--to", db}, 1}, // not empty
		{[]string{"copy", "--from", db, "--to", db}, 2},
		{[]string{"summary", "--db", missing}, 1},
		{[]string{db}, 2},
	} {
		code, out, errOut := cxdash(t, tc.args...)
		if code != tc.code {
			t.Errorf("cxdash %v: exit %d, want %d\n%s%s", tc.args[:1], code, tc.code, out, errOut)
		}
		if strings.Contains(out+errOut, pw) {
			t.Errorf("cxdash %v printed the password:\n%s%s", tc.args[:1], out, errOut)
		}
		if tc.args[0] == "copy" && tc.code == 1 && !strings.Contains(errOut, "copy into a new workspace file or an empty database") {
			t.Errorf("copy into a workspace with data: %s", errOut)
		}
	}
}

func TestServerSSLMode(t *testing.T) {
	db := serverDB(t)
	mustRun(t, "batches", "--db", withParams(t, db, "sslmode", "require"))

	code, _, errOut := cxdash(t, "batches", "--db", withParams(t, db, "sslmode", "verify-full"))
	if code != 1 || !strings.Contains(errOut, "certificate") || !strings.Contains(errOut, "sslrootcert") {
		t.Errorf("verify-full without the CA: exit %d, want 1 and a word about the certificate and sslrootcert:\n%s", code, errOut)
	}

	mustRun(t, "batches", "--db", withParams(t, db, "sslmode", "verify-full", "sslrootcert", pgsrv.CACertFile()))
}
