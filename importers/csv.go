package importers

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"cxdash/model"
)

// csvBook is a delimited text file: one sheet named after the file.
type csvBook struct {
	path         string
	name         string
	opts         BookOptions
	enc          textEncoding
	comma        rune
	decimalComma bool
	total        int64
}

// maxCSVField bounds one field: Excel holds 32,767 characters per cell, so
// a field of a mebibyte is an unbalanced quote that swallowed the file.
const maxCSVField = 1 << 20

func openCSV(file string, opts BookOptions) (*csvBook, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fileError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileError(err)
	}
	raw := make([]byte, sniffWindow)
	n, err := io.ReadFull(f, raw)
	atEOF := err == io.EOF || err == io.ErrUnexpectedEOF
	if err != nil && !atEOF {
		return nil, fileError(err)
	}
	raw = raw[:n]
	enc := detectEncoding(raw, atEOF)
	decoded := decodeSample(raw, enc)
	if kind, bin := binaryKind(raw, decoded); bin {
		return nil, binaryError(kind)
	}
	var norm strings.Builder
	if _, err := io.Copy(&norm, &normReader{r: strings.NewReader(string(decoded))}); err != nil {
		return nil, fileError(err)
	}
	sample := norm.String()
	if !atEOF {
		if i := strings.LastIndexByte(sample, '\n'); i >= 0 {
			sample = sample[:i+1]
		}
	}
	b := &csvBook{
		path: file,
		name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)),
		opts: opts,
		enc:  enc,
	}
	b.comma = detectDelimiter(sample, atEOF)
	recs := sampleRecords(sample, b.comma, atEOF, 200)
	b.decimalComma = detectDecimalComma(recs, b.comma)
	b.total = estimateRows(len(sampleRecords(sample, b.comma, true, -1)), n, st.Size(), atEOF)
	return b, nil
}

// estimateRows is Total for a csv: exact when the sample was the whole
// file, else the file size over the sample's bytes per record.
func estimateRows(records, sampled int, size int64, atEOF bool) int64 {
	switch {
	case atEOF:
		return int64(records)
	case records == 0 || sampled == 0:
		return -1
	}
	return int64(float64(size) / (float64(sampled) / float64(records)))
}

// Format returns "csv".
func (b *csvBook) Format() string { return "csv" }

// Sheets returns the one sheet, named after the file.
func (b *csvBook) Sheets() []SheetInfo { return []SheetInfo{{Name: b.name}} }

// DecimalComma reports the locale guess of detectDecimalComma.
func (b *csvBook) DecimalComma() bool { return b.decimalComma }

// Close has nothing to release: each sheet reader owns its file.
func (b *csvBook) Close() error { return nil }

// Open starts reading the file from the top.
func (b *csvBook) Open(sheet string) (r SheetReader, err error) {
	defer recoverAs(&err, "the file could not be read")
	if sheet != b.name {
		return nil, fmt.Errorf("no sheet named %q", sheet)
	}
	f, err := os.Open(b.path)
	if err != nil {
		return nil, fileError(err)
	}
	if _, err := f.Seek(int64(b.enc.bom), io.SeekStart); err != nil {
		f.Close()
		return nil, fileError(err)
	}
	var in io.Reader = bufio.NewReaderSize(f, 64<<10)
	if b.enc.dec != nil {
		in = b.enc.dec.NewDecoder().Reader(in)
	}
	cr := csv.NewReader(&normReader{r: in})
	cr.Comma = b.comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return safeReader{&csvSheet{book: b, f: f, r: cr}}, nil
}

// csvSheet streams the records of a csv file as rows of text cells.
type csvSheet struct {
	book  *csvBook
	f     *os.File
	r     *csv.Reader
	rows  int
	width int
	err   error
}

// Next returns the next record with at least one non-blank field. Every
// cell is CellText (or CellEmpty): numbers are parsed by the caller with
// ParseNumber and the book's DecimalComma. Row.Index is the line where the
// record starts.
func (s *csvSheet) Next() (Row, error) {
	for {
		if s.err != nil {
			return Row{}, s.err
		}
		rec, err := s.r.Read()
		if err == io.EOF {
			s.err = io.EOF
			continue
		}
		line, _ := s.r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				err = pe.Err
			}
			s.err = fmt.Errorf("line %d: the file cannot be read as csv (%v)", line, err)
			continue
		}
		if len(rec) > maxCols {
			s.err = fmt.Errorf("line %d: %d fields, more than the %d columns a sheet can hold", line, len(rec), maxCols)
			continue
		}
		row := Row{Index: line, Cells: make([]Cell, 0, min(len(rec), s.width+1))}
		for i, field := range rec {
			if len(field) > maxCSVField {
				s.err = fmt.Errorf("line %d, field %d: more than %s characters in one field, where a spreadsheet cell holds 32,767 at most "+
					"(an unbalanced quote?)", line, i+1, model.FormatCount(maxCSVField))
				break
			}
			text := s.fieldText(field)
			if text == "" {
				continue
			}
			for len(row.Cells) < i {
				row.Cells = append(row.Cells, Cell{Col: len(row.Cells)})
			}
			row.Cells = append(row.Cells, Cell{Col: i, Kind: CellText, Text: text})
		}
		if s.err != nil {
			continue
		}
		if len(row.Cells) == 0 {
			continue // a blank record: ",,," or spaces only
		}
		s.width = len(row.Cells)
		if s.rows++; s.rows > s.book.opts.MaxRowsPerSheet {
			s.err = fmt.Errorf("line %d: %w: a file may hold %d rows at most", line, ErrTooManyRows, s.book.opts.MaxRowsPerSheet)
			continue
		}
		return row, nil
	}
}

// fieldText trims a field and repairs bytes that are not UTF-8: a file
// that looked like UTF-8 at the top may hold Windows-1252 text further
// down, as files edited by hand or pasted together do.
func (s *csvSheet) fieldText(field string) string {
	if s.book.enc.cp1252 && !utf8.ValidString(field) {
		if fixed, err := charmap.Windows1252.NewDecoder().String(field); err == nil {
			field = fixed
		}
	}
	return trimSpace(field)
}

// Total estimates the number of records (see estimateRows).
func (s *csvSheet) Total() int64 { return s.book.total }

// Close closes the file.
func (s *csvSheet) Close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	if s.err == nil {
		s.err = io.EOF
	}
	return err
}
