package charts

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
)

// Heatmap draws a grid of values (disciplines by periods, units by
// disciplines) on a sequential colour scale with a legend, printing each
// value in its cell when there is room.
type Heatmap struct {
	chartBase[HeatmapData, *heatmapRenderer]

	// OnTapped is called with the row and column of the tapped cell.
	OnTapped func(row, col int)
}

var (
	_ fyne.Tappable     = (*Heatmap)(nil)
	_ desktop.Hoverable = (*Heatmap)(nil)
)

// NewHeatmap returns a heatmap showing data.
func NewHeatmap(data HeatmapData) *Heatmap {
	h := &Heatmap{}
	h.extend(h, data)
	return h
}

// CreateRenderer is part of fyne.Widget.
func (h *Heatmap) CreateRenderer() fyne.WidgetRenderer {
	h.ren = newHeatmapRenderer(h)
	return h.ren
}

// Tapped reports the tapped cell to OnTapped.
func (h *Heatmap) Tapped(e *fyne.PointEvent) {
	if h.ren == nil || h.OnTapped == nil {
		return
	}
	if row, col, ok := h.ren.hit(e.Position); ok {
		h.OnTapped(row, col)
	}
}

type heatmapRenderer struct {
	w   *Heatmap
	pal palette

	cells      pool[canvas.Rectangle]
	values     pool[canvas.Text]
	valueW     []float32
	rowLabels  pool[canvas.Text]
	rowNames   []string
	rowLabelW  float32 // widest row label
	rowFitW    float32 // width the row labels were last shortened to
	colLabels  pool[canvas.Text]
	colLines2  pool[canvas.Text] // second lines of two-line column labels
	colLabelW  float32
	colFitW    float32 // cell width the column labels were last fitted to
	colTwo     bool    // column labels take two lines
	scale      *canvas.Raster
	scaleImg   *image.RGBA
	scaleTicks pool[canvas.Text]
	scaleVals  []float64
	noData     *canvas.Rectangle
	noDataText *canvas.Text
	anyMissing bool
	highlight  *canvas.Rectangle
	tip        *tooltip
	empty      message
	objs       []fyne.CanvasObject

	// geometry from the last layout
	size         fyne.Size
	left, top    float32
	cellW, cellH float32
	rows, cols   int
	lo, hi       float64
	barX, barTop float32 // colour legend
	barH         float32
}

func newHeatmapRenderer(w *Heatmap) *heatmapRenderer {
	r := &heatmapRenderer{w: w, cells: newRectPool(), values: newTextPool(), rowLabels: newTextPool(),
		colLabels: newTextPool(), colLines2: newTextPool(), scaleTicks: newTextPool(), noData: &canvas.Rectangle{CornerRadius: 2},
		noDataText: &canvas.Text{}, highlight: &canvas.Rectangle{StrokeWidth: 2},
		tip: newTooltip(), empty: newMessage()}
	r.scale = canvas.NewRaster(r.scaleImage)
	r.highlight.Hide()
	r.Refresh()
	return r
}

// Destroy forgets the renderer, so that the widget's hover and tap
// handling never use one Fyne has thrown away.
func (r *heatmapRenderer) Destroy() { r.w.forget(r) }

func (r *heatmapRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *heatmapRenderer) MinSize() fyne.Size           { return fyne.NewSize(200, 120) }

// Refresh rebuilds the canvas objects for the data and theme.
func (r *heatmapRenderer) Refresh() {
	r.pal = newPalette(r.w.Theme())
	r.rebuild()
	r.Layout(r.w.Size())
	canvas.Refresh(r.w)
}

// scaleImage is the colour legend: the scale from bottom (low) to top.
func (r *heatmapRenderer) scaleImage(w, h int) image.Image {
	w, h = max(w, 1), max(h, 1)
	if r.scaleImg != nil && r.scaleImg.Rect.Dx() == w && r.scaleImg.Rect.Dy() == h {
		return r.scaleImg
	}
	img := reuseRGBA(r.scaleImg, w, h)
	for y := range h {
		c := scaleColour(1 - float64(y)/float64(max(h-1, 1)))
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < len(row); x += 4 {
			row[x], row[x+1], row[x+2], row[x+3] = c.R, c.G, c.B, 0xff
		}
	}
	r.scaleImg = img
	return img
}

func (r *heatmapRenderer) rebuild() {
	d, p := r.w.data, r.pal
	r.rows, r.cols = len(d.Rows), len(d.Cols)
	r.lo, r.hi = d.Min, d.Max
	if !(r.hi > r.lo) {
		r.lo, r.hi = r.dataRange()
	}

	r.cells.reset()
	r.values.reset()
	r.valueW = r.valueW[:0]
	r.anyMissing = false
	var buf []byte
	for i := range r.rows {
		for j := range r.cols {
			pt := r.cell(i, j)
			c := r.cells.next()
			t := r.values.next()
			if pt.ok() {
				c.StrokeWidth = 0
				c.FillColor = scaleColour((pt.Value - r.lo) / (r.hi - r.lo))
				buf = d.Format.append(buf[:0], pt.Value)
				setText(t, string(buf), textOn(c.FillColor), p.smallSize, false)
			} else {
				r.anyMissing = true // an empty outlined cell
				c.FillColor, c.StrokeColor, c.StrokeWidth = withAlpha(p.fg, 0.03), p.grid, 1
				setText(t, "–", p.muted, p.smallSize, false)
			}
			r.valueW = append(r.valueW, t.Size().Width)
		}
	}

	r.rowLabels.reset()
	r.rowNames = append(r.rowNames[:0], d.Rows...)
	r.rowLabelW, r.rowFitW = 0, -1
	for _, name := range d.Rows {
		t := r.rowLabels.next()
		setText(t, name, p.fg, p.smallSize, false)
		r.rowLabelW = max(r.rowLabelW, t.Size().Width)
	}
	r.colLabels.reset()
	r.colLines2.reset()
	r.colLabelW, r.colFitW, r.colTwo = 0, -1, false
	for _, name := range d.Cols {
		t := r.colLabels.next()
		setText(t, name, p.muted, p.smallSize, false)
		r.colLabelW = max(r.colLabelW, t.Size().Width)
		setText(r.colLines2.next(), "", p.muted, p.smallSize, false)
	}

	r.scaleTicks.reset()
	_, hi, step := niceScale(r.lo, r.hi, 6)
	r.scaleVals = appendTicks(r.scaleVals[:0], math.Ceil(r.lo/step-1e-9)*step, math.Min(hi, r.hi), step)
	for _, v := range r.scaleVals {
		name := formatTick(v, step)
		if l := levelName(d.Levels, v); l != "" && v == math.Floor(v) {
			name += " " + l
		}
		setText(r.scaleTicks.next(), name, p.muted, p.smallSize, false)
	}
	r.noData.FillColor = withAlpha(p.fg, 0.03)
	r.noData.StrokeColor, r.noData.StrokeWidth = p.grid, 1
	setText(r.noDataText, "No data", p.muted, p.smallSize, false)
	r.highlight.StrokeColor, r.highlight.FillColor = p.fg, color.Transparent
	r.empty.set(p, "No data")
	r.tip.hide()

	r.objs = r.objs[:0]
	r.objs = appendObjects(r.objs, r.cells.used())
	r.objs = appendObjects(r.objs, r.values.used())
	r.objs = appendObjects(r.objs, r.rowLabels.used())
	r.objs = appendObjects(r.objs, r.colLabels.used())
	r.objs = appendObjects(r.objs, r.colLines2.used())
	r.objs = append(r.objs, r.scale)
	r.objs = appendObjects(r.objs, r.scaleTicks.used())
	r.objs = append(r.objs, r.noData, r.noDataText, r.highlight)
	r.objs = r.empty.appendObjects(r.objs)
	r.objs = r.tip.appendObjects(r.objs)
}

// cell returns the point at row i, column j, missing when absent.
func (r *heatmapRenderer) cell(i, j int) Point {
	c := r.w.data.Cells
	if i < len(c) && j < len(c[i]) {
		return c[i][j]
	}
	return Point{}
}

// dataRange spans the drawable cells; with one value or none it is widened.
func (r *heatmapRenderer) dataRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range r.rows {
		for j := range r.cols {
			if p := r.cell(i, j); p.ok() {
				lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
			}
		}
	}
	switch {
	case lo > hi:
		return 0, 1
	case lo == hi:
		return lo - 1, hi + 1
	}
	return lo, hi
}
