package importers

import "time"

// This file is the seam between the two halves of the importer:
//   - the source layer (xlsx.go, csv.go, value.go) opens a file and streams
//     its sheets as rows of typed cells;
//   - the semantic layer (detect.go, header.go, read.go, preview.go) finds
//     each sheet's layout, maps columns and turns rows into observations.

// CellKind says what a cell holds.
type CellKind int

// Cell kinds.
const (
	CellEmpty   CellKind = iota
	CellText             // a string (numbers typed as text stay text here)
	CellNumber           // a plain number
	CellPercent          // a percent-formatted number; Num is in percent points (0.45 -> 45)
	CellDate             // a date (date-formatted number or date type); Time is set, Num is the Excel serial
	CellBool             // TRUE/FALSE
	CellError            // #N/A, #DIV/0! and the like; Text holds the error
)

// Cell is one cell as the importer sees it. For formula cells it is the
// cached value.
type Cell struct {
	Col  int    // 0-based column index
	Text string // trimmed text as the user sees it ("" for empty)
	Kind CellKind
	Num  float64   // for CellNumber, CellPercent, CellDate
	Time time.Time // for CellDate
}

// Row is one spreadsheet row. Cells are dense from column 0; trailing empty
// cells may be trimmed, so a missing index means an empty cell.
type Row struct {
	Index int // xlsx: 1-based row number; csv: 1-based line where the record starts
	Cells []Cell
}

// At returns the cell in column col, or an empty cell.
func (r Row) At(col int) Cell {
	if col >= 0 && col < len(r.Cells) {
		return r.Cells[col]
	}
	return Cell{Col: col}
}

// Empty reports whether every cell of r is empty.
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if c.Kind != CellEmpty {
			return false
		}
	}
	return true
}

// SheetInfo describes a sheet before it is read.
type SheetInfo struct {
	Name   string
	Hidden bool // hidden or very hidden in the workbook
	Chart  bool // a chart sheet: no cells
}

// SheetReader streams one sheet's rows. Next returns io.EOF after the last
// row. Readers skip long runs of empty rows and cap work per sheet, so
// workbooks that claim 1,048,576 rows do not cost a million iterations.
type SheetReader interface {
	Next() (Row, error)
	// Total is the number of rows expected, or -1 when unknown (for progress).
	Total() int64
	Close() error
}

// Book is an opened workbook or csv file (one sheet, named after the file).
type Book interface {
	Format() string // "xlsx" or "csv"
	Sheets() []SheetInfo
	Open(sheet string) (SheetReader, error)
	// DecimalComma reports a csv written in a locale whose decimal mark is a
	// comma (1.234,5); always false for xlsx, whose numbers are typed.
	DecimalComma() bool
	Close() error
}
