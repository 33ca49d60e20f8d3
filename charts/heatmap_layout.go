package charts

import (
	"fyne.io/fyne/v2"
)

const (
	maxCellH  = 56
	maxCellW  = 140
	scaleBarW = 12
)

// Layout places cells, labels and the colour legend for size.
func (r *heatmapRenderer) Layout(size fyne.Size) {
	r.size = size
	r.tip.hide()
	r.highlight.Hide()
	p := r.pal
	hasData := r.rows > 0 && r.cols > 0
	var tickW float32
	for _, t := range r.scaleTicks.used() {
		tickW = max(tickW, t.Size().Width)
	}
	if r.anyMissing {
		tickW = max(tickW, r.noDataText.Size().Width)
	}
	legendW := float32(12) + scaleBarW + 6 + tickW

	rowW := min(r.rowLabelW, size.Width*0.3)
	if rowW != r.rowFitW {
		for i, t := range r.rowLabels.used() {
			ellipsize(t, r.rowNames[i], rowW)
		}
		r.rowFitW = rowW
	}
	r.left = pad + rowW + 8
	right := size.Width - pad - legendW
	r.top = pad
	if r.cols > 0 {
		r.cellW = min(max((right-r.left)/float32(r.cols), 1), maxCellW)
	}
	if r.cellW != r.colFitW {
		r.fitColLabels()
		r.colFitW = r.cellW
	}
	colH := p.smallSize + 6
	if r.colTwo {
		colH *= 2
	}
	bottom := size.Height - pad - colH - 4
	if r.rows > 0 {
		r.cellH = min(max((bottom-r.top)/float32(r.rows), 1), maxCellH)
	}
	gridW, gridH := r.cellW*float32(r.cols), r.cellH*float32(r.rows)

	gap := float32(1)
	if r.cellW > 24 && r.cellH > 24 {
		gap = 2
	}
	cells, values := r.cells.used(), r.values.used()
	textH := p.smallSize + 4
	for i := range r.rows {
		for j := range r.cols {
			k := i*r.cols + j
			x, y := r.left+float32(j)*r.cellW, r.top+float32(i)*r.cellH
			placeRect(cells[k], x, y, r.cellW-gap, r.cellH-gap)
			fits := r.valueW[k]+4 <= r.cellW-gap && textH <= r.cellH-gap
			show(values[k], fits)
			if fits {
				placeText(values[k], x+(r.cellW-gap)/2, y+(r.cellH-gap)/2, anchorCenter)
			}
		}
	}
	for i, t := range r.rowLabels.used() {
		placeText(t, r.left-8, r.top+(float32(i)+0.5)*r.cellH-gap/2, anchorRight)
	}
	r.placeColLabels(r.top+gridH+4, size)

	// colour legend: a bar as tall as the grid (at least 80) with its ticks
	r.barX = r.left + gridW + 12
	r.barTop = r.top
	r.barH = max(gridH-gap, min(float32(80), bottom-r.top))
	if r.anyMissing { // room for the "No data" swatch under the bar
		r.barH = max(r.barH-scaleBarW-10, 20)
	}
	r.scale.Move(fyne.NewPos(r.barX, r.barTop))
	r.scale.Resize(fyne.NewSize(scaleBarW, r.barH))
	show(r.scale, hasData)
	ticks := r.scaleTicks.used()
	lastY := float32(-1000)
	for i := len(ticks) - 1; i >= 0; i-- { // from the top, hiding labels that would touch
		t := ticks[i]
		y := r.barTop + r.barH*float32(1-(r.scaleVals[i]-r.lo)/(r.hi-r.lo))
		placeText(t, r.barX+scaleBarW+6, y, anchorLeft)
		fits := t.Position().Y >= lastY+2
		show(t, hasData && fits)
		if fits {
			lastY = t.Position().Y + t.Size().Height
		}
	}
	ny := r.barTop + r.barH + 10
	placeRect(r.noData, r.barX, ny, scaleBarW, scaleBarW)
	placeText(r.noDataText, r.barX+scaleBarW+6, ny+scaleBarW/2, anchorLeft)
	show(r.noData, hasData && r.anyMissing)
	show(r.noDataText, hasData && r.anyMissing)

	r.empty.place(size.Width/2, size.Height/2, !hasData)
}

// fitColLabels decides how column labels fit the cell width: on one line;
// for a few columns on two lines, shortened if need be; else one line for
// every few columns.
func (r *heatmapRenderer) fitColLabels() {
	names, lines1, lines2 := r.w.data.Cols, r.colLabels.used(), r.colLines2.used()
	r.colTwo = r.colLabelW+8 > r.cellW && r.cols <= 12
	for j, t := range lines1 {
		if !r.colTwo {
			t.Text = names[j]
			t.Resize(t.MinSize())
			show(lines2[j], false)
			continue
		}
		parts := splitMiddle(names[j])
		if parts[0] == "" {
			parts[0] = names[j]
		}
		// a line may reach a little into the gap beside its cell
		ellipsize(t, parts[0], r.cellW+6)
		ellipsize(lines2[j], parts[1], r.cellW+6)
		show(lines2[j], parts[1] != "")
	}
}

// placeColLabels writes the column labels under the grid: all of them when
// they fit, else as many as fit, always the last.
func (r *heatmapRenderer) placeColLabels(y float32, size fyne.Size) {
	step := 1
	if !r.colTwo {
		step = labelStep(r.colLabelW, r.cellW)
	}
	limit := size.Width - pad
	lines2 := r.colLines2.used()
	for j, t := range r.colLabels.used() {
		visible := (r.cols-1-j)%step == 0
		show(t, visible)
		if !visible {
			continue
		}
		w := t.Size().Width
		x := r.left + (float32(j)+0.5)*r.cellW
		placeText(t, max(pad+w/2, min(x, limit-w/2)), y, anchorTop)
		if r.colTwo {
			placeText(lines2[j], x, y+t.Size().Height, anchorTop)
		}
	}
}

// hit returns the cell under pos.
func (r *heatmapRenderer) hit(pos fyne.Position) (row, col int, ok bool) {
	if r.rows == 0 || r.cols == 0 || pos.X < r.left || pos.Y < r.top {
		return -1, -1, false
	}
	col, row = int((pos.X-r.left)/r.cellW), int((pos.Y-r.top)/r.cellH)
	if row >= r.rows || col >= r.cols {
		return -1, -1, false
	}
	return row, col, true
}

// hover outlines the cell under the pointer and shows its value.
func (r *heatmapRenderer) hover(pos fyne.Position, in bool) {
	row, col, ok := r.hit(pos)
	if !in || !ok {
		r.tip.hide()
		r.highlight.Hide()
		return
	}
	key := [3]int{row, col, 0}
	if key == r.tip.key {
		return
	}
	d := r.w.data
	lines := []string{d.Rows[row] + " · " + d.Cols[col], pointLine("", r.cell(row, col), d.Format, d.Levels)}
	r.tip.show(r.pal, lines, pos, r.size)
	r.tip.key = key
	c := r.cells.used()[row*r.cols+col]
	r.highlight.Move(c.Position())
	r.highlight.Resize(c.Size())
	r.highlight.Show()
	r.highlight.Refresh()
}
