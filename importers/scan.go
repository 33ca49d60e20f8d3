package importers

import (
	"errors"
	"fmt"
	"io"
)

// Streaming a sheet: its first rows for detection, then the rest.

// maxOpenSheets is how many sheets keep their reader open between
// detection and reading; reopening costs another pass over a sheet's XML.
const maxOpenSheets = 8

// scanHead buffers a sheet's first non-empty rows for detection. The reader
// stays open, within maxOpenSheets, for reading the rest later.
func (r *run) scanHead(s *sheetScan) error {
	rd, err := r.book.Open(s.info.Name)
	if err != nil {
		return err
	}
	s.total = rd.Total()
	for len(s.rows) < headerScanRows+sampleRows {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			s.eof = true
			break
		}
		if err != nil {
			rd.Close()
			return err
		}
		s.lastRow = row.Index
		if row.Empty() {
			continue
		}
		row.Cells = append([]Cell(nil), row.Cells...) // readers may reuse the slice
		s.rows = append(s.rows, row)
	}
	if s.eof || r.open >= maxOpenSheets {
		return rd.Close()
	}
	s.rd = rd
	r.open++
	return nil
}

// release closes a sheet's reader, if still open.
func (r *run) release(s *sheetScan) {
	if s.rd != nil {
		s.rd.Close()
		s.rd = nil
		r.open--
	}
}

// readSheet reads the rows below a sheet's header.
func (r *run) readSheet(s *sheetScan) error {
	if s.lay.layout == LayoutSurvey {
		return r.readSurvey(s)
	}
	p := newSheetProc(r, s)
	err := r.eachRow(s, p.dispatch)
	p.checkRatings()
	r.res.Values += s.sr.Values
	r.res.Skipped += s.sr.Skipped
	return err
}

// eachRow calls fn for every row below the header: the buffered ones, then
// the rest of the sheet from a fresh reader.
func (r *run) eachRow(s *sheetScan, fn func(Row) error) error {
	for _, row := range s.rows[s.lay.headerPos+1:] {
		if err := r.tick(fn, row); err != nil {
			return err
		}
	}
	if s.eof {
		return nil
	}
	rd := s.rd
	if rd == nil {
		var err error
		if rd, err = r.book.Open(s.info.Name); err != nil {
			r.sheetProblem(s, "", fmt.Sprintf("cannot read this sheet: %v", err))
			return nil
		}
	} else {
		s.rd = nil
		r.open--
	}
	defer rd.Close()
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			r.sheetProblem(s, "", fmt.Sprintf("cannot read this sheet after row %d: %v", s.lastRow, err))
			return nil
		}
		if row.Index <= s.lastRow {
			continue
		}
		s.lastRow = row.Index
		if row.Empty() {
			continue
		}
		if err := r.tick(fn, row); err != nil {
			return err
		}
	}
}

// tick runs fn on a row and, every progressEvery rows, checks ctx and
// reports progress.
func (r *run) tick(fn func(Row) error, row Row) error {
	r.done++
	r.sinceTick++
	if r.sinceTick >= progressEvery {
		r.sinceTick = 0
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if r.opts.Progress != nil {
			r.opts.Progress(r.done, r.total)
		}
	}
	return fn(row)
}
