package importers_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"cxdash/importers"
)

// FuzzParseNumber checks that ParseNumber never panics, returns finite
// numbers, reports percent only for text with a '%', and reads back
// the plain decimal form of any number it returns.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"3", " 3 ", "1,234.5", "1.234,5", "3,5", "45%", "(12)", "−3", "+3",
		"1 234,5", "€12", "1.5E3", "3..4", "1,2,3", "", "abc", "(4%)", "$-12", "0,123"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, decimalComma bool) {
		v, percent, err := importers.ParseNumber(s, decimalComma)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		if percent && !strings.Contains(s, "%") {
			t.Fatalf("ParseNumber(%q) says percent without a %%", s)
		}
		plain := strconv.FormatFloat(v, 'f', -1, 64)
		back, _, err := importers.ParseNumber(plain, false)
		if err != nil || back != v {
			t.Fatalf("ParseNumber(%q) = %v, but its plain form %q reads as %v, %v", s, v, plain, back, err)
		}
	})
}
