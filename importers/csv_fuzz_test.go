package importers_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"cxdash/importers"
)

// FuzzCSV reads arbitrary bytes as a csv file: opening and reading must end
// in rows or a clear error, never a panic, and every cell must be trimmed
// UTF-8 text at its own column.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "a;b\r1,5;2\r", "\xff\xfea\x00,\x00b\x00\n\x00", "\xef\xbb\xbfx\ty\n",
		"\"q\nq\",\"r\"\"s\"\n", "caf\xe9;1\n", "a,\"b\n", "\x00\x00\x00", "%PDF-1", "|a|b|\n|1|2|\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		b, err := importers.OpenBook(path, importers.BookOptions{MaxRowsPerSheet: 10_000})
		if err != nil {
			if err.Error() == "" || strings.Contains(err.Error(), "internal error") {
				t.Fatalf("OpenBook: unclear error %q", err)
			}
			return
		}
		defer b.Close()
		r, err := b.Open(b.Sheets()[0].Name)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer r.Close()
		for {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if strings.Contains(err.Error(), "internal error") {
					t.Fatalf("Next: %v", err)
				}
				return
			}
			if row.Index < 1 || row.Empty() {
				t.Fatalf("row %+v", row)
			}
			for i, c := range row.Cells {
				if c.Col != i || !utf8.ValidString(c.Text) || strings.TrimSpace(c.Text) != c.Text {
					t.Fatalf("line %d cell %d = %+v", row.Index, i, c)
				}
			}
		}
	})
}
