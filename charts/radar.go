package charts

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
)

// Radar draws series over a few axes (the six disciplines) as polygons on
// rings, one ring per maturity level.
type Radar struct {
	chartBase[RadarData, *radarRenderer]

	// OnTapped is called with the series and axis tapped; series is -1 when
	// the tap was near an axis but on no point.
	OnTapped func(series, axis int)
}

var (
	_ fyne.Tappable     = (*Radar)(nil)
	_ desktop.Hoverable = (*Radar)(nil)
)

// NewRadar returns a radar showing data.
func NewRadar(data RadarData) *Radar {
	r := &Radar{}
	r.extend(r, data)
	return r
}

// CreateRenderer is part of fyne.Widget.
func (r *Radar) CreateRenderer() fyne.WidgetRenderer {
	r.ren = newRadarRenderer(r)
	return r.ren
}

// Tapped reports the tapped point or axis to OnTapped.
func (r *Radar) Tapped(e *fyne.PointEvent) {
	if r.ren == nil || r.OnTapped == nil {
		return
	}
	if s, a, ok := r.ren.hit(e.Position); ok {
		r.OnTapped(s, a)
	}
}

// radarAxis is an axis's label, in one line or split in two.
type radarAxis struct {
	line1, line2 *canvas.Text
	name         string
	one          fyne.Size // the name on one line
	split        [2]string // the name broken at its middle space; "" if none
	splitW       float32
	w1, w2       float32 // widths of the two split lines
	ux, uy       float32 // unit vector from the centre
}

type radarRenderer struct {
	w   *Radar
	pal palette

	shapes     *shapes
	rings      pool[canvas.Line]
	spokes     pool[canvas.Line]
	ringLabels pool[canvas.Text]
	ringBgs    pool[canvas.Rectangle]
	labelTexts pool[canvas.Text]
	dots       pool[canvas.Circle]
	axes       []radarAxis
	legend     legend
	tip        *tooltip
	highlight  *canvas.Circle
	empty      message
	objs       []fyne.CanvasObject

	// geometry from the last layout
	size    fyne.Size
	cx, cy  float32
	radius  float32
	max     float64
	pts     [][]fyne.Position // [series][axis]; only present points are drawn
	present [][]bool
	poly    []fyne.Position // scratch for painting
}

func newRadarRenderer(w *Radar) *radarRenderer {
	r := &radarRenderer{w: w, rings: newLinePool(), spokes: newLinePool(), ringLabels: newTextPool(),
		labelTexts: newTextPool(), ringBgs: newRectPool(), empty: newMessage(), dots: newCirclePool(), legend: newLegend(), tip: newTooltip(),
		highlight: newHighlight()}
	r.shapes = newShapes(r.paint)
	r.Refresh()
	return r
}

// Destroy forgets the renderer, so that the widget's hover and tap
// handling never use one Fyne has thrown away.
func (r *radarRenderer) Destroy() { r.w.forget(r) }

func (r *radarRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *radarRenderer) MinSize() fyne.Size           { return fyne.NewSize(240, 200) }

// Refresh rebuilds the canvas objects for the data and theme.
func (r *radarRenderer) Refresh() {
	r.pal = newPalette(r.w.Theme())
	r.rebuild()
	r.Layout(r.w.Size())
	r.shapes.invalidate()
	r.shapes.raster.Refresh()
	canvas.Refresh(r.w)
}

func (r *radarRenderer) rebuild() {
	d, p := r.w.data, r.pal
	n := len(d.Axes)
	r.max = d.Max
	if r.max <= 0 || math.IsNaN(r.max) || math.IsInf(r.max, 0) {
		r.max = float64(max(len(d.Levels), 5))
	}
	levels := int(math.Floor(r.max))

	r.rings.reset()
	r.spokes.reset()
	r.ringLabels.reset()
	r.ringBgs.reset()
	r.labelTexts.reset()
	r.dots.reset()
	if n >= 3 {
		for range levels * n {
			r.rings.next().StrokeColor = p.grid
		}
		for range n {
			r.spokes.next().StrokeColor = p.grid
		}
		for l := 1; l <= levels; l++ {
			name := formatTick(float64(l), 1)
			if l <= len(d.Levels) && d.Levels[l-1] != "" {
				name += " " + d.Levels[l-1]
			}
			t := r.ringLabels.next()
			setText(t, name, p.muted, p.smallSize, false)
			bg := r.ringBgs.next()
			bg.FillColor, bg.CornerRadius = withAlpha(p.bg, 0.8), 3
			bg.Resize(t.Size().AddWidthHeight(6, 0))
		}
	}
	r.axes = r.axes[:0]
	for i := range n {
		a := radarAxis{name: d.Axes[i], line1: r.labelTexts.next(), line2: r.labelTexts.next()}
		col := p.fg
		if !r.axisHasData(i) {
			col = p.muted
		}
		setText(a.line1, a.name, col, p.smallSize+1, true)
		a.one = a.line1.Size()
		if a.split = splitMiddle(a.name); a.split[0] != "" {
			setText(a.line2, a.split[0], col, p.smallSize+1, true)
			a.w1 = a.line2.Size().Width
			setText(a.line2, a.split[1], col, p.smallSize+1, true)
			a.w2 = a.line2.Size().Width
			a.splitW = max(a.w1, a.w2)
		}
		theta := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		a.ux, a.uy = float32(math.Cos(theta)), float32(math.Sin(theta))
		r.axes = append(r.axes, a)
	}

	r.pts = resize2(r.pts, len(d.Series), n)
	r.present = resizeBool2(r.present, len(d.Series), n)
	var entries []legendEntry
	for si, s := range d.Series {
		c := p.seriesColour(s, si)
		for ai := range n {
			r.present[si][ai] = ai < len(s.Points) && s.Points[ai].ok()
			if !s.Dashed && r.present[si][ai] && n >= 3 {
				dot := r.dots.next()
				dot.FillColor = c
			}
		}
		entries = append(entries, legendEntry{name: s.Name, colour: c, outline: !s.Fill})
	}
	r.legend.set(entries, p)
	r.highlight.StrokeColor = p.hoverRing
	r.empty.set(p, "No data")
	r.tip.hide()

	r.objs = r.objs[:0]
	r.objs = appendObjects(r.objs, r.rings.used())
	r.objs = appendObjects(r.objs, r.spokes.used())
	r.objs = append(r.objs, r.shapes.raster)
	r.objs = appendObjects(r.objs, r.ringBgs.used())
	r.objs = appendObjects(r.objs, r.ringLabels.used())
	r.objs = appendObjects(r.objs, r.dots.used())
	r.objs = appendObjects(r.objs, r.labelTexts.used())
	r.objs = r.legend.appendObjects(r.objs)
	r.objs = r.empty.appendObjects(r.objs)
	r.objs = append(r.objs, r.highlight)
	r.objs = r.tip.appendObjects(r.objs)
}

// axisHasData reports whether any series has a value on axis i.
func (r *radarRenderer) axisHasData(i int) bool {
	for _, s := range r.w.data.Series {
		if i < len(s.Points) && s.Points[i].ok() {
			return true
		}
	}
	return false
}

// hasData reports whether any point can be drawn.
func (r *radarRenderer) hasData() bool {
	for i := range r.w.data.Axes {
		if r.axisHasData(i) {
			return true
		}
	}
	return false
}

// splitMiddle breaks s at the space nearest its middle.
func splitMiddle(s string) [2]string {
	best := -1
	for i, c := range s {
		if c == ' ' && (best < 0 || abs(i-len(s)/2) < abs(best-len(s)/2)) {
			best = i
		}
	}
	if best < 0 {
		return [2]string{}
	}
	return [2]string{s[:best], s[best+1:]}
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

func resize2(s [][]fyne.Position, rows, cols int) [][]fyne.Position {
	s = s[:0]
	for range rows {
		s = append(s, make([]fyne.Position, cols))
	}
	return s
}

func resizeBool2(s [][]bool, rows, cols int) [][]bool {
	s = s[:0]
	for range rows {
		s = append(s, make([]bool, cols))
	}
	return s
}
