package importers

import "cxdash/model"

// Checks on the cells below a header candidate: whether a column holds
// periods, disciplines, numbers or text.

// cellIsPeriod says whether a data cell holds a period, for checking the
// contents of a column whose header only suggests a period.
func cellIsPeriod(c Cell) bool {
	switch c.Kind {
	case CellDate:
		return true
	case CellNumber:
		_, err := model.PeriodFromNumber(c.Num)
		return err == nil
	case CellText:
		_, err := model.ParsePeriod(c.Text)
		return err == nil
	}
	return false
}

// contentMatches reports whether most non-blank cells of column c in rows
// pass ok; a column with no such cells matches.
func contentMatches(rows []Row, c int, ok func(Cell) bool) bool {
	yes, no := 0, 0
	for _, r := range rows {
		cell := r.At(c)
		switch {
		case blankCell(cell):
		case ok(cell):
			yes++
		default:
			no++
		}
	}
	return yes >= no
}

func cellIsDiscipline(c Cell) bool {
	_, ok := model.ParseDiscipline(c.Text)
	return ok
}

// countNumeric counts numeric cells in columns cols of rows, and reports
// whether those columns hold nothing but blanks there.
func countNumeric(rows []Row, cols []int, env detectEnv) (numeric int, allBlank bool) {
	allBlank = true
	other := 0
	for _, r := range rows {
		for _, c := range cols {
			cell := r.At(c)
			switch {
			case blankCell(cell):
			case isNumericCell(cell, env.decimalComma):
				numeric++
				allBlank = false
			default:
				other++
				allBlank = false
			}
		}
	}
	if numeric < other {
		return 0, allBlank
	}
	return numeric, allBlank
}

// mostlyText reports whether column c of rows holds more text than numbers.
func mostlyText(rows []Row, c int, env detectEnv) bool {
	text, other := 0, 0
	for _, r := range rows {
		cell := r.At(c)
		switch {
		case blankCell(cell):
		case cell.Kind == CellText && !isNumericCell(cell, env.decimalComma):
			text++
		default:
			other++
		}
	}
	return text > 0 && text >= other
}

// blankCell is an empty cell, an error value or a blank marker (n/a, -).
func blankCell(c Cell) bool {
	switch c.Kind {
	case CellEmpty, CellError:
		return true
	case CellText:
		return IsBlank(c.Text)
	}
	return false
}

func isNumericCell(c Cell, decimalComma bool) bool {
	switch c.Kind {
	case CellNumber, CellPercent:
		return true
	case CellText:
		_, _, err := ParseNumber(c.Text, decimalComma)
		return err == nil
	}
	return false
}
