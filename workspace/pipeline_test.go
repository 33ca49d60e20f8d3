package workspace_test

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/assets"
	"cxdash/importers"
	"cxdash/model"
	"cxdash/store"
	"cxdash/workspace"
)

// pipeRows are the rows of a long sheet with a Target column whose values
// change late (so metrics are put again after their observations), skipped
// cells, notes, a known KPI and a metric defined only by the catalogue sheet.
func pipeRows(n int) [][]string {
	metrics := []struct{ name, disc string }{
		{"Journey maps", "Design"}, {"Vision", "Strategy"}, {"Voice of customer", "Customer understanding"},
		{"NPS", ""}, {"Complaints closed %", ""}, {"CX council", "Governance"}, {"Recognition", "Culture"},
	}
	units := []string{"North", "South", "Online"}
	rows := [][]string{{"Period", "Unit", "Discipline", "Metric", "Value", "Target", "Note"}}
	for i := range n {
		m := metrics[i%len(metrics)]
		var value, target, note string
		switch m.name {
		case "NPS":
			value = fmt.Sprint(i%80 - 10)
		case "Complaints closed %":
			value = fmt.Sprintf("%d%%", 50+i%50)
		default:
			value = fmt.Sprintf("%.1f", 1+float64(i%41)/10)
		}
		if i%97 == 0 {
			value = "n/a"
		}
		if i%700 == 3 {
			target = fmt.Sprintf("%.1f", 3+float64(i%20)/10)
		}
		if i%250 == 0 {
			note = fmt.Sprintf("checked by team %d", i%7)
		}
		period := fmt.Sprintf("%d-%02d", 2023+(i/63)%2, 1+(i/21)%12)
		rows = append(rows, []string{period, units[(i/7)%len(units)], m.disc, m.name, value, target, note})
	}
	return rows
}

// writePipeXLSX writes pipeRows as a workbook with a catalogue sheet first.
func writePipeXLSX(t *testing.T, path string, n int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	cat := [][]any{
		{"Metric", "Discipline", "Direction", "Scale", "t1", "t2", "t3", "t4", "t5"},
		{"Complaints closed %", "Governance", "higher", "thresholds", 50, 60, 70, 80, 90},
	}
	for r, row := range cat {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetSheetName("Sheet1", "Catalogue"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Scores"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Scores")
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range pipeRows(n) {
		vals := make([]any, len(row))
		for c, v := range row {
			vals[c] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := sw.SetRow(cell, vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// writePipeCSV writes pipeRows as csv. A csv has no catalogue sheet, so
// the metric the workbook's catalogue defines becomes a known KPI.
func writePipeCSV(t *testing.T, path string, n int) {
	t.Helper()
	rows := pipeRows(n)
	for _, r := range rows[1:] {
		if r[3] == "Complaints closed %" {
			r[3] = "CSAT %"
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// storeDump is everything an import leaves in a store.
type storeDump struct {
	Report  importers.Result
	Batch   store.Batch // ImportedAt, User, Path and SHA256 cleared
	Counts  store.Counts
	Metrics []model.Metric
	Values  []model.Value
	Obs     []model.Observation
}

func dumpStore(t *testing.T, st *store.Store, rep importers.Result, b store.Batch) storeDump {
	t.Helper()
	ctx := context.Background()
	d := storeDump{Report: rep, Batch: b}
	d.Batch.ImportedAt, d.Batch.User, d.Batch.Path, d.Batch.SHA256 = time.Time{}, "", "", ""
	var err error
	if d.Counts, err = st.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	if d.Metrics, err = st.Metrics(ctx); err != nil {
		t.Fatal(err)
	}
	if d.Values, err = st.Values(ctx); err != nil {
		t.Fatal(err)
	}
	if d.Obs, err = st.Observations(ctx, store.ObservationFilter{}); err != nil {
		t.Fatal(err)
	}
	return d
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// importDirect reads path into a fresh store through one batch, straight
// into the transaction or through a Pipeline.
func importDirect(t *testing.T, path string, pipelined bool) storeDump {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tx, err := st.BeginBatch(ctx, store.BatchInfo{File: filepath.Base(path), Path: path, SHA256: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var sink importers.Sink = tx
	var pipe *workspace.Pipeline
	if pipelined {
		pipe = workspace.NewPipeline(ctx, tx)
		sink = pipe
	}
	rep, err := importers.Read(ctx, path, importers.Options{TempDir: t.TempDir()}, sink)
	if pipe != nil {
		if cerr := pipe.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil || !rep.OK() {
		t.Fatalf("read %s: %v %v", path, err, rep.Problems)
	}
	b, err := tx.Commit(rep.Skipped)
	if err != nil {
		t.Fatal(err)
	}
	return dumpStore(t, st, rep, b)
}

// goroutinesSettle waits until no more goroutines run than before: a
// pipeline's writer and the driver's watchers must all have ended.
func goroutinesSettle(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPipelineImportsWhatTheSequentialPathDoes(t *testing.T) {
	dir := t.TempDir()
	n := 4000 // over the pipeline's depth x batch, so the parser waits for the writer
	if testing.Short() {
		n = 1500
	}
	cases := []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"demo.xlsx", func(t *testing.T, path string) {
			if err := os.WriteFile(path, assets.DemoWorkbook, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"long.xlsx", func(t *testing.T, path string) { writePipeXLSX(t, path, n) }},
		{"long.csv", func(t *testing.T, path string) { writePipeCSV(t, path, n) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name)
			c.write(t, path)
			before := runtime.NumGoroutine()
			seq := importDirect(t, path, false)
			pip := importDirect(t, path, true)
			if seq.Report.Values == 0 || seq.Batch.Rows != seq.Report.Values {
				t.Fatalf("sequential import: %d values, batch rows %d", seq.Report.Values, seq.Batch.Rows)
			}
			if c.name != "demo.xlsx" && (seq.Report.Skipped == 0 || len(seq.Metrics) != 7) {
				t.Fatalf("test data does not cover skipped cells and all metrics: %d skipped, %d metrics",
					seq.Report.Skipped, len(seq.Metrics))
			}
			compareDumps(t, "pipelined", pip, seq)

			ws, err := workspace.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer ws.Close()
			res, resErr := ws.ImportFile(context.Background(), path, workspace.ImportOptions{})
			if resErr != nil || !res.Imported() {
				t.Fatalf("ImportFile: %v %v", resErr, res.Problems)
			}
			st := storeOf(t, ws)
			got := dumpStore(t, st, res.Result, res.Batch)
			st.Close()                                      // before counting goroutines: its pool has one
			got.Report.Sheets, seq.Report.Sheets = nil, nil // previews depend on the options, not the sink
			compareDumps(t, "Workspace.ImportFile", got, seq)
			ws.Close()
			goroutinesSettle(t, before)
		})
	}
}

func compareDumps(t *testing.T, what string, got, want storeDump) {
	t.Helper()
	if !reflect.DeepEqual(got.Report, want.Report) {
		t.Errorf("%s: report\n got %+v\nwant %+v", what, got.Report, want.Report)
	}
	if got.Batch != want.Batch {
		t.Errorf("%s: batch %+v, want %+v", what, got.Batch, want.Batch)
	}
	if got.Counts != want.Counts {
		t.Errorf("%s: counts %+v, want %+v", what, got.Counts, want.Counts)
	}
	if !reflect.DeepEqual(got.Metrics, want.Metrics) {
		t.Errorf("%s: metrics\n got %+v\nwant %+v", what, got.Metrics, want.Metrics)
	}
	if !reflect.DeepEqual(got.Values, want.Values) {
		t.Errorf("%s: %d values differ from the sequential path's %d", what, len(got.Values), len(want.Values))
	}
	if len(got.Obs) != len(want.Obs) {
		t.Fatalf("%s: %d observations, want %d", what, len(got.Obs), len(want.Obs))
	}
	for i := range got.Obs {
		if got.Obs[i] != want.Obs[i] {
			t.Fatalf("%s: observation %d (import order) is %+v, want %+v", what, i, got.Obs[i], want.Obs[i])
		}
	}
}

// feed sends a level metric and then up to n observations of it, making
// call bad instead of observation at, and returns the first error and the
// index of the call that returned it (n when none did).
func feed(ctx context.Context, p *workspace.Pipeline, n, at int, bad func(*workspace.Pipeline) error) (int, error) {
	if err := p.PutMetric(ctx, model.NewLevelMetric("Vision", model.Strategy)); err != nil {
		return -1, err
	}
	for i := range n {
		var err error
		if i == at {
			err = bad(p)
		} else {
			err = p.AddObservation(ctx, model.Observation{Metric: "Vision", Unit: "North",
				Period: model.MonthPeriod(2024, 1+i%12), Value: float64(1 + i%5),
				Source: model.Source{Sheet: "Scores", Cell: fmt.Sprintf("E%d", i+2)}})
		}
		if err != nil {
			return i, err
		}
	}
	return n, nil
}

func TestPipelineWriterErrorReachesTheImporter(t *testing.T) {
	const n, at = 20000, 3000
	cases := []struct {
		name string
		bad  func(*workspace.Pipeline) error
		is   func(error) bool
	}{
		{"metric not in catalogue", func(p *workspace.Pipeline) error {
			return p.AddObservation(context.Background(), model.Observation{Metric: "Nope", Period: model.MonthPeriod(2024, 1), Value: 1})
		}, func(err error) bool {
			return errors.Is(err, store.ErrNotFound) && strings.Contains(err.Error(), `"Nope"`)
		}},
		{"value not finite", func(p *workspace.Pipeline) error {
			return p.AddObservation(context.Background(), model.Observation{Metric: "Vision", Period: model.MonthPeriod(2024, 1), Value: math.Inf(1),
				Source: model.Source{Sheet: "Scores", Cell: "E3002"}})
		}, func(err error) bool {
			return strings.Contains(err.Error(), "Scores!E3002: value +Inf is not a finite number")
		}},
		{"invalid metric", func(p *workspace.Pipeline) error {
			return p.PutMetric(context.Background(), model.Metric{Name: "Odd", Discipline: "astrology"})
		}, func(err error) bool { return errors.Is(err, model.ErrInvalidMetric) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t)
			was := countAll(t, st)
			before := runtime.NumGoroutine()
			tx, err := st.BeginBatch(ctx, store.BatchInfo{File: "bad.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			p := workspace.NewPipeline(ctx, tx)
			i, err := feed(ctx, p, n, at, c.bad)
			if err == nil || !c.is(err) {
				t.Fatalf("feeding returned %v", err)
			}
			// Only the batches in flight separate the failing call from
			// the one that reports it.
			if i < at || i >= n {
				t.Errorf("the error surfaced at call %d, the bad call was %d of %d", i, at, n)
			}
			if err2 := p.AddObservation(ctx, model.Observation{Metric: "Vision", Period: model.MonthPeriod(2024, 1), Value: 1}); err2 != err {
				t.Errorf("the next AddObservation returned %v, want the same error", err2)
			}
			if cerr := p.Close(); cerr != err {
				t.Errorf("Close returned %v, want %v", cerr, err)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			if now := countAll(t, st); now != was {
				t.Errorf("after rollback the store holds %+v, before %+v", now, was)
			}
			goroutinesSettle(t, before)
		})
	}
}

// panicAt is a store transaction whose at-th observation panics, as a bug
// in the store would.
type panicAt struct {
	*store.BatchTx
	n, at int
}

func (s *panicAt) AddObservation(ctx context.Context, o model.Observation) error {
	if s.n++; s.n == s.at {
		panic("index out of range")
	}
	return s.BatchTx.AddObservation(ctx, o)
}

func TestPipelineWriterPanicBecomesError(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	was := countAll(t, st)
	before := runtime.NumGoroutine()
	tx, err := st.BeginBatch(ctx, store.BatchInfo{File: "a.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	p := workspace.NewPipeline(ctx, &panicAt{BatchTx: tx, at: 1500})
	i, err := feed(ctx, p, 20000, -1, nil)
	if err == nil || !strings.Contains(err.Error(), "internal error while saving the import (index out of range)") || i < 1500 {
		t.Fatalf("call %d returned %v", i, err)
	}
	if cerr := p.Close(); cerr != err {
		t.Errorf("Close returned %v, want %v", cerr, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if now := countAll(t, st); now != was {
		t.Errorf("after rollback the store holds %+v, before %+v", now, was)
	}
	goroutinesSettle(t, before)
}

// dbCounts is the store's counts and the observation rows actually there.
type dbCounts struct {
	store.Counts
	Rows int
}

func countAll(t *testing.T, st *store.Store) dbCounts {
	t.Helper()
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.CountObservations(context.Background(), store.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return dbCounts{c, rows}
}

func TestPipelineCancelled(t *testing.T) {
	t.Run("pipeline", func(t *testing.T) {
		st := openStore(t)
		was := countAll(t, st)
		before := runtime.NumGoroutine()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		tx, err := st.BeginBatch(ctx, store.BatchInfo{File: "big.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		p := workspace.NewPipeline(ctx, tx)
		const n, at = 50000, 4000
		i, err := feed(ctx, p, n, at, func(p *workspace.Pipeline) error { cancel(); return nil })
		if !errors.Is(err, context.Canceled) || i < at || i >= n {
			t.Fatalf("feeding returned %v at call %d of %d, cancelled at %d", err, i, n, at)
		}
		if err := p.Close(); !errors.Is(err, context.Canceled) {
			t.Errorf("Close returned %v", err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if now := countAll(t, st); now != was {
			t.Errorf("after cancelling the store holds %+v, before %+v", now, was)
		}
		goroutinesSettle(t, before)
	})

	t.Run("ImportFile", func(t *testing.T) {
		const n = 12000
		path := filepath.Join(t.TempDir(), "big.csv")
		writePipeCSV(t, path, n)
		ws := openWorkspace(t, true)
		was := countAllOf(t, ws)
		before := runtime.NumGoroutine()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var seen int64
		res, resErr := ws.ImportFile(ctx, path, workspace.ImportOptions{Progress: func(done, total int64) {
			seen = done
			if done >= 3000 {
				cancel()
			}
		}})
		if !errors.Is(resErr, context.Canceled) || res.Imported() || seen >= int64(n) {
			t.Fatalf("cancelled import: err %v, batch %+v, progress %d of %d", resErr, res.Batch, seen, n)
		}
		if now := countAllOf(t, ws); now != was {
			t.Errorf("after cancelling the store holds %+v, before %+v", now, was)
		}
		goroutinesSettle(t, before)

		// The writer slot was given back: the same file imports now.
		res, resErr = ws.ImportFile(context.Background(), path, workspace.ImportOptions{})
		if resErr != nil || !res.Imported() || res.Batch.Rows != res.Values {
			t.Fatalf("import after the cancelled one: %v %v %+v", resErr, res.Problems, res.Batch)
		}
	})
}

func TestPipelineClosed(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	tx, err := st.BeginBatch(ctx, store.BatchInfo{File: "a.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	p := workspace.NewPipeline(ctx, tx)
	if _, err := feed(ctx, p, 700, -1, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := p.AddObservation(ctx, model.Observation{Metric: "Vision"}); !errors.Is(err, workspace.ErrPipelineClosed) {
		t.Errorf("AddObservation after Close: %v", err)
	}
	if err := p.PutMetric(ctx, model.NewLevelMetric("Vision", model.Strategy)); !errors.Is(err, workspace.ErrPipelineClosed) {
		t.Errorf("PutMetric after Close: %v", err)
	}
	// Everything handed over before Close was written, the part-filled
	// last batch included.
	b, err := tx.Commit(0)
	if err != nil || b.Rows != 700 || b.Metrics != 1 {
		t.Fatalf("commit: %+v %v", b, err)
	}
}

// countAllOf counts ws's rows through a connection of its own, closed
// before it returns.
func countAllOf(t *testing.T, ws *workspace.Workspace) dbCounts {
	t.Helper()
	st, err := store.Open(context.Background(), ws.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return countAll(t, st)
}
