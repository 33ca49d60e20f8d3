package charts

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// legendEntry is one item of a legend.
type legendEntry struct {
	name    string
	colour  color.Color
	outline bool // an outlined swatch (previous period, target)
}

// legend is a row of swatches and names that wraps onto more rows and is
// centred in the width it gets.
type legend struct {
	marks pool[canvas.Rectangle]
	texts pool[canvas.Text]
}

func newLegend() legend { return legend{marks: newRectPool(), texts: newTextPool()} }

// set makes one swatch and name per entry.
func (l *legend) set(entries []legendEntry, p palette) {
	l.marks.reset()
	l.texts.reset()
	for _, e := range entries {
		m := l.marks.next()
		m.CornerRadius = 2
		if e.outline {
			m.FillColor, m.StrokeColor, m.StrokeWidth = withAlpha(e.colour, 0.15), e.colour, 1.5
		} else {
			m.FillColor, m.StrokeColor, m.StrokeWidth = e.colour, nil, 0
		}
		m.Resize(fyne.NewSize(10, 10))
		setText(l.texts.next(), e.name, p.fg, p.smallSize, false)
	}
}

func (l *legend) appendObjects(dst []fyne.CanvasObject) []fyne.CanvasObject {
	dst = appendObjects(dst, l.marks.used())
	return appendObjects(dst, l.texts.used())
}

const (
	legendSwatch = 10
	legendGap    = 4  // between swatch and name
	legendSpace  = 14 // between entries
)

// layout places the legend in the box at (x, y) of width w and returns the
// height it takes; with move false it only measures.
func (l *legend) layout(x, y, w float32, move bool) float32 {
	texts, marks := l.texts.used(), l.marks.used()
	if len(texts) == 0 {
		return 0
	}
	lineH := texts[0].Size().Height
	var height float32
	start := 0
	for start < len(texts) {
		// take as many entries as fit on this row
		end, rowW := start, float32(0)
		for end < len(texts) {
			ew := legendSwatch + legendGap + texts[end].Size().Width
			if end > start {
				ew += legendSpace
			}
			if end > start && rowW+ew > w {
				break
			}
			rowW += ew
			end++
		}
		if move {
			cx := x + max(0, (w-rowW)/2)
			cy := y + height + lineH/2
			for i := start; i < end; i++ {
				marks[i].Move(fyne.NewPos(cx, cy-legendSwatch/2))
				cx += legendSwatch + legendGap
				placeText(texts[i], cx, cy, anchorLeft)
				cx += texts[i].Size().Width + legendSpace
			}
		}
		height += lineH + 2
		start = end
	}
	return height
}

// at returns the entry whose swatch or name is at pos, or -1: legends are
// tappable, since a name is a bigger target than a line.
func (l *legend) at(pos fyne.Position) int {
	texts, marks := l.texts.used(), l.marks.used()
	const slack = 3
	for i := range texts {
		if i >= len(marks) {
			break
		}
		m, t := marks[i].Position(), texts[i]
		top := min(m.Y, t.Position().Y) - slack
		bottom := max(m.Y+legendSwatch, t.Position().Y+t.Size().Height) + slack
		if pos.X >= m.X-slack && pos.X <= t.Position().X+t.Size().Width+slack && pos.Y >= top && pos.Y <= bottom {
			return i
		}
	}
	return -1
}
