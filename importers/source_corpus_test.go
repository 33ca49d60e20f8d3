package importers_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cxdash/importers"
)

// corpusResult is what reading one corpus file gave.
type corpusResult struct {
	err    error
	sheets map[string][]importers.Row
	totals map[string]int64
}

// readCorpusFile opens a file and reads every sheet to its end. Rows are
// capped per sheet so that a misbehaving reader fails the test instead of
// eating memory.
func readCorpusFile(path string) corpusResult {
	res := corpusResult{sheets: map[string][]importers.Row{}, totals: map[string]int64{}}
	b, err := importers.OpenBook(path, importers.BookOptions{TempDir: os.TempDir()})
	if err != nil {
		res.err = err
		return res
	}
	defer b.Close()
	for _, s := range b.Sheets() {
		r, err := b.Open(s.Name)
		if err != nil {
			res.err = err
			return res
		}
		res.totals[s.Name] = r.Total()
		for len(res.sheets[s.Name]) <= 100_000 {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				res.err = err
				break
			}
			res.sheets[s.Name] = append(res.sheets[s.Name], row)
		}
		r.Close()
		if res.err != nil {
			return res
		}
	}
	return res
}

// TestCorpus reads every real-world file of the shared corpus: each must
// read, or fail with a plain sentence; none may panic or hang.
func TestCorpus(t *testing.T) {
	skipWithoutCorpus(t)
	var files []string
	for _, dir := range []string{"xlsx", "csv"} {
		m, err := filepath.Glob(filepath.Join(corpus, dir, "*"))
		must(t, err)
		files = append(files, m...)
	}
	// Refusals the corpus is there to provoke; every other file must read.
	refused := map[string]string{
		"calamine__pass_protected.xlsx": "encrypted or legacy .xls",
		"excelize__encryptAES.xlsx":     "encrypted or legacy .xls",
		"excelize__encryptSHA1.xlsx":    "encrypted or legacy .xls",
		"excelize__encryptSHA512.xlsx":  "encrypted or legacy .xls",
		"calamine__issue252.xlsx":       "damaged or truncated", // a bad CRC in the workbook's relationships
		"excelize__BadWorkbook.xlsx":    "no sheets",
	}
	results := map[string]corpusResult{}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			done := make(chan corpusResult, 1)
			go func() { done <- readCorpusFile(path) }()
			var res corpusResult
			select {
			case res = <-done:
			case <-time.After(2 * time.Minute): // a hang guard, not a speed check
				t.Fatal("reading did not finish")
			}
			results[name] = res
			want, isRefused := refused[name]
			switch {
			case res.err == nil && isRefused:
				t.Errorf("read, want a refusal with %q", want)
			case res.err != nil && !isRefused:
				t.Errorf("error: %v", res.err)
			case res.err != nil && !strings.Contains(res.err.Error(), want):
				t.Errorf("error %q, want it to say %q", res.err, want)
			case res.err != nil && strings.Contains(res.err.Error(), "internal error"):
				t.Errorf("a panic was caught: %v", res.err)
			}
			for sheet, rows := range res.sheets {
				if len(rows) > 100_000 {
					t.Errorf("sheet %q: more rows than any corpus file has", sheet)
				}
			}
		})
	}

	// What a few files are known to hold.
	check := func(file, sheet string, f func(rows []importers.Row, total int64) string) {
		t.Run("content/"+file, func(t *testing.T) {
			res, ok := results[file]
			if !ok || res.err != nil {
				t.Skip("not read")
			}
			if msg := f(res.sheets[sheet], res.totals[sheet]); msg != "" {
				t.Error(msg)
			}
		})
	}
	check("calamine__issue_174.xlsx", "Sheet1", func(rows []importers.Row, total int64) string {
		if total != 1_048_576 || len(rows) > 5 {
			return "a sheet claiming 1,048,576 rows should read as the few it holds"
		}
		return ""
	})
	check("calamine__merge_cells.xlsx", "Sheet1", func(rows []importers.Row, _ int64) string {
		if got := strings.Join(texts(rows[0]), "|"); !strings.HasPrefix(got, "Row Merge|Row Merge") {
			return "merged header not copied: " + got
		}
		return ""
	})
	check("calamine__rph.xlsx", "Sheet1", func(rows []importers.Row, _ int64) string {
		if got := rows[0].At(0).Text; got != "課きく\u3000毛こ" {
			return "phonetic runs leaked into the text: " + got
		}
		return ""
	})
	check("csvkit__mac_newlines.csv", "csvkit__mac_newlines", func(rows []importers.Row, _ int64) string {
		if len(rows) != 3 || rows[2].At(0).Text != "Once upon\na time" {
			return "CR line ends not read as lines"
		}
		return ""
	})
	check("csvkit__test_utf16_little.csv", "csvkit__test_utf16_little", func(rows []importers.Row, _ int64) string {
		if len(rows) != 3 || rows[2].At(2).Text != "ʤ" {
			return "UTF-16 not decoded"
		}
		return ""
	})
	check("csvkit__test_latin1.csv", "csvkit__test_latin1", func(rows []importers.Row, _ int64) string {
		if rows[2].At(2).Text != "©" {
			return "Latin-1 not decoded: " + rows[2].At(2).Text
		}
		return ""
	})
	check("csvkit__null_byte.csv", "csvkit__null_byte", func(rows []importers.Row, _ int64) string {
		if len(rows) != 2 || rows[1].At(0).Kind != importers.CellEmpty || rows[1].At(1).Text != "2" {
			return "NUL byte not dropped"
		}
		return ""
	})
}
