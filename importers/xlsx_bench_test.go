package importers_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/importers"
)

// benchWorkbook returns a workbook of n rows of six columns (a date, three
// texts, a number and a percentage), written with StreamWriter once and
// kept under os.TempDir() between runs: writing a million rows takes a
// while.
func benchWorkbook(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "cxdash-bench")
	path := filepath.Join(dir, fmt.Sprintf("rows-%d-v1.xlsx", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
	if err := sw.SetRow("A1", []any{"Period", "Unit", "Discipline", "Metric", "Value", "Share"}); err != nil {
		b.Fatal(err)
	}
	units := []string{"North", "South", "East", "West"}
	for i := 2; i <= n+1; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		if err := sw.SetRow(cell, []any{
			excelize.Cell{StyleID: date, Value: time.Date(2024, time.Month(i%12+1), 1, 0, 0, 0, 0, time.UTC)},
			units[i%4], "measurement", fmt.Sprintf("Metric %d", i%50), float64(i%1000) / 7,
			excelize.Cell{StyleID: pct, Value: float64(i%100) / 100},
		}); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	tmp := strings.TrimSuffix(path, ".xlsx") + ".partial.xlsx" // SaveAs wants the extension
	if err := f.SaveAs(tmp); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkXLSXRead1M reads a million rows of six columns with this
// package and, for comparison, with excelize's streaming Rows()+Columns().
func BenchmarkXLSXRead1M(b *testing.B) {
	if testing.Short() {
		b.Skip("writes and reads a million-row workbook")
	}
	const n = 1_000_000
	path := benchWorkbook(b, n)

	b.Run("importers", func(b *testing.B) {
		for b.Loop() {
			book, err := importers.OpenBook(path, importers.BookOptions{TempDir: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			r, err := book.Open("Sheet1")
			if err != nil {
				b.Fatal(err)
			}
			rows := 0
			for {
				_, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				rows++
			}
			r.Close()
			book.Close()
			if rows != n+1 {
				b.Fatalf("%d rows, want %d", rows, n+1)
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})

	b.Run("excelize-rows-columns", func(b *testing.B) {
		for b.Loop() {
			f, err := excelize.OpenFile(path, excelize.Options{TmpDir: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			rows, err := f.Rows("Sheet1")
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
			rows.Close()
			f.Close()
			if count != n+1 {
				b.Fatalf("%d rows, want %d", count, n+1)
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

// BenchmarkCSVRead1M reads a million csv lines of six fields.
func BenchmarkCSVRead1M(b *testing.B) {
	if testing.Short() {
		b.Skip("writes and reads a million-line file")
	}
	const n = 1_000_000
	path := filepath.Join(b.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintln(f, "Period;Unit;Discipline;Metric;Value;Share")
	for i := range n {
		fmt.Fprintf(f, "2024-%02d;North;measurement;Metric %d;%d,%d;%d%%\n", i%12+1, i%50, i%1000, i%7, i%100)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		book, err := importers.OpenBook(path, importers.BookOptions{})
		if err != nil {
			b.Fatal(err)
		}
		r, err := book.Open("big")
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			_, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		r.Close()
		book.Close()
		if rows != n+1 {
			b.Fatalf("%d rows, want %d", rows, n+1)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
