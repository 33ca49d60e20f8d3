package screen

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/model"
)

// ScoreBar draws a discipline's score on the 1..5 scale, coloured by level,
// with a tick at its target.
type ScoreBar struct {
	widget.BaseWidget
	Score, Target float64 // 0 when absent
}

func NewScoreBar(ds model.DisciplineScore) *ScoreBar {
	b := &ScoreBar{}
	b.Set(ds.Present, ds.Score, ds.Target)
	b.ExtendBaseWidget(b)
	return b
}

// Set changes the score (absent: an empty track) and the target (nil: no
// tick); call Refresh to redraw.
func (b *ScoreBar) Set(present bool, score float64, target *float64) {
	b.Score, b.Target = 0, 0
	if present {
		b.Score = score
	}
	if target != nil {
		b.Target = *target
	}
}

func (b *ScoreBar) CreateRenderer() fyne.WidgetRenderer {
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
	bar               *ScoreBar
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
	r.fill.Resize(fyne.NewSize(size.Width*max(frac(r.bar.Score), 0.02), h))
	r.fill.Hidden = r.bar.Score == 0
	r.tick.Hidden = r.bar.Target == 0
	r.tick.Move(fyne.NewPos(size.Width*frac(r.bar.Target)-1, y-4))
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
	if r.bar.Score > 0 {
		r.fill.FillColor = LevelColor(r.bar.Score)
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

// LevelColor is a colour-blind-safe ramp from red-orange (1) to blue (5);
// the window test looks for these colours to know scores are on
func LevelColor(score float64) color.Color {
	ramp := []color.NRGBA{
		{0xd5, 0x5e, 0x00, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0xf0, 0xe4, 0x42, 0xff},
		{0x56, 0xb4, 0xe9, 0xff}, {0x00, 0x72, 0xb2, 0xff},
	}
	return ramp[model.Level(score)-1]
}
