package charts

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
)

// LineChart draws one line per series over labelled periods, with a target
// line or band and markers for annotated events. Missing points leave gaps.
type LineChart struct {
	chartBase[LineData, *lineRenderer]

	// OnTapped is called with the series and label index tapped; series is
	// -1 when the tap was on a period but no single point, index is -1 when
	// it was on the series' name in the legend.
	OnTapped func(series, index int)
}

var (
	_ fyne.Tappable     = (*LineChart)(nil)
	_ desktop.Hoverable = (*LineChart)(nil)
)

// NewLineChart returns a line chart showing data.
func NewLineChart(data LineData) *LineChart {
	c := &LineChart{}
	c.extend(c, data)
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *LineChart) CreateRenderer() fyne.WidgetRenderer {
	c.ren = newLineRenderer(c)
	return c.ren
}

// Tapped reports the tapped point or period to OnTapped.
func (c *LineChart) Tapped(e *fyne.PointEvent) {
	if c.ren == nil || c.OnTapped == nil {
		return
	}
	if i := c.ren.legend.at(e.Position); i >= 0 && i < len(c.data.Series) {
		c.OnTapped(i, -1)
		return
	}
	if h := c.ren.hit(e.Position); h.index >= 0 {
		c.OnTapped(max(h.series, -1), h.index)
	}
}

// segment is a line between points i and i+1 of a series.
type segment struct {
	series, i int
	line      *canvas.Line
}

type lineRenderer struct {
	w   *LineChart
	pal palette

	axis      axisTicks
	levels    pool[canvas.Text]
	xLabels   pool[canvas.Text]
	xLabelW   float32
	segs      []segment
	lines     pool[canvas.Line]
	dots      pool[canvas.Circle]
	dotAt     [][2]int // series, index of each dot
	band      *canvas.Rectangle
	target    *canvas.Line
	evLines   pool[canvas.Line]
	evMarks   pool[canvas.Polygon]
	legend    legend
	tip       *tooltip
	highlight *canvas.Circle
	empty     message
	objs      []fyne.CanvasObject

	// geometry from the last layout
	size                     fyne.Size
	left, right, top, bottom float32
	lo, hi                   float64
	pts                      [][]fyne.Position // [series][index]
}

func newLineRenderer(w *LineChart) *lineRenderer {
	r := &lineRenderer{w: w, axis: newAxisTicks(), levels: newTextPool(), xLabels: newTextPool(), lines: newLinePool(),
		dots: newCirclePool(), evLines: newLinePool(),
		evMarks: newPool(func() *canvas.Polygon { return canvas.NewPolygon(3, nil) }),
		band:    &canvas.Rectangle{}, target: &canvas.Line{StrokeWidth: 1.5},
		legend: newLegend(), tip: newTooltip(), highlight: newHighlight(), empty: newMessage()}
	r.Refresh()
	return r
}

// Destroy forgets the renderer, so that the widget's hover and tap
// handling never use one Fyne has thrown away.
func (r *lineRenderer) Destroy() { r.w.forget(r) }

func (r *lineRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *lineRenderer) MinSize() fyne.Size           { return fyne.NewSize(240, 160) }

// Refresh rebuilds the canvas objects for the data and theme.
func (r *lineRenderer) Refresh() {
	r.pal = newPalette(r.w.Theme())
	r.rebuild()
	r.Layout(r.w.Size())
	canvas.Refresh(r.w)
}

func (r *lineRenderer) rebuild() {
	d, p := r.w.data, r.pal
	n := len(d.Labels)
	r.axis.reset(p)

	r.levels.reset()
	for _, name := range d.Levels {
		setText(r.levels.next(), name, p.muted, p.smallSize, false)
	}
	r.xLabels.reset()
	r.xLabelW = 0
	for _, l := range d.Labels {
		t := r.xLabels.next()
		setText(t, l, p.muted, p.smallSize, false)
		r.xLabelW = max(r.xLabelW, t.Size().Width)
	}

	r.lines.reset()
	r.dots.reset()
	r.segs = r.segs[:0]
	r.dotAt = r.dotAt[:0]
	r.pts = resize2(r.pts, len(d.Series), n)
	var entries []legendEntry
	for si, s := range d.Series {
		c := p.seriesColour(s, si)
		ok := func(i int) bool { return i >= 0 && i < len(s.Points) && i < n && s.Points[i].ok() }
		for i := range n {
			if !ok(i) {
				continue
			}
			if ok(i + 1) {
				l := r.lines.next()
				l.StrokeColor, l.StrokeWidth = c, 2
				if s.Muted || s.Dashed {
					l.StrokeWidth = 1.5
				}
				r.segs = append(r.segs, segment{series: si, i: i, line: l})
			}
			if n <= 16 || (!ok(i-1) && !ok(i+1)) { // isolated points need a dot to be seen
				dot := r.dots.next()
				dot.FillColor = c
				r.dotAt = append(r.dotAt, [2]int{si, i})
			}
		}
		entries = append(entries, legendEntry{name: s.Name, colour: c, outline: s.Muted || s.Dashed})
	}
	// the target is neutral grey: every palette colour may be a series
	r.band.FillColor = withAlpha(p.fg, 0.09)
	r.target.StrokeColor = p.muted
	targetColour := p.muted
	if t := d.Target; t != nil {
		name := t.Label
		if name == "" {
			name = "Target"
		}
		entries = append(entries, legendEntry{name: name, colour: targetColour, outline: t.Hi > t.Lo})
	}

	r.evLines.reset()
	r.evMarks.reset()
	for _, e := range d.Events {
		if e.Index < 0 || e.Index >= n {
			continue
		}
		r.evLines.next().StrokeColor = p.muted
		m := r.evMarks.next()
		m.FillColor, m.Angle = p.fg, 180
	}
	r.legend.set(entries, p)
	r.highlight.StrokeColor = p.hoverRing
	r.empty.set(p, "No data")
	r.tip.hide()

	r.objs = r.objs[:0]
	r.objs = append(r.objs, r.band)
	r.objs = appendObjects(r.objs, r.axis.grid[:])
	r.objs = appendObjects(r.objs, r.evLines.used())
	r.objs = append(r.objs, r.target)
	r.objs = appendObjects(r.objs, r.lines.used())
	r.objs = appendObjects(r.objs, r.dots.used())
	r.objs = appendObjects(r.objs, r.evMarks.used())
	r.objs = appendObjects(r.objs, r.axis.texts[:])
	r.objs = appendObjects(r.objs, r.levels.used())
	r.objs = appendObjects(r.objs, r.xLabels.used())
	r.objs = r.legend.appendObjects(r.objs)
	r.objs = r.empty.appendObjects(r.objs)
	r.objs = append(r.objs, r.highlight)
	r.objs = r.tip.appendObjects(r.objs)
}
