package report_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"cxdash/model"
	"cxdash/report"
)

// many yields n observations cycling over the fixture's keys, with sources
// as an import of n rows would have them.
func many(fx fixture, n int) func(yield func(model.Observation, error) bool) {
	return func(yield func(model.Observation, error) bool) {
		for i := 0; i < n; i++ {
			o := fx.obs[i%len(fx.obs)]
			o.Value += float64(i%13) / 10
			o.Note = ""
			o.Source = model.Source{BatchID: int64(1 + i/50000), File: "big.xlsx", Sheet: "Scores", Cell: fmt.Sprintf("E%d", i+2)}
			if !yield(o, nil) {
				return
			}
		}
	}
}

// BenchmarkExcelReport100k writes the Excel report of 100,000 observations:
// the README's target is under 3 s.
func BenchmarkExcelReport100k(b *testing.B) {
	if testing.Short() {
		b.Skip("writes 100k rows")
	}
	const n = 100_000
	fx := newFixture(false)
	d := fx.data(model.AllUnits)
	d.Observations, d.ObservationCount = many(fx, n), n
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteXLSX(context.Background(), io.Discard, d, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCSV100k writes the CSV export of 100,000 observations.
func BenchmarkCSV100k(b *testing.B) {
	const n = 100_000
	fx := newFixture(false)
	d := fx.data(model.AllUnits)
	d.Observations, d.ObservationCount = many(fx, n), n
	for b.Loop() {
		if err := report.WriteCSV(context.Background(), io.Discard, d, nil); err != nil {
			b.Fatal(err)
		}
	}
}
