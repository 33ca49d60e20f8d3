package importers

import (
	"context"
	"fmt"
	"testing"

	"cxdash/importers/importerstest"
)

// BenchmarkSemanticLongRows measures the semantic layer alone: rows come from
// memory, so the time is detection, parsing and lookups per row.
func BenchmarkSemanticLongRows(b *testing.B) {
	const n = 100_000
	rows := []Row{semRow(1, "Period", "Unit", "Discipline", "Metric", "Value", "Note")}
	units := []string{"North", "South", "East", "West"}
	metrics := [][2]string{{"NPS", "Measurement"}, {"Journey mapping", "Design"}, {"Vision", "Strategy"}}
	for i := range n {
		m := metrics[i%3]
		rows = append(rows, semRow(i+2, fmt.Sprintf("%d-%02d", 2015+(i/12)%10, 1+i%12), units[i%4], m[1], m[0], float64(1+i%5), ""))
	}
	book := &semBook{format: "xlsx", sheets: []semSheet{{info: SheetInfo{Name: "S"}, rows: rows}}}
	for b.Loop() {
		r := newRun(context.Background(), "x.xlsx", Options{}, importerstest.Discard)
		if err := r.readBook(book); err != nil {
			b.Fatal(err)
		}
		if rep := r.finish(); rep.Values != n {
			b.Fatal(rep.Problems)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/row")
}
