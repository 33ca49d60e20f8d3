package charts

import (
	"math"

	"fyne.io/fyne/v2"
)

// Layout stacks title, number, delta and sparkline, shrinking the
// sparkline first when the tile is short.
func (r *kpiRenderer) Layout(size fyne.Size) {
	r.size = size
	r.tip.hide()
	r.highlight.Hide()
	d := r.w.data
	const in = 12 // inner margin
	placeRect(r.bg, 0, 0, size.Width, size.Height)

	width := size.Width - 2*in
	ellipsize(r.title, d.Title, width)
	r.title.Move(fyne.NewPos(in, in-2))
	y := in - 2 + r.title.Size().Height

	vs := r.value.Size()
	r.value.Move(fyne.NewPos(in, y))
	ls := r.level.Size()
	if in+vs.Width+10+ls.Width <= size.Width-in { // level beside the number, on its baseline
		r.level.Move(fyne.NewPos(in+vs.Width+10, y+vs.Height*0.78-ls.Height*0.78))
	} else {
		y += vs.Height - 4
		r.level.Move(fyne.NewPos(in, y))
		vs.Height = ls.Height + 4
	}
	y += vs.Height

	x := float32(in)
	ds := r.delta.Size()
	if r.arrow.Visible() {
		r.arrow.Move(fyne.NewPos(x, y+ds.Height/2-6))
		r.arrow.Resize(fyne.NewSize(12, 12))
		x += 16
	}
	r.delta.Move(fyne.NewPos(x, y))
	if ds.Width > 0 {
		x += ds.Width + 6
	}
	r.deltaNote.Move(fyne.NewPos(x, y))
	y += ds.Height + 6

	r.sparkTop = y
	r.layoutSpark(in, y, size.Width-in, size.Height-in)
}

// layoutSpark fits the trend into the box, scaled to its own range.
func (r *kpiRenderer) layoutSpark(x0, y0, x1, y1 float32) {
	d := r.w.data
	n := len(d.Trend)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range d.Trend {
		if p.ok() {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	visible := y1-y0 >= 12 && r.lastAt >= 0
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	for i, p := range d.Trend {
		if !p.ok() {
			continue
		}
		t := float32(0.5)
		if n > 1 {
			t = float32(i) / float32(n-1)
		}
		v := float32((p.Value - lo) / (hi - lo))
		r.sparkPts[i] = fyne.NewPos(x0+t*(x1-x0-4), y1-2-v*(y1-y0-4))
	}
	lines := r.spark.used()
	for k, i := range r.sparkSeg {
		a, b := r.sparkPts[i], r.sparkPts[i+1]
		setLine(lines[k], a.X, a.Y, b.X, b.Y)
		show(lines[k], visible)
	}
	show(r.last, visible)
	if visible {
		p := r.sparkPts[r.lastAt]
		placeCircle(r.last, p.X, p.Y, 3)
	}
}

// hover shows the trend point nearest the pointer on the sparkline, else
// the tile's value.
func (r *kpiRenderer) hover(pos fyne.Position, in bool) {
	if !in {
		r.tip.hide()
		r.highlight.Hide()
		return
	}
	d := r.w.data
	best := -1
	if pos.Y >= r.sparkTop-4 && r.lastAt >= 0 && r.last.Visible() {
		bestD := float32(math.MaxFloat32)
		for i, p := range d.Trend {
			if p.ok() {
				if dx := abs32(pos.X - r.sparkPts[i].X); dx < bestD {
					best, bestD = i, dx
				}
			}
		}
	}
	key := [3]int{best, 1, 0}
	if key == r.tip.key {
		return
	}
	var lines []string
	if best >= 0 {
		label := ""
		if best < len(d.TrendLabels) {
			label = d.TrendLabels[best]
		}
		lines = []string{d.Title, pointLine(label, d.Trend[best], d.Format, nil)}
		p := r.sparkPts[best]
		placeCircle(r.highlight, p.X, p.Y, 5)
		r.highlight.Show()
		r.highlight.Refresh()
	} else {
		lines = []string{d.Title, pointLine("", d.Value, d.Format, nil)}
		if d.Level != "" && d.Value.ok() {
			lines = append(lines, "Level: "+d.Level)
		}
		if d.Delta != nil {
			lines = append(lines, "Change: "+d.Format.Signed(*d.Delta)+" "+d.DeltaLabel)
		}
		r.highlight.Hide()
	}
	r.tip.show(r.pal, lines, pos, r.size)
	r.tip.key = key
}
