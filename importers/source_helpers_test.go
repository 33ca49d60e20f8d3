package importers_test

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/importers"
)

// corpus holds real-world files shared by the team (read, never copied).
const corpus = "../../shared/corpus"

// skipWithoutCorpus skips a test when the shared corpus is not there.
func skipWithoutCorpus(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("no corpus at", corpus)
	}
}

// openBook opens a file with default options and closes it after the test.
func openBook(t *testing.T, path string) importers.Book {
	t.Helper()
	return openBookOpts(t, path, importers.BookOptions{})
}

func openBookOpts(t *testing.T, path string, opts importers.BookOptions) importers.Book {
	t.Helper()
	b, err := importers.OpenBook(path, opts)
	if err != nil {
		t.Fatalf("OpenBook(%s): %v", filepath.Base(path), err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return b
}

// readSheet reads a whole sheet and fails the test on any error.
func readSheet(t *testing.T, b importers.Book, sheet string) []importers.Row {
	t.Helper()
	rows, err := readSheetErr(b, sheet)
	if err != nil {
		t.Fatalf("reading sheet %q: %v", sheet, err)
	}
	return rows
}

// readSheetErr reads a sheet up to its end or first error. Rows are copied
// out, as a caller keeping them would.
func readSheetErr(b importers.Book, sheet string) ([]importers.Row, error) {
	r, err := b.Open(sheet)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var rows []importers.Row
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, row)
	}
}

// rowAt finds the row with a given index.
func rowAt(t *testing.T, rows []importers.Row, index int) importers.Row {
	t.Helper()
	for _, r := range rows {
		if r.Index == index {
			return r
		}
	}
	t.Fatalf("no row %d among %d rows", index, len(rows))
	return importers.Row{}
}

// texts lists the Text of a row's cells.
func texts(r importers.Row) []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = c.Text
	}
	return out
}

// writeXLSX builds a workbook with excelize and saves it in a temp dir.
func writeXLSX(t *testing.T, name string, build func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatalf("SaveAs: %v", err)
	}
	return path
}

// must fails the test on an error from a workbook builder.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// writeZip writes the given parts into a zip file.
func writeZip(t *testing.T, name string, parts map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// pkgSheet is one worksheet of a hand-written package.
type pkgSheet struct {
	name, state, xml string
}

// xlsxPackage returns the parts of a minimal workbook, written by hand to
// reach what excelize will not write (error cells, ISO dates, phonetic
// runs, prefixes, missing references). styles is the cellXfs content and
// numFmts the custom formats; sst the shared string items.
func xlsxPackage(sheets []pkgSheet, numFmts, cellXfs string, sst []string) map[string]string {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + ns + `>` +
			`<numFmts>` + numFmts + `</numFmts><cellXfs>` + cellXfs + `</cellXfs></styleSheet>`,
	}
	var wbSheets, wbRels strings.Builder
	for i, s := range sheets {
		id := strconv.Itoa(i + 1)
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		wbSheets.WriteString(`<sheet name="` + s.name + `" sheetId="` + id + `"` + state + ` r:id="rId` + id + `"/>`)
		wbRels.WriteString(`<Relationship Id="rId` + id + `" Type="` + rel + `worksheet" Target="worksheets/sheet` + id + `.xml"/>`)
		parts["xl/worksheets/sheet"+id+".xml"] = s.xml
	}
	wbRels.WriteString(`<Relationship Id="rIdS" Type="` + rel + `sharedStrings" Target="sharedStrings.xml"/>`)
	wbRels.WriteString(`<Relationship Id="rIdT" Type="` + rel + `styles" Target="styles.xml"/>`)
	parts["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + `><sheets>` + wbSheets.String() + `</sheets></workbook>`
	parts["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + wbRels.String() + `</Relationships>`
	var sb strings.Builder
	for _, s := range sst {
		sb.WriteString("<si>" + s + "</si>")
	}
	parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><sst ` + ns + `>` + sb.String() + `</sst>`
	return parts
}

// worksheet wraps sheetData content in a worksheet part.
func worksheet(sheetData string, extra ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetData>` + sheetData + `</sheetData>` + strings.Join(extra, "") + `</worksheet>`
}
