package e2e_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // openRaw's driver

	"cxdash/internal/pgtest"
)

// Helpers for the tests that run cxdash as a separate process: the real
// binary, built once without -race so that its timings are a user's, a
// large import file, and a look into a workspace as the next process to
// open it would see it.

var built struct {
	once           sync.Once
	dir, path, chk string
	err            error
}

// pgsrv is the PostgreSQL server of the team-workspace tests (nil with
// CXDASH_NO_POSTGRES=1); pgtest.Main sets PGPASSFILE to its pass file.
var pgsrv *pgtest.Server

func TestMain(m *testing.M) {
	code := pgtest.Main(m, &pgsrv)
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// cxdashBinary builds cxdash (the module root, "..") and testdata/wscheck
// once per test run and returns cxdash's path.
func cxdashBinary(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL and flock are Unix")
	}
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "cxdash-proc-test-"); built.err != nil {
			return
		}
		built.path, built.chk = filepath.Join(built.dir, "cxdash"), filepath.Join(built.dir, "wscheck")
		for bin, pkg := range map[string]string{built.path: "..", built.chk: "./testdata/wscheck"} {
			if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
				built.err = fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
				return
			}
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// proc is a cxdash child process.
type proc struct {
	cmd         *exec.Cmd
	out, errOut syncBuffer
	started     time.Time
	took        time.Duration // from start to end, once ended
	done        chan struct{} // closed when it has ended
	err         error         // Wait's
}

// syncBuffer is a bytes.Buffer that a test may read while the process
// writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// start starts cxdash with args; env is added to the test's environment.
// The process is killed at the end of the test if still running.
func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(cxdashBinary(t), args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.errOut
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		p.took = time.Since(p.started)
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// ended reports whether p has ended.
func (p *proc) ended() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait waits for p and returns its exit code (-1 when killed by a signal).
func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("cxdash %v still runs after 2 minutes", p.cmd.Args[1:])
	}
	var exit *exec.ExitError
	if p.err != nil && !errors.As(p.err, &exit) {
		t.Fatal(p.err)
	}
	return p.cmd.ProcessState.ExitCode()
}

// cxdash runs cxdash to its end, with stdin /dev/null, and returns its
// exit code and output.
func cxdash(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	p := start(t, nil, args...)
	code = p.wait(t)
	return code, p.out.String(), p.errOut.String()
}

// bigRows is the size of the large import: about 1 s for cxdash to import
// on the 2-core machine of README's "Speed".
const bigRows = 200_000

var bigCSV = sync.OnceValue(func() []byte {
	disciplines := []string{"Strategy", "Customer understanding", "Design", "Measurement", "Governance", "Culture"}
	var b bytes.Buffer
	b.Grow(bigRows * 50)
	for i := range bigRows {
		d := disciplines[i%24/4]
		p := i / 1200 % 120
		fmt.Fprintf(&b, "%d-%02d,Unit %d,%s,%s item %d,%d\n", 2010+p/12, 1+p%12, i/24%50, d, d, i%4, 1+i%5)
	}
	return b.Bytes()
})

// writeBigCSV writes a long-format csv: the header, the extra rows, then
// n generated ones (at most bigRows; 24 metrics, 50 units, 120 months). It
// returns the number of values in it.
func writeBigCSV(t *testing.T, path string, n int, extra ...string) int {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("Period,Unit,Discipline,Metric,Value\n")
	for _, r := range extra {
		b.WriteString(r + "\n")
	}
	rows := bigCSV()
	for i, end := 0, 0; n < bigRows && i < n; i++ { // the first n lines
		end += bytes.IndexByte(rows[end:], '\n') + 1
		if i == n-1 {
			rows = rows[:end]
		}
	}
	b.Write(rows)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return n + len(extra)
}

// seededRand returns a rand seeded from $CXDASH_CRASH_SEED or the clock,
// and logs the seed so that a failure can be repeated.
func seededRand(t *testing.T) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CXDASH_CRASH_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("CXDASH_CRASH_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("random seed %d (CXDASH_CRASH_SEED=%d repeats this run)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed))
}

// openRaw opens the workspace file with the SQLite driver alone, with the
// DSN parameters query.
func openRaw(t *testing.T, db, query string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?"+query)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// batchState is one batch as stored, with what its observations add up to.
type batchState struct {
	ID    int64
	Rows  int // the batch row's count
	Count int // observations stored under it
	Sum   float64
}

// wsState is what checkWorkspace found.
type wsState struct {
	batches        map[string]batchState // by file name
	units, metrics map[string]bool       // names
	observations   int
}

// checkWorkspace runs testdata/wscheck on db: PRAGMA integrity_check and
// foreign_key_check must pass and no observation, stored value or metric
// may refer to a missing batch. It returns each batch's state and the names
// of units and metrics.
func checkWorkspace(t *testing.T, db string) wsState {
	t.Helper()
	cxdashBinary(t)
	out, err := exec.Command(built.chk, db).Output()
	if err != nil {
		t.Fatalf("wscheck %s: %v", db, err)
	}
	var got struct {
		Integrity      string
		ForeignKeys    int
		Orphans        map[string]int
		Batches        map[string]batchState
		Units, Metrics []string
		Observations   int
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("wscheck: %v\n%s", err, out)
	}
	if got.Integrity != "ok" || got.ForeignKeys != 0 {
		t.Fatalf("PRAGMA integrity_check = %q, %d foreign key violations", got.Integrity, got.ForeignKeys)
	}
	for table, n := range got.Orphans {
		if n != 0 {
			t.Fatalf("%d rows of %s refer to a missing batch", n, table)
		}
	}
	st := wsState{batches: got.Batches, units: map[string]bool{}, metrics: map[string]bool{}, observations: got.Observations}
	for _, u := range got.Units {
		st.units[u] = true
	}
	for _, m := range got.Metrics {
		st.metrics[m] = true
	}
	return st
}
