package e2e_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// importKills and exportKills: how many times each test kills cxdash.
const (
	importKills     = 20
	importKillsLate = 5 // of importKills
	exportKills     = 10
	// exportRows keeps the export test's workspace small enough that an
	// Excel report takes about a second.
	exportRows = 40_000
)

// killAfter starts cxdash with args, kills it with SIGKILL delay after its
// start (unless it has ended by then) and returns its exit code: -1 when
// the kill landed.
func killAfter(t *testing.T, delay time.Duration, env []string, args ...string) int {
	t.Helper()
	p := start(t, env, args...)
	time.Sleep(delay - time.Since(p.started))
	p.cmd.Process.Signal(syscall.SIGKILL) // fails harmlessly when it has ended
	return p.wait(t)
}

// TestImportSurvivesSIGKILL kills `cxdash import` of a 200,000-row file at
// random moments of its run. After each kill the workspace must pass
// integrity_check and hold the batch whole or not at all, with no unit or
// metric the killed file brought; every batch completed before must be
// exactly as it was.
func TestImportSurvivesSIGKILL(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	rng := seededRand(t)

	// A whole import into a workspace of its own times one.
	file := filepath.Join(dir, "timing.csv")
	writeBigCSV(t, file, bigRows)
	p := start(t, nil, "import", "--db", filepath.Join(dir, "timing.db"), file)
	if code := p.wait(t); code != 0 {
		t.Fatalf("timing import: exit %d\n%s", code, p.errOut.String())
	}
	full := time.Since(p.started)
	// The workspace the kills go to starts with a small batch that every
	// check expects untouched; small, so that checking it stays quick.
	first := filepath.Join(dir, "first.csv")
	want := writeBigCSV(t, first, 1000)
	if code, _, errOut := cxdash(t, "import", "--db", db, first); code != 0 {
		t.Fatalf("first import: %s", errOut)
	}
	st := checkWorkspace(t, db)
	complete := map[string]batchState{"first.csv": st.batches["first.csv"]}
	if b := complete["first.csv"]; b.Rows != want || b.Count != want {
		t.Fatalf("first import stored %+v, want %d observations", b, want)
	}

	var report []string
	whole := 0
	for i := range importKills {
		name := fmt.Sprintf("crash-%02d.csv", i)
		// This file's own unit and metric come first, so that a killed
		// import has created both in its transaction.
		unit, metric := fmt.Sprintf("Crash unit %02d", i), fmt.Sprintf("Crash metric %02d", i)
		file := filepath.Join(dir, name)
		want := writeBigCSV(t, file, bigRows, fmt.Sprintf("2031-01,%s,Strategy,%s,3", unit, metric))
		// The last kills aim at the end, where the batch commits and the
		// WAL is checkpointed: uniform delays seldom land there, and a run
		// may take a quarter longer or shorter than the timed one. They
		// come last because a whole batch makes every later check slower.
		lo, span := time.Duration(0), full
		if i >= importKills-importKillsLate {
			lo, span = full*3/4, full/2
		}
		delay := lo + time.Duration(rng.Int64N(int64(span)+1))
		code := killAfter(t, delay, nil, "import", "--db", db, file)

		st := checkWorkspace(t, db)
		for f, before := range complete {
			if after := st.batches[f]; after != before {
				t.Fatalf("kill %d at %v: batch %s changed from %+v to %+v", i, delay, f, before, after)
			}
		}
		b, present := st.batches[name]
		switch {
		case present && (b.Rows != want || b.Count != want || !st.units[unit] || !st.metrics[metric]):
			t.Fatalf("kill %d at %v: partial batch %+v (unit %v, metric %v), want %d observations",
				i, delay, b, st.units[unit], st.metrics[metric], want)
		case present:
			complete[name] = b
			whole++
		case code == 0:
			t.Fatalf("kill %d at %v: cxdash import exited 0 but the batch is missing", i, delay)
		case st.units[unit] || st.metrics[metric]:
			t.Fatalf("kill %d at %v: the killed import left unit %v, metric %v", i, delay, st.units[unit], st.metrics[metric])
		}
		total := 0
		for _, b := range complete {
			total += b.Count
		}
		if len(st.batches) != len(complete) || st.observations != total {
			t.Fatalf("kill %d at %v: %d batches, %d observations; want %d and %d", i, delay,
				len(st.batches), st.observations, len(complete), total)
		}
		outcome := "absent"
		if present {
			outcome = "whole"
		}
		report = append(report, fmt.Sprintf("%dms %s", delay.Milliseconds(), outcome))
		os.Remove(file)
	}
	t.Logf("a whole import of %d rows took %v; %d kills, %d left a whole batch: %s",
		bigRows, full.Round(time.Millisecond), importKills, whole, strings.Join(report, ", "))
}

// TestExportSurvivesSIGKILL kills `cxdash export` at random moments. The
// target is then absent or a complete report (an existing one is never
// lost), and beside it only the temporary files the kills left, named
// .TARGET-DIGITS.tmp, which the next export removes.
func TestExportSurvivesSIGKILL(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	data := filepath.Join(dir, "data.csv")
	writeBigCSV(t, data, exportRows)
	if code, _, errOut := cxdash(t, "import", "--db", db, data); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	out, tmp := filepath.Join(dir, "out"), filepath.Join(dir, "tmp")
	for _, d := range []string{out, tmp} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"TMPDIR=" + tmp} // to see what excelize leaves there
	rng := seededRand(t)

	for _, kind := range []struct {
		flag, name string
		complete   func(path string) error
	}{{"--xlsx", "report.xlsx", completeXLSX}, {"--html", "report.html", completeHTML}} {
		target := filepath.Join(out, kind.name)
		args := []string{"export", "--db", db, kind.flag, target}
		p := start(t, env, args...)
		if code := p.wait(t); code != 0 {
			t.Fatalf("export %s: exit %d: %s", kind.flag, code, p.errOut.String())
		}
		full := time.Since(p.started)
		whole, err := os.ReadFile(target)
		if err != nil {
			t.Fatal(err)
		}
		var report []string
		for i := range exportKills {
			// Every other kill overwrites a complete report; the others
			// write a new one.
			existed := i%2 == 1
			if err := os.Remove(target); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if existed {
				if err := os.WriteFile(target, whole, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			delay := time.Duration(rng.Int64N(int64(full) + 1))
			code := killAfter(t, delay, env, args...)
			outcome := map[bool]string{false: "absent", true: "kept"}[existed]
			switch {
			case exists(target):
				if err := kind.complete(target); err != nil {
					t.Fatalf("%s kill %d at %v: %s is not a complete report: %v", kind.flag, i, delay, kind.name, err)
				}
				if b, _ := os.ReadFile(target); !bytes.Equal(b, whole) {
					outcome = "complete"
				}
			case existed:
				t.Fatalf("%s kill %d at %v: the report that was there is gone", kind.flag, i, delay)
			case code == 0:
				t.Fatalf("%s kill %d at %v: export exited 0 but wrote no %s", kind.flag, i, delay, kind.name)
			}
			temps := ourTemps(t, out, kind.name)
			report = append(report, fmt.Sprintf("%dms %s/%d tmp", delay.Milliseconds(), outcome, temps))
		}
		if code, _, errOut := cxdash(t, args...); code != 0 {
			t.Fatalf("export after the kills: %s", errOut)
		}
		if err := kind.complete(target); err != nil {
			t.Fatal(err)
		}
		if left := ourTemps(t, out, kind.name); left != 0 {
			t.Errorf("%d temporary files of %s left after a whole export", left, kind.name)
		}
		t.Logf("%s: a whole export took %v; kills: %s", kind.flag, full.Round(time.Millisecond), strings.Join(report, ", "))
	}
	// What excelize spills to the system temp folder while it streams the
	// observations sheet stays there after a kill: the OS cleans it up.
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "excelize-") {
			t.Errorf("unexpected file in TMPDIR after the kills: %s", e.Name())
		}
	}
	t.Logf("%d excelize spill files left in TMPDIR by the kills", len(entries))
}

// ourTemps checks that dir holds nothing but report files and temporary
// files of target (.TARGET-DIGITS.tmp), and counts the latter.
func ourTemps(t *testing.T, dir, target string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		digits, ok := strings.CutPrefix(name, "."+target+"-")
		digits, ok2 := strings.CutSuffix(digits, ".tmp")
		switch {
		case ok && ok2 && digits != "" && strings.Trim(digits, "0123456789") == "":
			n++
		case !slices.Contains([]string{"report.xlsx", "report.html"}, name):
			t.Fatalf("unexpected file %s beside the report", name)
		}
	}
	return n
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// completeXLSX: the workbook opens and has its Summary sheet.
func completeXLSX(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if i, _ := f.GetSheetIndex("Summary"); i < 0 {
		return fmt.Errorf("no Summary sheet in %v", f.GetSheetList())
	}
	if v, _ := f.GetCellValue("Summary", "A1"); !strings.HasPrefix(v, "CX maturity report") {
		return fmt.Errorf("Summary!A1 = %q", v)
	}
	return nil
}

// completeHTML: the page is all there, up to its closing tag.
func completeHTML(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !strings.HasSuffix(strings.TrimSpace(string(b)), "</html>") {
		return fmt.Errorf("%d bytes, not ending in </html>", len(b))
	}
	return nil
}
