package workspace

import (
	"fmt"
	"strconv"
	"strings"

	"cxdash/model"
)

// ValueText writes a stored value for people: up to four decimals, no
// trailing zeros, never "-0".
func ValueText(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// plural counts n things: "1 value", "1,204 values".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return model.FormatCount(n) + " " + many
}

// listNames joins names: "a", "a and b", "a, b and 2 more".
func listNames(names []string, max int) string {
	switch {
	case len(names) == 0:
		return ""
	case len(names) == 1:
		return names[0]
	case len(names) <= max:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
}
