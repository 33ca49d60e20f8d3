package importers_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"cxdash/importers"
	"cxdash/model"

	"github.com/xuri/excelize/v2"
)

// benchRows is the size of the benchmark workbook; CXDASH_BENCH_ROWS=1000000
// measures the DESIGN target (import <= 1.25x a bare read of the rows).
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("CXDASH_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// semLongWorkbook writes a long-layout workbook of n rows with StreamWriter.
func semLongWorkbook(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "long.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"Period", "Unit", "Discipline", "Metric", "Value", "Note"}); err != nil {
		b.Fatal(err)
	}
	units := []string{"North", "South", "East", "West"}
	metrics := []struct{ name, disc string }{{"NPS", "Measurement"}, {"Journey mapping", "Design"}, {"Vision", "Strategy"}}
	for i := range n {
		m := metrics[i%len(metrics)]
		v := float64(1 + i%5)
		if m.name == "NPS" {
			v = float64(i%80 - 10)
		}
		period := fmt.Sprintf("%d-%02d", 2015+(i/12)%10, 1+i%12)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{period, units[i%len(units)], m.disc, m.name, v, ""}); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

type nopSink struct{ n int }

func (s *nopSink) PutMetric(context.Context, model.Metric) error { return nil }
func (s *nopSink) AddObservation(context.Context, model.Observation) error {
	s.n++
	return nil
}

// BenchmarkReadLong compares a bare read of every row (the source layer
// alone) with a dry run and a full Read into a sink that does nothing.
func BenchmarkReadLong(b *testing.B) {
	n := benchRows()
	path := semLongWorkbook(b, n)
	b.Run("bare", func(b *testing.B) {
		for b.Loop() {
			book, err := importers.OpenBook(path, importers.BookOptions{})
			if err != nil {
				b.Fatal(err)
			}
			rd, err := book.Open(book.Sheets()[0].Name)
			if err != nil {
				b.Fatal(err)
			}
			rows := 0
			for {
				_, err := rd.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				rows++
			}
			rd.Close()
			book.Close()
			if rows != n+1 {
				b.Fatalf("%d rows", rows)
			}
		}
	})
	b.Run("dry-run", func(b *testing.B) {
		for b.Loop() {
			rep, err := importers.Read(context.Background(), path, importers.Options{}, nil)
			if err != nil || !rep.OK() || rep.Values != n {
				b.Fatalf("err %v values %d problems %v", err, rep.Values, rep.Problems)
			}
		}
	})
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			sink := &nopSink{}
			rep, err := importers.Read(context.Background(), path, importers.Options{}, sink)
			if err != nil || !rep.OK() || sink.n != n {
				b.Fatalf("err %v written %d problems %v", err, sink.n, rep.Problems)
			}
		}
	})
}
