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
	b.set(ds.Present, ds.Score, ds.Target)
	b.ExtendBaseWidget(b)
	return b
}

// set changes the score (absent: an empty track) and the target (nil: no
// tick); call Refresh to redraw.
func (b *scoreBar) set(present bool, score float64, target *float64) {
	b.score, b.target = 0, 0
	if present {
		b.score = score
	}
	if target != nil {
		b.target = *target
	}
}

func (b *scoreBar) CreateRenderer() fyne.WidgetRenderer {
	track := canvas.NewRectangle(color.Transparent)
	track.CornerRadius = 3
	fill := canvas.NewRectangle(color.Transparent)
	fill.CornerRadius = 3
	tick := canvas.NewRectangle(color.Transparent)
	r := &scoreBarRenderer{bar: b, track: track, fill: fill, tick: tick}
	r.Refresh()
	return r
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
	frac := func(v float64) float32 { return float32((min(max(v, 1), 5) - 1) / 4) }
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(size.Width*max(frac(r.bar.score), 0.02), h))
	r.fill.Hidden = r.bar.score == 0
	r.tick.Hidden = r.bar.target == 0
	r.tick.Move(fyne.NewPos(size.Width*frac(r.bar.target)-1, y-4))
	r.tick.Resize(fyne.NewSize(2, h+8))
}

func (r *scoreBarRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 24) }

// Refresh takes the colours from the theme and the score.
func (r *scoreBarRenderer) Refresh() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.tick.FillColor = th.Color(theme.ColorNameForeground, v)
	r.fill.FillColor = color.Transparent
	if r.bar.score > 0 {
		r.fill.FillColor = levelColor(r.bar.score)
	}
	r.Layout(r.bar.Size())
	for _, o := range []fyne.CanvasObject{r.track, r.fill, r.tick} {
		o.Refresh()
	}
}

func (r *scoreBarRenderer) Destroy() {}
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

// levelColor is a colour-blind-safe ramp from red-orange (1) to blue (5);
// the window test looks for these colours to know scores are on screen.
func levelColor(score float64) color.Color {
	ramp := []color.NRGBA{
		{0xd5, 0x5e, 0x00, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0xf0, 0xe4, 0x42, 0xff},
		{0x56, 0xb4, 0xe9, 0xff}, {0x00, 0x72, 0xb2, 0xff},
	}
	return ramp[model.Level(score)-1]
}
