package e2e_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cxdash/store"
)

// writeSmallCSV writes a three-row file whose unit is unit.
func writeSmallCSV(t *testing.T, path, unit string) {
	t.Helper()
	body := "Period,Unit,Discipline,Metric,Value\n"
	for _, m := range []string{"Vision", "Roadmap", "Review"} {
		body += "2024-Q1," + unit + ",Strategy," + m + ",3\n"
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// seeded returns a workspace with one small batch and a directory for files.
func seeded(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "ws.db")
	seed := filepath.Join(dir, "seed.csv")
	writeSmallCSV(t, seed, "Seed")
	if code, _, errOut := cxdash(t, "import", "--db", db, seed); code != 0 {
		t.Fatalf("seed import: %s", errOut)
	}
	return dir, db
}

func busy(err error) bool {
	var e interface{ Code() int }
	return errors.As(err, &e) && e.Code()&0xff == 5 // SQLITE_BUSY
}

// waitForWriter returns once another connection holds db's write lock,
// which p takes when its import begins; it fails if p ends first.
func waitForWriter(t *testing.T, db string, p *proc) {
	t.Helper()
	probe := openRaw(t, db, "_pragma=busy_timeout(0)&_txlock=immediate")
	defer probe.Close()
	for !p.ended() {
		tx, err := probe.Begin()
		if busy(err) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		tx.Rollback()
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("cxdash %v ended before it was seen writing: %s", p.cmd.Args[1:], p.errOut.String())
}

// noRawLockError fails when stderr shows SQLite's own wording.
func noRawLockError(t *testing.T, who, stderr string) {
	t.Helper()
	if strings.Contains(stderr, "database is locked") || strings.Contains(stderr, "SQLITE_BUSY") {
		t.Errorf("%s printed SQLite's raw lock error:\n%s", who, stderr)
	}
}

// TestSecondImportWaitsForFirst: while one cxdash imports a large file, a
// second `cxdash import` into the same workspace waits and then imports;
// `cxdash summary` reads meanwhile; the store, opened as the window opens
// it (no options, no extra wait), opens the workspace, reads it and queues
// a write. Both batches are whole.
func TestSecondImportWaitsForFirst(t *testing.T) {
	dir, db := seeded(t)
	big, small := filepath.Join(dir, "big.csv"), filepath.Join(dir, "small.csv")
	want := writeBigCSV(t, big, bigRows, "2031-01,Big unit,Strategy,Big metric,3")
	writeSmallCSV(t, small, "Second")

	first := start(t, nil, "import", "--db", db, big)
	waitForWriter(t, db, first)
	second := start(t, nil, "import", "--db", db, small)

	// Readers do not wait for a writer (WAL).
	if code, out, errOut := cxdash(t, "summary", "--db", db, "--json"); code != 0 || !strings.Contains(out, `"overall"`) {
		t.Errorf("summary during the import: exit %d\n%s%s", code, out, errOut)
	}
	ctx := context.Background()
	window, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("the window's store does not open during an import: %v", err)
	}
	defer window.Close()
	if _, err := window.Observations(ctx, store.ObservationFilter{}); err != nil {
		t.Errorf("the window's observations during an import: %v", err)
	}
	if _, err := window.Batches(ctx); err != nil {
		t.Errorf("the window's import list during an import: %v", err)
	}
	window.SetBusyWait(time.Minute, nil)
	if err := window.SetSetting(ctx, "instances-test", "waited"); err != nil {
		t.Errorf("a write queued behind the import: %v", err)
	}

	for _, p := range []*proc{first, second} {
		if code := p.wait(t); code != 0 {
			t.Errorf("cxdash %v: exit %d\n%s", p.cmd.Args[1:], code, p.errOut.String())
		}
		noRawLockError(t, "cxdash import", p.errOut.String())
	}
	st := checkWorkspace(t, db)
	b1, b2 := st.batches["big.csv"], st.batches["small.csv"]
	if b1.Rows != want || b1.Count != want || b2.Rows != 3 || b2.Count != 3 || len(st.batches) != 3 {
		t.Fatalf("batches after both imports: %+v", st.batches)
	}
	// The second began after the first had its write lock, so it could
	// only write once the first had committed.
	if b2.ID < b1.ID {
		t.Errorf("the second import (batch %d) wrote before the first (batch %d)", b2.ID, b1.ID)
	}
	if !st.units["Big unit"] || !st.units["Second"] || !st.metrics["Big metric"] {
		t.Errorf("units %v, metrics %v", st.units, st.metrics)
	}
	t.Logf("the first import took %v; the second, started %v later, took %v including its wait",
		first.took.Round(time.Millisecond), second.started.Sub(first.started).Round(time.Millisecond), second.took.Round(time.Millisecond))
}

// TestWorkspaceInUse: another process holds the workspace's write lock
// (as an import of millions of rows would) for longer than SQLite's 5 s
// busy timeout. `cxdash import --wait 0` then says the workspace is in use
// and exits 1; a plain `cxdash import` says it waits, and imports once the
// lock is free, and another of the same file then adds nothing; the
// store, opened as the window opens it (no extra wait), reports ErrBusy,
// which the window words as import --wait 0 does (workspace.UserMessage).
// Readers work throughout.
func TestWorkspaceInUse(t *testing.T) {
	dir, db := seeded(t)
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	writeSmallCSV(t, a, "Impatient")
	writeSmallCSV(t, b, "Patient")

	holder := openRaw(t, db, "_pragma=busy_timeout(10000)&_txlock=immediate")
	tx, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES ('holder', 'yes')`); err != nil {
		t.Fatal(err)
	}

	impatient := start(t, nil, "import", "--db", db, "--wait", "0", a)
	patient := start(t, nil, "import", "--db", db, b)
	again := start(t, nil, "import", "--db", db, b) // the same file, at the same time
	if code, _, errOut := cxdash(t, "batches", "--db", db); code != 0 {
		t.Errorf("batches while the workspace is in use: %s", errOut)
	}

	ctx := context.Background()
	window, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	if err := window.SetSetting(ctx, "window", "x"); !errors.Is(err, store.ErrBusy) {
		t.Errorf("the window's write to a workspace in use: %v, want ErrBusy", err)
	}

	if code := impatient.wait(t); code != 1 {
		t.Errorf("import --wait 0 into a workspace in use: exit %d, want 1", code)
	}
	msg := impatient.errOut.String()
	if !strings.Contains(msg, "workspace "+db+" is in use by another cxdash") || !strings.Contains(msg, "nothing was changed") {
		t.Errorf("import --wait 0 said:\n%s", msg)
	}
	noRawLockError(t, "import --wait 0", msg)

	// The patient one says why it waits (once SQLite's own 5 s are over).
	for deadline := time.Now().Add(time.Minute); !strings.Contains(patient.errOut.String(), "waiting up to 2m0s"); {
		if patient.ended() || time.Now().After(deadline) {
			t.Fatalf("cxdash import never said it waits:\n%s", patient.errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	// Both waited; whichever took the lock first imported b.csv, and the
	// other found it imported.
	var said []string
	for _, p := range []*proc{patient, again} {
		if code := p.wait(t); code != 0 {
			t.Errorf("a waiting import: exit %d\n%s%s", code, p.out.String(), p.errOut.String())
		}
		noRawLockError(t, "a waiting import", p.errOut.String())
		said = append(said, p.out.String())
	}
	if s := strings.Join(said, ""); strings.Count(s, "b.csv: imported as batch") != 1 || strings.Count(s, "b.csv: already imported") != 1 {
		t.Errorf("two imports of the same file at once said:\n%s", s)
	}

	st := checkWorkspace(t, db)
	if _, ok := st.batches["a.csv"]; ok || st.units["Impatient"] {
		t.Errorf("the refused import left batch or unit: %+v", st.batches)
	}
	if got := st.batches["b.csv"]; got.Rows != 3 || got.Count != 3 {
		t.Errorf("the waiting import stored %+v", got)
	}
}

// TestNewerWorkspaceRefused: a workspace written by a newer cxdash (schema
// 99) is refused with what it is and what to do, and left as it was.
func TestNewerWorkspaceRefused(t *testing.T) {
	dir, db := seeded(t)
	raw := openRaw(t, db, "")
	if _, err := raw.Exec(`INSERT INTO schema_version(version, applied_at) VALUES (99, 'future')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	small := filepath.Join(dir, "q2.csv")
	writeSmallCSV(t, small, "Later")
	for _, args := range [][]string{{"summary", "--db", db}, {"import", "--db", db, small}} {
		code, _, errOut := cxdash(t, args...)
		if code != 1 {
			t.Errorf("cxdash %s on a schema-99 workspace: exit %d, want 1", args[0], code)
		}
		for _, want := range []string{"written by a newer cxdash", "update cxdash to open it", "schema version 99"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("cxdash %s: stderr lacks %q:\n%s", args[0], want, errOut)
			}
		}
	}
	if v := schemaOf(t, db); v != 99 {
		t.Errorf("schema version is now %d", v)
	}
	if baks, _ := filepath.Glob(db + ".schema*.bak"); len(baks) != 0 {
		t.Errorf("refusing made backups %v", baks)
	}
}

// TestOldWorkspaceBackedUp: the first cxdash command on a schema-1
// workspace leaves W.schema1.bak, the file as it was, and upgrades W.
func TestOldWorkspaceBackedUp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "old.db")
	v1, err := os.ReadFile(filepath.Join("..", "store", "migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, db, "")
	for _, q := range []string{
		`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
		string(v1),
		`INSERT INTO schema_version VALUES (1, '2024-06-01T00:00:00Z')`,
		`INSERT INTO metrics(key, name, discipline, direction, scale) VALUES ('nps', 'NPS', 'measurement', 'higher', 'nps')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("building a schema-1 workspace: %v", err)
		}
	}
	raw.Close()
	if code, _, errOut := cxdash(t, "batches", "--db", db); code != 0 {
		t.Fatalf("batches on a schema-1 workspace: exit %d: %s", code, errOut)
	}
	bak := db + ".schema1.bak"
	if v := schemaOf(t, bak); v != 1 {
		t.Errorf("the backup has schema %d, want 1", v)
	}
	var name string
	if err := openRaw(t, bak, "").QueryRow(`SELECT name FROM metrics WHERE key = 'nps'`).Scan(&name); err != nil || name != "NPS" {
		t.Errorf("the backup lacks the catalogue: %q, %v", name, err)
	}
	if v := schemaOf(t, db); v < 2 {
		t.Errorf("the workspace was not upgraded: schema %d", v)
	}
	if code, _, errOut := cxdash(t, "batches", "--db", db); code != 0 {
		t.Fatal(errOut)
	}
	if baks, _ := filepath.Glob(db + ".schema*.bak"); len(baks) != 1 {
		t.Errorf("backups after a second command: %v, want only the first", baks)
	}
}

func schemaOf(t *testing.T, db string) int {
	t.Helper()
	var v sql.NullInt64
	conn := openRaw(t, db, "")
	defer conn.Close()
	if err := conn.QueryRow(`SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return int(v.Int64)
}
