package charts

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2/canvas"
)

// maxTicks bounds the value axis ticks, whatever the height.
const maxTicks = 11

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

// axisTicks is a value axis's ticks with their grid lines and texts. The
// texts are rewritten only when the ticks change, so a resize that keeps
// the ticks does no formatting.
type axisTicks struct {
	grid  [maxTicks]*canvas.Line
	texts [maxTicks]*canvas.Text
	ticks []float64 // shown ticks, to redo texts only on change
	step  float64
}

func newAxisTicks() axisTicks {
	var a axisTicks
	for i := range a.grid {
		a.grid[i] = &canvas.Line{StrokeWidth: 1}
		a.texts[i] = &canvas.Text{}
	}
	return a
}

// reset takes the colours of p and forgets the ticks, so that the next
// update writes every text again.
func (a *axisTicks) reset(p palette) {
	for i := range a.grid {
		a.grid[i].StrokeColor = p.grid
		setText(a.texts[i], "", p.muted, p.smallSize, false)
	}
	a.ticks = a.ticks[:0]
}

// fixed ticks the range [lo, hi] from its start (1, 3, 5) with about want
// ticks, and returns it.
func (a *axisTicks) fixed(lo, hi float64, want int) (float64, float64) {
	a.update(lo, hi, niceStep((hi-lo)/float64(want-1)))
	return lo, hi
}

// around ticks a nice range around [lo, hi] with at most want ticks, and
// returns that range.
func (a *axisTicks) around(lo, hi float64, want int) (float64, float64) {
	lo, hi, step := niceScale(lo, hi, want)
	a.update(lo, hi, step)
	return lo, hi
}

// update sets the ticks lo, lo+step, ..., hi (at most maxTicks of them)
// and rewrites their texts if they changed.
func (a *axisTicks) update(lo, hi, step float64) {
	var buf [maxTicks + 1]float64
	ticks := appendTicks(buf[:0], lo, hi, step)
	if len(ticks) > maxTicks {
		ticks = ticks[:maxTicks]
	}
	if step == a.step && equalFloats(ticks, a.ticks) {
		return
	}
	a.step = step
	a.ticks = append(a.ticks[:0], ticks...)
	for i, t := range a.texts {
		if i < len(ticks) {
			t.Text = formatTick(ticks[i], step)
			t.Resize(t.MinSize())
		}
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
