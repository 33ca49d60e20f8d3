package importers_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"cxdash/importers"
)

// csvRows opens text as a csv file and returns its rows' texts joined by |.
func csvRows(t *testing.T, name string, data []byte) (importers.Book, []importers.Row, []string) {
	t.Helper()
	b := openBook(t, writeFile(t, name, data))
	sheets := b.Sheets()
	if len(sheets) != 1 {
		t.Fatalf("Sheets() = %v, want one", sheets)
	}
	rows := readSheet(t, b, sheets[0].Name)
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(texts(r), "|")
	}
	return b, rows, lines
}

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	out, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCSVEncodings(t *testing.T) {
	const text = "Métrique,Unité,Valeur\nNPS,Nord – Süd,42\n"
	want := []string{"Métrique|Unité|Valeur", "NPS|Nord – Süd|42"}
	le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	tests := []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(text)},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"utf-16le bom", append([]byte{0xFF, 0xFE}, encode(t, le, text)...)},
		{"utf-16be bom", append([]byte{0xFE, 0xFF}, encode(t, be, text)...)},
		{"utf-16le no bom", encode(t, le, text)},
		{"utf-16be no bom", encode(t, be, text)},
		{"utf-32le bom", encode(t, utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), text)},
		{"windows-1252", encode(t, charmap.Windows1252, text)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, got := csvRows(t, "enc.csv", tt.data)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
	t.Run("windows-1252 further down a utf-8 looking file", func(t *testing.T) {
		data := []byte(strings.Repeat("a,b\n", 20_000) + "caf\xe9,\x80 5\n")
		_, _, got := csvRows(t, "mixed.csv", data)
		if last := got[len(got)-1]; last != "café|€ 5" {
			t.Errorf("last row %q, want café|€ 5", last)
		}
	})
}

func TestCSVDelimitersAndLocale(t *testing.T) {
	tests := []struct {
		name, data   string
		want         []string
		decimalComma bool
	}{
		{"comma", "Metric,Value\nNPS,42.5\n\"Effort, total\",3\n", []string{"Metric|Value", "NPS|42.5", "Effort, total|3"}, false},
		{"semicolon decimal comma", "Metric;Value\nNPS;42,5\nCSAT;1.234,5\n", []string{"Metric|Value", "NPS|42,5", "CSAT|1.234,5"}, true},
		{"semicolon decimal point", "Metric;Value\nNPS;42.5\nCSAT;3.25\n", []string{"Metric|Value", "NPS|42.5", "CSAT|3.25"}, false},
		{"semicolon thousands only", "Metric;Value\nA;1.234\nB;2.500\n", []string{"Metric|Value", "A|1.234", "B|2.500"}, false},
		{"semicolon, no header, decimal commas", "1,5;2,5;3,5\n4,5;5,5;6,5\n", []string{"1,5|2,5|3,5", "4,5|5,5|6,5"}, true},
		{"tab", "Metric\tValue\nNPS\t42,5\n", []string{"Metric|Value", "NPS|42,5"}, true},
		{"pipe", "Metric|Value|Unit\nNPS|42|North\n", []string{"Metric|Value|Unit", "NPS|42|North"}, false},
		{"title row above the table", "Scorecard Q1 2024\n\nMetric;Value;Unit\nNPS;42;North\nCES;3,2;South\n", []string{"Scorecard Q1 2024", "Metric|Value|Unit", "NPS|42|North", "CES|3,2|South"}, true},
		{"one column", "Metric\nNPS\nCSAT\n", []string{"Metric", "NPS", "CSAT"}, false},
		{"starts like a zip", "PK,Name\n1,North\n", []string{"PK|Name", "1|North"}, false},
		{"comma with decimal-looking fields", "a,b\n\"3,5\",x\n", []string{"a|b", "3,5|x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, got := csvRows(t, "d.csv", []byte(tt.data))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows %q, want %q", got, tt.want)
			}
			if b.DecimalComma() != tt.decimalComma {
				t.Errorf("DecimalComma() = %v, want %v", b.DecimalComma(), tt.decimalComma)
			}
		})
	}
}

func TestCSVLinesAndIndexes(t *testing.T) {
	tests := []struct {
		name, data string
		index      []int
		want       []string
	}{
		{"lf", "a,b\n1,2\n", []int{1, 2}, []string{"a|b", "1|2"}},
		{"crlf", "a,b\r\n1,2\r\n", []int{1, 2}, []string{"a|b", "1|2"}},
		{"cr only (old Mac)", "a,b\r1,2\r3,4", []int{1, 2, 3}, []string{"a|b", "1|2", "3|4"}},
		{"quoted newline", "a,b\n\"line one\nline two\",2\n3,4\n", []int{1, 2, 4}, []string{"a|b", "line one\nline two|2", "3|4"}},
		{"quoted crlf", "a,b\r\n\"x\r\ny\",2\r\n3,4\r\n", []int{1, 2, 4}, []string{"a|b", "x\ny|2", "3|4"}},
		{"blank lines and blank records", "a,b\n\n,,\n  ,  \n1,2\n", []int{1, 5}, []string{"a|b", "1|2"}},
		{"ragged", "a,b,c\n1\n1,2,3,4\n", []int{1, 2, 3}, []string{"a|b|c", "1", "1|2|3|4"}},
		{"trailing empties trimmed", "a,b,,\n,x,,\n", []int{1, 2}, []string{"a|b", "|x"}},
		{"spaces trimmed", "  a , b\u00a0\n", []int{1}, []string{"a|b"}},
		{"lazy quotes", "a,b\"c\"d,\"e\"f\"\n", []int{1}, []string{"a|b\"c\"d|e\"f"}},
		{"nul bytes dropped", "a,b\x00,c\n\x001,2,3\n", []int{1, 2}, []string{"a|b|c", "1|2|3"}},
		{"no final newline", "a,b\n1,2", []int{1, 2}, []string{"a|b", "1|2"}},
		{"only a newline", "\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rows, got := csvRows(t, "l.csv", []byte(tt.data))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows %q, want %q", got, tt.want)
			}
			var index []int
			for _, r := range rows {
				index = append(index, r.Index)
				for i, c := range r.Cells {
					if c.Col != i || (c.Kind != importers.CellText && c.Kind != importers.CellEmpty) || (c.Kind == importers.CellEmpty) != (c.Text == "") {
						t.Errorf("line %d cell %d = %+v", r.Index, i, c)
					}
				}
			}
			if fmt.Sprint(index) != fmt.Sprint(tt.index) {
				t.Errorf("indexes %v, want %v", index, tt.index)
			}
		})
	}
}

func TestCSVBinaryAndLimits(t *testing.T) {
	t.Run("binary", func(t *testing.T) {
		for name, data := range map[string][]byte{
			"png":  append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 200}, 100)...),
			"gzip": {0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 'a', 'b'},
			"pdf":  []byte("%PDF-1.7\n1 0 obj\n"),
			"junk": bytes.Repeat([]byte{0x01, 0x02, 'a', 0x03, 0x10, 0x00, 0x7F}, 50),
		} {
			t.Run(name, func(t *testing.T) {
				_, err := importers.OpenBook(writeFile(t, "data.csv", data), importers.BookOptions{})
				// Known signatures are named ("a PNG image, not a csv file").
				if err == nil || !strings.HasSuffix(err.Error(), ", not a csv file") {
					t.Errorf("error %v, want binary data", err)
				}
			})
		}
	})
	t.Run("empty file", func(t *testing.T) {
		_, err := importers.OpenBook(writeFile(t, "empty.csv", nil), importers.BookOptions{})
		if err == nil || err.Error() != "the file is empty" {
			t.Errorf("error %v", err)
		}
	})
	t.Run("max rows", func(t *testing.T) {
		b := openBookOpts(t, writeFile(t, "many.csv", []byte(strings.Repeat("x,1\n", 10))), importers.BookOptions{MaxRowsPerSheet: 5})
		rows, err := readSheetErr(b, "many")
		if len(rows) != 5 || !errors.Is(err, importers.ErrTooManyRows) || !strings.Contains(err.Error(), "line 6") {
			t.Errorf("%d rows, %v; want 5 rows then ErrTooManyRows at line 6", len(rows), err)
		}
	})
	t.Run("long cells", func(t *testing.T) {
		long := strings.Repeat("é", 32_767)
		_, _, got := csvRows(t, "long.csv", []byte("a,\""+long+"\"\n"))
		if got[0] != "a|"+long {
			t.Errorf("a 32,767 character field did not come through")
		}
	})
	t.Run("unbalanced quote swallowing the file", func(t *testing.T) {
		data := "a,\"b\n" + strings.Repeat("some text, more text\n", 60_000)
		b := openBook(t, writeFile(t, "quote.csv", []byte(data)))
		_, err := readSheetErr(b, "quote")
		if err == nil || !strings.Contains(err.Error(), "line 1, field 2") || !strings.Contains(err.Error(), "unbalanced quote") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("too many columns", func(t *testing.T) {
		b := openBook(t, writeFile(t, "wide.csv", []byte("a,b\n"+strings.Repeat("x,", 20_000)+"\n")))
		_, err := readSheetErr(b, "wide")
		if err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("16384 columns", func(t *testing.T) {
		_, rows, _ := csvRows(t, "wide.csv", []byte(strings.Repeat("x,", 16_383)+"y\n"))
		if n := len(rows[0].Cells); n != 16_384 {
			t.Errorf("%d cells, want 16384", n)
		}
	})
}

func TestCSVBook(t *testing.T) {
	path := writeFile(t, "Scores Q1.2024.tsv", []byte("Metric\tValue\nNPS\t42\n"))
	b := openBook(t, path)
	if b.Format() != "csv" {
		t.Errorf("Format() = %q", b.Format())
	}
	if got := b.Sheets(); len(got) != 1 || got[0] != (importers.SheetInfo{Name: "Scores Q1.2024"}) {
		t.Errorf("Sheets() = %+v", got)
	}
	for range 2 { // each Open starts from the top
		if rows := readSheet(t, b, "Scores Q1.2024"); len(rows) != 2 {
			t.Errorf("%d rows, want 2", len(rows))
		}
	}
	if _, err := b.Open("Other"); err == nil {
		t.Error("Open of another sheet name worked")
	}
	r, err := b.Open("Scores Q1.2024")
	must(t, err)
	if r.Total() != 2 {
		t.Errorf("Total() = %d, want 2", r.Total())
	}
	must(t, r.Close())

	t.Run("estimate for a large file", func(t *testing.T) {
		const n = 50_000
		var sb strings.Builder
		for i := range n {
			fmt.Fprintf(&sb, "metric %d;%d,5;North\n", i, i)
		}
		b := openBook(t, writeFile(t, "big.csv", []byte(sb.String())))
		r, err := b.Open("big")
		must(t, err)
		defer r.Close()
		if total := r.Total(); total < n*8/10 || total > n*12/10 {
			t.Errorf("Total() = %d, want about %d", total, n)
		}
	})
}
