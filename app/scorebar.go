package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/model"
)

// scoreBar draws a discipline's score on the 1..5 scale, coloured by level,
// with a tick at its target.
type scoreBar struct {
	widget.BaseWidget
	score, target float64 // 0 when absent
}

func newScoreBar(ds model.DisciplineScore) *scoreBar {
	b := &scoreBar{}
	if ds.Present {
		b.score = ds.Score
	}
	if ds.Target != nil {
		b.target = *ds.Target
	}
	b.ExtendBaseWidget(b)
	return b
}

func (b *scoreBar) CreateRenderer() fyne.WidgetRenderer {
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	track.CornerRadius = 3
	fill := canvas.NewRectangle(color.Transparent)
	fill.CornerRadius = 3
	if b.score > 0 {
		fill.FillColor = levelColor(b.score)
	}
	tick := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	tick.Hidden = b.target == 0
	return &scoreBarRenderer{bar: b, track: track, fill: fill, tick: tick}
}

type scoreBarRenderer struct {
	bar               *scoreBar
	track, fill, tick *canvas.Rectangle
}

func (r *scoreBarRenderer) Layout(size fyne.Size) {
	h := size.Height * 0.45
	y := (size.Height - h) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(size.Width, h))
	// The scale starts at 1: a score of 1 is an empty bar, 5 a full one.
	frac := func(v float64) float32 { return float32((v - 1) / 4) }
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(size.Width*max(frac(r.bar.score), 0.02), h))
	r.fill.Hidden = r.bar.score == 0
	r.tick.Move(fyne.NewPos(size.Width*frac(r.bar.target)-1, y-4))
	r.tick.Resize(fyne.NewSize(2, h+8))
}

func (r *scoreBarRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 24) }
func (r *scoreBarRenderer) Refresh()           { r.Layout(r.bar.Size()) }
func (r *scoreBarRenderer) Destroy()           {}
func (r *scoreBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.tick}
}

// columnsLayout places cells at fixed minimum widths; the second column (the
// bar) takes what is left.
type columnsLayout struct{ widths []float32 }

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for i, w := range l.widths {
		if i != 1 {
			fixed += w
		}
	}
	x := float32(0)
	for i, o := range objs {
		w := l.widths[i%len(l.widths)]
		if i == 1 {
			w = max(size.Width-fixed, l.widths[1])
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		w += l.widths[i%len(l.widths)]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}
