package charts

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

const tooltipLines = 8

// tooltip is a box of a few lines drawn on top of a chart, next to the
// pointer and always inside the chart.
type tooltip struct {
	bg    *canvas.Rectangle
	texts [tooltipLines]*canvas.Text
	n     int
	key   [3]int // what it shows, so that moving within a target redoes nothing
}

func newTooltip() *tooltip {
	t := &tooltip{bg: &canvas.Rectangle{StrokeWidth: 1, CornerRadius: 4}, key: noHit}
	for i := range t.texts {
		t.texts[i] = &canvas.Text{}
	}
	t.hide()
	return t
}

// noHit is the key of nothing.
var noHit = [3]int{-1, -1, -1}

func (t *tooltip) appendObjects(dst []fyne.CanvasObject) []fyne.CanvasObject {
	dst = append(dst, t.bg)
	for _, x := range t.texts {
		dst = append(dst, x)
	}
	return dst
}

// show writes lines (the first in bold) near pos, kept within bounds.
func (t *tooltip) show(p palette, lines []string, pos fyne.Position, bounds fyne.Size) {
	const pad, gap = 6, 14
	t.n = min(len(lines), tooltipLines)
	var w, h float32
	for i, x := range t.texts {
		if i >= t.n {
			show(x, false)
			continue
		}
		setText(x, lines[i], p.fg, p.smallSize+1, i == 0)
		s := x.Size()
		w = max(w, s.Width)
		h += s.Height
	}
	w, h = w+2*pad, h+2*pad
	x, y := pos.X+gap, pos.Y+gap
	if x+w > bounds.Width-2 {
		x = pos.X - gap - w
	}
	if y+h > bounds.Height-2 {
		y = pos.Y - gap - h
	}
	x = max(2, min(x, bounds.Width-w-2))
	y = max(2, min(y, bounds.Height-h-2))
	t.bg.FillColor, t.bg.StrokeColor = p.tipBg, p.tipBorder
	placeRect(t.bg, x, y, w, h)
	show(t.bg, true)
	t.bg.Refresh()
	cy := y + pad
	for _, tx := range t.texts[:t.n] {
		tx.Move(fyne.NewPos(x+pad, cy))
		cy += tx.Size().Height
		show(tx, true)
		tx.Refresh()
	}
}

func (t *tooltip) hide() {
	t.key = noHit
	show(t.bg, false)
	for _, x := range t.texts {
		show(x, false)
	}
}
