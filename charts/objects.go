package charts

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// pool hands out canvas objects and keeps them between data changes, so
// that a refresh reuses what the previous one made.
type pool[T any] struct {
	all []*T
	n   int
	mk  func() *T
}

func newPool[T any](mk func() *T) pool[T] { return pool[T]{mk: mk} }

func (p *pool[T]) reset() { p.n = 0 }

func (p *pool[T]) next() *T {
	if p.n == len(p.all) {
		p.all = append(p.all, p.mk())
	}
	o := p.all[p.n]
	p.n++
	return o
}

func (p *pool[T]) used() []*T { return p.all[:p.n] }

func newTextPool() pool[canvas.Text] {
	return newPool(func() *canvas.Text { return &canvas.Text{} })
}

func newLinePool() pool[canvas.Line] {
	return newPool(func() *canvas.Line { return &canvas.Line{StrokeWidth: 1} })
}

func newRectPool() pool[canvas.Rectangle] {
	return newPool(func() *canvas.Rectangle { return &canvas.Rectangle{} })
}

func newCirclePool() pool[canvas.Circle] {
	return newPool(func() *canvas.Circle { return &canvas.Circle{} })
}

// appendObjects adds objs to dst as canvas objects.
func appendObjects[T any, P interface {
	*T
	fyne.CanvasObject
}](dst []fyne.CanvasObject, objs []*T) []fyne.CanvasObject {
	for _, o := range objs {
		dst = append(dst, P(o))
	}
	return dst
}

// setText sets a text's content and style and sizes it to fit.
func setText(t *canvas.Text, s string, c color.Color, size float32, bold bool) {
	t.Text, t.Color, t.TextSize = s, c, size
	t.TextStyle = fyne.TextStyle{Bold: bold}
	t.Alignment = fyne.TextAlignLeading
	t.Resize(t.MinSize())
}

// anchor says which point of a text's box a position refers to.
type anchor int

const (
	anchorLeft   anchor = iota // middle of the left edge
	anchorRight                // middle of the right edge
	anchorCenter               // centre
	anchorTop                  // middle of the top edge
	anchorTopLeft
)

// placeText moves t so that its anchor point is at (x, y).
func placeText(t *canvas.Text, x, y float32, a anchor) {
	s := t.Size()
	switch a {
	case anchorLeft:
		t.Move(fyne.NewPos(x, y-s.Height/2))
	case anchorRight:
		t.Move(fyne.NewPos(x-s.Width, y-s.Height/2))
	case anchorCenter:
		t.Move(fyne.NewPos(x-s.Width/2, y-s.Height/2))
	case anchorTop:
		t.Move(fyne.NewPos(x-s.Width/2, y))
	case anchorTopLeft:
		t.Move(fyne.NewPos(x, y))
	}
}

// setLine moves a line's ends.
func setLine(l *canvas.Line, x1, y1, x2, y2 float32) {
	p1, p2 := fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	if l.Position1 != p1 || l.Position2 != p2 {
		l.Position1, l.Position2 = p1, p2
	}
}

// placeRect moves and sizes a rectangle.
func placeRect(r *canvas.Rectangle, x, y, w, h float32) {
	r.Move(fyne.NewPos(x, y))
	r.Resize(fyne.NewSize(max(w, 0), max(h, 0)))
}

// placeCircle centres a circle of radius rad at (x, y).
func placeCircle(c *canvas.Circle, x, y, rad float32) {
	c.Move(fyne.NewPos(x-rad, y-rad))
	c.Resize(fyne.NewSize(2*rad, 2*rad))
}

// show sets an object's visibility, touching it only on change.
func show(o fyne.CanvasObject, visible bool) {
	if o.Visible() == visible {
		return
	}
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// ellipsize shortens s with "…" until it is at most w wide, keeping as
// many runes as fit (found by bisection: measuring text is not free).
func ellipsize(t *canvas.Text, s string, w float32) {
	t.Text = s
	size := t.MinSize()
	if size.Width <= w {
		t.Resize(size)
		return
	}
	r := []rune(s)
	lo, hi := 0, len(r)-1 // r[:lo] fits with the ellipsis, r[:hi+1] does not
	for lo < hi {
		mid := (lo + hi + 1) / 2
		t.Text = string(r[:mid]) + "…"
		if t.MinSize().Width <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	t.Text = string(r[:max(lo, 1)]) + "…"
	t.Resize(t.MinSize())
}
