package importers

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseNumber reads a number as people type it into a cell or a csv file:
// " 3 ", "1,234.5", "1.234,5", "3,5", "45%" (45, percent=true), "(12)"
// (accounting negative, -12), "−3" (unicode minus), "+3", "1 234,5" (space,
// no-break space, thin space or apostrophe between groups of three digits),
// "1.5E3", and a currency sign before or after the number (€ $ £ ¥).
// Anything else is an error: "abc", "3..4", "1,2,3", "12 34".
//
// Which of '.' and ',' is the decimal mark:
//   - both present: the last one is the decimal mark and the other groups
//     thousands ("1.234,5" and "1,234.5" are both 1234.5), whatever
//     decimalComma says;
//   - several of the same: they group thousands ("1,234,567", "1.234.567");
//   - one comma, decimalComma=false: "1,234" (exactly three digits after it)
//     is one thousand two hundred thirty-four, "3,5" and "3,14159" are
//     decimals;
//   - one comma, decimalComma=true: always the decimal mark ("1,234" is
//     1.234);
//   - one dot, decimalComma=false: always the decimal mark;
//   - one dot, decimalComma=true: groups thousands when exactly three digits
//     follow ("1.234" is 1234), else it is the decimal mark ("3.5").
//
// Groups after the first must have exactly three digits, so "1,2,3" and
// "12,34,567" are errors rather than guesses.
func ParseNumber(s string, decimalComma bool) (v float64, percent bool, err error) {
	s = trimSpace(s)
	if s == "" {
		return 0, false, errNotNumber
	}
	neg, signed := false, false
	if t, ok := strings.CutSuffix(s, "%"); ok {
		percent, s = true, trimSpace(t)
	}
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		neg, signed, s = true, true, trimSpace(s[1:len(s)-1])
		if t, ok := strings.CutSuffix(s, "%"); ok && !percent {
			percent, s = true, trimSpace(t)
		}
	}
	currency := false
	for range 2 { // "-$12" and "$-12"
		if t, ok := cutCurrencyPrefix(s); ok && !currency {
			currency, s = true, trimSpace(t)
		}
		if t, minus, ok := cutSign(s); ok {
			if signed {
				return 0, false, errNotNumber
			}
			neg, signed, s = minus, true, trimSpace(t)
		}
	}
	if t, ok := cutCurrencySuffix(s); ok && !currency {
		currency, s = true, trimSpace(t)
	}
	if currency && percent {
		return 0, false, errNotNumber
	}
	num, ok := canonicalNumber(s, decimalComma)
	if !ok {
		return 0, false, errNotNumber
	}
	v, err = strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false, errNotNumber
	}
	if neg {
		v = -v
	}
	return v, percent, nil
}

var errNotNumber = errors.New("not a number")

// isGroupSpace reports the characters people put between digit groups.
func isGroupSpace(r rune) bool {
	switch r {
	case ' ', '\u00a0', '\u2009', '\u202f', '\u2007', '\'', '\u2019':
		return true
	}
	return false
}

// trimSpace trims ASCII and unicode spaces, no-break and thin ones included.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\u2007' || r == '\ufeff'
	})
}

func cutSign(s string) (rest string, minus, ok bool) {
	switch {
	case strings.HasPrefix(s, "+"):
		return s[1:], false, true
	case strings.HasPrefix(s, "-"):
		return s[1:], true, true
	case strings.HasPrefix(s, "\u2212"): // unicode minus sign
		return s[len("\u2212"):], true, true
	}
	return s, false, false
}

var currencySigns = []string{"€", "$", "£", "¥"}

func cutCurrencyPrefix(s string) (string, bool) {
	for _, c := range currencySigns {
		if t, ok := strings.CutPrefix(s, c); ok {
			return t, true
		}
	}
	return s, false
}

func cutCurrencySuffix(s string) (string, bool) {
	for _, c := range currencySigns {
		if t, ok := strings.CutSuffix(s, c); ok {
			return t, true
		}
	}
	return s, false
}

// canonicalNumber rewrites an unsigned number with group separators and a
// decimal comma or point into the form strconv.ParseFloat reads. See
// ParseNumber for the rules.
func canonicalNumber(s string, decimalComma bool) (string, bool) {
	if s == "" {
		return "", false
	}
	mant, exp, hasExp := s, "", false
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp, hasExp = s[:i], s[i+1:], true
		if !validExponent(exp) {
			return "", false
		}
	}
	// Split into digit runs and the separators between them.
	var groups []string
	var seps []rune
	start := 0
	for i, r := range mant {
		switch {
		case r >= '0' && r <= '9':
			continue
		case r == '.' || r == ',' || isGroupSpace(r):
			groups = append(groups, mant[start:i])
			seps = append(seps, r)
			start = i + utf8.RuneLen(r)
		default:
			return "", false
		}
	}
	groups = append(groups, mant[start:])
	if len(seps) == 0 {
		if groups[0] == "" {
			return "", false
		}
		return withExp(groups[0], exp, hasExp), true
	}
	var dec int
	switch {
	case !hasExp:
		dec = decimalIndex(groups, seps, decimalComma)
	case len(seps) == 1 && (seps[0] == '.' || seps[0] == ',' && decimalComma):
		dec = 0 // "1.5E3": an exponent goes with a plain decimal only
	default:
		return "", false
	}
	intGroups := groups
	frac := ""
	if dec >= 0 {
		if dec != len(seps)-1 {
			return "", false
		}
		intGroups, frac = groups[:dec+1], groups[dec+1]
		if frac == "" {
			return "", false
		}
	}
	intSeps := seps
	if dec >= 0 {
		intSeps = seps[:dec]
	}
	if !validGroups(intGroups, intSeps) {
		return "", false
	}
	var b strings.Builder
	for _, g := range intGroups {
		b.WriteString(g)
	}
	if b.Len() == 0 {
		b.WriteByte('0') // ".5" and ",5"
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return withExp(b.String(), exp, hasExp), true
}

// decimalIndex returns which separator is the decimal mark, or -1.
func decimalIndex(groups []string, seps []rune, decimalComma bool) int {
	last := len(seps) - 1
	lastSep := seps[last]
	if lastSep != '.' && lastSep != ',' {
		return -1
	}
	count := 0
	other := false
	for _, r := range seps {
		if r == lastSep {
			count++
		} else if r == '.' || r == ',' {
			other = true
		}
	}
	switch {
	case other:
		return last // "1.234,5": the last mark is the decimal one
	case count > 1:
		return -1 // "1,234,567": grouping only
	}
	first := groups[0]
	threeAfter := len(groups[last+1]) == 3 && len(first) > 0 && len(first) <= 3 && first[0] != '0'
	if lastSep == ',' {
		if decimalComma || !threeAfter || hasSpaceGroups(seps) {
			return last
		}
		return -1
	}
	if decimalComma && threeAfter && !hasSpaceGroups(seps) {
		return -1
	}
	return last
}

func hasSpaceGroups(seps []rune) bool {
	for _, r := range seps {
		if isGroupSpace(r) {
			return true
		}
	}
	return false
}

// validGroups checks thousands grouping: a first group of one to three
// digits, then groups of exactly three, all with the same separator.
func validGroups(groups []string, seps []rune) bool {
	if len(seps) == 0 {
		return true // one run of digits, or empty before a decimal mark
	}
	if first := groups[0]; len(first) < 1 || len(first) > 3 || first[0] == '0' {
		return false
	}
	for i, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
		if !sameGroupSep(seps[i], seps[0]) {
			return false
		}
	}
	return true
}

func sameGroupSep(a, b rune) bool {
	if a == b {
		return true
	}
	// Spaces of different widths mix in pasted text; treat them as one.
	return a != '\'' && a != '\u2019' && b != '\'' && b != '\u2019' &&
		isGroupSpace(a) && isGroupSpace(b) && a != '.' && b != '.'
}

func validExponent(e string) bool {
	e = strings.TrimPrefix(strings.TrimPrefix(e, "+"), "-")
	if e == "" || len(e) > 4 {
		return false
	}
	for i := 0; i < len(e); i++ {
		if e[i] < '0' || e[i] > '9' {
			return false
		}
	}
	return true
}

func withExp(num, exp string, hasExp bool) string {
	if !hasExp {
		return num
	}
	return num + "e" + exp
}

// blankWords are the cell texts that mean "no value": skipped and counted by
// the importer rather than reported as errors. #N/A is Excel's own "not
// available", so error cells holding it count as blank too.
var blankWords = map[string]bool{
	"": true, "-": true, "--": true, "---": true, "–": true, "—": true,
	".": true, "..": true, "...": true, "…": true,
	"n/a": true, "n.a.": true, "n.a": true, "na": true, "#n/a": true,
	"n/d": true, "n.d.": true,
	"null": true, "none": true, "nan": true, "nil": true,
	"tbd": true, "tba": true, "(blank)": true, "blank": true,
}

// IsBlank reports whether a cell's text means "no value": empty, a dash
// (-, --, –, —), dots, n/a (and its spellings, #N/A included), null, none,
// nan, tbd. Case and surrounding spaces are ignored. "0" is a value, not a
// blank.
func IsBlank(s string) bool {
	s = trimSpace(s)
	if len(s) > 16 {
		return false
	}
	return blankWords[strings.ToLower(s)]
}
