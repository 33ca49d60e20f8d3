package importers_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/importers"
)

// readAllSheets opens a file and reads every sheet, returning the first
// error from opening or reading.
func readAllSheets(path string, opts importers.BookOptions) (importers.Book, error) {
	b, err := importers.OpenBook(path, opts)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	for _, s := range b.Sheets() {
		if _, err := readSheetErr(b, s.Name); err != nil {
			return b, err
		}
	}
	return b, nil
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestXLSXBadFiles(t *testing.T) {
	good := writeXLSX(t, "good.xlsx", func(f *excelize.File) {
		for r := 1; r <= 200; r++ {
			must(t, f.SetSheetRow("Sheet1", "A"+strconv.Itoa(r), &[]any{"metric", r, float64(r) / 3}))
		}
	})
	goodBytes, err := os.ReadFile(good)
	must(t, err)
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	sheetWith := func(sheetData string) string {
		return writeZip(t, "bad.xlsx", xlsxPackage([]pkgSheet{{name: "S", xml: worksheet(sheetData)}}, "", "", []string{"<t>only</t>"}))
	}
	noSheets := xlsxPackage(nil, "", "", nil)
	missingPart := xlsxPackage([]pkgSheet{{name: "Gone", xml: worksheet("")}}, "", "", nil)
	delete(missingPart, "xl/worksheets/sheet1.xml")
	xlsb := xlsxPackage([]pkgSheet{{name: "S", xml: worksheet("")}}, "", "", nil)
	xlsb["_rels/.rels"] = strings.Replace(xlsb["_rels/.rels"], "xl/workbook.xml", "xl/workbook.bin", 1)
	bomb := xlsxPackage([]pkgSheet{{name: "S", xml: worksheet(strings.Repeat(" ", 3<<20))}}, "", "", nil)

	tests := []struct {
		name string
		path string
		opts importers.BookOptions
		want string // in the error
	}{
		{"truncated", writeFile(t, "cut.xlsx", goodBytes[:len(goodBytes)*6/10]), importers.BookOptions{}, "damaged or truncated"},
		{"empty file", writeFile(t, "empty.xlsx", nil), importers.BookOptions{}, "the file is empty"},
		{"encrypted or xls", writeFile(t, "old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random...)), importers.BookOptions{}, "encrypted or legacy .xls"},
		{"random bytes named xlsx", writeFile(t, "noise.xlsx", random), importers.BookOptions{}, "not a readable xlsx workbook"},
		{"random bytes named csv", writeFile(t, "noise.csv", random), importers.BookOptions{}, "binary data, not a csv file"},
		{"plain zip", writeZip(t, "files.xlsx", map[string]string{"hello.txt": "hi"}), importers.BookOptions{}, "a zip archive, not an xlsx workbook"},
		{"opendocument", writeZip(t, "calc.xlsx", map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), importers.BookOptions{}, ".ods"},
		{"word", writeZip(t, "doc.xlsx", map[string]string{"word/document.xml": "<x/>", "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`}), importers.BookOptions{}, "Word"},
		{"xlsb", writeZip(t, "bin.xlsx", xlsb), importers.BookOptions{}, ".xlsb"},
		{"zip bomb", writeZip(t, "bomb.xlsx", bomb), importers.BookOptions{MaxUnzipSize: 1 << 20}, "zip bomb"},
		{"no sheets", writeZip(t, "none.xlsx", noSheets), importers.BookOptions{}, "no sheets"},
		{"missing sheet part", writeZip(t, "gone.xlsx", missingPart), importers.BookOptions{}, "missing"},
		{"bad shared string", sheetWith(`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>5</v></c></row>`), importers.BookOptions{}, "B2: shared string 5 is missing"},
		{"broken xml", sheetWith(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" <<<`), importers.BookOptions{}, "damaged"},
		{"row out of range", sheetWith(`<row r="2000000"><c><v>1</v></c></row>`), importers.BookOptions{}, "outside 1..1048576"},
		{"column out of range", sheetWith(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), importers.BookOptions{}, ""},
		{"cut sheet", sheetWith(`<row r="1"><c r="A1"><v>1</v></c>`), importers.BookOptions{}, "damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAllSheets(tt.path, tt.opts)
			if err == nil {
				t.Fatalf("no error, want one with %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q names the path: the caller does that", err)
			}
		})
	}
}

// TestXLSXCorruptData flips bytes inside a workbook: whatever breaks must
// come back as an error, never a panic, and no row may come from garbage
// silently when the zip checksums say otherwise.
func TestXLSXCorruptData(t *testing.T) {
	good := writeXLSX(t, "good.xlsx", func(f *excelize.File) {
		for r := 1; r <= 300; r++ {
			must(t, f.SetSheetRow("Sheet1", "A"+strconv.Itoa(r), &[]any{"metric", r, float64(r) / 7}))
		}
	})
	data, err := os.ReadFile(good)
	must(t, err)
	sheetAt := bytes.Index(data, []byte("xl/worksheets/sheet1.xml"))
	if sheetAt < 0 {
		t.Fatal("no sheet part in the zip")
	}
	for i, off := range []int{30, 200, 400, 700, 1000} {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			bad := bytes.Clone(data)
			at := sheetAt + len("xl/worksheets/sheet1.xml") + off
			if at >= len(bad) {
				t.Skip("file too short")
			}
			bad[at] ^= 0x5A
			_, err := readAllSheets(writeFile(t, "flipped.xlsx", bad), importers.BookOptions{})
			if err == nil {
				// A flip may land in a part we never read; then all is well.
				return
			}
			if msg := err.Error(); msg == "" || strings.Contains(msg, "panic") {
				t.Errorf("unclear error %q", msg)
			}
		})
	}
}

// TestXLSXLyingZip declares a small worksheet that unpacks to 4 MiB: the
// declared sizes pass the zip bomb check, the unpacking must still stop.
func TestXLSXLyingZip(t *testing.T) {
	sheet := worksheet(`<row r="1"><c r="A1"><v>1</v></c></row>` + strings.Repeat("<row/>", 700_000))
	parts := xlsxPackage([]pkgSheet{{name: "S", xml: sheet}}, "", "", nil)
	path := filepath.Join(t.TempDir(), "liar.xlsx")
	f, err := os.Create(path)
	must(t, err)
	zw := zip.NewWriter(f)
	for name, data := range parts {
		if name != "xl/worksheets/sheet1.xml" {
			w, err := zw.Create(name)
			must(t, err)
			_, err = io.WriteString(w, data)
			must(t, err)
			continue
		}
		var packed bytes.Buffer
		fw, err := flate.NewWriter(&packed, flate.BestCompression)
		must(t, err)
		_, err = io.WriteString(fw, data)
		must(t, err)
		must(t, fw.Close())
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(data)),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: 1000,
		})
		must(t, err)
		_, err = w.Write(packed.Bytes())
		must(t, err)
	}
	must(t, zw.Close())
	must(t, f.Close())

	_, err = readAllSheets(path, importers.BookOptions{MaxUnzipSize: 1 << 20})
	if err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("error %v, want the sheet refused as damaged", err)
	}
}

func TestTextNamedXLSXReadsAsCSV(t *testing.T) {
	b := openBook(t, writeFile(t, "export.xlsx", []byte("Metric;Value\nNPS;42\n")))
	if b.Format() != "csv" {
		t.Fatalf("Format() = %q, want csv", b.Format())
	}
	rows := readSheet(t, b, "export")
	if got := strings.Join(texts(rows[1]), "|"); got != "NPS|42" {
		t.Errorf("row 2 = %q", got)
	}
}
