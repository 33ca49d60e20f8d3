package importers

import (
	"bytes"
	"io"
	"slices"
)

// cellRange is a merged range, 1-based rows and 0-based columns, inclusive.
type cellRange struct {
	r1, c1, r2, c2 int
	value          Cell // the top-left cell, once its row has been read
	seen           bool
}

// maxMerges bounds the merged ranges kept per sheet; a formatted report has
// a few hundred, a hostile file could claim millions.
const maxMerges = 200_000

// scanMerges finds the merged ranges of a worksheet. They are listed after
// the cell data, so a streaming reader must know them before it starts:
// this pass looks for <mergeCell ref="A1:B2"/> tags with a byte search,
// which costs little next to decoding the cells.
func scanMerges(r io.Reader) ([]cellRange, error) {
	const chunk = 256 << 10
	const keep = 64 // bytes kept between reads: a tag may be cut in two
	buf := make([]byte, 0, 2*chunk)
	var out []cellRange
	for eof := false; !eof; {
		if cap(buf)-len(buf) < chunk {
			buf = slices.Grow(buf, chunk)
		}
		n, err := io.ReadFull(r, buf[len(buf):len(buf)+chunk])
		buf = buf[:len(buf)+n]
		switch err {
		case nil:
		case io.EOF, io.ErrUnexpectedEOF:
			eof = true
		default:
			return nil, err
		}
		next, pending := 0, -1
		for {
			j := bytes.Index(buf[next:], []byte("mergeCell"))
			if j < 0 {
				break
			}
			at := next + j
			end := bytes.IndexByte(buf[at:], '>')
			if end < 0 {
				pending = at // read on and look again
				break
			}
			tag := buf[at : at+end]
			next = at + end + 1
			if !mergeTagStart(buf[:at]) || len(tag) <= len("mergeCell") || !isXMLSpace(tag[len("mergeCell")]) {
				continue // <mergeCells count=...>, </mergeCell>, or text
			}
			if rg, ok := parseRangeRef(refAttr(tag)); ok && len(out) < maxMerges {
				out = append(out, rg)
			}
		}
		// Keep what may still hold a tag: an unfinished one with the
		// "<prefix:" before it, or a tail where one may begin. Never what
		// was scanned already.
		from := max(next, len(buf)-keep)
		if pending >= 0 {
			from = max(next, pending-keep)
		}
		buf = buf[:copy(buf, buf[from:])]
	}
	slices.SortFunc(out, func(a, b cellRange) int { return a.r1 - b.r1 })
	return out, nil
}

// mergeTagStart reports whether the bytes before "mergeCell" open a tag:
// "<" or "<prefix:".
func mergeTagStart(before []byte) bool {
	i := len(before) - 1
	if i >= 0 && before[i] == ':' {
		i--
		for i >= 0 && isNameByte(before[i]) {
			i--
		}
	}
	return i >= 0 && before[i] == '<'
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// refAttr returns the value of the ref attribute in a tag's bytes.
func refAttr(tag []byte) []byte {
	for i := 0; ; {
		j := bytes.Index(tag[i:], []byte("ref"))
		if j < 0 {
			return nil
		}
		k := i + j + 3
		if i+j > 0 && !isXMLSpace(tag[i+j-1]) {
			i = k
			continue
		}
		for k < len(tag) && isXMLSpace(tag[k]) {
			k++
		}
		if k < len(tag) && tag[k] == '=' {
			k++
			for k < len(tag) && isXMLSpace(tag[k]) {
				k++
			}
			if k < len(tag) && (tag[k] == '"' || tag[k] == '\'') {
				if e := bytes.IndexByte(tag[k+1:], tag[k]); e >= 0 {
					return tag[k+1 : k+1+e]
				}
			}
		}
		i = k
	}
}

// parseRangeRef reads "A1:C3" (or a single "B2") into a range.
func parseRangeRef(ref []byte) (cellRange, bool) {
	a, b, found := bytes.Cut(ref, []byte(":"))
	if !found {
		b = a
	}
	c1, r1, ok1 := parseCellRef(a)
	c2, r2, ok2 := parseCellRef(b)
	if !ok1 || !ok2 || r1 == 0 || r2 == 0 {
		return cellRange{}, false
	}
	rg := cellRange{r1: min(r1, r2), r2: max(r1, r2), c1: min(c1, c2), c2: max(c1, c2)}
	return rg, rg.r1 != rg.r2 || rg.c1 != rg.c2
}

// parseCellRef reads "AB12" (or "$AB$12") into a 0-based column and a
// 1-based row. The row is 0 when the reference has none.
func parseCellRef(ref []byte) (col, row int, ok bool) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	letters := 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if letters++; letters > 3 {
			return 0, 0, false
		}
	}
	if letters == 0 || col > maxCols {
		return 0, 0, false
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	digits := 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if digits++; digits > 7 {
			return 0, 0, false
		}
	}
	return col - 1, row, true
}

// mergeIndex applies merged ranges to rows as they stream by, in row order:
// the top-left cell's value is copied into every other cell of its range,
// so a header merged across two columns or a unit merged down five rows is
// seen by each of them.
type mergeIndex struct {
	ranges []cellRange // sorted by first row
	next   int         // first range not yet active
	active []int       // indexes of ranges covering the current row
}

func (m *mergeIndex) apply(rowNum int, cells []Cell) []Cell {
	if m == nil || len(m.ranges) == 0 {
		return cells
	}
	for m.next < len(m.ranges) && m.ranges[m.next].r1 <= rowNum {
		// Merged ranges do not overlap in a sound file, so no row meets
		// more than one per column; a hostile file gets no more.
		if len(m.active) < maxCols {
			m.active = append(m.active, m.next)
		}
		m.next++
	}
	filled := 0
	kept := m.active[:0]
	for _, i := range m.active {
		rg := &m.ranges[i]
		if rg.r2 < rowNum {
			continue
		}
		kept = append(kept, i)
		if rowNum == rg.r1 && !rg.seen {
			rg.seen = true
			if rg.c1 < len(cells) {
				rg.value = cells[rg.c1]
			}
		}
		if rg.value.Kind == CellEmpty || filled > maxCols {
			continue
		}
		filled += rg.c2 - rg.c1 + 1
		for c := rg.c1; c <= rg.c2; c++ {
			if c == rg.c1 && rowNum == rg.r1 {
				continue
			}
			for len(cells) <= c {
				cells = append(cells, Cell{Col: len(cells)})
			}
			v := rg.value
			v.Col = c
			cells[c] = v
		}
	}
	m.active = kept
	return cells
}
