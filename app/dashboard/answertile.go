package dashboard

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

// answerKPI is what a headline tile of a metric computed from answers
// shows beyond its value: the n and margin of error it rests on, and
// whether its change against the previous period exceeds the two margins
// (DESIGN.md, "Respondent-level data").
type answerKPI struct {
	cur  model.Estimate
	prev *model.Estimate // nil: no answers in the previous period
}

// change compares the previous period with the current one; ok is false
// when there is no previous period to compare with.
func (a answerKPI) change() (model.Change, bool) {
	if a.prev == nil {
		return model.Change{}, false
	}
	return model.Compare(*a.prev, a.cur), true
}

// answerTile is the headline tile of a metric computed from answers. It
// looks like charts.KPITile and adds a line with n and the margin of
// error; a change within the margins reads "no significant change", in
// the muted colour and without an arrow, since an arrow would claim a
// movement the answers do not show.
type answerTile struct {
	widget.BaseWidget
	data charts.KPIData
	kpi  answerKPI

	// OnTapped is called when the tile is tapped.
	OnTapped func()
}

var _ fyne.Tappable = (*answerTile)(nil)

func newAnswerTile() *answerTile {
	t := &answerTile{}
	t.ExtendBaseWidget(t)
	return t
}

// set shows a metric's tile data with what its answers add.
func (t *answerTile) set(data charts.KPIData, kpi answerKPI) {
	t.data, t.kpi = data, kpi
	t.Refresh()
}

// Tapped calls OnTapped.
func (t *answerTile) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// tileChange is how the tile words its change: the signed delta (empty
// when none is shown), the words after it, and the arrow's direction
// (0 for no arrow) and whether the change is good news.
type tileChange struct {
	delta, note string
	arrow       int // 1 up, -1 down, 0 none
	good        bool
}

// texts are the tile's words: title, value, level, change and sample.
func (t *answerTile) texts() (title, value, level string, ch tileChange, sample string) {
	d := t.data
	title = d.Title
	if !d.Value.Present || math.IsNaN(d.Value.Value) {
		return title, "–", "No data", tileChange{note: "no previous period"}, ""
	}
	value, level, sample = d.Format.String(d.Value.Value), d.Level, screen.SampleText(t.kpi.cur, d.Format)
	c, ok := t.kpi.change()
	switch {
	case !ok || d.Delta == nil:
		ch.note = "no previous period"
	case c.Tested() && !c.Significant:
		ch.note = screen.NoSignificantChange + " " + d.DeltaLabel
	default:
		// Significant, or untested (too few answers for a margin): the
		// difference as every other tile shows it.
		ch.delta, ch.note = d.Format.Signed(*d.Delta), d.DeltaLabel
		if ch.delta != d.Format.String(0) {
			ch.arrow = 1
			if *d.Delta < 0 {
				ch.arrow = -1
			}
			ch.good = (ch.arrow > 0) != d.LowerBetter
		}
	}
	return title, value, level, ch, sample
}

func (t *answerTile) CreateRenderer() fyne.WidgetRenderer {
	r := &answerRenderer{t: t, bg: &canvas.Rectangle{CornerRadius: 6}, title: &canvas.Text{}, value: &canvas.Text{},
		level: &canvas.Text{}, arrow: canvas.NewPolygon(3, color.Transparent), delta: &canvas.Text{},
		note: &canvas.Text{}, sample: &canvas.Text{}, last: &canvas.Circle{}}
	r.title.TextStyle.Bold, r.value.TextStyle.Bold, r.level.TextStyle.Bold, r.delta.TextStyle.Bold = true, true, true, true
	r.Refresh()
	return r
}

type answerRenderer struct {
	t                                        *answerTile
	bg                                       *canvas.Rectangle
	title, value, level, delta, note, sample *canvas.Text
	arrow                                    *canvas.Polygon
	spark                                    []*canvas.Line
	last                                     *canvas.Circle
	titleText                                string
}

func (r *answerRenderer) MinSize() fyne.Size { return fyne.NewSize(180, 140) }

func (r *answerRenderer) Layout(size fyne.Size) {
	const in = tileInset
	r.bg.Resize(size)
	fitText(r.title, r.titleText, size.Width-2*in)
	r.title.Move(fyne.NewPos(in, in-2))
	y := float32(in-2) + r.title.MinSize().Height
	vs, ls := r.value.MinSize(), r.level.MinSize()
	r.value.Move(fyne.NewPos(in, y))
	if in+vs.Width+10+ls.Width <= size.Width-in { // level beside the number, on its baseline
		r.level.Move(fyne.NewPos(in+vs.Width+10, y+vs.Height*0.78-ls.Height*0.78))
	} else {
		y += vs.Height - 4
		r.level.Move(fyne.NewPos(in, y))
		vs.Height = ls.Height + 4
	}
	y += vs.Height
	x := float32(in)
	ds := r.delta.MinSize()
	if !r.arrow.Hidden {
		r.arrow.Resize(fyne.NewSize(12, 12))
		r.arrow.Move(fyne.NewPos(x, y+ds.Height/2-6))
		x += 16
	}
	r.delta.Move(fyne.NewPos(x, y))
	if r.delta.Text != "" {
		x += ds.Width + 6
	}
	r.note.Move(fyne.NewPos(x, y))
	y += max(ds.Height, r.note.MinSize().Height)
	r.sample.Move(fyne.NewPos(in, y))
	y += r.sample.MinSize().Height + 6
	r.layoutSpark(in, y, size.Width-in, size.Height-in)
}

// layoutSpark draws the trend in the box left, scaled to its own range, as
// the other tiles do.
func (r *answerRenderer) layoutSpark(x0, y0, x1, y1 float32) {
	trend := r.t.data.Trend
	ok := func(i int) bool { return drawable(trend, i) }
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range trend {
		if ok(i) {
			lo, hi = math.Min(lo, trend[i].Value), math.Max(hi, trend[i].Value)
		}
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	visible := y1-y0 >= 12 && !math.IsInf(lo, 0)
	pos := func(i int) fyne.Position {
		x := x0
		if len(trend) > 1 {
			x += (x1 - x0) * float32(i) / float32(len(trend)-1)
		}
		return fyne.NewPos(x, y1-(y1-y0)*float32((trend[i].Value-lo)/(hi-lo)))
	}
	seg, lastAt := 0, -1
	for i := range trend {
		if ok(i) {
			lastAt = i
		}
		if !ok(i) || !ok(i+1) {
			continue
		}
		l := r.spark[seg]
		seg++
		l.Hidden = !visible
		if visible {
			l.Position1, l.Position2 = pos(i), pos(i+1)
		}
	}
	r.last.Hidden = !visible || lastAt < 0
	if !r.last.Hidden {
		p := pos(lastAt)
		r.last.Move(p.SubtractXY(3, 3))
		r.last.Resize(fyne.NewSize(6, 6))
	}
}

func (r *answerRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg, bg := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameBackground, v)
	muted := blendColors(fg, bg, 0.55)
	text, small := th.Size(theme.SizeNameText), th.Size(theme.SizeNameCaptionText)
	// The charts' first series colour: blue, or sky blue on a dark
	// background, where the deep blue is dim.
	accent := charts.OkabeIto[0]
	if b := blendColors(bg, bg, 1); (299*int(b.R)+587*int(b.G)+114*int(b.B))/1000 < 102 {
		accent = charts.OkabeIto[5]
	}
	r.bg.FillColor = withAlphaOf(fg, 0.05)
	r.bg.StrokeColor, r.bg.StrokeWidth = blendColors(fg, bg, 0.16), 1

	title, value, level, ch, sample := r.t.texts()
	r.titleText = title
	setTileText(r.title, title, muted, small+1)
	setTileText(r.value, value, fg, text*2.6)
	setTileText(r.level, level, accent, text+1)
	if value == "–" {
		r.value.Color, r.level.Color = muted, muted
	}
	dc := color.Color(muted)
	r.arrow.Hidden = ch.arrow == 0
	if ch.arrow != 0 {
		dc = charts.OkabeIto[3] // vermillion: worse
		if ch.good {
			dc = charts.OkabeIto[2] // bluish green: better
		}
		r.arrow.FillColor, r.arrow.Angle = dc, 0
		if ch.arrow < 0 {
			r.arrow.Angle = 180
		}
	}
	setTileText(r.delta, ch.delta, dc, small+1)
	setTileText(r.note, ch.note, muted, small+1)
	setTileText(r.sample, sample, muted, small+1)

	segs := 0
	trend := r.t.data.Trend
	for i := 0; i+1 < len(trend); i++ {
		if drawable(trend, i) && drawable(trend, i+1) {
			segs++
		}
	}
	for len(r.spark) < segs {
		r.spark = append(r.spark, &canvas.Line{})
	}
	r.spark = r.spark[:segs]
	for _, l := range r.spark {
		l.StrokeColor, l.StrokeWidth = accent, 1.75
	}
	r.last.FillColor = accent
	for _, o := range r.Objects() {
		o.Refresh()
	}
	r.Layout(r.t.Size())
}

func (r *answerRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.title, r.value, r.level, r.arrow, r.delta, r.note, r.sample}
	for _, l := range r.spark {
		objs = append(objs, l)
	}
	return append(objs, r.last)
}

func (r *answerRenderer) Destroy() {}

// drawable reports whether trend point i can be drawn: present and finite.
func drawable(trend []charts.Point, i int) bool {
	if i < 0 || i >= len(trend) {
		return false
	}
	p := trend[i]
	return p.Present && !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0)
}

// answerLines explain a tile's n, margin and change: what its number rests
// on and whether the change is beyond chance.
func answerLines(a answerKPI, f charts.Format, p model.Period) []string {
	lines := []string{screen.MarginSentence(a.cur, f)}
	if a.prev != nil {
		lines = append(lines, screen.ChangeSentence(*a.prev, a.cur, f, p.Prev())+".")
	}
	return lines
}
