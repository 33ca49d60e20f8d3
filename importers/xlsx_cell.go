package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Typing a cell: what its t attribute and number format make of <v>.

// cellType maps a t attribute to a constant string, so that reading it
// does not allocate.
func cellType(t []byte) string {
	for _, k := range [...]string{"s", "str", "inlineStr", "b", "e", "d", "n"} {
		if string(t) == k {
			return k
		}
	}
	return ""
}

func (s *xlsxSheet) textCell(col int, b []byte) Cell {
	t := cellText(b)
	if t == "" {
		return Cell{Col: col}
	}
	return Cell{Col: col, Kind: CellText, Text: t}
}

// typedCell makes a cell of a <v> value by the cell's type and style.
func (s *xlsxSheet) typedCell(col int, typ string, style int) (Cell, error) {
	v := s.v
	switch typ {
	case "s":
		if len(v) == 0 {
			return Cell{Col: col}, nil // <v></v>: written by some tools for ""
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil {
			return Cell{}, fmt.Errorf("the shared string index %q is not a number: the workbook is damaged", v)
		}
		sst, err := s.book.sharedStrings()
		if err != nil {
			return Cell{}, err
		}
		text, ok := sst.get(i)
		if !ok {
			return Cell{}, fmt.Errorf("shared string %d is missing: the workbook is damaged", i)
		}
		if text == "" {
			return Cell{Col: col}, nil
		}
		return Cell{Col: col, Kind: CellText, Text: text}, nil
	case "str", "inlineStr":
		return s.textCell(col, v), nil
	case "b":
		b := strings.TrimSpace(string(v))
		if b == "1" || strings.EqualFold(b, "true") {
			return Cell{Col: col, Kind: CellBool, Text: "TRUE", Num: 1}, nil
		}
		return Cell{Col: col, Kind: CellBool, Text: "FALSE"}, nil
	case "e":
		c := s.textCell(col, v)
		if c.Kind == CellText {
			c.Kind = CellError
		}
		return c, nil
	case "d":
		return s.isoDateCell(col, style), nil
	}
	raw := strings.TrimSpace(string(v))
	if raw == "" {
		return Cell{Col: col}, nil
	}
	num, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(num, 0) || math.IsNaN(num) {
		return Cell{Col: col, Kind: CellText, Text: cellText(v)}, nil // not a number after all
	}
	st := s.book.style(style)
	switch st.class {
	case numPercent:
		p := round15(num * 100)
		return Cell{Col: col, Kind: CellPercent, Num: p, Text: formatNumber(p) + "%"}, nil
	case numDate:
		if t, ok := serialToTime(num, s.book.date1904); ok {
			return Cell{Col: col, Kind: CellDate, Num: num, Time: t, Text: dateText(t, st)}, nil
		}
	}
	if significantDigits(raw) > 15 {
		num = round15(num)
		raw = formatNumber(num)
	} else if strings.ContainsAny(raw, "eE+") {
		raw = formatNumber(num) // 1E-3 reads 0.001
	}
	return Cell{Col: col, Kind: CellNumber, Num: num, Text: raw}, nil
}

// isoDateCell reads a t="d" cell: an ISO 8601 date, time or both.
func (s *xlsxSheet) isoDateCell(col, style int) Cell {
	raw := strings.TrimSpace(string(s.v))
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02", "15:04:05.999999999"} {
		t, err := time.Parse(layout, raw)
		if err != nil {
			continue
		}
		if layout == "15:04:05.999999999" { // a time of day: day 0
			t = time.Date(1899, 12, 30, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		}
		st := s.book.style(style)
		if st.class != numDate {
			st = dateStyle(true, true, true, t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0)
		}
		return Cell{Col: col, Kind: CellDate, Time: t, Num: timeToSerial(t, s.book.date1904), Text: dateText(t, st)}
	}
	return s.textCell(col, s.v)
}

// significantDigits counts the mantissa digits of a decimal number, leading
// zeros aside.
func significantDigits(s string) int {
	n, lead := 0, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 'e' || c == 'E' {
			break
		}
		if c < '0' || c > '9' || (lead && c == '0') {
			continue
		}
		lead = false
		n++
	}
	return n
}

// round15 rounds to the 15 significant digits Excel keeps, so that
// 0.07*100 is 7 and a stored 0.30000000000000004 reads as 0.3.
func round15(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// formatNumber writes a number without an exponent where that stays short.
func formatNumber(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// columnName returns the letters of a 0-based column: 0 -> A, 26 -> AA.
func columnName(col int) string {
	var b [4]byte
	i := len(b)
	for n := col + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	return string(b[i:])
}
