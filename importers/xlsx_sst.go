package importers

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sharedStrings is a workbook's shared string table, kept as one string
// and the end offset of every item, so that a cell's text is a slice of it:
// no allocation per cell and a few bytes per item on top of the text.
type sharedStrings struct {
	all  string
	ends []int
}

// get returns item i, or false when the index is out of range.
func (t *sharedStrings) get(i int) (string, bool) {
	if t == nil || i < 0 || i >= len(t.ends) {
		return "", false
	}
	start := 0
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.all[start:t.ends[i]], true
}

// readSharedStrings reads the items of a sharedStrings part: the text of
// every <t> of an <si>, rich text runs joined, phonetic guides (<rPh>)
// left out, trimmed and with Excel's _xHHHH_ escapes decoded.
func readSharedStrings(r io.Reader) (*sharedStrings, error) {
	sc := newXMLScanner(r)
	var b strings.Builder
	t := &sharedStrings{}
	var item []byte
	for {
		kind, err := sc.next(false)
		if err != nil {
			return nil, err
		}
		if kind == tokEOF {
			break
		}
		if kind != tokStart || string(sc.name) != "si" {
			continue
		}
		item, err = readRichText(sc, item[:0])
		if err != nil {
			return nil, err
		}
		b.WriteString(cellText(item))
		t.ends = append(t.ends, b.Len())
	}
	t.all = b.String()
	return t, nil
}

// readRichText appends the text of the element just started (<si> or
// <is>): its <t> children and those of its <r> runs, not <rPh>.
func readRichText(sc *xmlScanner, dst []byte) ([]byte, error) {
	if sc.empty {
		return dst, nil
	}
	depth := 1
	inT := false
	for {
		kind, err := sc.next(inT)
		if err != nil {
			return dst, err
		}
		switch kind {
		case tokEOF:
			return dst, errXMLSyntax
		case tokText:
			dst = append(dst, sc.text...)
		case tokStart:
			switch string(sc.name) {
			case "rPh", "phoneticPr":
				if err := sc.skipElement(); err != nil {
					return dst, err
				}
				continue
			case "t":
				inT = !sc.empty
			}
			if !sc.empty {
				depth++
			}
		case tokEnd:
			if string(sc.name) == "t" {
				inT = false
			}
			if depth--; depth == 0 {
				return dst, nil
			}
		}
	}
}

// cellText turns raw cell text into Cell.Text: _xHHHH_ escapes decoded,
// invalid UTF-8 replaced, surrounding spaces trimmed.
func cellText(b []byte) string {
	if bytes.Contains(b, []byte("_x")) {
		b = unescapeXString(b)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		// NUL (raw, which XML forbids, or _x0000_) is never meant: drop it
		// as the csv reader does, or "N\x00PS" would be a new metric.
		b = bytes.ReplaceAll(b, []byte{0}, nil)
	}
	s := string(b)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return trimSpace(s)
}

// unescapeXString decodes the _xHHHH_ escapes Excel writes for characters
// XML cannot carry (ST_Xstring), such as _x000D_ for a carriage return.
// "_x005F_" escapes the underscore itself.
func unescapeXString(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] == '_' && i+7 <= len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16); err == nil {
				r := rune(n)
				if !utf8.ValidRune(r) {
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
				i += 7
				continue
			}
		}
		out = append(out, b[i])
		i++
	}
	return out
}
