package model_test

import (
	"math"
	"testing"

	"cxdash/model"
)

func TestFormatCount(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", -999: "-999", -1000: "-1,000",
		-12345: "-12,345", 100000: "100,000", 1000123: "1,000,123", 1048576: "1,048,576",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		if got := model.FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
	if got := model.FormatCount(32767); got != "32,767" {
		t.Errorf("FormatCount(int 32767) = %q", got)
	}
}
