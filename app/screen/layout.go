package screen

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ColumnsLayout places cells at fixed minimum widths; the second column (the
// bar) takes what is left.
type ColumnsLayout struct{ Widths []float32 }

func (l *ColumnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for i, w := range l.Widths {
		if i != 1 {
			fixed += w
		}
	}
	x := float32(0)
	for i, o := range objs {
		w := l.Widths[i%len(l.Widths)]
		if i == 1 {
			w = max(size.Width-fixed, l.Widths[1])
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (l *ColumnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		w += l.Widths[i%len(l.Widths)]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

// FoldLayout gives its first object the height of the scroll it sits in
// (the part of the screen seen without scrolling) less a peek at what comes
// next, and stacks the others below it, so the key charts fill the window
// and the rest is a scroll away. The last object (a table) takes only its
// own minimum height, so the page ends with it.
type FoldLayout struct {
	View   fyne.CanvasObject // the scroll container showing this content
	Peek   float32           // how much of the next object shows above the fold
	Below  float32           // height of the objects between the first and the last
	MinTop float32           // the first object never gets less
}

// height is the height of object i of n after the first.
func (l *FoldLayout) height(i, n int, o fyne.CanvasObject) float32 {
	if i == n-1 {
		return o.MinSize().Height
	}
	return max(l.Below, o.MinSize().Height)
}

func (l *FoldLayout) topHeight(objs []fyne.CanvasObject) float32 {
	h := l.View.Size().Height - l.Peek
	if len(objs) > 0 {
		h = max(h, objs[0].MinSize().Height)
	}
	return max(h, l.MinTop)
}

func (l *FoldLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	pad := theme.Padding()
	for i, o := range objs {
		h := l.topHeight(objs)
		if i > 0 {
			h = l.height(i, len(objs), o)
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
}

func (l *FoldLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		m := o.MinSize()
		w = max(w, m.Width)
		if i == 0 {
			h += l.topHeight(objs)
			continue
		}
		h += theme.Padding() + l.height(i, len(objs), o)
	}
	return fyne.NewSize(w, h)
}

// WeightedRow places objects side by side with widths in proportion to
// their weights (1 for objects past the end of the weights). With keepMin
// no object gets less than its minimum width, so that a narrow window
// scrolls rather than clipping; mins, where above 0, replace an object's
// own minimum (for tiles that can take less than they ask).
type WeightedRow struct {
	Weights []float32
	Mins    []float32
	KeepMin bool
}

func (l *WeightedRow) weight(i int) float32 {
	if i < len(l.Weights) {
		return l.Weights[i]
	}
	return 1
}

// minWidth is the least width object i gets.
func (l *WeightedRow) minWidth(i int, o fyne.CanvasObject) float32 {
	if i < len(l.Mins) && l.Mins[i] > 0 {
		return l.Mins[i]
	}
	return o.MinSize().Width
}

// widths shares free among the visible objects: by weight, then again
// among the rest once those below their minimum are given it.
func (l *WeightedRow) widths(objs []fyne.CanvasObject, free float32) []float32 {
	ws := make([]float32, len(objs))
	fixed := make([]bool, len(objs))
	for {
		left, total := free, float32(0)
		for i, o := range objs {
			switch {
			case !o.Visible():
			case fixed[i]:
				left -= ws[i]
			default:
				total += l.weight(i)
			}
		}
		changed := false
		for i, o := range objs {
			if !o.Visible() || fixed[i] {
				continue
			}
			ws[i] = max(left, 0) * l.weight(i) / total
			if m := l.minWidth(i, o); l.KeepMin && ws[i] < m {
				ws[i], fixed[i], changed = m, true, true
			}
		}
		if !changed {
			return ws
		}
	}
}

func (l *WeightedRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := 0
	for _, o := range objs {
		if o.Visible() {
			n++
		}
	}
	if n == 0 {
		return
	}
	pad := theme.Padding()
	ws := l.widths(objs, size.Width-pad*float32(n-1))
	x := float32(0)
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(ws[i], size.Height))
		x += ws[i] + pad
	}
}

func (l *WeightedRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for i, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			if l.KeepMin {
				m.Width = l.minWidth(i, o)
			}
			w += m.Width
			h = max(h, m.Height)
			n++
		}
	}
	if n > 1 {
		w += theme.Padding() * float32(n-1)
	}
	return fyne.NewSize(w, h)
}

// SplitColumn stacks two objects: the second gets share of the height,
// kept between its minimum and maxBottom (when above 0), and the first the
// rest. The floors raise the objects' own minimum heights, so that a short
// window scrolls before a chart becomes unreadable.
type SplitColumn struct {
	Share             float32
	MinTop, MinBottom float32
	MaxBottom         float32
}

func (l *SplitColumn) mins(objs []fyne.CanvasObject) (top, bottom fyne.Size) {
	top, bottom = objs[0].MinSize(), objs[1].MinSize()
	top.Height, bottom.Height = max(top.Height, l.MinTop), max(bottom.Height, l.MinBottom)
	return top, bottom
}

func (l *SplitColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	pad := theme.Padding()
	top, bottom := l.mins(objs)
	free := size.Height - pad
	h := free * l.Share
	if l.MaxBottom > 0 {
		h = min(h, l.MaxBottom)
	}
	h = max(min(h, free-top.Height), bottom.Height)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, free-h))
	objs[1].Move(fyne.NewPos(0, free-h+pad))
	objs[1].Resize(fyne.NewSize(size.Width, h))
}

func (l *SplitColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	top, bottom := l.mins(objs)
	return fyne.NewSize(max(top.Width, bottom.Width), top.Height+theme.Padding()+bottom.Height)
}

// TapRow is a row of a table that does something when tapped anywhere but
// on its own buttons, and shades itself under the pointer.
type TapRow struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
	hovered bool
}

func NewTapRow(content fyne.CanvasObject, onTap func()) *TapRow {
	r := &TapRow{content: content, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

// Tapped runs the row's action.
func (r *TapRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// MouseIn shades the row.
func (r *TapRow) MouseIn(*desktop.MouseEvent) { r.hovered = true; r.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (r *TapRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut clears the shade.
func (r *TapRow) MouseOut() { r.hovered = false; r.Refresh() }

func (r *TapRow) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = 4
	return &tapRowRenderer{row: r, bg: bg}
}

type tapRowRenderer struct {
	row *TapRow
	bg  *canvas.Rectangle
}

func (r *tapRowRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.row.content.Resize(size)
}

func (r *tapRowRenderer) MinSize() fyne.Size { return r.row.content.MinSize() }

func (r *tapRowRenderer) Refresh() {
	r.bg.FillColor = color.Transparent
	if r.row.hovered {
		v := fyne.CurrentApp().Settings().ThemeVariant()
		r.bg.FillColor = r.row.Theme().Color(theme.ColorNameHover, v)
	}
	r.bg.Refresh()
	r.row.content.Refresh()
}

func (r *tapRowRenderer) Destroy() {}

func (r *tapRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.row.content}
}
