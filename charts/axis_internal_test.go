package charts

import (
	"math"
	"reflect"
	"testing"
)

func TestNiceScale(t *testing.T) {
	cases := []struct {
		name           string
		lo, hi         float64
		maxTicks       int
		wantLo, wantHi float64
		wantStep       float64
	}{
		{"scores", 1.3, 4.7, 6, 1, 5, 1},
		{"percent", 62.5, 91.2, 6, 60, 100, 10},
		{"small range", 0.13, 0.29, 5, 0.1, 0.3, 0.05},
		{"negative and positive", -0.62, 1.42, 6, -1, 1.5, 0.5},
		{"one value", 3, 3, 5, 2.6, 3.4, 0.2},
		{"zero", 0, 0, 5, -1, 1, 0.5},
		{"reversed", 10, 0, 6, 0, 10, 2},
		{"NaN", math.NaN(), 1, 5, 0, 1, 1},
		{"infinite", 0, math.Inf(1), 5, 0, 1, 1},
		{"few ticks", 0, 97, 2, 0, 100, 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lo, hi, step := niceScale(c.lo, c.hi, c.maxTicks)
			if math.Abs(lo-c.wantLo) > 1e-9 || math.Abs(hi-c.wantHi) > 1e-9 || math.Abs(step-c.wantStep) > 1e-9 {
				t.Errorf("niceScale(%v, %v, %d) = %v, %v, %v; want %v, %v, %v", c.lo, c.hi, c.maxTicks, lo, hi, step, c.wantLo, c.wantHi, c.wantStep)
			}
			if n := len(appendTicks(nil, lo, hi, step)); n > c.maxTicks {
				t.Errorf("%d ticks, more than %d", n, c.maxTicks)
			}
		})
	}
}

func TestTicks(t *testing.T) {
	cases := []struct {
		lo, hi, step float64
		want         []string
	}{
		{1, 5, 1, []string{"1", "2", "3", "4", "5"}},
		{1, 5, 2, []string{"1", "3", "5"}}, // never past the end
		{-1, 1.5, 0.5, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5"}},
		{0.1, 0.3, 0.05, []string{"0.10", "0.15", "0.20", "0.25", "0.30"}},
		{0, 250, 2.5e1, nil},
	}
	for _, c := range cases {
		var got []string
		for _, v := range appendTicks(nil, c.lo, c.hi, c.step) {
			got = append(got, formatTick(v, c.step))
		}
		if c.want == nil {
			if len(got) != 11 || got[10] != "250" {
				t.Errorf("ticks %v..%v step %v = %q", c.lo, c.hi, c.step, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ticks %v..%v step %v = %q, want %q", c.lo, c.hi, c.step, got, c.want)
		}
	}
}

func TestLabelStep(t *testing.T) {
	cases := []struct {
		w, slot float32
		want    int
	}{
		{40, 100, 1}, {40, 12, 4}, {40, 0, 1}, {0, 5, 2},
	}
	for _, c := range cases {
		if got := labelStep(c.w, c.slot); got != c.want {
			t.Errorf("labelStep(%v, %v) = %d, want %d", c.w, c.slot, got, c.want)
		}
	}
}
