package cli_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportHostileFilesCLI runs `cxdash import` on broken and absurd files
// (the importer's own table is importers/hostile_test.go): each is rejected
// with exit code 1 and a "file: what is wrong" line, never a Go trace, and
// nothing is written to the workspace.
func TestImportHostileFilesCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	good := filepath.Join(dir, "good.xlsx")
	writeLong(t, good, [][]any{{"2024-Q1", "North", "Strategy", "Vision", 2}})
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	empty := filepath.Join(dir, "empty.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(empty); err != nil {
		t.Fatal(err)
	}
	f.Close()
	huge := write("huge.csv", []byte("Period,Metric,Value\n2024-01,NPS,10\n"))
	if err := os.Truncate(huge, 2<<30); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		path, want string
	}{
		{write("cut.xlsx", data[:len(data)/2]), "not a readable xlsx workbook (the file is damaged or truncated)"},
		{hostileBomb(t, filepath.Join(dir, "bomb.xlsx")), "the workbook unpacks to more than 512 MB (a zip bomb"},
		{huge, "the file is 2.0 GB, too large to import"},
		{write("chart.csv", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 7, 200}, 50)...)), "a PNG image, not a csv file"},
		{empty, "the workbook is empty"},
		{write("bom.csv", []byte("\xEF\xBB\xBF")), "the file is empty"},
	}
	for _, tt := range tests {
		name := filepath.Base(tt.path)
		t.Run(name, func(t *testing.T) {
			for _, args := range [][]string{{"import", "--dry-run", "--db", db, tt.path}, {"import", "--db", db, tt.path}} {
				code, out, errOut := cxdash(t, args...)
				all := out + errOut
				if code != 1 {
					t.Errorf("%v: exit %d, want 1\n%s", args, code, all)
				}
				if !strings.Contains(errOut, name+": "+tt.want) {
					t.Errorf("%v: stderr does not say %q:\n%s", args, name+": "+tt.want, errOut)
				}
				for _, bad := range []string{"panic", "goroutine ", "internal error", ".go:"} {
					if strings.Contains(all, bad) {
						t.Errorf("%v: output shows %q:\n%s", args, bad, all)
					}
				}
			}
		})
	}
	if bs := batches(t, db); len(bs) != 0 {
		t.Errorf("%d batches written by rejected files", len(bs))
	}
}

// hostileBomb writes a workbook whose one sheet claims to unpack to 4 GiB:
// refused from the zip's directory before a byte is inflated.
func hostileBomb(t *testing.T, path string) string {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	parts := map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>`,
	}
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: 2, UncompressedSize64: 4 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte{3, 0}); err != nil { // an empty final deflate block
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
