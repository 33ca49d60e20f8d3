package charts

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

const radarLabelGap = 6

// Layout places rings, labels and points for size; labels get the room
// they need first and the plot takes the rest, so they never overlap it.
func (r *radarRenderer) Layout(size fyne.Size) {
	if size != r.size {
		r.shapes.invalidate()
	}
	r.size = size
	r.tip.hide()
	r.highlight.Hide()
	r.shapes.size = size
	r.shapes.raster.Move(fyne.Position{})
	r.shapes.raster.Resize(size)

	lh := r.legend.layout(pad, 0, size.Width-2*pad, false)
	r.legend.layout(pad, size.Height-pad-lh, size.Width-2*pad, true)
	top, bottom := float32(pad), size.Height-pad-lh-4
	r.cx, r.cy = size.Width/2, (top+bottom)/2
	r.empty.place(r.cx, r.cy, !r.hasData())
	if len(r.axes) < 3 {
		return
	}

	single := r.fitRadius(size, top, bottom, false)
	split := r.fitRadius(size, top, bottom, true)
	useSplit := split > single+2
	r.radius = max(single, split, 8)
	r.placeAxisLabels(useSplit)
	r.placeRings()

	// points, in the order rebuild made the dots
	dots := r.dots.used()
	k := 0
	for si, s := range r.w.data.Series {
		for ai := range r.axes {
			if !r.present[si][ai] {
				continue
			}
			v := math.Max(0, math.Min(r.max, s.Points[ai].Value))
			p := r.at(ai, r.radius*float32(v/r.max))
			r.pts[si][ai] = p
			if !s.Dashed && k < len(dots) {
				placeCircle(dots[k], p.X, p.Y, 3.5)
				k++
			}
		}
	}
}

// at is the position on axis i at distance d from the centre.
func (r *radarRenderer) at(i int, d float32) fyne.Position {
	a := r.axes[i]
	return fyne.NewPos(r.cx+d*a.ux, r.cy+d*a.uy)
}

// labelBox is the size of axis label a and its offsets from its anchor.
func (r *radarRenderer) labelBox(a radarAxis, split bool) (w, h, x0, y0 float32) {
	w, h = a.one.Width, a.one.Height
	if split && a.split[0] != "" {
		w, h = a.splitW, 2*a.one.Height
	}
	switch {
	case a.ux > 0.3:
		x0 = 0
	case a.ux < -0.3:
		x0 = -w
	default:
		x0 = -w / 2
	}
	switch {
	case a.uy < -0.6:
		y0 = -h
	case a.uy > 0.6:
		y0 = 0
	default:
		y0 = -h / 2
	}
	return w, h, x0, y0
}

// fitRadius is the largest radius at which every axis label stays inside
// the widget.
func (r *radarRenderer) fitRadius(size fyne.Size, top, bottom float32, split bool) float32 {
	R := min(r.cx-pad, r.cy-top, bottom-r.cy)
	const g = radarLabelGap
	for _, a := range r.axes {
		w, h, x0, y0 := r.labelBox(a, split)
		x1, y1 := x0+w, y0+h
		switch {
		case a.ux > 1e-3:
			R = min(R, (size.Width-pad-x1-r.cx)/a.ux-g)
		case a.ux < -1e-3:
			R = min(R, (r.cx+x0-pad)/-a.ux-g)
		}
		switch {
		case a.uy > 1e-3:
			R = min(R, (bottom-y1-r.cy)/a.uy-g)
		case a.uy < -1e-3:
			R = min(R, (r.cy+y0-top)/-a.uy-g)
		}
	}
	return R
}

func (r *radarRenderer) placeAxisLabels(split bool) {
	for _, a := range r.axes {
		w, _, x0, y0 := r.labelBox(a, split)
		anchorPt := r.at(0, 0)
		anchorPt.X += (r.radius + radarLabelGap) * a.ux
		anchorPt.Y += (r.radius + radarLabelGap) * a.uy
		left, top := anchorPt.X+x0, anchorPt.Y+y0
		if !split || a.split[0] == "" {
			a.line1.Text = a.name
			a.line1.Resize(a.one)
			a.line1.Move(fyne.NewPos(left, top))
			show(a.line2, false)
			continue
		}
		a.line1.Text = a.split[0]
		a.line2.Text = a.split[1]
		placeLine := func(t *canvas.Text, tw, y float32) {
			x := left
			switch {
			case a.ux < -0.3:
				x = left + w - tw
			case a.ux <= 0.3:
				x = left + (w-tw)/2
			}
			t.Resize(fyne.NewSize(tw, a.one.Height))
			t.Move(fyne.NewPos(x, y))
		}
		placeLine(a.line1, a.w1, top)
		placeLine(a.line2, a.w2, top+a.one.Height)
		show(a.line2, true)
	}
}

func (r *radarRenderer) placeRings() {
	n := len(r.axes)
	rings, spokes, labels, bgs := r.rings.used(), r.spokes.used(), r.ringLabels.used(), r.ringBgs.used()
	levels := len(labels)
	for l := 1; l <= levels; l++ {
		d := r.radius * float32(float64(l)/r.max)
		for i := range n {
			a, b := r.at(i, d), r.at((i+1)%n, d)
			setLine(rings[(l-1)*n+i], a.X, a.Y, b.X, b.Y)
		}
		t, bg := labels[l-1], bgs[l-1]
		placeText(t, r.cx+6, r.cy-d, anchorLeft)
		bg.Move(t.Position().SubtractXY(3, 0))
		fits := r.radius/float32(r.max) >= t.Size().Height+2
		show(t, fits)
		show(bg, fits)
	}
	for i := range n {
		p := r.at(i, r.radius)
		setLine(spokes[i], r.cx, r.cy, p.X, p.Y)
	}
}

// paint draws the series polygons, the first series on top.
func (r *radarRenderer) paint(s *shapes) {
	d := r.w.data
	if len(r.axes) < 3 || len(r.pts) != len(d.Series) {
		return
	}
	alpha := 0.2
	if r.pal.dark {
		alpha = 0.28
	}
	for si := len(d.Series) - 1; si >= 0; si-- {
		ser := d.Series[si]
		r.poly = r.poly[:0]
		for ai := range r.axes {
			if r.present[si][ai] {
				r.poly = append(r.poly, r.pts[si][ai])
			}
		}
		c := r.pal.seriesColour(ser, si)
		if ser.Fill {
			s.fill(r.poly, withAlpha(c, alpha))
		}
		switch {
		case ser.Dashed:
			s.stroke(r.poly, true, 1.75, 6, 4, c)
		case ser.Muted:
			s.stroke(r.poly, true, 1.5, 0, 0, c)
		default:
			s.stroke(r.poly, true, 2.25, 0, 0, c)
		}
	}
}

// hit finds the axis nearest pos by angle and the series whose point on
// it is within reach; ok is false away from the chart.
func (r *radarRenderer) hit(pos fyne.Position) (series, axis int, ok bool) {
	if len(r.axes) < 3 || !r.hasData() {
		return -1, -1, false
	}
	dx, dy := pos.X-r.cx, pos.Y-r.cy
	d := float32(math.Hypot(float64(dx), float64(dy)))
	if d < 4 || d > r.radius+80 {
		return -1, -1, false
	}
	axis, best := -1, float32(-2)
	for i, a := range r.axes {
		if dot := (dx*a.ux + dy*a.uy) / d; dot > best {
			axis, best = i, dot
		}
	}
	series, bestD := -1, float32(hoverRadius*hoverRadius)
	for si := range r.pts {
		for ai := range r.axes {
			if !r.present[si][ai] {
				continue
			}
			if dd := dist2(pos, r.pts[si][ai]); dd < bestD {
				series, axis, bestD = si, ai, dd
			}
		}
	}
	return series, axis, true
}

// hover shows the values of every series on the axis under the pointer.
func (r *radarRenderer) hover(pos fyne.Position, in bool) {
	series, axis, ok := r.hit(pos)
	if !in || !ok {
		r.tip.hide()
		r.highlight.Hide()
		return
	}
	key := [3]int{series, axis, 0}
	if key == r.tip.key {
		return
	}
	d := r.w.data
	lines := make([]string, 0, len(d.Series)+1)
	lines = append(lines, d.Axes[axis])
	for _, s := range d.Series {
		var p Point
		if axis < len(s.Points) {
			p = s.Points[axis]
		}
		lines = append(lines, pointLine(s.Name, p, d.Format, d.Levels))
	}
	r.tip.show(r.pal, lines, pos, r.size)
	r.tip.key = key
	if series >= 0 {
		p := r.pts[series][axis]
		placeCircle(r.highlight, p.X, p.Y, 6)
		r.highlight.Show()
		r.highlight.Refresh()
	} else {
		r.highlight.Hide()
	}
}
