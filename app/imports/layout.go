package imports

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// tightRows stacks objects with no padding between them: a name and
// its status line read as one item.
type tightRows struct{}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - 2*theme.Padding()
	}
	return s.AddWidthHeight(0, 2*theme.Padding())
}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - 2*theme.Padding()
	}
}

// minHeight fills its space with its objects and asks for at least
// this height: a list that shows a few rows without scrolling.
type minHeight float32

func (h minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, float32(h))
	for _, o := range objs {
		m := o.MinSize()
		s = s.Max(fyne.NewSize(m.Width, 0))
	}
	return s
}

func (minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// weightedGrid lays out cells in rows of len(weights) columns, each
// column as wide as its share of the weights.
type weightedGrid struct{ weights []float32 }

func (c *weightedGrid) rowHeights(objs []fyne.CanvasObject) []float32 {
	n := len(c.weights)
	hs := make([]float32, (len(objs)+n-1)/n)
	for k, o := range objs {
		hs[k/n] = max(hs[k/n], o.MinSize().Height)
	}
	return hs
}

func (c *weightedGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, rh := range c.rowHeights(objs) {
		h += rh
	}
	return fyne.NewSize(float32(len(c.weights))*40, h)
}

func (c *weightedGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var sum float32
	for _, w := range c.weights {
		sum += w
	}
	n := len(c.weights)
	hs := c.rowHeights(objs)
	var x, y float32
	for k, o := range objs {
		col := k % n
		if col == 0 && k > 0 {
			x, y = 0, y+hs[k/n-1]
		}
		w := size.Width * c.weights[col] / sum
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, hs[k/n]))
		x += w
	}
}
