package model

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatCount writes n with comma separators: 1,048,576 and -12,345.
func FormatCount[N ~int | ~int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// formatNumber prints a value without trailing zeros: 32, 32.5, 0.125.
func formatNumber(f float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", f), "0"), ".")
}
