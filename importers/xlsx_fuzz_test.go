package importers_test

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"cxdash/importers"
)

// FuzzXLSXSheet puts arbitrary bytes in a workbook as its worksheet (and
// its shared strings): reading must end in rows or an error, never a
// panic, and rows must be well formed.
func FuzzXLSXSheet(f *testing.F) {
	f.Add(worksheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.5</v></c></row>`), `<si><t>x</t></si>`)
	f.Add(worksheet(`<row><c t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c><c t="e"><v>#N/A</v></c></row>`, `<mergeCells><mergeCell ref="A1:C3"/></mergeCells>`), ``)
	f.Add(worksheet(`<row r="3"><c r="XFD3" t="d"><v>2024-01-01</v></c></row><row r="2"/>`), `<si><r><t>a</t></r></si>`)
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1"><v>1`, ``)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		parts := xlsxPackage([]pkgSheet{{name: "S", xml: sheet}}, `<numFmt numFmtId="164" formatCode="yyyy-mm"/>`,
			`<xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/>`, nil)
		parts["xl/sharedStrings.xml"] = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := writeParts(path, parts); err != nil {
			t.Fatal(err)
		}
		b, err := importers.OpenBook(path, importers.BookOptions{})
		if err != nil {
			t.Fatalf("OpenBook: %v", err) // the package around the sheet is sound
		}
		defer b.Close()
		r, err := b.Open("S")
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		defer r.Close()
		for {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if strings.Contains(err.Error(), "internal error") {
					t.Fatal(err)
				}
				return
			}
			if row.Index < 1 || row.Index > 1_048_576 || len(row.Cells) > 16_384 || row.Empty() {
				t.Fatalf("row %d with %d cells", row.Index, len(row.Cells))
			}
			for i, c := range row.Cells {
				if c.Col != i || !utf8.ValidString(c.Text) || strings.TrimSpace(c.Text) != c.Text ||
					(c.Kind == importers.CellEmpty) != (c.Text == "") {
					t.Fatalf("row %d cell %d = %+v", row.Index, i, c)
				}
			}
		}
	})
}

// writeParts is writeZip without a testing.T, for fuzz targets.
func writeParts(path string, parts map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for name, data := range parts {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
