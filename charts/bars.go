package charts

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
)

// BarChart draws horizontal bars with value labels, for comparing business
// units or showing gaps to target. Bars keep the order of the data; the
// shaping functions sort them.
type BarChart struct {
	chartBase[BarData, *barRenderer]

	// OnTapped is called with the index of the tapped bar.
	OnTapped func(index int)
}

var (
	_ fyne.Tappable     = (*BarChart)(nil)
	_ desktop.Hoverable = (*BarChart)(nil)
)

// NewBarChart returns a bar chart showing data.
func NewBarChart(data BarData) *BarChart {
	b := &BarChart{}
	b.extend(b, data)
	return b
}

// CreateRenderer is part of fyne.Widget.
func (b *BarChart) CreateRenderer() fyne.WidgetRenderer {
	b.ren = newBarRenderer(b)
	return b.ren
}

// Tapped reports the tapped bar to OnTapped.
func (b *BarChart) Tapped(e *fyne.PointEvent) {
	if b.ren == nil || b.OnTapped == nil {
		return
	}
	if i := b.ren.hit(e.Position); i >= 0 {
		b.OnTapped(i)
	}
}

type barRenderer struct {
	w   *BarChart
	pal palette

	axis      axisTicks
	zero      *canvas.Line
	bars      pool[canvas.Rectangle]
	targets   pool[canvas.Line]
	targetOf  []int // bar index of each target line
	labels    pool[canvas.Text]
	labelW    float32
	labelFitW float32
	values    pool[canvas.Text]
	legend    legend
	rowHover  *canvas.Rectangle
	tip       *tooltip
	empty     message
	objs      []fyne.CanvasObject

	// geometry from the last layout
	size                     fyne.Size
	left, right, top, bottom float32
	rowH                     float32
	lo, hi                   float64
}

func newBarRenderer(w *BarChart) *barRenderer {
	r := &barRenderer{w: w, axis: newAxisTicks(), zero: &canvas.Line{StrokeWidth: 1}, bars: newRectPool(), targets: newLinePool(),
		labels: newTextPool(), values: newTextPool(), legend: newLegend(),
		rowHover: &canvas.Rectangle{CornerRadius: 3}, tip: newTooltip(), empty: newMessage()}
	r.rowHover.Hide()
	r.Refresh()
	return r
}

// Destroy forgets the renderer, so that the widget's hover and tap
// handling never use one Fyne has thrown away.
func (r *barRenderer) Destroy() { r.w.forget(r) }

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *barRenderer) MinSize() fyne.Size           { return fyne.NewSize(200, 100) }

// Refresh rebuilds the canvas objects for the data and theme.
func (r *barRenderer) Refresh() {
	r.pal = newPalette(r.w.Theme())
	r.rebuild()
	r.Layout(r.w.Size())
	canvas.Refresh(r.w)
}

func (r *barRenderer) rebuild() {
	d, p := r.w.data, r.pal
	r.axis.reset(p)
	r.zero.StrokeColor = p.muted
	r.bars.reset()
	r.targets.reset()
	r.targetOf = r.targetOf[:0]
	r.labels.reset()
	r.values.reset()
	r.labelW, r.labelFitW = 0, -1
	var buf []byte
	for i, b := range d.Bars {
		rect := r.bars.next()
		rect.CornerRadius = 2
		rect.FillColor = p.series[0]
		if d.Gaps && b.Value.ok() {
			rect.FillColor = p.bad
			if b.Value.Value < 0 {
				rect.FillColor = p.good
			}
		}
		t := r.labels.next()
		setText(t, b.Label, p.fg, p.smallSize+1, false)
		r.labelW = max(r.labelW, t.Size().Width)
		v := r.values.next()
		switch {
		case !b.Value.ok():
			setText(v, "no data", p.muted, p.smallSize, false)
		case d.Gaps:
			setText(v, d.Format.Signed(b.Value.Value), p.fg, p.smallSize, true)
		default:
			buf = d.Format.append(buf[:0], b.Value.Value)
			setText(v, string(buf), p.fg, p.smallSize, true)
		}
		if b.Target != nil && !math.IsNaN(*b.Target) && !math.IsInf(*b.Target, 0) {
			l := r.targets.next()
			l.StrokeColor, l.StrokeWidth = p.fg, 2
			r.targetOf = append(r.targetOf, i)
		}
	}
	var entries []legendEntry
	if d.Gaps {
		var short, ahead bool
		for _, b := range d.Bars {
			short = short || (b.Value.ok() && b.Value.Value >= 0)
			ahead = ahead || (b.Value.ok() && b.Value.Value < 0)
		}
		if short {
			entries = append(entries, legendEntry{name: "Short of target", colour: p.bad})
		}
		if ahead {
			entries = append(entries, legendEntry{name: "Ahead of target", colour: p.good})
		}
	} else if len(r.targetOf) > 0 {
		entries = []legendEntry{{name: "Score", colour: p.series[0]}, {name: "Target", colour: p.fg}}
	}
	r.legend.set(entries, p)
	r.rowHover.FillColor = withAlpha(p.fg, 0.06)
	r.empty.set(p, "No data")
	r.tip.hide()

	r.objs = r.objs[:0]
	r.objs = append(r.objs, r.rowHover)
	r.objs = appendObjects(r.objs, r.axis.grid[:])
	r.objs = appendObjects(r.objs, r.bars.used())
	r.objs = append(r.objs, r.zero)
	r.objs = appendObjects(r.objs, r.targets.used())
	r.objs = appendObjects(r.objs, r.axis.texts[:])
	r.objs = appendObjects(r.objs, r.labels.used())
	r.objs = appendObjects(r.objs, r.values.used())
	r.objs = r.legend.appendObjects(r.objs)
	r.objs = r.empty.appendObjects(r.objs)
	r.objs = r.tip.appendObjects(r.objs)
}

// valueRange is the axis range: fixed, or spanning zero, values and targets.
func (r *barRenderer) valueRange(want int) (lo, hi float64) {
	d := r.w.data
	if d.Max > d.Min {
		return r.axis.fixed(d.Min, d.Max, want)
	}
	dlo, dhi := 0.0, 0.0
	for _, b := range d.Bars {
		if b.Value.ok() {
			dlo, dhi = math.Min(dlo, b.Value.Value), math.Max(dhi, b.Value.Value)
		}
		if b.Target != nil && !math.IsNaN(*b.Target) && !math.IsInf(*b.Target, 0) {
			dlo, dhi = math.Min(dlo, *b.Target), math.Max(dhi, *b.Target)
		}
	}
	return r.axis.around(dlo, dhi, want)
}
