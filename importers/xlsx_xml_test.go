package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// scanTokens lists what xmlScanner reads: "S name a=v ...", "E name" and
// "T text", with self-closing elements given an end token like
// encoding/xml does.
func scanTokens(r io.Reader) ([]string, error) {
	sc := newXMLScanner(r)
	var out []string
	for {
		kind, err := sc.next(true)
		if err != nil {
			return out, err
		}
		switch kind {
		case tokEOF:
			return out, nil
		case tokStart:
			s := "S " + string(sc.name)
			for _, a := range sc.attrs {
				s += fmt.Sprintf(" %s=%q", a.name, sc.attrString(string(a.name)))
			}
			out = append(out, s)
			if sc.empty {
				out = append(out, "E "+string(sc.name))
			}
		case tokEnd:
			out = append(out, "E "+string(sc.name))
		case tokText:
			out = append(out, "T "+string(sc.text))
		}
	}
}

// refTokens lists the same with encoding/xml, joining character data that
// only comments or processing instructions separate.
func refTokens(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	text, inText := "", false
	flush := func() {
		if inText {
			out = append(out, "T "+text)
		}
		text, inText = "", false
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			flush()
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			flush()
			s := "S " + tok.Name.Local
			for _, a := range tok.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s)
		case xml.EndElement:
			flush()
			out = append(out, "E "+tok.Name.Local)
		case xml.CharData:
			text += string(tok)
			inText = true
		case xml.Directive:
			return out, fmt.Errorf("directive")
		}
	}
}

func TestXMLScannerAgreesWithEncodingXML(t *testing.T) {
	docs := map[string]string{
		"entities":   `<a x="1 &amp; 2" y='&lt;&#65;&#x42;&gt;'>a &amp; b &quot;c&quot; &apos;d&apos; &#233;&#x20AC;</a>`,
		"cdata":      `<t>before<![CDATA[<not a tag> & ]] ]>]]>after</t>`,
		"comments":   `<?xml version="1.0"?><!-- head --><r><!-- in -->x<!-- mid -->y</r>`,
		"prefixes":   `<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		"gt in attr": `<a b="x>y" c='q"r'/>`,
		"spaces":     "<a  b = \"1\"\n\tc='2' ><b/>\r\n <c></c></a >",
		"newlines":   "<t>a\r\nb\rc\nd</t>",
		"empty":      `<a/>`,
		"unicode":    `<t>課きく 毛こ – ©</t>`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			assertSameTokens(t, []byte(doc))
		})
	}
}

// TestXMLScannerCorpus runs the scanner over every XML part of every
// workbook in the corpus, whole and one byte per read (so that every token
// is cut by a buffer refill somewhere), against encoding/xml.
func TestXMLScannerCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "xlsx", "*.xls[xm]"))
	if len(files) == 0 {
		t.Skip("no corpus at", corpusDir)
	}
	for _, file := range files {
		zr, err := zip.OpenReader(file)
		if err != nil {
			continue // encrypted and broken files are the reader's business
		}
		for _, zf := range zr.File {
			if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") || zf.UncompressedSize64 > 4<<20 {
				continue
			}
			if testing.Short() && zf.UncompressedSize64 > 256<<10 {
				continue // the few large sheets take most of the time
			}
			rc, err := zf.Open()
			if err != nil {
				continue
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				continue
			}
			t.Run(filepath.Base(file)+"/"+zf.Name, func(t *testing.T) {
				assertSameTokens(t, data)
			})
		}
		zr.Close()
	}
}

func assertSameTokens(t *testing.T, data []byte) {
	t.Helper()
	want, err := refTokens(data)
	if err != nil {
		t.Skipf("encoding/xml rejects it: %v", err)
	}
	for _, oneByte := range []bool{false, true} {
		var r io.Reader = bytes.NewReader(data)
		switch {
		case oneByte && len(data) <= 64<<10:
			r = iotest.OneByteReader(r)
		case oneByte:
			r = &chunkReader{r: r, n: 7} // cheaper, still cuts every kind of token
		}
		got, err := scanTokens(r)
		if err != nil {
			t.Fatalf("scanner (one byte reads: %v): %v", oneByte, err)
		}
		if len(got) != len(want) {
			t.Fatalf("scanner (one byte reads: %v) read %d tokens, encoding/xml %d\n got: %q\nwant: %q", oneByte, len(got), len(want), head(got), head(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("token %d (one byte reads: %v): got %q, want %q", i, oneByte, got[i], want[i])
			}
		}
	}
}

// chunkReader reads at most n bytes at a time.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

func head(s []string) []string { return s[:min(len(s), 12)] }

// corpusDir holds real-world files shared by the team (never copied here).
const corpusDir = "../../shared/corpus"

func TestXMLScannerErrors(t *testing.T) {
	tests := map[string]string{
		"doctype":        `<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`,
		"unclosed tag":   `<a b="1"`,
		"unclosed cdata": `<a><![CDATA[abc`,
		"bad attribute":  `<a b></a>`,
		"unquoted":       `<a b=1></a>`,
		"no name":        `< a></a>`,
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := scanTokens(strings.NewReader(doc)); err == nil {
				t.Errorf("no error for %q", doc)
			}
		})
	}
}

func TestXMLScannerLimits(t *testing.T) {
	t.Run("huge tag", func(t *testing.T) {
		doc := `<a b="` + strings.Repeat("x", maxXMLTag) + `"/>`
		if _, err := scanTokens(strings.NewReader(doc)); err == nil {
			t.Error("a tag over the limit was read")
		}
	})
	t.Run("long text", func(t *testing.T) {
		long := strings.Repeat("é", 40_000)
		got, err := scanTokens(strings.NewReader("<t>" + long + "</t>"))
		if err != nil || len(got) != 3 || got[1] != "T "+long {
			t.Errorf("a 40,000 character text did not come through: %v", err)
		}
	})
}

// FuzzXMLScanner feeds arbitrary bytes to the scanner: it must end without
// panicking, and agree with encoding/xml on what that accepts.
func FuzzXMLScanner(f *testing.F) {
	f.Add([]byte(`<r><c r="A1" s="1" t="s"><v>0</v></c></r>`))
	f.Add([]byte(`<t>a<![CDATA[<b>]]>&amp;<!--x-->c</t>`))
	f.Add([]byte(`<?xml version="1.0"?><a x='1'/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := scanTokens(iotest.HalfReader(bytes.NewReader(data)))
		if err != nil {
			return
		}
		want, err := refTokens(data)
		if err != nil || !wellFormed(data) {
			return
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("scanner and encoding/xml differ on %q:\n got %q\nwant %q", data, got, want)
		}
	})
}

// wellFormed asks encoding/xml, strictly and with namespaces, whether data
// is a well-formed document the scanner should read the same way.
func wellFormed(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return depth == 0 && roots == 1
		}
		if err != nil {
			return false
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.Directive:
			return false
		}
	}
}
