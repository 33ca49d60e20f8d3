package charts

import (
	"math"

	"fyne.io/fyne/v2"
)

// lineHit is what the pointer is on: a point (series >= 0), a period
// (series -1) or an event marker (series -2). index is -1 for nothing;
// event is the event at index, or -1.
type lineHit struct {
	series, index, event int
}

var lineMiss = lineHit{-1, -1, -1}

func (r *lineRenderer) hit(pos fyne.Position) lineHit {
	d := r.w.data
	n := len(d.Labels)
	if _, _, ok := dataRange(d.Series); !ok || n == 0 {
		return lineMiss
	}
	if pos.X < r.left-hoverRadius || pos.X > r.right+hoverRadius || pos.Y < r.top-14 || pos.Y > r.bottom+4 {
		return lineMiss
	}
	best, bestD := lineMiss, float32(hoverRadius*hoverRadius)
	for si, s := range d.Series {
		for i := 0; i < n && i < len(s.Points); i++ {
			if !s.Points[i].ok() {
				continue
			}
			if dd := dist2(pos, r.pts[si][i]); dd < bestD {
				best, bestD = lineHit{si, i, -1}, dd
			}
		}
	}
	if best.index >= 0 {
		best.event = r.eventAt(best.index)
		return best
	}
	for k, e := range d.Events {
		if e.Index >= 0 && e.Index < n && pos.Y < r.top+12 && abs32(pos.X-r.x(e.Index)) <= 7 {
			return lineHit{-2, e.Index, k}
		}
	}
	i := 0
	if n > 1 {
		t := (pos.X - r.x(0)) / (r.x(n-1) - r.x(0))
		i = int(math.Round(float64(t) * float64(n-1)))
		i = max(0, min(i, n-1))
	}
	return lineHit{-1, i, r.eventAt(i)}
}

// eventAt returns the first event at label i, or -1.
func (r *lineRenderer) eventAt(i int) int {
	for k, e := range r.w.data.Events {
		if e.Index == i {
			return k
		}
	}
	return -1
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// hover shows the value of the point under the pointer, or every series'
// value in the period under it, and the event there.
func (r *lineRenderer) hover(pos fyne.Position, in bool) {
	h := r.hit(pos)
	if !in || h.index < 0 {
		r.tip.hide()
		r.highlight.Hide()
		return
	}
	key := [3]int{h.series, h.index, h.event}
	if key == r.tip.key {
		return
	}
	d := r.w.data
	label := d.Labels[h.index]
	var lines []string
	switch {
	case h.series >= 0:
		s := d.Series[h.series]
		lines = append(lines, s.Name+" · "+label, pointLine("", s.Points[h.index], d.Format, d.Levels))
	default:
		lines = append(lines, label)
		if h.series == -1 {
			for _, s := range d.Series {
				if len(lines) == tooltipLines-1 {
					break
				}
				var p Point
				if h.index < len(s.Points) {
					p = s.Points[h.index]
				}
				lines = append(lines, pointLine(s.Name, p, d.Format, d.Levels))
			}
		}
	}
	if h.event >= 0 {
		lines = append(lines, "Event: "+d.Events[h.event].Label)
	}
	r.tip.show(r.pal, lines, pos, r.size)
	r.tip.key = key
	if h.series >= 0 {
		p := r.pts[h.series][h.index]
		placeCircle(r.highlight, p.X, p.Y, 6)
		r.highlight.Show()
		r.highlight.Refresh()
	} else {
		r.highlight.Hide()
	}
}
