package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"cxdash/model"
)

// valueState is what a value cell held.
type valueState uint8

const (
	valueOK    valueState = iota
	valueBlank            // empty, n/a, - or #N/A: skipped and counted
	valueBad              // not a number: a problem
)

// cellValue reads a number. Percent rule: a percent-formatted cell already
// holds percent points (the source layer turns 0.45 into 45) and "45%" as
// text reads as 45, so a value shown with a percent sign is stored in
// percent points whatever the metric.
func (r *run) cellValue(c Cell) (float64, valueState) {
	switch c.Kind {
	case CellNumber, CellPercent:
		if math.IsNaN(c.Num) || math.IsInf(c.Num, 0) {
			return 0, valueBad
		}
		return c.Num, valueOK
	case CellEmpty:
		return 0, valueBlank
	case CellError:
		// #N/A is how spreadsheets say "not available"; #DIV/0!, #REF! and
		// the like are broken formulas whose value nobody knows.
		if IsBlank(c.Text) {
			return 0, valueBlank
		}
		return 0, valueBad
	case CellText:
		if IsBlank(c.Text) {
			return 0, valueBlank
		}
		v, _, err := ParseNumber(c.Text, r.decComma)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, valueBad
		}
		return v, valueOK
	}
	return 0, valueBad // dates and booleans are not values
}

// notNumber says why a cell is not a number: `Value "abc" is not a number`.
func notNumber(field string, c Cell) string {
	switch c.Kind {
	case CellDate:
		return fmt.Sprintf("%s %s is a date, not a number", field, quoteCell(c.Text))
	case CellBool:
		return fmt.Sprintf("%s %s is TRUE/FALSE, not a number", field, c.Text)
	case CellError:
		return fmt.Sprintf("%s shows the formula error %s: fix the formula or clear the cell", field, c.Text)
	}
	return fmt.Sprintf("%s %s is not a number", field, quoteCell(c.Text))
}

// periodResult is a cached reading of a period text.
type periodResult struct {
	p   model.Period
	msg string // the problem, "" when p is good
}

const periodHint = "use 2024-Q1, Q1 2024, Jan 2024, 2024-01, 2024 or a date"

// cellPeriod reads a period cell: a date stands for its month, a number is a
// year, yyyymm or Excel serial date, and text is parsed once per distinct
// spelling. It returns the problem when the cell is not a period.
func (r *run) cellPeriod(c Cell) (model.Period, string) {
	switch c.Kind {
	case CellDate:
		if !c.Time.IsZero() {
			return model.PeriodOf(c.Time), ""
		}
		return numberPeriod(c.Num)
	case CellNumber:
		return numberPeriod(c.Num)
	case CellText:
		if res, ok := r.periods[c.Text]; ok {
			return res.p, res.msg
		}
		var res periodResult
		p, err := model.ParsePeriod(c.Text)
		if err != nil {
			res.msg = textPeriodProblem(c.Text, err)
		} else {
			res.p = p
		}
		if len(r.periods) < maxCache {
			r.periods[c.Text] = res
		}
		return res.p, res.msg
	case CellEmpty:
		return model.Period{}, "Period is empty"
	}
	return model.Period{}, fmt.Sprintf("Period %s is not a period: %s", quoteCell(c.Text), periodHint)
}

func numberPeriod(f float64) (model.Period, string) {
	p, err := model.PeriodFromNumber(f)
	if err != nil {
		return model.Period{}, fmt.Sprintf("Period %s is not a period: use a year (2024), yyyymm (202403), a date or text such as 2024-Q1", formatValue(f))
	}
	return p, ""
}

// textPeriodProblem keeps ParsePeriod's detail ("month 13 does not exist")
// and drops its repetition of the text.
func textPeriodProblem(text string, err error) string {
	msg := err.Error()
	if strings.Contains(msg, "(use") {
		return fmt.Sprintf("Period %s is not a period: %s", quoteCell(text), periodHint)
	}
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return fmt.Sprintf("Period %s is not a period: %s", quoteCell(text), msg)
}

// splitPeriod reads a period held in two cells, a year and a month or
// quarter ("2024" and "Q1", "Mar" or 3).
func (r *run) splitPeriod(yc, pc Cell, quarter bool) (model.Period, string) {
	yp, msg := r.cellPeriod(yc)
	if msg != "" {
		return yp, msg
	}
	y := yp.Year
	switch {
	case pc.Kind == CellEmpty || (pc.Kind == CellText && IsBlank(pc.Text)):
		return yp, "" // a yearly value
	case pc.Kind == CellDate:
		return r.cellPeriod(pc) // a full date in the Month column
	}
	n, isNum := 0, false
	switch pc.Kind {
	case CellNumber:
		n, isNum = int(pc.Num), pc.Num == math.Trunc(pc.Num)
	case CellText:
		if v, err := strconv.Atoi(pc.Text); err == nil {
			n, isNum = v, true
		}
	}
	if isNum {
		switch {
		case quarter && n >= 1 && n <= 4:
			return model.QuarterPeriod(y, n), ""
		case !quarter && n >= 1 && n <= 12:
			return model.MonthPeriod(y, n), ""
		}
		return model.Period{}, fmt.Sprintf("Period %s in %d is not a month or quarter", quoteCell(pc.Text), y)
	}
	if p, msg := r.cellPeriod(pc); msg == "" && p.Year == y {
		return p, "" // "Jan 2024" in the Month column
	}
	return r.cellPeriod(Cell{Kind: CellText, Text: pc.Text + " " + strconv.Itoa(y)})
}

// disciplineList names the six disciplines for problems.
var disciplineList = func() string {
	var names []string
	for _, d := range model.DefaultFramework().Disciplines {
		names = append(names, d.Name)
	}
	return strings.Join(names, ", ")
}()

// cellDiscipline reads a discipline cell; "" when it is blank. It returns the
// problem when the text names no discipline.
func (r *run) cellDiscipline(c Cell) (string, string) {
	if c.Kind == CellEmpty || c.Text == "" {
		return "", ""
	}
	key, ok := r.discs[c.Text]
	if !ok {
		key, _ = model.ParseDiscipline(c.Text)
		if key == "" && IsBlank(c.Text) {
			key = blankDiscipline
		}
		if len(r.discs) < maxCache {
			r.discs[c.Text] = key
		}
	}
	switch key {
	case blankDiscipline:
		return "", ""
	case "":
		return "", fmt.Sprintf("Discipline %s is not one of %s", quoteCell(c.Text), disciplineList)
	}
	return key, ""
}

// blankDiscipline marks a cached discipline text that means "none" (n/a).
const blankDiscipline = "\x00blank"

// cellUnit reads a business unit; a row that names none (empty, n/a, -)
// counts for all units. Units are few, so their texts are cached.
func (r *run) cellUnit(c Cell) string {
	if c.Kind == CellEmpty || c.Text == "" {
		return model.AllUnits
	}
	if u, ok := r.units[c.Text]; ok {
		return u
	}
	u := c.Text
	if IsBlank(u) {
		u = model.AllUnits
	}
	if len(r.units) < maxCache {
		r.units[c.Text] = u
	}
	return u
}

// formatValue prints a number the short way: 45, 3.5, -0.25.
func formatValue(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
