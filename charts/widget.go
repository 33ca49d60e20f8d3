package charts

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// chartRenderer is what every chart's renderer offers the widget: a
// pointer (so that the widget can tell when it has none) that shows the
// tooltip of what is at a position.
type chartRenderer interface {
	comparable
	fyne.WidgetRenderer
	hover(pos fyne.Position, in bool)
}

// chartBase is the part the chart widgets share: the data shown, the
// current renderer and the forwarding of the pointer to its hover. Each
// widget adds its OnTapped, CreateRenderer and Tapped.
type chartBase[D any, R chartRenderer] struct {
	widget.BaseWidget

	data D
	ren  R // the zero R while there is no renderer
}

// extend sets the data and extends the base widget with chart, the
// widget that embeds b.
func (b *chartBase[D, R]) extend(chart fyne.Widget, data D) {
	b.data = data
	b.ExtendBaseWidget(chart)
}

// SetData replaces the data and redraws.
func (b *chartBase[D, R]) SetData(data D) {
	b.data = data
	b.Refresh()
}

// Data returns the data shown.
func (b *chartBase[D, R]) Data() D { return b.data }

// forget drops ren if it is the current renderer, so that hover and tap
// handling never use one Fyne has thrown away.
func (b *chartBase[D, R]) forget(ren R) {
	if b.ren == ren {
		var none R
		b.ren = none
	}
}

// MouseIn is part of desktop.Hoverable.
func (b *chartBase[D, R]) MouseIn(e *desktop.MouseEvent) { b.MouseMoved(e) }

// MouseMoved shows the tooltip of what is under the pointer.
func (b *chartBase[D, R]) MouseMoved(e *desktop.MouseEvent) {
	if ren, ok := b.renderer(); ok {
		ren.hover(e.Position, true)
	}
}

// MouseOut hides the tooltip.
func (b *chartBase[D, R]) MouseOut() {
	if ren, ok := b.renderer(); ok {
		ren.hover(fyne.Position{}, false)
	}
}

// renderer returns the current renderer; ok is false when there is none.
func (b *chartBase[D, R]) renderer() (ren R, ok bool) {
	var none R
	return b.ren, b.ren != none
}
