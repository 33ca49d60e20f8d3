package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"cxdash/model"
	"cxdash/store"
)

// BenchmarkImport1M imports 1,000,000 observations through one BatchTx:
// 50 metrics x 100 units x 24 months, about 8 rows per key, as an importer
// would hand them over (cell references differ per row).
func BenchmarkImport1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M rows: not in -short")
	}
	const n = 1_000_000
	ctx := context.Background()
	metrics := make([]string, 50)
	for i := range metrics {
		metrics[i] = fmt.Sprintf("Practice %02d", i)
	}
	units := make([]string, 100)
	for i := range units {
		units[i] = fmt.Sprintf("Unit %03d", i)
	}
	cells := make([]string, n) // made up front: the importer owns these strings
	for i := range cells {
		cells[i] = "E" + strconv.Itoa(i+2)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "big.xlsx", SHA256: strconv.Itoa(i)})
		if err != nil {
			b.Fatal(err)
		}
		for j, m := range metrics {
			if err := tx.PutMetric(ctx, model.NewLevelMetric(m, model.DisciplineKeys[j%6])); err != nil {
				b.Fatal(err)
			}
		}
		for r := 0; r < n; r++ {
			o := model.Observation{
				Metric: metrics[r%len(metrics)],
				Unit:   units[(r/len(metrics))%len(units)],
				Period: model.MonthPeriod(2023+(r/5000)%2, 1+(r/10000)%12),
				Value:  float64(1 + r%5),
				Source: model.Source{File: "big.xlsx", Sheet: "Data", Cell: cells[r]},
			}
			if err := tx.AddObservation(ctx, o); err != nil {
				b.Fatal(err)
			}
		}
		insertDone := time.Now()
		if _, err := tx.Commit(0); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		b.Logf("insert %v, commit %v", insertDone.Sub(start), time.Since(insertDone))
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "rows/s")
}
