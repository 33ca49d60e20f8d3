package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Layouts and small widgets the dashboard and the discipline view share.

// foldLayout gives its first object the height of the scroll it sits in
// (the part of the screen seen without scrolling) less a peek at what comes
// next, and stacks the others below it, so the key charts fill the window
// and the rest is a scroll away. The last object (a table) takes only its
// own minimum height, so the page ends with it.
type foldLayout struct {
	view   fyne.CanvasObject // the scroll container showing this content
	peek   float32           // how much of the next object shows above the fold
	below  float32           // height of the objects between the first and the last
	minTop float32           // the first object never gets less
}

// height is the height of object i of n after the first.
func (l *foldLayout) height(i, n int, o fyne.CanvasObject) float32 {
	if i == n-1 {
		return o.MinSize().Height
	}
	return max(l.below, o.MinSize().Height)
}

func (l *foldLayout) topHeight(objs []fyne.CanvasObject) float32 {
	h := l.view.Size().Height - l.peek
	if len(objs) > 0 {
		h = max(h, objs[0].MinSize().Height)
	}
	return max(h, l.minTop)
}

func (l *foldLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
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

func (l *foldLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
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

// weightedRow places objects side by side with widths in proportion to
// their weights (1 for objects past the end of the weights). With keepMin
// no object gets less than its minimum width, so that a narrow window
// scrolls rather than clipping; mins, where above 0, replace an object's
// own minimum (for tiles that can take less than they ask).
type weightedRow struct {
	weights []float32
	mins    []float32
	keepMin bool
}

func (l *weightedRow) weight(i int) float32 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 1
}

// minWidth is the least width object i gets.
func (l *weightedRow) minWidth(i int, o fyne.CanvasObject) float32 {
	if i < len(l.mins) && l.mins[i] > 0 {
		return l.mins[i]
	}
	return o.MinSize().Width
}

// widths shares free among the visible objects: by weight, then again
// among the rest once those below their minimum are given it.
func (l *weightedRow) widths(objs []fyne.CanvasObject, free float32) []float32 {
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
			if m := l.minWidth(i, o); l.keepMin && ws[i] < m {
				ws[i], fixed[i], changed = m, true, true
			}
		}
		if !changed {
			return ws
		}
	}
}

func (l *weightedRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
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

func (l *weightedRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for i, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			if l.keepMin {
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

// splitColumn stacks two objects: the second gets share of the height,
// kept between its minimum and maxBottom (when above 0), and the first the
// rest. The floors raise the objects' own minimum heights, so that a short
// window scrolls before a chart becomes unreadable.
type splitColumn struct {
	share             float32
	minTop, minBottom float32
	maxBottom         float32
}

func (l *splitColumn) mins(objs []fyne.CanvasObject) (top, bottom fyne.Size) {
	top, bottom = objs[0].MinSize(), objs[1].MinSize()
	top.Height, bottom.Height = max(top.Height, l.minTop), max(bottom.Height, l.minBottom)
	return top, bottom
}

func (l *splitColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	pad := theme.Padding()
	top, bottom := l.mins(objs)
	free := size.Height - pad
	h := free * l.share
	if l.maxBottom > 0 {
		h = min(h, l.maxBottom)
	}
	h = max(min(h, free-top.Height), bottom.Height)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, free-h))
	objs[1].Move(fyne.NewPos(0, free-h+pad))
	objs[1].Resize(fyne.NewSize(size.Width, h))
}

func (l *splitColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	top, bottom := l.mins(objs)
	return fyne.NewSize(max(top.Width, bottom.Width), top.Height+theme.Padding()+bottom.Height)
}

// sectionTitle is a small bold heading above a chart, in the theme's
// secondary text colour; it takes little height so the charts keep theirs.
type sectionTitle struct {
	widget.BaseWidget
	text string
}

func newSectionTitle(text string) *sectionTitle {
	t := &sectionTitle{text: text}
	t.ExtendBaseWidget(t)
	return t
}

// SetText changes the heading.
func (t *sectionTitle) SetText(s string) {
	t.text = s
	t.Refresh()
}

func (t *sectionTitle) CreateRenderer() fyne.WidgetRenderer {
	txt := canvas.NewText("", color.Black)
	txt.TextStyle.Bold = true
	r := &sectionTitleRenderer{t: t, txt: txt}
	r.Refresh()
	return r
}

type sectionTitleRenderer struct {
	t   *sectionTitle
	txt *canvas.Text
}

func (r *sectionTitleRenderer) Layout(size fyne.Size) {
	r.txt.Move(fyne.NewPos(theme.Padding(), (size.Height-r.txt.MinSize().Height)/2))
}

func (r *sectionTitleRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.txt.MinSize().Width+2*theme.Padding(), r.txt.MinSize().Height+4)
}

func (r *sectionTitleRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.txt.Text = r.t.text
	r.txt.Color = th.Color(theme.ColorNameForeground, v)
	r.txt.TextSize = th.Size(theme.SizeNameText)
	r.txt.Refresh()
	r.Layout(r.t.Size())
}

func (r *sectionTitleRenderer) Destroy()                     {}
func (r *sectionTitleRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.txt} }

// section puts a heading above content.
func section(title fyne.CanvasObject, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(title, nil, nil, nil, content)
}

// infoButton is a small "how was this made" button.
func infoButton(tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.InfoIcon(), tapped)
	b.Importance = widget.LowImportance
	return b
}

// showExplanation shows how a number was made, in words a person can
// check, with an optional action (such as opening the discipline).
func showExplanation(win fyne.Window, title string, lines []string, action string, do func()) {
	var objs []fyne.CanvasObject
	for _, l := range lines {
		if l == "" {
			continue
		}
		lbl := widget.NewLabel(l)
		lbl.Wrapping = fyne.TextWrapWord
		objs = append(objs, lbl)
	}
	content := container.NewVBox(objs...)
	var d dialog.Dialog
	if do == nil {
		d = dialog.NewCustom(title, "Close", content, win)
	} else {
		d = dialog.NewCustomConfirm(title, action, "Close", content, func(ok bool) {
			if ok {
				do()
			}
		}, win)
	}
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// tapRow is a row of a table that does something when tapped anywhere but
// on its own buttons, and shades itself under the pointer.
type tapRow struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
	hovered bool
}

func newTapRow(content fyne.CanvasObject, onTap func()) *tapRow {
	r := &tapRow{content: content, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

// Tapped runs the row's action.
func (r *tapRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// MouseIn shades the row.
func (r *tapRow) MouseIn(*desktop.MouseEvent) { r.hovered = true; r.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (r *tapRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut clears the shade.
func (r *tapRow) MouseOut() { r.hovered = false; r.Refresh() }

func (r *tapRow) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = 4
	return &tapRowRenderer{row: r, bg: bg}
}

type tapRowRenderer struct {
	row *tapRow
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
