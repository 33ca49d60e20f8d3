package workspace_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/importers"
	"cxdash/model"
	"cxdash/store"
	"cxdash/workspace"
)

// The import benchmarks (README, "Speed"): each measures one
// step on a long-format file of N rows and reports rows/s and the peak
// resident memory of that step. Sizes are 100,000 and 1,000,000 rows;
// CXDASH_BENCH_ROWS=100000 (a comma-separated list) runs other sizes.

// benchSizes are the row counts to measure.
func benchSizes(b *testing.B) []int {
	b.Helper()
	env := os.Getenv("CXDASH_BENCH_ROWS")
	if env == "" {
		return []int{100_000, 1_000_000}
	}
	var sizes []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("CXDASH_BENCH_ROWS=%q: want row counts like 100000,1000000", env)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// benchMetric is one metric of the generated data, with the values it
// takes.
type benchMetric struct {
	name     string
	disc     string // key
	discName string // as written in the Discipline column
	value    func(i int) float64
}

// benchMetrics are 30 metrics: four 1..5 assessment items per discipline
// and the six KPIs the framework knows, with values in their usual ranges.
var benchMetrics = func() []benchMetric {
	items := []string{"vision", "roadmap", "practice", "review"}
	var ms []benchMetric
	for _, d := range model.DefaultFramework().Disciplines {
		for _, it := range items {
			ms = append(ms, benchMetric{name: d.Name + " " + it, disc: d.Key, discName: d.Name,
				value: func(i int) float64 { return 1 + float64(i*37%41)/10 }})
		}
	}
	kpi := func(name string, lo, span, step int) benchMetric {
		return benchMetric{name: name, disc: model.Measurement, discName: "Measurement",
			value: func(i int) float64 { return float64(lo) + float64(i*step%(span*10))/10 }}
	}
	return append(ms, kpi("NPS", -20, 90, 7), kpi("CSAT %", 60, 35, 3), kpi("CES", 3, 4, 11),
		kpi("Churn %", 3, 27, 13), kpi("Retention %", 70, 28, 17), kpi("FCR %", 50, 40, 19))
}()

var benchUnits = []string{"North", "South", "East", "West", "Central", "Online", "Retail",
	"Business", "Partners", "Enterprise"}

// benchRow is row i (0-based) of the data: every (metric, unit, month) in
// turn, 24 months, so a 1M-row file holds about 139 observations of each.
func benchRow(i int) (period, unit, disc, metric string, value float64) {
	m := benchMetrics[i%len(benchMetrics)]
	month := (i / (len(benchMetrics) * len(benchUnits))) % 24
	period = fmt.Sprintf("%d-%02d", 2023+month/12, 1+month%12)
	return period, benchUnits[(i/len(benchMetrics))%len(benchUnits)], m.discName, m.name, m.value(i / len(benchMetrics))
}

var benchHeader = []string{"Period", "Unit", "Discipline", "Metric", "Value"}

// benchSheet is the data sheet's name in the generated workbook.
const benchSheet = "Scores"

// benchFile returns the data as a file of format "xlsx" or "csv", written
// once under os.TempDir()/cxdash-bench and kept between runs: writing a
// million rows takes a while. Never committed.
func benchFile(b *testing.B, n int, format string) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "cxdash-bench")
	path := filepath.Join(dir, fmt.Sprintf("app-long-%d-v1.%s", n, format))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	// Written under another name and renamed, so an interrupted run
	// leaves no half file behind to be taken for a whole one.
	tmp := strings.TrimSuffix(path, "."+format) + ".partial." + format
	var err error
	if format == "xlsx" {
		err = writeBenchXLSX(tmp, n)
	} else {
		err = writeBenchCSV(tmp, n)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		b.Fatal(err)
	}
	return path
}

func writeBenchXLSX(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", benchSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(benchSheet)
	if err != nil {
		return err
	}
	row := make([]any, len(benchHeader))
	for c, h := range benchHeader {
		row[c] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for i := range n {
		period, unit, disc, metric, value := benchRow(i)
		row[0], row[1], row[2], row[3], row[4] = period, unit, disc, metric, value
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

func writeBenchCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(bufio.NewWriterSize(f, 1<<16))
	rec := make([]string, len(benchHeader))
	if err := w.Write(benchHeader); err != nil {
		f.Close()
		return err
	}
	for i := range n {
		period, unit, disc, metric, value := benchRow(i)
		rec[0], rec[1], rec[2], rec[3], rec[4] = period, unit, disc, metric, strconv.FormatFloat(value, 'f', -1, 64)
		if err := w.Write(rec); err != nil {
			f.Close()
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// resetPeakRSS makes the kernel's resident-set high-water mark (VmHWM)
// start again from the current size, after giving freed memory back, so
// that what the file generation used does not count. It reports whether
// the mark can be measured here (Linux).
func resetPeakRSS() bool {
	runtime.GC()
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSSMB reads VmHWM in MB (10^6 bytes).
func peakRSSMB(b *testing.B) float64 {
	b.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for line := range bytes.Lines(status) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(string(rest)), " kB"), 64)
			if err != nil {
				b.Fatalf("/proc/self/status: %q: %v", line, err)
			}
			return kb * 1024 / 1e6
		}
	}
	b.Fatal("/proc/self/status has no VmHWM")
	return 0
}

// measure runs step once per iteration with the timer on, after setup with
// the timer off, and reports rows/s and the highest peak RSS of the steps.
func measure(b *testing.B, n int, setup func(b *testing.B) (step func(), done func())) {
	b.Helper()
	if testing.Short() {
		b.Skip("imports a large file: not in -short")
	}
	b.ReportAllocs()
	peak, peakOK := 0.0, true
	b.StopTimer()
	for range b.N {
		step, done := setup(b)
		peakOK = resetPeakRSS() && peakOK
		b.StartTimer()
		step()
		b.StopTimer()
		if peakOK {
			peak = max(peak, peakRSSMB(b))
		}
		done()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if peakOK {
		b.ReportMetric(peak, "peak-RSS-MB")
	}
}

func openBenchWorkspace(b *testing.B) *workspace.Workspace {
	b.Helper()
	ws, err := workspace.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	return ws
}

// benchImport is the full Workspace.ImportFile of the data as format into
// a fresh workspace: hash, read, insert, commit.
func benchImport(b *testing.B, format string) {
	for _, n := range benchSizes(b) {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			measure(b, n, func(b *testing.B) (func(), func()) {
				path := benchFile(b, n, format)
				ws := openBenchWorkspace(b)
				var res workspace.ImportResult
				var resErr error
				return func() {
						res, resErr = ws.ImportFile(context.Background(), path, workspace.ImportOptions{})
					}, func() {
						defer ws.Close()
						if resErr != nil || !res.Imported() || res.Batch.Rows != n {
							b.Fatalf("import: %v, batch %+v, problems %v", resErr, res.Batch, res.Problems)
						}
					}
			})
		})
	}
}

// BenchmarkImportXLSX is a workbook's full import (Workspace.ImportFile).
func BenchmarkImportXLSX(b *testing.B) { benchImport(b, "xlsx") }

// BenchmarkImportCSV is the same data's full import as csv.
func BenchmarkImportCSV(b *testing.B) { benchImport(b, "csv") }

// BenchmarkExcelizeRows is the baseline for xlsx: a bare read of
// every row with excelize's streaming f.Rows and rows.Columns, no typing,
// no checks, no store.
func BenchmarkExcelizeRows(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			measure(b, n, func(b *testing.B) (func(), func()) {
				path, tmp := benchFile(b, n, "xlsx"), b.TempDir()
				return func() {
					f, err := excelize.OpenFile(path, excelize.Options{TmpDir: tmp})
					if err != nil {
						b.Fatal(err)
					}
					defer f.Close()
					rows, err := f.Rows(benchSheet)
					if err != nil {
						b.Fatal(err)
					}
					count := 0
					for rows.Next() {
						if _, err := rows.Columns(); err != nil {
							b.Fatal(err)
						}
						count++
					}
					if err := rows.Error(); err != nil {
						b.Fatal(err)
					}
					if err := rows.Close(); err != nil {
						b.Fatal(err)
					}
					if count != n+1 {
						b.Fatalf("%d rows, want %d", count, n+1)
					}
				}, func() {}
			})
		})
	}
}

// BenchmarkCSVParseInsert is the baseline for csv: encoding/csv,
// strconv.ParseFloat and inserts through one store.BatchTx, commit
// included, with none of the importer's detection, checks or messages.
func BenchmarkCSVParseInsert(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			measure(b, n, func(b *testing.B) (func(), func()) {
				path := benchFile(b, n, "csv")
				st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				var rows int
				return func() {
						batch, err := csvParseInsert(st, path)
						if err != nil {
							b.Fatal(err)
						}
						rows = batch.Rows
					}, func() {
						st.Close()
						if rows != n {
							b.Fatalf("%d rows inserted, want %d", rows, n)
						}
					}
			})
		})
	}
}

// csvParseInsert inserts the long csv at path with the least work that
// stores the same observations as an import.
func csvParseInsert(st *store.Store, path string) (store.Batch, error) {
	ctx := context.Background()
	f, err := os.Open(path)
	if err != nil {
		return store.Batch{}, err
	}
	defer f.Close()
	tx, err := st.BeginBatch(ctx, store.BatchInfo{File: filepath.Base(path), Path: path})
	if err != nil {
		return store.Batch{}, err
	}
	defer tx.Rollback()
	for _, m := range benchMetrics {
		def, ok := model.KnownKPI(m.name)
		if !ok {
			def = model.NewLevelMetric(m.name, m.disc)
		}
		if err := tx.PutMetric(ctx, def); err != nil {
			return store.Batch{}, err
		}
	}
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // the header
		return store.Batch{}, err
	}
	periods := map[string]model.Period{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return store.Batch{}, err
		}
		p, ok := periods[rec[0]]
		if !ok {
			if p, err = model.ParsePeriod(rec[0]); err != nil {
				return store.Batch{}, fmt.Errorf("line %d: %w", line, err)
			}
			periods[rec[0]] = p
		}
		v, err := strconv.ParseFloat(rec[4], 64)
		if err != nil {
			return store.Batch{}, fmt.Errorf("line %d: %w", line, err)
		}
		o := model.Observation{Metric: rec[3], Unit: rec[1], Period: p, Value: v,
			Source: model.Source{Cell: "line " + strconv.Itoa(line) + ", column Value"}}
		if err := tx.AddObservation(ctx, o); err != nil {
			return store.Batch{}, err
		}
	}
	return tx.Commit(0)
}

// BenchmarkSequentialImport is ImportFile's work without the pipeline:
// hash, importers.Read straight into the batch transaction, commit. Set
// beside BenchmarkImportXLSX/CSV it shows what overlapping parse and
// insert gains.
func BenchmarkSequentialImport(b *testing.B) {
	for _, format := range []string{"xlsx", "csv"} {
		for _, n := range benchSizes(b) {
			b.Run(format+"/"+strconv.Itoa(n), func(b *testing.B) {
				measure(b, n, func(b *testing.B) (func(), func()) {
					path := benchFile(b, n, format)
					dir := b.TempDir()
					st, err := store.Open(context.Background(), filepath.Join(dir, "bench.db"))
					if err != nil {
						b.Fatal(err)
					}
					var batch store.Batch
					return func() {
							if batch, err = sequentialImport(st, path, dir); err != nil {
								b.Fatal(err)
							}
						}, func() {
							st.Close()
							if batch.Rows != n {
								b.Fatalf("%d rows, want %d", batch.Rows, n)
							}
						}
				})
			})
		}
	}
}

func sequentialImport(st *store.Store, path, tmp string) (store.Batch, error) {
	ctx := context.Background()
	sum, err := fileSHA256(path)
	if err != nil {
		return store.Batch{}, err
	}
	tx, err := st.BeginBatch(ctx, store.BatchInfo{File: filepath.Base(path), Path: path, SHA256: sum})
	if err != nil {
		return store.Batch{}, err
	}
	defer tx.Rollback()
	rep, err := importers.Read(ctx, path, importers.Options{TempDir: tmp}, tx)
	if err != nil {
		return store.Batch{}, err
	}
	if !rep.OK() {
		return store.Batch{}, fmt.Errorf("%s: %v", path, rep.Problems[0])
	}
	return tx.Commit(rep.Skipped)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
