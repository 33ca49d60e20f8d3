package charts

import (
	"math"

	"fyne.io/fyne/v2"
)

// Layout places axes, lines and markers for size.
func (r *lineRenderer) Layout(size fyne.Size) {
	r.size = size
	r.tip.hide()
	r.highlight.Hide()
	d, p := r.w.data, r.pal
	n := len(d.Labels)
	_, _, hasData := dataRange(d.Series)

	lh := r.legend.layout(pad, pad, size.Width-2*pad, true)
	r.top = pad + lh + 8
	xh := p.smallSize + 6
	r.bottom = size.Height - pad - xh - 4
	r.lo, r.hi = r.valueRange(max(2, min(maxTicks, int((r.bottom-r.top)/48)+1)))

	// value axis labels decide the left margin, level names the right one
	var tickW float32
	for i := range r.axis.ticks {
		tickW = max(tickW, r.axis.texts[i].Size().Width)
	}
	var levelW float32
	for _, t := range r.levels.used() {
		levelW = max(levelW, t.Size().Width)
	}
	r.left = pad + tickW + 6
	r.right = size.Width - pad
	if levelW > 0 {
		r.right -= levelW + 8
	}
	r.right = max(r.right, r.left+10)
	r.bottom = max(r.bottom, r.top+10)

	r.placeValueAxis()
	r.placeLevels()
	r.placeXLabels(n)

	for si, s := range d.Series {
		for i := 0; i < n && i < len(s.Points); i++ {
			if s.Points[i].ok() {
				r.pts[si][i] = fyne.NewPos(r.x(i), r.y(s.Points[i].Value))
			}
		}
	}
	for _, sg := range r.segs {
		a, b := r.pts[sg.series][sg.i], r.pts[sg.series][sg.i+1]
		setLine(sg.line, a.X, a.Y, b.X, b.Y)
	}
	for k, dot := range r.dots.used() {
		at := r.pts[r.dotAt[k][0]][r.dotAt[k][1]]
		placeCircle(dot, at.X, at.Y, 3)
	}

	show(r.band, false)
	show(r.target, false)
	if t := d.Target; t != nil && hasData && !math.IsNaN(t.Lo) && !math.IsNaN(t.Hi) {
		lo, hi := math.Min(t.Lo, t.Hi), math.Max(t.Lo, t.Hi)
		y1, y2 := r.y(hi), r.y(lo)
		if hi > lo {
			placeRect(r.band, r.left, y1, r.right-r.left, y2-y1)
			show(r.band, true)
		} else {
			setLine(r.target, r.left, y1, r.right, y1)
			show(r.target, true)
		}
	}

	k := 0
	evLines, evMarks := r.evLines.used(), r.evMarks.used()
	for _, e := range d.Events {
		if e.Index < 0 || e.Index >= n || k >= len(evLines) {
			continue
		}
		x := r.x(e.Index)
		setLine(evLines[k], x, r.top+6, x, r.bottom)
		evMarks[k].Move(fyne.NewPos(x-5, r.top-4))
		evMarks[k].Resize(fyne.NewSize(10, 10))
		show(evLines[k], hasData)
		show(evMarks[k], hasData)
		k++
	}
	r.empty.place((r.left+r.right)/2, (r.top+r.bottom)/2, !hasData || n == 0)
}

// valueRange picks the value axis range and ticks.
func (r *lineRenderer) valueRange(want int) (lo, hi float64) {
	d := r.w.data
	if d.Max > d.Min {
		return r.axis.fixed(d.Min, d.Max, want)
	}
	dlo, dhi, ok := dataRange(d.Series)
	if !ok {
		dlo, dhi = 0, 1
	}
	if t := d.Target; t != nil && !math.IsNaN(t.Lo) && !math.IsNaN(t.Hi) {
		dlo, dhi = math.Min(dlo, math.Min(t.Lo, t.Hi)), math.Max(dhi, math.Max(t.Lo, t.Hi))
	}
	return r.axis.around(dlo, dhi, want)
}

func (r *lineRenderer) placeValueAxis() {
	for i, g := range r.axis.grid {
		t := r.axis.texts[i]
		if i >= len(r.axis.ticks) {
			show(g, false)
			show(t, false)
			continue
		}
		y := r.y(r.axis.ticks[i])
		setLine(g, r.left, y, r.right, y)
		placeText(t, r.left-6, y, anchorRight)
		show(g, true)
		show(t, true)
	}
}

// placeLevels writes level names right of the plot at their level.
func (r *lineRenderer) placeLevels() {
	for i, t := range r.levels.used() {
		v := float64(i + 1)
		ok := v >= r.lo && v <= r.hi
		show(t, ok)
		if ok {
			placeText(t, r.right+8, r.y(v), anchorLeft)
		}
	}
}

// placeXLabels shows as many period labels as fit, always the latest.
func (r *lineRenderer) placeXLabels(n int) {
	labels := r.xLabels.used()
	if n == 0 {
		return
	}
	slot := (r.right - r.left) / float32(max(n-1, 1))
	step := labelStep(r.xLabelW, slot)
	y := r.bottom + 6
	for i, t := range labels {
		visible := (n-1-i)%step == 0
		show(t, visible)
		if !visible {
			continue
		}
		x := r.x(i)
		w := t.Size().Width
		x = max(pad+w/2, min(x, r.size.Width-pad-w/2)) // keep end labels inside
		placeText(t, x, y, anchorTop)
	}
}

// x is the horizontal position of label i.
func (r *lineRenderer) x(i int) float32 {
	n := len(r.w.data.Labels)
	if n <= 1 {
		return (r.left + r.right) / 2
	}
	inset := min(float32(10), (r.right-r.left)/float32(4*n)) // keep end points off the axis
	return r.left + inset + (r.right-r.left-2*inset)*float32(i)/float32(n-1)
}

// y is the vertical position of value v, clamped to the plot.
func (r *lineRenderer) y(v float64) float32 {
	if r.hi <= r.lo {
		return r.bottom
	}
	t := (v - r.lo) / (r.hi - r.lo)
	t = math.Max(-0.02, math.Min(1.02, t))
	return r.bottom - float32(t)*(r.bottom-r.top)
}
