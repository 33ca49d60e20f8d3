package importers

import (
	"math"
	"strings"
	"time"
)

// numClass is what a cell's number format makes of a number.
type numClass uint8

const (
	numPlain   numClass = iota
	numPercent          // shown as a percentage: Num = raw*100
	numDate             // a date, a time or both
)

// numStyle is the part of a cell style the importer needs, computed once
// per workbook for every entry of cellXfs so that typing a cell is an index
// lookup.
type numStyle struct {
	class numClass
	// For dates, what the format shows, so Cell.Text says "2024-03" for a
	// "mmm yy" cell rather than a day the user never saw.
	hasDate, hasDay, hasMonth, hasYear, hasTime bool
}

// builtinFormat classifies the number formats Excel knows by id alone.
// 14-22 and 45-47 are the locale-independent dates and times; 27-36 and
// 50-58 are dates in East Asian locales.
func builtinFormat(id int) (numStyle, bool) {
	switch {
	case id == 9 || id == 10:
		return numStyle{class: numPercent}, true
	case id == 14 || id == 15 || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58):
		return dateStyle(true, true, true, id == 22), true
	case id == 16: // d-mmm
		return dateStyle(true, true, false, false), true
	case id == 17: // mmm-yy
		return dateStyle(false, true, true, false), true
	case (id >= 18 && id <= 21) || (id >= 45 && id <= 47):
		return numStyle{class: numDate, hasTime: true}, true
	}
	return numStyle{}, false
}

func dateStyle(day, month, year, tm bool) numStyle {
	return numStyle{class: numDate, hasDate: true, hasDay: day, hasMonth: month, hasYear: year, hasTime: tm}
}

// classifyFormat decides from a format code whether numbers in it are
// dates, percentages or plain numbers. Only the first section (positive
// numbers) counts. Text in quotes, escaped characters (\x), the character
// after _ and * (padding), and bracketed parts ([Red], [$€-407]) are not
// format tokens; elapsed-time brackets ([h], [mm], [ss]) are durations and
// stay numbers. A date token is one of y, m, d, h, s (any case); 'm' is
// minutes when it follows h or precedes s, else months.
func classifyFormat(code string) numStyle {
	var tokens []byte // the format letters and '%', in order
	inQuote := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			if c == '"' {
				inQuote = false
			}
		case c == '"':
			inQuote = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal
		case c == '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				break
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				return numStyle{} // elapsed time: a duration, not a date
			}
			i += j
		case c == ';':
			i = len(code) // first section only
		case c == 'a' || c == 'A':
			// AM/PM and A/P mark a time; they must not read as months.
			low := strings.ToLower(code[i:])
			if strings.HasPrefix(low, "am/pm") {
				tokens, i = append(tokens, 'a'), i+4
			} else if strings.HasPrefix(low, "a/p") {
				tokens, i = append(tokens, 'a'), i+2
			}
		default:
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			switch c {
			case 'y', 'm', 'd', 'h', 's', 'e', '%':
				tokens = append(tokens, c)
			case 'b':
				// "b" and "bb" are Buddhist-era years; ignore otherwise.
				if i+1 < len(code) && (code[i+1] == 'b' || code[i+1] == 'B') {
					tokens = append(tokens, 'y')
				}
			}
		}
	}
	var st numStyle
	for i, c := range tokens {
		switch c {
		case 'y':
			st.hasYear = true
		case 'e': // "e": era year in East Asian formats
			if hasAny(tokens, "mdy") {
				st.hasYear = true
			}
		case 'd':
			st.hasDay = true
		case 'h', 's', 'a':
			st.hasTime = true
		case 'm':
			if minuteToken(tokens, i) {
				st.hasTime = true
			} else {
				st.hasMonth = true
			}
		case '%':
			st.class = numPercent
		}
	}
	st.hasDate = st.hasYear || st.hasMonth || st.hasDay
	if st.hasDate || st.hasTime {
		st.class = numDate
	}
	return st
}

func hasAny(tokens []byte, set string) bool {
	for _, c := range tokens {
		if strings.IndexByte(set, c) >= 0 {
			return true
		}
	}
	return false
}

// minuteToken reports whether the 'm' run holding tokens[i] means minutes:
// right after an hour or right before a second.
func minuteToken(tokens []byte, i int) bool {
	j := i
	for j > 0 && tokens[j-1] == 'm' {
		j--
	}
	k := i
	for k+1 < len(tokens) && tokens[k+1] == 'm' {
		k++
	}
	if k-j+1 > 2 {
		return false // "mmm" and longer are month names
	}
	return (j > 0 && tokens[j-1] == 'h') || (k+1 < len(tokens) && tokens[k+1] == 's')
}

// Excel's two date systems. In the 1900 system serial 1 is 1900-01-01 and
// serial 60 is the 29 February 1900 that Lotus 1-2-3 invented; from 61 on,
// dates count from 1899-12-30, as do times of day alone (serials below 1).
// The 1904 system counts from 1904-01-01.
var (
	epoch1900     = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1900Leap = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	epoch1904     = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// maxSerial is 9999-12-31, the last day Excel shows.
const maxSerial = 2958465.99999

// serialToTime converts an Excel serial number to a time in UTC, rounded to
// the millisecond (serials carry float noise such as 0.99999999999).
func serialToTime(v float64, date1904 bool) (time.Time, bool) {
	if math.IsNaN(v) || v < 0 || v > maxSerial {
		return time.Time{}, false
	}
	base := epoch1900
	switch {
	case date1904:
		base = epoch1904
	case v >= 1 && v < 61:
		base = epoch1900Leap
	}
	const msPerDay = 86_400_000
	ms := int64(math.Round(v * msPerDay))
	days := ms / msPerDay
	return base.AddDate(0, 0, int(days)).Add(time.Duration(ms-days*msPerDay) * time.Millisecond), true
}

// timeToSerial is the inverse of serialToTime.
func timeToSerial(t time.Time, date1904 bool) float64 {
	t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	base := epoch1900
	if date1904 {
		base = epoch1904
	}
	// Seconds, not t.Sub: a Duration overflows after 292 years.
	days := (float64(t.Unix()-base.Unix()) + float64(t.Nanosecond())/1e9) / 86400
	if !date1904 && days >= 1 && days < 61 {
		days--
	}
	return days
}

// dateText renders a date cell the way its format shows it, in ISO order:
// "2024-03-15", "2024-03", "2024", "14:30", "2024-03-15 14:30".
func dateText(t time.Time, st numStyle) string {
	withTime := st.hasTime || (st.hasDay && (t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0))
	layout := ""
	switch {
	case !st.hasDate:
		withTime = true // a time of day alone
	case st.hasDay:
		layout = "2006-01-02"
	case st.hasMonth:
		layout = "2006-01"
	default:
		layout = "2006"
	}
	if withTime {
		tl := "15:04"
		if t.Second() != 0 {
			tl = "15:04:05"
		}
		if layout == "" {
			layout = tl
		} else {
			layout += " " + tl
		}
	}
	return t.Format(layout)
}
