package model

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Granularity is the length of a period.
type Granularity int

// Granularities, finest first so that a larger value is coarser.
const (
	Month Granularity = iota + 1
	Quarter
	Year
)

func (g Granularity) String() string {
	switch g {
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	}
	return "unknown"
}

// ParseGranularity reads "month", "quarter" or "year" (any case).
func ParseGranularity(s string) (Granularity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "month", "monthly", "m":
		return Month, nil
	case "quarter", "quarterly", "q":
		return Quarter, nil
	case "year", "yearly", "annual", "y":
		return Year, nil
	}
	return 0, fmt.Errorf("unknown granularity %q: use month, quarter or year", s)
}

// Period is a calendar month, quarter or year. N is the month (1..12) or
// quarter (1..4), and 0 for a year. The zero Period is "no period".
type Period struct {
	Year int
	Gran Granularity
	N    int
}

// MonthPeriod, QuarterPeriod and YearPeriod build periods.
func MonthPeriod(year, month int) Period     { return Period{Year: year, Gran: Month, N: month} }
func QuarterPeriod(year, quarter int) Period { return Period{Year: year, Gran: Quarter, N: quarter} }
func YearPeriod(year int) Period             { return Period{Year: year, Gran: Year} }

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// String gives the canonical form stored in workspaces: 2024-01, 2024-Q1, 2024.
func (p Period) String() string {
	switch p.Gran {
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	case Year:
		return fmt.Sprintf("%04d", p.Year)
	}
	return ""
}

// Label is the form shown to people: Jan 2024, Q1 2024, 2024.
func (p Period) Label() string {
	switch p.Gran {
	case Month:
		return fmt.Sprintf("%s %d", time.Month(p.N).String()[:3], p.Year)
	case Quarter:
		return fmt.Sprintf("Q%d %d", p.N, p.Year)
	case Year:
		return strconv.Itoa(p.Year)
	}
	return ""
}

// Rollup returns the period of granularity g that contains p. Rolling up to
// a finer granularity is not possible and returns ok false.
func (p Period) Rollup(g Granularity) (Period, bool) {
	if g < p.Gran {
		return Period{}, false
	}
	switch {
	case g == p.Gran:
		return p, true
	case g == Year:
		return YearPeriod(p.Year), true
	default: // month to quarter
		return QuarterPeriod(p.Year, (p.N-1)/3+1), true
	}
}

// Prev returns the period just before p, of the same granularity.
func (p Period) Prev() Period {
	switch p.Gran {
	case Month:
		if p.N == 1 {
			return MonthPeriod(p.Year-1, 12)
		}
		return MonthPeriod(p.Year, p.N-1)
	case Quarter:
		if p.N == 1 {
			return QuarterPeriod(p.Year-1, 4)
		}
		return QuarterPeriod(p.Year, p.N-1)
	}
	return YearPeriod(p.Year - 1)
}

// Next returns the period just after p, of the same granularity.
func (p Period) Next() Period {
	switch p.Gran {
	case Month:
		if p.N == 12 {
			return MonthPeriod(p.Year+1, 1)
		}
		return MonthPeriod(p.Year, p.N+1)
	case Quarter:
		if p.N == 4 {
			return QuarterPeriod(p.Year+1, 1)
		}
		return QuarterPeriod(p.Year, p.N+1)
	}
	return YearPeriod(p.Year + 1)
}

// Start is the first day of p.
func (p Period) Start() time.Time {
	switch p.Gran {
	case Month:
		return time.Date(p.Year, time.Month(p.N), 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		return time.Date(p.Year, time.Month(3*p.N-2), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, 1, 1, 0, 0, 0, 0, time.UTC)
}

// Before orders periods by start date, then finer first.
func (p Period) Before(q Period) bool {
	ps, qs := p.Start(), q.Start()
	if !ps.Equal(qs) {
		return ps.Before(qs)
	}
	return p.Gran < q.Gran
}

// PeriodOf returns the month containing t.
func PeriodOf(t time.Time) Period { return MonthPeriod(t.Year(), int(t.Month())) }

// ExcelSerialToTime converts an Excel serial date (1900 date system) to a time.
func ExcelSerialToTime(serial float64) (time.Time, error) {
	if math.IsNaN(serial) || serial < 1 || serial > 2958465 { // 9999-12-31
		return time.Time{}, fmt.Errorf("%v is not an Excel date", serial)
	}
	// Excel counts from 1899-12-30 once its fictional 1900-02-29 is allowed for.
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	days := math.Floor(serial)
	if serial < 61 {
		days++
	}
	return base.AddDate(0, 0, int(days)), nil
}

// ErrPeriod is wrapped by every period parsing error.
var ErrPeriod = errors.New("not a period")

// Serial dates between these bounds (1954 to 2119) are taken as dates; other
// numbers are years (2024) or yyyymm (202401).
const (
	minSerialDate = 20000
	maxSerialDate = 80000
)

// PeriodFromNumber reads a number from a period cell: a year (2024), a
// yyyymm number (202403) or an Excel serial date (45382).
func PeriodFromNumber(f float64) (Period, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Period{}, fmt.Errorf("%w: %v", ErrPeriod, f)
	}
	if f == math.Trunc(f) {
		n := int(f)
		switch {
		case n >= 1900 && n <= 2200:
			return YearPeriod(n), nil
		case n >= 190001 && n <= 220012 && n%100 >= 1 && n%100 <= 12:
			return MonthPeriod(n/100, n%100), nil
		}
	}
	if f >= minSerialDate && f <= maxSerialDate {
		t, err := ExcelSerialToTime(f)
		if err != nil {
			return Period{}, fmt.Errorf("%w: %v", ErrPeriod, err)
		}
		return PeriodOf(t), nil
	}
	return Period{}, fmt.Errorf("%w: %v is neither a year, a yyyymm number nor an Excel date", ErrPeriod, f)
}

var monthNames = map[string]int{
	"jan": 1, "january": 1, "janvier": 1, "januar": 1, "enero": 1,
	"feb": 2, "february": 2, "fevrier": 2, "februar": 2, "febrero": 2,
	"mar": 3, "march": 3, "mars": 3, "marz": 3, "märz": 3, "marzo": 3,
	"apr": 4, "april": 4, "avril": 4, "abril": 4,
	"may": 5, "mai": 5, "mayo": 5,
	"jun": 6, "june": 6, "juin": 6, "juni": 6, "junio": 6,
	"jul": 7, "july": 7, "juillet": 7, "juli": 7, "julio": 7,
	"aug": 8, "august": 8, "aout": 8, "août": 8, "agosto": 8,
	"sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9,
	"oct": 10, "october": 10, "octobre": 10, "oktober": 10, "okt": 10, "octubre": 10,
	"nov": 11, "november": 11, "novembre": 11, "noviembre": 11,
	"dec": 12, "december": 12, "decembre": 12, "dezember": 12, "dez": 12, "diciembre": 12,
}

var (
	reYear         = regexp.MustCompile(`^(?:fy|cy)?\s*(\d{4})$`)
	reYearQuarter  = regexp.MustCompile(`^(?:fy)?(\d{4})\s*[-/ _.]?\s*q([1-4])$`)
	reQuarterYear  = regexp.MustCompile(`^q([1-4])\s*[-/ _.']?\s*(?:fy)?(\d{4}|\d{2})$`)
	reQuarterWords = regexp.MustCompile(`^([1-4])(?:st|nd|rd|th)?\s*quarter\s*(?:of\s*)?(\d{4})$`)
	reYearMonth    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})$`)
	reMonthYear    = regexp.MustCompile(`^(\d{1,2})[-/.](\d{4})$`)
	reNameYear     = regexp.MustCompile(`^([a-zäéû]+)\.?\s*[-/ ,']?\s*(\d{4}|\d{2})$`)
	reYearName     = regexp.MustCompile(`^(\d{4})\s*[-/ ]?\s*([a-zäéû]+)$`)
	reISODate      = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$`)
	reDMYDate      = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	reSerial       = regexp.MustCompile(`^\d{5}(?:\.\d+)?$`)
)

// ParsePeriod reads a period as people write it: 2024-Q1, Q1 2024, 2024 Q1,
// Jan 2024, January 2024, 2024-01, 01/2024, 2024, FY2024, real dates
// (2024-03-31, 31/03/2024, 31.03.2024) and Excel serial dates as text.
// A date stands for its month. Numeric dates are read day first (01/03/2024
// is March), unless only month first makes sense (03/31/2024).
func ParsePeriod(s string) (Period, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.Join(strings.Fields(t), " ")
	if t == "" {
		return Period{}, fmt.Errorf("%w: empty", ErrPeriod)
	}
	fail := func() (Period, error) {
		return Period{}, fmt.Errorf("%w: %q (use 2024-Q1, Q1 2024, Jan 2024, 2024-01, 2024 or a date)", ErrPeriod, s)
	}
	if m := reYear.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		return checkYear(YearPeriod(y), s)
	}
	if m := reYearQuarter.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		return checkYear(QuarterPeriod(y, q), s)
	}
	if m := reQuarterYear.FindStringSubmatch(t); m != nil {
		q, _ := strconv.Atoi(m[1])
		return checkYear(QuarterPeriod(fullYear(m[2]), q), s)
	}
	if m := reQuarterWords.FindStringSubmatch(t); m != nil {
		q, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		return checkYear(QuarterPeriod(y, q), s)
	}
	if m := reYearMonth.FindStringSubmatch(t); m != nil {
		return monthOf(m[1], m[2], s)
	}
	if m := reMonthYear.FindStringSubmatch(t); m != nil {
		return monthOf(m[2], m[1], s)
	}
	if m := reNameYear.FindStringSubmatch(t); m != nil {
		if mo, ok := monthNames[m[1]]; ok {
			return checkYear(MonthPeriod(fullYear(m[2]), mo), s)
		}
		return fail()
	}
	if m := reYearName.FindStringSubmatch(t); m != nil {
		if mo, ok := monthNames[m[2]]; ok {
			y, _ := strconv.Atoi(m[1])
			return checkYear(MonthPeriod(y, mo), s)
		}
		return fail()
	}
	if m := reISODate.FindStringSubmatch(t); m != nil {
		return dateOf(m[1], m[2], m[3], s)
	}
	if m := reDMYDate.FindStringSubmatch(t); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b > 12 && a <= 12 { // month first: 03/31/2024
			return dateOf(m[3], m[1], m[2], s)
		}
		return dateOf(m[3], m[2], m[1], s)
	}
	if reSerial.MatchString(t) {
		f, _ := strconv.ParseFloat(t, 64)
		return PeriodFromNumber(f)
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		return PeriodFromNumber(f)
	}
	return fail()
}

// fullYear reads a two- or four-digit year; 24 means 2024.
func fullYear(s string) int {
	y, _ := strconv.Atoi(s)
	if len(s) == 2 {
		y += 2000
	}
	return y
}

func checkYear(p Period, s string) (Period, error) {
	if p.Year < 1900 || p.Year > 2200 {
		return Period{}, fmt.Errorf("%w: %q: year %d is out of range", ErrPeriod, s, p.Year)
	}
	return p, nil
}

func monthOf(year, month, s string) (Period, error) {
	y, _ := strconv.Atoi(year)
	m, _ := strconv.Atoi(month)
	if m < 1 || m > 12 {
		return Period{}, fmt.Errorf("%w: %q: month %d does not exist", ErrPeriod, s, m)
	}
	return checkYear(MonthPeriod(y, m), s)
}

func dateOf(year, month, day, s string) (Period, error) {
	d, _ := strconv.Atoi(day)
	if d < 1 || d > 31 {
		return Period{}, fmt.Errorf("%w: %q: day %d does not exist", ErrPeriod, s, d)
	}
	return monthOf(year, month, s)
}

// PeriodKey parses the canonical form written by String; it is strict so that
// stored periods never silently change meaning.
func PeriodKey(s string) (Period, error) {
	p, err := ParsePeriod(s)
	if err != nil || p.String() != s {
		return Period{}, fmt.Errorf("%w: stored period %q is not canonical", ErrPeriod, s)
	}
	return p, nil
}
