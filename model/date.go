package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DateOrder says how to read a date written with numbers only, such as
// 03/04/2024: day first (most of the world) or month first (the US).
type DateOrder int

// Date orders. DateOrderUnknown refuses a date that reads both ways.
const (
	DateOrderUnknown DateOrder = iota
	DayFirst
	MonthFirst
)

var (
	isoDate     = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$`)
	numericDate = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: .*)?$`)
)

// namedDateLayouts are dates with the month's name, which read one way only.
var namedDateLayouts = []string{
	"2 Jan 2006", "2 January 2006", "Jan 2, 2006", "January 2, 2006", "Jan 2 2006",
	"January 2 2006", "2-Jan-2006", "2-Jan-06", "Mon, 2 Jan 2006", "Monday, 2 January 2006",
	"Monday, January 2, 2006", "2. January 2006", "2. Jan 2006",
}

// ParseDate reads a calendar date from a cell's text: ISO (2024-03-31,
// with or without a time), numbers in the given order (31/03/2024 or
// 03/31/2024; a part above 12 settles the order whatever is given), month
// names in English ("31 Mar 2024", "March 31, 2024"), or an Excel serial
// number (45382). The date is returned at midnight UTC, in the years
// 1900..2999 whatever way it was written, so that its ISO form parses back.
func ParseDate(s string, order DateOrder) (time.Time, error) {
	t, err := parseDate(strings.TrimSpace(s), order)
	if err == nil && (t.Year() < 1900 || t.Year() > 2999) {
		return time.Time{}, fmt.Errorf("%q is not a date: the year %d is out of range", strings.TrimSpace(s), t.Year())
	}
	return t, err
}

func parseDate(s string, order DateOrder) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("date is blank")
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return civilDate(s, atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := numericDate.FindStringSubmatch(s); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), fullYear(m[3])
		switch {
		case a < 1 || b < 1 || (a > 12 && b > 12):
			return time.Time{}, fmt.Errorf("%q is not a date (write it as 2024-03-31 or 31 Mar 2024)", s)
		case a > 12 && b <= 12:
			return civilDate(s, y, b, a)
		case b > 12 && a <= 12:
			return civilDate(s, y, a, b)
		case a == b:
			return civilDate(s, y, a, a)
		case order == DayFirst:
			return civilDate(s, y, b, a)
		case order == MonthFirst:
			return civilDate(s, y, a, b)
		}
		return time.Time{}, fmt.Errorf("date %q reads as %d %s or %d %s: write it as %04d-%02d-%02d or %d %s %d",
			s, a, time.Month(b).String()[:3], b, time.Month(a).String()[:3], y, b, a, a, time.Month(b).String()[:3], y)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 1 || f >= 2958466 {
			return time.Time{}, fmt.Errorf("%q is not a date", s)
		}
		t, err := ExcelSerialToTime(f)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a date: %v", s, err)
		}
		return Day(t), nil
	}
	norm := strings.Join(strings.Fields(strings.ReplaceAll(s, "Sept ", "Sep ")), " ")
	for _, layout := range namedDateLayouts {
		if t, err := time.Parse(layout, norm); err == nil {
			return Day(t), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (write it as 2024-03-31 or 31 Mar 2024)", s)
}

// civilDate builds a date and refuses impossible ones (31 February).
func civilDate(s string, y, m, d int) (time.Time, error) {
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(m) {
		return time.Time{}, fmt.Errorf("%q is not a date: %s has no day %d", s, time.Month(m), d)
	}
	return t, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
