package charts

import (
	"math"

	"fyne.io/fyne/v2"
)

const maxBarRow = 40

// Layout places bars, labels and the axis for size.
func (r *barRenderer) Layout(size fyne.Size) {
	r.size = size
	r.tip.hide()
	r.rowHover.Hide()
	d, p := r.w.data, r.pal
	n := len(d.Bars)

	lh := r.legend.layout(pad, pad, size.Width-2*pad, true)
	r.top = pad + lh
	if lh > 0 {
		r.top += 6
	}
	axisH := p.smallSize + 8
	r.bottom = size.Height - pad - axisH

	labelW := min(r.labelW, size.Width*0.3)
	if labelW != r.labelFitW {
		for i, t := range r.labels.used() {
			ellipsize(t, d.Bars[i].Label, labelW)
		}
		r.labelFitW = labelW
	}
	var valueW float32
	for _, v := range r.values.used() {
		valueW = max(valueW, v.Size().Width)
	}
	r.left = pad + labelW + 10
	r.right = max(size.Width-pad-valueW-8, r.left+20)
	r.lo, r.hi = r.valueRange(max(2, min(maxTicks, int((r.right-r.left)/70)+1)))

	r.rowH = 0
	if n > 0 {
		r.rowH = min((r.bottom-r.top)/float32(n), maxBarRow)
	}
	r.bottom = r.top + r.rowH*float32(n)
	for i, g := range r.axis.grid {
		t := r.axis.texts[i]
		visible := i < len(r.axis.ticks) && n > 0
		show(g, visible)
		show(t, visible)
		if visible {
			x := r.x(r.axis.ticks[i])
			setLine(g, x, r.top, x, r.bottom)
			placeText(t, x, r.bottom+4, anchorTop)
		}
	}
	x0 := r.x(math.Max(r.lo, math.Min(0, r.hi)))
	setLine(r.zero, x0, r.top, x0, r.bottom)
	show(r.zero, n > 0)

	textH := p.smallSize + 4
	labelStepN := max(1, int(math.Ceil(float64(textH/max(r.rowH, 1)))))
	bars, labels, values := r.bars.used(), r.labels.used(), r.values.used()
	barH := max(r.rowH*0.64, 1)
	for i, b := range d.Bars {
		cy := r.top + (float32(i)+0.5)*r.rowH
		showLabel := i%labelStepN == 0
		show(labels[i], showLabel)
		placeText(labels[i], r.left-10, cy, anchorRight)
		if !b.Value.ok() {
			show(bars[i], false)
			placeText(values[i], x0+4, cy, anchorLeft)
			show(values[i], showLabel)
			continue
		}
		x1 := r.x(b.Value.Value)
		bx, bw := min(x0, x1), abs32(x1-x0)
		placeRect(bars[i], bx, cy-barH/2, max(bw, 1), barH)
		show(bars[i], true)
		vw := values[i].Size().Width
		end := x1 // the label clears the target tick when it is near the bar's end
		if b.Target != nil && !math.IsNaN(*b.Target) {
			if tx := r.x(*b.Target); tx >= x1 && tx < x1+vw+8 {
				end = tx + 1
			}
		}
		switch {
		case x1 >= x0:
			placeText(values[i], end+4, cy, anchorLeft)
		case x1-vw-4 >= r.left: // negative bars keep their label on their side
			placeText(values[i], x1-4, cy, anchorRight)
		default:
			placeText(values[i], x0+4, cy, anchorLeft)
		}
		show(values[i], r.rowH >= textH-2)
	}
	targets := r.targets.used()
	for k, i := range r.targetOf {
		cy := r.top + (float32(i)+0.5)*r.rowH
		x := r.x(*d.Bars[i].Target)
		h := max(r.rowH*0.42, 3)
		setLine(targets[k], x, cy-h, x, cy+h)
	}
	r.empty.place(size.Width/2, size.Height/2, n == 0)
}

// x is the horizontal position of value v, clamped to the plot.
func (r *barRenderer) x(v float64) float32 {
	if r.hi <= r.lo || math.IsNaN(v) {
		return r.left
	}
	t := math.Max(0, math.Min(1, (v-r.lo)/(r.hi-r.lo)))
	return r.left + float32(t)*(r.right-r.left)
}

// hit returns the index of the bar row under pos, or -1.
func (r *barRenderer) hit(pos fyne.Position) int {
	n := len(r.w.data.Bars)
	if n == 0 || r.rowH <= 0 || pos.Y < r.top || pos.Y >= r.bottom || pos.X < pad || pos.X > r.size.Width-pad {
		return -1
	}
	return min(int((pos.Y-r.top)/r.rowH), n-1)
}

// hover shades the bar row under the pointer and shows its value.
func (r *barRenderer) hover(pos fyne.Position, in bool) {
	i := r.hit(pos)
	if !in || i < 0 {
		r.tip.hide()
		r.rowHover.Hide()
		return
	}
	key := [3]int{i, 0, 0}
	if key == r.tip.key {
		return
	}
	d := r.w.data
	b := d.Bars[i]
	lines := []string{b.Label, pointLine("", b.Value, d.Format, d.Levels)}
	if d.Gaps && b.Value.ok() {
		lines[1] = pointLine("Gap to target", b.Value, d.Format, nil)
	}
	if b.Target != nil {
		lines = append(lines, "Target: "+d.Format.String(*b.Target))
	}
	r.tip.show(r.pal, lines, pos, r.size)
	r.tip.key = key
	placeRect(r.rowHover, pad, r.top+float32(i)*r.rowH, r.size.Width-2*pad, r.rowH)
	r.rowHover.Show()
	r.rowHover.Refresh()
}
