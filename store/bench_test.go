package store_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"cxdash/model"
	"cxdash/store"
)

const benchRows = 1_000_000

// benchData is 1M observations over 50 metrics x 100 units x 24 months, about
// 8 rows per (metric, unit, period), in the order an importer would hand them
// over. Cell strings are made up front: the importer owns them.
type benchData struct {
	metrics, units, cells []string
}

func newBenchData() benchData {
	d := benchData{metrics: make([]string, 50), units: make([]string, 100), cells: make([]string, benchRows)}
	for i := range d.metrics {
		d.metrics[i] = fmt.Sprintf("Practice %02d", i)
	}
	for i := range d.units {
		d.units[i] = fmt.Sprintf("Unit %03d", i)
	}
	for i := range d.cells {
		d.cells[i] = "E" + strconv.Itoa(i+2)
	}
	return d
}

// importAll imports the data as one batch; offset shifts the values.
func (d benchData) importAll(tb testing.TB, s *store.Store, sha string, offset float64) (insert, commit time.Duration) {
	tb.Helper()
	ctx := context.Background()
	start := time.Now()
	tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "big.xlsx", SHA256: sha})
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for j, m := range d.metrics {
		if err := tx.PutMetric(ctx, model.NewLevelMetric(m, model.DisciplineKeys[j%6])); err != nil {
			tb.Fatal(err)
		}
	}
	for r := 0; r < benchRows; r++ {
		o := model.Observation{
			Metric: d.metrics[r%len(d.metrics)],
			Unit:   d.units[(r/len(d.metrics))%len(d.units)],
			Period: model.MonthPeriod(2023+(r/5000)%2, 1+(r/10000)%12),
			Value:  offset + float64(1+r%5),
			Source: model.Source{File: "big.xlsx", Sheet: "Data", Cell: d.cells[r]},
		}
		if err := tx.AddObservation(ctx, o); err != nil {
			tb.Fatal(err)
		}
	}
	mid := time.Now()
	if _, err := tx.Commit(0); err != nil {
		tb.Fatal(err)
	}
	return mid.Sub(start), time.Since(mid)
}

func openBench(b *testing.B) *store.Store {
	b.Helper()
	s, err := store.Open(context.Background(), testLocation(b))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkImport1M imports 1,000,000 observations through one BatchTx,
// commit (metric_values) included. Reports rows/s.
func BenchmarkImport1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows: not in -short")
	}
	d := newBenchData()
	b.ReportAllocs()
	b.ResetTimer()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openBench(b)
		b.StartTimer()
		insert, commit := d.importAll(b, s, strconv.Itoa(i), 0)
		total += insert + commit
		b.Logf("insert %v, commit %v", insert.Round(time.Millisecond), commit.Round(time.Millisecond))
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/total.Seconds(), "rows/s")
}

// BenchmarkUndo1M undoes a 1M-row batch that replaced every value of an
// earlier 1M-row batch: the worst case, every value is recomputed.
func BenchmarkUndo1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows: not in -short")
	}
	d := newBenchData()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openBench(b)
		d.importAll(b, s, "first", 0)
		d.importAll(b, s, "second", 1)
		bs, err := s.Batches(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Undo(ctx, bs[0].ID); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkBrowse1M is the data browser on 1M rows: count and first page of
// one metric's current observations, ordered by value.
func BenchmarkBrowse1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows: not in -short")
	}
	d := newBenchData()
	ctx := context.Background()
	s := openBench(b)
	defer s.Close()
	d.importAll(b, s, "first", 0)
	f := store.ObservationFilter{Metric: d.metrics[7], OnlyCurrent: true, OrderBy: "value", Limit: 100}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if n, err := s.CountObservations(ctx, f); err != nil || n != benchRows/len(d.metrics) {
			b.Fatalf("CountObservations = %d, %v", n, err)
		}
		if obs, err := s.Observations(ctx, f); err != nil || len(obs) != 100 {
			b.Fatalf("Observations = %d rows, %v", len(obs), err)
		}
	}
}

// BenchmarkCopy1M copies a workspace of 1M observations from a file to a
// team workspace (COPY) and back (multi-row INSERTs), with CopyTo.
func BenchmarkCopy1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows: not in -short")
	}
	ctx := context.Background()
	src, err := store.Open(ctx, b.TempDir()+"/src.db")
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	newBenchData().importAll(b, src, "1", 0)
	for _, dir := range []string{"file-to-server", "server-to-file"} {
		b.Run(dir, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				from := src
				var to *store.Store
				server, err := store.Open(ctx, needPostgres(b))
				if err != nil {
					b.Fatal(err)
				}
				if dir == "file-to-server" {
					to = server
				} else {
					if _, err := src.CopyTo(ctx, server, nil); err != nil {
						b.Fatal(err)
					}
					from = server
					if to, err = store.Open(ctx, b.TempDir()+"/back.db"); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if _, err := from.CopyTo(ctx, to, nil); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				server.Close()
				if to != server {
					to.Close()
				}
			}
		})
	}
}
