package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"cxdash/internal/pgtest"
	"cxdash/model"
)

// `cxdash copy` between workspace files and team workspaces, and stopped
// half-way.

// copyCounts reads the per-table counts that `cxdash copy` prints and
// checks its last line against the total.
func copyCounts(t *testing.T, out, from, to string) map[string]int64 {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	counts := map[string]int64{}
	var total int64
	for _, l := range lines[:len(lines)-1] {
		f := strings.Fields(l)
		if len(f) != 2 {
			t.Fatalf("copy printed %q, want a table and its count", l)
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(f[1], ",", ""), 10, 64)
		if err != nil {
			t.Fatalf("copy printed %q: %v", l, err)
		}
		counts[f[0]] = n
		total += n
	}
	want := fmt.Sprintf("copied %s rows in %d tables from %s to %s; every table's count checked",
		model.FormatCount(total), len(counts), from, to)
	if last := lines[len(lines)-1]; last != want {
		t.Errorf("copy's last line\n%q, want\n%q", last, want)
	}
	return counts
}

// TestCopyFileServerFileRoundTrip copies a workspace file to a team
// workspace and back to a new file, and finds the same batches and the
// same scores in all three.
func TestCopyFileServerFileRoundTrip(t *testing.T) {
	db := serverDB(t)
	dir := t.TempDir()
	orig, back := filepath.Join(dir, "orig.db"), filepath.Join(dir, "sub", "back.db")
	mustRun(t, "demo", "--db", orig)
	extra, draft := filepath.Join(dir, "extra.csv"), filepath.Join(dir, "draft.csv")
	writeCSV(t, extra, "2025-Q1,Retail,Strategy,Vision,4", "2025-Q1,Online,Design,Journeys,1.5")
	writeCSV(t, draft, "2025-Q1,Retail,Strategy,Vision,1")
	mustRun(t, "import", "--db", orig, extra)
	mustRun(t, "import", "--db", orig, draft)
	mustRun(t, "undo", "--db", orig, "3") // a gap in the batch ids

	out := mustRun(t, "copy", "--from", orig, "--to", db)
	up := copyCounts(t, out, orig, db)
	out = mustRun(t, "copy", "--from", db, "--to", back)
	down := copyCounts(t, out, db, back)
	if len(up) != 13 || up["observations"] < 1000 || up["batches"] != 2 {
		t.Errorf("counts of the first copy: %v", up)
	}
	if fmt.Sprint(up) != fmt.Sprint(down) {
		t.Errorf("counts differ:\nfile to server %v\nserver to file %v", up, down)
	}

	for _, args := range [][]string{
		{"batches", "--json"},
		{"summary", "--json"},
		{"summary", "--json", "--unit", "Retail"},
		{"summary", "--json", "--unit", "Online", "--period", "2024-Q2"},
	} {
		want := mustRun(t, append(args, "--db", orig)...)
		for _, ws := range []string{db, back} {
			if got := mustRun(t, append(args, "--db", ws)...); got != want {
				t.Errorf("%v of %s differs from the original's:\n%s\nwant\n%s", args, ws, got, want)
			}
		}
	}

	// Ids go on from the source's: a new import is batch 4, not 3.
	if out := mustRun(t, "import", "--db", back, draft); !strings.Contains(out, "imported as batch 4") {
		t.Errorf("import after the copy: %q", out)
	}
}

func TestCopyIntoWorkspaceWithData(t *testing.T) {
	db := serverDB(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	q1 := filepath.Join(dir, "q1.csv")
	writeCSV(t, q1, "2024-Q1,North,Strategy,Vision,2")
	mustRun(t, "import", "--db", a, q1)
	mustRun(t, "demo", "--db", b)
	mustRun(t, "demo", "--db", db)
	for _, dst := range []string{b, db} {
		before := mustRun(t, "batches", "--json", "--db", dst)
		code, out, errOut := cxdash(t, "copy", "--from", a, "--to", dst)
		want := "cxdash: " + dst + " already holds a workspace; nothing was copied: copy into a new workspace file or an empty database\n"
		if code != 1 || out != "" || errOut != want {
			t.Errorf("copy into %s: exit %d, stdout %q, stderr\n%q, want\n%q", dst, code, out, errOut, want)
		}
		if after := mustRun(t, "batches", "--json", "--db", dst); after != before {
			t.Errorf("%s changed:\n%s\nwas\n%s", dst, after, before)
		}
	}
}

// TestCopyInterruptedLeavesNoFile stops `cxdash copy` from a team
// workspace into a new file with Ctrl-C (SIGINT) as soon as the file
// appears: the command says it was cancelled, and the half-made file and
// its journal are gone.
func TestCopyInterruptedLeavesNoFile(t *testing.T) {
	db := serverDB(t)
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	writeBigCSV(t, big, bigRows)
	if p := start(t, nil, "import", "--db", db, big); p.wait(t) != 0 {
		t.Fatalf("import: %s", p.errOut.String())
	}
	dst := filepath.Join(dir, "copy.db")
	p := start(t, nil, "copy", "--from", db, "--to", dst)
	for !p.ended() {
		if _, err := os.Stat(dst); err == nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil && !p.ended() {
		t.Fatal(err)
	}
	code := p.wait(t)
	if code == 0 {
		t.Skipf("the copy of %d rows finished before Ctrl-C reached it", bigRows)
	}
	if code != 1 || !strings.Contains(p.errOut.String(), "cancelled; nothing was changed") {
		t.Errorf("exit %d, want 1 and a word that it was cancelled:\n%s%s", code, p.out.String(), p.errOut.String())
	}
	left, _ := filepath.Glob(filepath.Join(dir, "copy.db*"))
	if len(left) > 0 {
		t.Errorf("an interrupted copy left %v", left)
	}
}

// TestCopyTimed times `cxdash copy` of a generated workspace of
// $CXDASH_COPY_ROWS observations (e.g. 1000000) to a durable PostgreSQL
// server (fsync on) and back to a new file. It logs the times; it asserts
// only that the copies succeed.
func TestCopyTimed(t *testing.T) {
	rows, _ := strconv.Atoi(os.Getenv("CXDASH_COPY_ROWS"))
	if rows <= 0 {
		t.Skip("set CXDASH_COPY_ROWS=1000000 to time cxdash copy")
	}
	if pgsrv == nil {
		t.Skip("CXDASH_NO_POSTGRES=1: no PostgreSQL server")
	}
	srv, err := pgtest.Start(pgtest.Options{Durable: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() }) // after the database's own cleanup
	env := []string{"PGPASSFILE=" + srv.PassFile()}
	db := srv.NewDatabase(t)

	dir := t.TempDir()
	csv := filepath.Join(dir, "big.csv")
	var b strings.Builder
	b.WriteString("Period,Unit,Discipline,Metric,Value\n")
	disciplines := []string{"Strategy", "Customer understanding", "Design", "Measurement", "Governance", "Culture"}
	for i := range rows { // every (metric, unit, month) once
		d, m := disciplines[i%24/4], i/12000
		fmt.Fprintf(&b, "%d-%02d,Unit %d,%s,%s item %d,%d\n", 2000+m/12, 1+m%12, i/24%500, d, d, i%4, 1+i%5)
	}
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	file, back := filepath.Join(dir, "big.db"), filepath.Join(dir, "back.db")
	timed := func(args ...string) string {
		t.Helper()
		p := start(t, env, args...)
		if code := p.wait(t); code != 0 {
			t.Fatalf("cxdash %v: exit %d\n%s%s", args[:1], code, p.out.String(), p.errOut.String())
		}
		t.Logf("cxdash %s: %s\n%s", strings.Join(args, " "), p.took.Round(10*time.Millisecond), p.out.String())
		return p.out.String()
	}
	timed("import", "--db", file, csv)
	up := copyCounts(t, timed("copy", "--from", file, "--to", db), file, db)
	down := copyCounts(t, timed("copy", "--from", db, "--to", back), db, back)
	if up["observations"] != int64(rows) || fmt.Sprint(up) != fmt.Sprint(down) {
		t.Errorf("counts: file to server %v, server to file %v", up, down)
	}
	if fi, err := os.Stat(file); err == nil {
		t.Logf("workspace file: %d MB", fi.Size()>>20)
	}
}
