package dashboard

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

// overallTile shows the overall CX maturity index large, with its level,
// a bar on the 1..5 scale coloured by level with the target marked, the
// change against the previous period and the coverage. Its info button
// explains how the number was made.
type overallTile struct {
	widget.BaseWidget
	sum    model.Summary
	prev   model.Period
	bar    *screen.ScoreBar
	info   *widget.Button
	onInfo func()
}

func newOverallTile(onInfo func()) *overallTile {
	t := &overallTile{bar: screen.NewScoreBar(model.DisciplineScore{}), onInfo: onInfo}
	t.info = screen.InfoButton(func() {
		if t.onInfo != nil {
			t.onInfo()
		}
	})
	t.ExtendBaseWidget(t)
	return t
}

// set shows the summary; prev is the period the change is measured against.
func (t *overallTile) set(sum model.Summary) {
	t.sum, t.prev = sum, sum.Period.Prev()
	o := sum.Overall
	t.bar.Set(o.Present, o.Score, o.Target)
	t.Refresh()
}

// Tapped explains the number, as the info button does.
func (t *overallTile) Tapped(*fyne.PointEvent) {
	if t.onInfo != nil {
		t.onInfo()
	}
}

// texts are the tile's words: title, value, level, delta, details.
func (t *overallTile) texts() (title, value, level, delta, details string) {
	o := t.sum.Overall
	title = "Overall CX maturity"
	if !t.sum.Period.IsZero() {
		title += " · " + model.UnitLabel(t.sum.Unit) + ", " + t.sum.Period.Label()
	}
	if !o.Present {
		return title, "–", "No data", "", ""
	}
	value, level = charts.ScoreFormat.String(o.Score), fmt.Sprintf("Level %d · %s", o.Level, o.LevelName)
	if o.Delta != nil {
		delta = charts.ScoreFormat.Signed(*o.Delta) + " vs " + t.prev.Label()
	} else {
		delta = "no previous period"
	}
	details = fmt.Sprintf("Coverage %d/6", int(o.Coverage*6+0.5))
	if o.Target != nil {
		details += " · Target " + charts.ScoreFormat.String(*o.Target)
	}
	return title, value, level, delta, details
}

func (t *overallTile) CreateRenderer() fyne.WidgetRenderer {
	r := &overallRenderer{t: t, bg: &canvas.Rectangle{CornerRadius: 6}, title: &canvas.Text{},
		value: &canvas.Text{}, level: &canvas.Text{}, arrow: canvas.NewPolygon(3, color.Transparent),
		delta: &canvas.Text{}, details: &canvas.Text{}}
	r.title.TextStyle.Bold, r.value.TextStyle.Bold, r.level.TextStyle.Bold, r.delta.TextStyle.Bold = true, true, true, true
	r.Refresh()
	return r
}

type overallRenderer struct {
	t                                   *overallTile
	bg                                  *canvas.Rectangle
	title, value, level, delta, details *canvas.Text
	arrow                               *canvas.Polygon
	showArrow                           bool
	titleText                           string // the whole title, shortened to fit
}

const tileInset = 12

func (r *overallRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	in := float32(tileInset)
	is := r.t.info.MinSize()
	r.t.info.Resize(is)
	r.t.info.Move(fyne.NewPos(size.Width-is.Width-4, 4))
	fitText(r.title, r.titleText, size.Width-in-is.Width-8)
	r.title.Move(fyne.NewPos(in, in-2))
	y := in - 2 + r.title.MinSize().Height
	vs := r.value.MinSize()
	r.value.Move(fyne.NewPos(in, y))
	ls := r.level.MinSize()
	r.level.Move(fyne.NewPos(in+vs.Width+10, y+vs.Height*0.78-ls.Height*0.78))
	y += vs.Height
	r.t.bar.Resize(fyne.NewSize(size.Width-2*in, 18))
	r.t.bar.Move(fyne.NewPos(in, y))
	y += 20
	x := in
	ds := r.delta.MinSize()
	r.arrow.Hidden = !r.showArrow
	if r.showArrow {
		r.arrow.Resize(fyne.NewSize(12, 12))
		r.arrow.Move(fyne.NewPos(x, y+ds.Height/2-6))
		x += 16
	}
	r.delta.Move(fyne.NewPos(x, y))
	dw := r.details.MinSize().Width
	r.details.Move(fyne.NewPos(max(x+ds.Width+12, size.Width-in-dw), y))
}

// MinSize fits the number with its level, and the change with the
// coverage, on one line each; the title is shortened instead.
func (r *overallRenderer) MinSize() fyne.Size {
	h := float32(tileInset-2) + r.title.MinSize().Height + r.value.MinSize().Height + 20 + r.delta.MinSize().Height + tileInset
	line1 := r.value.MinSize().Width + 10 + r.level.MinSize().Width
	line2 := r.delta.MinSize().Width + 12 + r.details.MinSize().Width
	if r.showArrow {
		line2 += 16
	}
	return fyne.NewSize(max(line1, line2, 220)+2*tileInset, h)
}

func (r *overallRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	bg := th.Color(theme.ColorNameBackground, v)
	muted := blendColors(fg, bg, 0.55)
	text := th.Size(theme.SizeNameText)
	small := th.Size(theme.SizeNameCaptionText)
	r.bg.FillColor = withAlphaOf(fg, 0.05)
	r.bg.StrokeColor, r.bg.StrokeWidth = blendColors(fg, bg, 0.16), 1

	title, value, level, delta, details := r.t.texts()
	r.titleText = title
	setTileText(r.title, title, muted, small+1)
	setTileText(r.value, value, fg, text*2.9)
	setTileText(r.level, level, fg, text+2)
	setTileText(r.details, details, muted, small+1)
	o := r.t.sum.Overall
	dc := muted
	r.showArrow = false
	if o.Present && o.Delta != nil {
		if s := charts.ScoreFormat.Signed(*o.Delta); s != charts.ScoreFormat.String(0) {
			r.showArrow = true
			dc = charts.OkabeIto[3] // vermillion: worse
			r.arrow.Angle = 180
			if *o.Delta > 0 {
				dc, r.arrow.Angle = charts.OkabeIto[2], 0 // bluish green: better
			}
			r.arrow.FillColor = dc
		}
	}
	if !o.Present {
		r.value.Color = muted
	}
	setTileText(r.delta, delta, dc, small+1)
	r.delta.TextStyle.Bold = r.showArrow
	r.t.bar.Refresh()
	for _, o := range []fyne.CanvasObject{r.bg, r.title, r.value, r.level, r.arrow, r.delta, r.details} {
		o.Refresh()
	}
	r.Layout(r.t.Size())
}

func (r *overallRenderer) Destroy() {}

func (r *overallRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.title, r.value, r.level, r.t.bar, r.arrow, r.delta, r.details, r.t.info}
}

func setTileText(t *canvas.Text, s string, c color.Color, size float32) {
	t.Text, t.Color, t.TextSize = s, c, size
}

// fitText shows s in t, shortened with an ellipsis to fit width w.
func fitText(t *canvas.Text, s string, w float32) {
	fit := s
	if fyne.MeasureText(s, t.TextSize, t.TextStyle).Width > w {
		r := []rune(s)
		for fit = ""; len(r) > 0; {
			r = r[:len(r)-1]
			if c := strings.TrimRight(string(r), " ·,") + "…"; fyne.MeasureText(c, t.TextSize, t.TextStyle).Width <= w {
				fit = c
				break
			}
		}
	}
	if t.Text != fit {
		t.Text = fit
		t.Refresh()
	}
}

// blendColors mixes a over b: t = 1 gives a, 0 gives b.
func blendColors(a, b color.Color, t float64) color.NRGBA {
	x := color.NRGBAModel.Convert(a).(color.NRGBA)
	y := color.NRGBAModel.Convert(b).(color.NRGBA)
	mix := func(p, q uint8) uint8 { return uint8(float64(p)*t + float64(q)*(1-t) + 0.5) }
	return color.NRGBA{mix(x.R, y.R), mix(x.G, y.G), mix(x.B, y.B), 0xff}
}

// withAlphaOf returns c with its alpha scaled by a.
func withAlphaOf(c color.Color, a float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(float64(n.A)*a + 0.5)
	return n
}
