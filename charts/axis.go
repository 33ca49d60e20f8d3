package charts

import (
	"math"
	"strconv"
)

// niceScale returns an axis range [lo, hi] that contains [min, max], starts
// and ends on ticks, and has a "nice" step (1, 2, 2.5 or 5 times a power of
// ten) giving at most maxTicks ticks. Empty or degenerate input gives a
// usable range around it.
func niceScale(minV, maxV float64, maxTicks int) (lo, hi, step float64) {
	if maxTicks < 2 {
		maxTicks = 2
	}
	if math.IsNaN(minV) || math.IsNaN(maxV) || math.IsInf(minV, 0) || math.IsInf(maxV, 0) {
		return 0, 1, 1
	}
	if minV > maxV {
		minV, maxV = maxV, minV
	}
	if minV == maxV {
		d := math.Abs(minV) * 0.1
		if d == 0 {
			d = 1
		}
		minV, maxV = minV-d, maxV+d
	}
	step = niceStep((maxV - minV) / float64(maxTicks-1))
	lo = math.Floor(minV/step) * step
	hi = math.Ceil(maxV/step) * step
	for (hi-lo)/step+1 > float64(maxTicks)+1e-9 {
		step = niceStep(step * 1.01)
		lo = math.Floor(minV/step) * step
		hi = math.Ceil(maxV/step) * step
	}
	return lo, hi, step
}

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	exp := math.Floor(math.Log10(raw))
	base := math.Pow(10, exp)
	f := raw / base
	switch {
	case f <= 1+1e-9:
		f = 1
	case f <= 2+1e-9:
		f = 2
	case f <= 2.5+1e-9:
		f = 2.5
	case f <= 5+1e-9:
		f = 5
	default:
		f = 10
	}
	return f * base
}

// appendTicks appends the ticks lo, lo+step, ..., hi to dst.
func appendTicks(dst []float64, lo, hi, step float64) []float64 {
	if step <= 0 || hi < lo {
		return dst
	}
	n := int(math.Floor((hi-lo)/step+1e-9)) + 1
	for i := 0; i < n && i < 1000; i++ {
		v := lo + float64(i)*step
		if math.Abs(v) < step*1e-9 {
			v = 0 // no -0 from rounding
		}
		dst = append(dst, v)
	}
	return dst
}

// tickDecimals is how many decimals tell ticks step apart.
func tickDecimals(step float64) int {
	if step <= 0 || math.IsNaN(step) {
		return 0
	}
	d := 0
	for s := step; d < 6 && math.Abs(s-math.Round(s)) > 1e-9*math.Max(1, math.Abs(s)); s *= 10 {
		d++
	}
	return d
}

// formatTick prints a tick value with the decimals its step needs.
func formatTick(v, step float64) string {
	return strconv.FormatFloat(v, 'f', tickDecimals(step), 64)
}

// dataRange returns the smallest and largest drawable values of the series;
// ok is false when there are none.
func dataRange(series []Series) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, p := range s.Points {
			if p.ok() {
				lo, hi, ok = math.Min(lo, p.Value), math.Max(hi, p.Value), true
			}
		}
	}
	return lo, hi, ok
}

// labelStep returns every how many labels one can be shown so that labels
// of width w fit in slots of width slot with some air between them.
func labelStep(w, slot float32) int {
	if slot <= 0 {
		return 1
	}
	step := int(math.Ceil(float64((w + 8) / slot)))
	return max(step, 1)
}
