package charts

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// pointLine describes one value for a tooltip: "Q3 2025: 3.42 Managed,
// 120 source rows". A missing point says "no data".
func pointLine(name string, p Point, f Format, levels []string) string {
	var b strings.Builder
	if name != "" {
		b.WriteString(name)
		b.WriteString(": ")
	}
	if !p.ok() {
		b.WriteString("no data")
		return b.String()
	}
	b.WriteString(f.String(p.Value))
	if l := levelName(levels, p.Value); l != "" {
		b.WriteString(" ")
		b.WriteString(l)
	}
	if p.Rows > 0 {
		b.WriteString(", ")
		b.WriteString(rowsText(p.Rows))
	}
	return b.String()
}

// message is a short text on a pill of background colour, readable over
// grid lines: the "No data" of an empty chart.
type message struct {
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newMessage() message {
	return message{bg: &canvas.Rectangle{CornerRadius: 4}, text: &canvas.Text{}}
}

// set writes s in the theme's muted colour.
func (m message) set(p palette, s string) {
	setText(m.text, s, p.muted, p.textSize, false)
	m.bg.FillColor = withAlpha(p.bg, 0.9)
	m.bg.Resize(m.text.Size().AddWidthHeight(16, 6))
}

// place centres the message at (x, y), or hides it.
func (m message) place(x, y float32, visible bool) {
	show(m.bg, visible)
	show(m.text, visible)
	s := m.bg.Size()
	m.bg.Move(fyne.NewPos(x-s.Width/2, y-s.Height/2))
	placeText(m.text, x, y, anchorCenter)
}

func (m message) appendObjects(dst []fyne.CanvasObject) []fyne.CanvasObject {
	return append(dst, m.bg, m.text)
}

// highlight is the ring drawn around the hovered point.
func newHighlight() *canvas.Circle {
	c := &canvas.Circle{StrokeWidth: 2}
	c.Hide()
	return c
}

// dist2 is the squared distance between two positions.
func dist2(a, b fyne.Position) float32 {
	dx, dy := a.X-b.X, a.Y-b.Y
	return dx*dx + dy*dy
}

// hoverRadius is how close, in logical pixels, the pointer must be to a
// point to pick it.
const hoverRadius = 12

// pad is the space kept around every chart.
const pad = 8
