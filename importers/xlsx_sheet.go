package importers

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Excel's grid.
const (
	maxCols = 16_384
	maxRows = 1_048_576
)

// maxEmptyCells ends a sheet after this many consecutive empty cell
// elements, in case a few stored rows carry all 16,384 styled columns each.
const maxEmptyCells = 1 << 20

// xlsxSheet streams one worksheet's <sheetData>.
type xlsxSheet struct {
	book   *xlsxBook
	rc     io.ReadCloser
	sc     *xmlScanner
	merges *mergeIndex
	total  int64

	lastRow    int // row number of the last <row> read
	rows       int // rows returned
	emptyRun   int // stored empty rows since the last row with a value
	emptyCells int // empty cell elements since the last value
	width      int // cells in the last row: the next row's capacity
	done       bool
	err        error // sticky

	v, inline []byte // scratch for the cell being read
}

// Next returns the next row holding at least one value. Empty rows are
// skipped (Row.Index shows the gap); after MaxEmptyRun stored empty rows
// in a row the sheet is taken to have ended.
func (s *xlsxSheet) Next() (Row, error) {
	for {
		if s.err != nil {
			return Row{}, s.err
		}
		if s.done {
			return Row{}, io.EOF
		}
		row, err := s.readRow()
		if err != nil {
			s.err = err
			continue
		}
		if s.done {
			continue
		}
		row.Cells = s.merges.apply(row.Index, row.Cells)
		if row.Empty() {
			s.emptyRun++
			if s.emptyRun > s.book.opts.MaxEmptyRun || s.emptyCells > maxEmptyCells {
				s.done = true
			}
			continue
		}
		s.emptyRun, s.emptyCells = 0, 0
		if s.rows++; s.rows > s.book.opts.MaxRowsPerSheet {
			s.err = fmt.Errorf("row %d: %w: a sheet may hold %d rows at most", row.Index, ErrTooManyRows, s.book.opts.MaxRowsPerSheet)
			continue
		}
		return row, nil
	}
}

// Total is the row count the sheet's dimension claims, or -1.
func (s *xlsxSheet) Total() int64 { return s.total }

// Close releases the part's reader.
func (s *xlsxSheet) Close() error {
	s.done = true
	if s.rc == nil {
		return nil
	}
	err := s.rc.Close()
	s.rc = nil
	return err
}

// damaged wraps a parse error with the row it happened near.
func (s *xlsxSheet) damaged(err error) error {
	return fmt.Errorf("row %d: %w", max(s.lastRow, 1), xmlDamage(err))
}

// xmlDamage turns a scanner error into a sentence.
func xmlDamage(err error) error {
	if errors.Is(err, errXMLTooBig) {
		return err
	}
	if zerr := zipDamage(err); zerr != nil {
		return fmt.Errorf("the worksheet is damaged: %w", zerr)
	}
	return fmt.Errorf("the worksheet is damaged (%v)", err)
}

// start reads the part up to <sheetData>, taking the dimension on the way.
func (s *xlsxSheet) start() error {
	s.total = -1
	for {
		kind, err := s.sc.next(false)
		if err != nil {
			return s.damaged(err)
		}
		if kind == tokEOF {
			s.done = true // no sheetData: nothing to read
			return nil
		}
		if kind != tokStart {
			continue
		}
		switch string(s.sc.name) {
		case "dimension":
			// A single-cell dimension ("A1") is what streaming writers put
			// there before they know better: unknown, not one row.
			if rg, ok := parseDimension(s.sc.attrString("ref")); ok && rg.r2 > rg.r1 {
				s.total = int64(rg.r2 - rg.r1 + 1)
			}
		case "sheetData":
			s.done = s.sc.empty
			return nil
		}
	}
}

func parseDimension(ref string) (cellRange, bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found {
		b = a
	}
	_, r1, ok1 := parseCellRef([]byte(a))
	_, r2, ok2 := parseCellRef([]byte(b))
	if !ok1 || !ok2 || r1 < 1 || r2 < r1 {
		return cellRange{}, false
	}
	return cellRange{r1: r1, r2: r2}, true
}

// readRow reads the next <row>; it sets s.done at </sheetData>.
func (s *xlsxSheet) readRow() (Row, error) {
	for {
		kind, err := s.sc.next(false)
		if err != nil {
			return Row{}, s.damaged(err)
		}
		switch {
		case kind == tokEOF:
			return Row{}, s.damaged(io.ErrUnexpectedEOF)
		case kind == tokEnd && string(s.sc.name) == "sheetData":
			s.done = true
			return Row{}, nil
		case kind == tokStart && string(s.sc.name) == "row":
			return s.readCells()
		case kind == tokStart:
			if err := s.sc.skipElement(); err != nil {
				return Row{}, s.damaged(err)
			}
		}
	}
}

// readCells reads the cells of the <row> just started.
func (s *xlsxSheet) readCells() (Row, error) {
	num := s.lastRow + 1
	if r, ok := s.sc.attr("r"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(string(r)))
		if err != nil {
			return Row{}, fmt.Errorf("row %d: the worksheet is damaged (row number %q)", s.lastRow+1, r)
		}
		num = n
	}
	if num < 1 || num > maxRows {
		return Row{}, fmt.Errorf("row %d: the worksheet is damaged (row number %d is outside 1..%d)", s.lastRow+1, num, maxRows)
	}
	s.lastRow = num
	row := Row{Index: num}
	if s.sc.empty {
		return row, nil
	}
	row.Cells = make([]Cell, 0, min(s.width, 256)) // a wide row now and then must not make every row wide
	col := -1
	for {
		kind, err := s.sc.next(false)
		if err != nil {
			return Row{}, s.damaged(err)
		}
		switch {
		case kind == tokEOF:
			return Row{}, s.damaged(io.ErrUnexpectedEOF)
		case kind == tokEnd && string(s.sc.name) == "row":
			s.width = len(row.Cells)
			return row, nil
		case kind == tokStart && string(s.sc.name) == "c":
			col++
			if ref, ok := s.sc.attr("r"); ok {
				c, _, ok := parseCellRef(ref)
				if !ok {
					return Row{}, fmt.Errorf("row %d: the worksheet is damaged (cell reference %q)", num, ref)
				}
				col = c
			}
			if col >= maxCols {
				return Row{}, fmt.Errorf("row %d: the worksheet is damaged (a cell beyond column XFD)", num)
			}
			cell, err := s.readCell(col)
			if err != nil {
				return Row{}, fmt.Errorf("%s%d: %w", columnName(col), num, err)
			}
			if cell.Kind == CellEmpty {
				s.emptyCells++
				continue
			}
			for len(row.Cells) < col {
				row.Cells = append(row.Cells, Cell{Col: len(row.Cells)})
			}
			if col < len(row.Cells) {
				row.Cells[col] = cell // out of order or repeated: the last wins
			} else {
				row.Cells = append(row.Cells, cell)
			}
		case kind == tokStart:
			if err := s.sc.skipElement(); err != nil {
				return Row{}, s.damaged(err)
			}
		}
	}
}

// readCell reads the <c> just started: its type, style and value.
func (s *xlsxSheet) readCell(col int) (Cell, error) {
	sc := s.sc
	typ := ""
	if t, ok := sc.attr("t"); ok {
		typ = cellType(t)
	}
	style := 0
	if v, ok := sc.attr("s"); ok && len(v) > 0 {
		style, _ = strconv.Atoi(string(v))
	}
	if sc.empty {
		return Cell{Col: col}, nil
	}
	s.v, s.inline = s.v[:0], s.inline[:0]
	hasV, hasInline := false, false
	for depth := 1; depth > 0; {
		kind, err := sc.next(false)
		if err != nil {
			return Cell{}, xmlDamage(err)
		}
		switch kind {
		case tokEOF:
			return Cell{}, xmlDamage(io.ErrUnexpectedEOF)
		case tokEnd:
			depth--
		case tokStart:
			switch string(sc.name) {
			case "v":
				hasV = true
				s.v, err = readElementText(sc, s.v)
			case "is":
				hasInline = true
				s.inline, err = readRichText(sc, s.inline)
			default: // <f>, <extLst>: formulas are not computed here
				err = sc.skipElement()
			}
			if err != nil {
				return Cell{}, xmlDamage(err)
			}
		}
	}
	if typ == "inlineStr" || (hasInline && !hasV) {
		if !hasInline || len(s.inline) == 0 {
			return s.textCell(col, s.v), nil
		}
		return s.textCell(col, s.inline), nil
	}
	if !hasV {
		return Cell{Col: col}, nil // a formula without a cached value
	}
	return s.typedCell(col, typ, style)
}

// readElementText returns the character data of the element just started.
func readElementText(sc *xmlScanner, dst []byte) ([]byte, error) {
	if sc.empty {
		return dst, nil
	}
	for {
		kind, err := sc.next(true)
		if err != nil {
			return dst, err
		}
		switch kind {
		case tokEOF:
			return dst, io.ErrUnexpectedEOF
		case tokText:
			dst = append(dst, sc.text...)
		case tokStart:
			if err := sc.skipElement(); err != nil {
				return dst, err
			}
		case tokEnd:
			return dst, nil
		}
	}
}
