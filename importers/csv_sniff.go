package importers

import (
	"bytes"
	"encoding/csv"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// textEncoding is how a text file's bytes become UTF-8.
type textEncoding struct {
	name   string
	bom    int               // bytes of byte order mark to skip
	dec    encoding.Encoding // nil: UTF-8 already
	cp1252 bool              // UTF-8 with a Windows-1252 fallback per field
}

// sniffWindow is how much of a text file decides its encoding, delimiter
// and decimal mark.
const sniffWindow = 64 << 10

// detectEncoding reads the byte order mark, or guesses: NUL bytes at every
// other position are BOM-less UTF-16 (ASCII text has a zero high byte);
// bytes that are not valid UTF-8 are Windows-1252, the usual encoding of
// csv files written by Excel on Windows.
func detectEncoding(head []byte, atEOF bool) textEncoding {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return textEncoding{name: "UTF-8", bom: 3, cp1252: true}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return textEncoding{name: "UTF-32LE", bom: 4, dec: utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)}
	case bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return textEncoding{name: "UTF-32BE", bom: 4, dec: utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return textEncoding{name: "UTF-16LE", bom: 2, dec: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return textEncoding{name: "UTF-16BE", bom: 2, dec: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
	}
	if n := len(head) &^ 1; n >= 4 {
		var even, odd int
		for i := 0; i < n; i += 2 {
			if head[i] == 0 {
				even++
			}
			if head[i+1] == 0 {
				odd++
			}
		}
		half := n / 2
		switch {
		case odd*10 > half*3 && even*20 < half:
			return textEncoding{name: "UTF-16LE", dec: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}
		case even*10 > half*3 && odd*20 < half:
			return textEncoding{name: "UTF-16BE", dec: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
		}
	}
	if !atEOF {
		head = trimPartialRune(head)
	}
	if utf8.Valid(head) {
		return textEncoding{name: "UTF-8", cp1252: true}
	}
	return textEncoding{name: "Windows-1252", dec: charmap.Windows1252}
}

// trimPartialRune drops a UTF-8 sequence cut off at the end of a window.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return b // ASCII: nothing cut
		}
		if c >= 0xC0 { // a lead byte: is its sequence complete?
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// binaryKinds are starts of files people rename to .csv by mistake, and
// what to call them.
var binaryKinds = []struct {
	magic []byte
	name  string
}{
	{[]byte("%PDF-"), "a PDF document"}, {[]byte("\x89PNG"), "a PNG image"},
	{[]byte("GIF87a"), "a GIF image"}, {[]byte("GIF89a"), "a GIF image"}, {[]byte{0xFF, 0xD8, 0xFF}, "a JPEG image"},
	{[]byte{0x1F, 0x8B}, "a gzip archive"}, {[]byte("\x7FELF"), "a program"}, {[]byte("MZ\x90\x00"), "a program"},
	{[]byte("7z\xBC\xAF"), "a 7-Zip archive"}, {[]byte("Rar!"), "a RAR archive"},
	{[]byte("SQLite format 3\x00"), "an SQLite database"}, {[]byte("{\\rtf"), "an RTF document"},
}

// binaryKind reports data that is not text, and what it is when its
// signature says ("" when unknown): a known signature, more than 1% control
// characters other than NUL (tab, line ends, form feed and the DOS
// end-of-file mark aside), or more than 10% NUL. Stray NULs in a text file
// pass, and the reader drops them; a file of mostly NULs (preallocated,
// or cut short by a crash) does not.
func binaryKind(raw, decoded []byte) (kind string, binary bool) {
	for _, k := range binaryKinds {
		if bytes.HasPrefix(raw, k.magic) {
			return k.name, true
		}
	}
	bad, nul := 0, 0
	for _, c := range decoded {
		switch {
		case c == 0:
			nul++
		case (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A) || c == 0x7F:
			bad++
		}
	}
	return "", (bad > 2 && bad*100 > len(decoded)) || (nul > 2 && nul*10 > len(decoded))
}

// decodeSample turns the raw window into UTF-8 text.
func decodeSample(raw []byte, enc textEncoding) []byte {
	raw = raw[enc.bom:]
	if enc.dec == nil {
		return raw
	}
	out, _, err := transform.Bytes(enc.dec.NewDecoder(), raw)
	if err != nil {
		return raw
	}
	return out
}

// sampleRecords parses up to limit records (all if limit < 0) of the sample
// with one delimiter. Parse errors end the sample; a record cut by the
// window's end is dropped.
func sampleRecords(sample string, comma rune, atEOF bool, limit int) [][]string {
	r := csv.NewReader(strings.NewReader(sample))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = comma, true, -1
	var recs [][]string
	for limit < 0 || len(recs) < limit {
		rec, err := r.Read()
		if err != nil {
			break
		}
		recs = append(recs, rec)
	}
	if !atEOF && len(recs) > 1 {
		recs = recs[:len(recs)-1]
	}
	return recs
}

// detectDelimiter picks the delimiter among , ; tab and | that splits the
// sampled records most consistently into more than one field: the one with
// the largest share of records having its most common field count. Ties go
// to the rarer character in ordinary text (tab, ;, |, then ,), because a
// comma that splits every line evenly may be a decimal comma. Files with a
// single column get ','.
func detectDelimiter(sample string, atEOF bool) rune {
	best, bestScore, bestWidth := ',', 0.0, 0
	for _, d := range []rune{'\t', ';', '|', ','} {
		recs := sampleRecords(sample, d, atEOF, 200)
		if len(recs) == 0 {
			continue
		}
		counts := map[int]int{}
		for _, rec := range recs {
			counts[len(rec)]++
		}
		width, n := 0, 0
		for w, c := range counts {
			if c > n || (c == n && w > width) {
				width, n = w, c
			}
		}
		if width < 2 {
			continue
		}
		score := float64(n) / float64(len(recs))
		if score > bestScore || (score == bestScore && bestWidth == 0) {
			best, bestScore, bestWidth = d, score, width
		}
	}
	return best
}

var (
	commaDecimal = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$|^[0-9]+,[0-9]+$`)
	pointDecimal = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})+\.[0-9]+$|^[0-9]+\.[0-9]+$`)
	groupedDots  = regexp.MustCompile(`^[1-9][0-9]{0,2}(\.[0-9]{3})+$`)
)

// detectDecimalComma reports a csv written where the decimal mark is a
// comma: the delimiter is not ',' and more sampled numeric fields look like
// "3,5" or "1.234,5" than like "3.5" or "1,234.5". A field like "1.234"
// could be either and counts for neither. Signs, currency signs and '%' are
// ignored.
func detectDecimalComma(recs [][]string, comma rune) bool {
	if comma == ',' {
		return false
	}
	commas, points := 0, 0
	for _, rec := range recs {
		for _, f := range rec {
			f = numericCore(f)
			switch {
			case f == "" || f[0] < '0' || f[0] > '9':
			case commaDecimal.MatchString(f):
				commas++
			case groupedDots.MatchString(f):
			case pointDecimal.MatchString(f):
				points++
			}
		}
	}
	return commas > 0 && commas >= points
}

// numericCore strips what ParseNumber tolerates around the digits.
func numericCore(f string) string {
	f = trimSpace(f)
	f = strings.TrimSuffix(f, "%")
	f = strings.TrimPrefix(strings.TrimSuffix(f, ")"), "(")
	f, _ = cutCurrencySuffix(trimSpace(f))
	f, _ = cutCurrencyPrefix(trimSpace(f))
	f, _, _ = cutSign(trimSpace(f))
	return trimSpace(f)
}

// normReader removes NUL bytes and turns CR and CRLF line ends into LF,
// so that old Mac files (CR only) read as lines and NULs do not end up in
// cells.
type normReader struct {
	r      io.Reader
	prevCR bool
}

func (n *normReader) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			switch {
			case c == 0:
				continue
			case c == '\n' && n.prevCR:
				n.prevCR = false
				continue
			case c == '\r':
				n.prevCR = true
				c = '\n'
			default:
				n.prevCR = false
			}
			p[j] = c
			j++
		}
		if j > 0 || err != nil || k == 0 {
			return j, err
		}
	}
}
