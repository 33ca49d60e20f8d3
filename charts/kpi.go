package charts

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
)

// KPITile shows one number big, its maturity level, the change against the
// previous period with an arrow and colour, and a sparkline of its trend.
type KPITile struct {
	chartBase[KPIData, *kpiRenderer]

	// OnTapped is called when the tile is tapped.
	OnTapped func()
}

var (
	_ fyne.Tappable     = (*KPITile)(nil)
	_ desktop.Hoverable = (*KPITile)(nil)
)

// NewKPITile returns a tile showing data.
func NewKPITile(data KPIData) *KPITile {
	k := &KPITile{}
	k.extend(k, data)
	return k
}

// CreateRenderer is part of fyne.Widget.
func (k *KPITile) CreateRenderer() fyne.WidgetRenderer {
	k.ren = newKPIRenderer(k)
	return k.ren
}

// Tapped calls OnTapped.
func (k *KPITile) Tapped(*fyne.PointEvent) {
	if k.OnTapped != nil {
		k.OnTapped()
	}
}

type kpiRenderer struct {
	w   *KPITile
	pal palette

	bg        *canvas.Rectangle
	title     *canvas.Text
	value     *canvas.Text
	level     *canvas.Text
	arrow     *canvas.Polygon
	delta     *canvas.Text
	deltaNote *canvas.Text
	spark     pool[canvas.Line]
	sparkSeg  []int // trend index of each sparkline segment's start
	last      *canvas.Circle
	lastAt    int
	highlight *canvas.Circle
	tip       *tooltip
	objs      []fyne.CanvasObject

	// geometry from the last layout
	size     fyne.Size
	sparkPts []fyne.Position
	sparkTop float32
}

func newKPIRenderer(w *KPITile) *kpiRenderer {
	r := &kpiRenderer{w: w, bg: &canvas.Rectangle{CornerRadius: 6}, title: &canvas.Text{},
		value: &canvas.Text{}, level: &canvas.Text{}, arrow: canvas.NewPolygon(3, nil),
		delta: &canvas.Text{}, deltaNote: &canvas.Text{}, spark: newLinePool(),
		last: &canvas.Circle{}, highlight: newHighlight(), tip: newTooltip()}
	r.Refresh()
	return r
}

// Destroy forgets the renderer, so that the widget's hover and tap
// handling never use one Fyne has thrown away.
func (r *kpiRenderer) Destroy() { r.w.forget(r) }

func (r *kpiRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *kpiRenderer) MinSize() fyne.Size           { return fyne.NewSize(180, 120) }

// Refresh rebuilds the canvas objects for the data and theme.
func (r *kpiRenderer) Refresh() {
	r.pal = newPalette(r.w.Theme())
	r.rebuild()
	r.Layout(r.w.Size())
	canvas.Refresh(r.w)
}

func (r *kpiRenderer) rebuild() {
	d, p := r.w.data, r.pal
	r.bg.FillColor = withAlpha(p.fg, 0.05)
	r.bg.StrokeColor, r.bg.StrokeWidth = p.grid, 1
	setText(r.title, d.Title, p.muted, p.smallSize+1, true)
	if d.Value.ok() {
		setText(r.value, d.Format.String(d.Value.Value), p.fg, p.textSize*2.6, true)
		setText(r.level, d.Level, p.series[0], p.textSize+1, true)
	} else {
		setText(r.value, "–", p.muted, p.textSize*2.6, true)
		setText(r.level, "No data", p.muted, p.textSize, false)
	}

	show(r.arrow, false)
	switch {
	case d.Delta == nil || !d.Value.ok():
		setText(r.delta, "", p.fg, p.smallSize+1, true)
		setText(r.deltaNote, "no previous period", p.muted, p.smallSize+1, false)
	default:
		v := *d.Delta
		colour, up := p.muted, v > 0
		if rounded := d.Format.String(v); rounded != d.Format.String(0) && rounded != "-"+d.Format.String(0) {
			good := up != d.LowerBetter
			colour = p.bad
			if good {
				colour = p.good
			}
			r.arrow.FillColor, r.arrow.Angle = colour, 0
			if !up {
				r.arrow.Angle = 180
			}
			show(r.arrow, true)
		}
		setText(r.delta, d.Format.Signed(v), colour, p.smallSize+1, true)
		setText(r.deltaNote, d.DeltaLabel, p.muted, p.smallSize+1, false)
	}

	r.spark.reset()
	r.sparkSeg = r.sparkSeg[:0]
	r.lastAt = -1
	ok := func(i int) bool { return i >= 0 && i < len(d.Trend) && d.Trend[i].ok() }
	for i := range d.Trend {
		if ok(i) && ok(i+1) {
			l := r.spark.next()
			l.StrokeColor, l.StrokeWidth = p.series[0], 1.75
			r.sparkSeg = append(r.sparkSeg, i)
		}
		if ok(i) {
			r.lastAt = i
		}
	}
	r.sparkPts = append(r.sparkPts[:0], make([]fyne.Position, len(d.Trend))...)
	r.last.FillColor = p.series[0]
	r.highlight.StrokeColor = p.hoverRing
	r.tip.hide()

	r.objs = append(r.objs[:0], r.bg, r.title, r.value, r.level, r.arrow, r.delta, r.deltaNote)
	r.objs = appendObjects(r.objs, r.spark.used())
	r.objs = append(r.objs, r.last, r.highlight)
	r.objs = r.tip.appendObjects(r.objs)
}
