package charts

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// OkabeIto is the Okabe-Ito colour-blind-safe palette, in the order charts
// use it on a light background: blue, orange, bluish green, vermillion,
// reddish purple, sky blue, yellow. Yellow comes last because it is hard to
// read on white.
var OkabeIto = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0xF0, 0xE4, 0x42, 0xff}, // yellow
}

// okabeItoDark is the same palette ordered for a dark background: sky blue
// first, as the deep blue is dim on black.
var okabeItoDark = []color.NRGBA{
	OkabeIto[5], OkabeIto[1], OkabeIto[2], OkabeIto[3], OkabeIto[4], OkabeIto[6], OkabeIto[0],
}

// palette holds the colours a chart needs, read from the theme whenever the
// chart refreshes so that light and dark both work.
type palette struct {
	dark      bool
	fg        color.Color // text and strong strokes
	muted     color.Color // secondary text, previous periods
	grid      color.Color // grid lines and rings
	bg        color.Color
	tipBg     color.Color
	tipBorder color.Color
	hoverRing color.Color
	good, bad color.NRGBA // deltas and gaps: bluish green and vermillion
	series    []color.NRGBA
	textSize  float32
	smallSize float32
	titleSize float32
}

func newPalette(th fyne.Theme) palette {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	bg := c(theme.ColorNameBackground)
	p := palette{
		dark:      luminance(bg) < 0.4,
		fg:        c(theme.ColorNameForeground),
		bg:        bg,
		tipBg:     c(theme.ColorNameOverlayBackground),
		tipBorder: c(theme.ColorNameInputBorder),
		textSize:  th.Size(theme.SizeNameText),
		smallSize: th.Size(theme.SizeNameCaptionText),
		titleSize: th.Size(theme.SizeNameSubHeadingText),
	}
	p.muted = blend(p.fg, bg, 0.55)
	p.grid = blend(p.fg, bg, 0.16)
	p.hoverRing = p.fg
	p.series = OkabeIto
	p.good, p.bad = OkabeIto[2], OkabeIto[3]
	if p.dark {
		p.series = okabeItoDark
	}
	return p
}

// seriesColour is the colour of series s at position i.
func (p palette) seriesColour(s Series, i int) color.NRGBA {
	if s.Muted {
		return toNRGBA(p.muted)
	}
	k := i
	if s.Colour > 0 {
		k = s.Colour - 1
	}
	return p.series[k%len(p.series)]
}

// toNRGBA converts any colour to non-premultiplied RGBA.
func toNRGBA(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{}
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// withAlpha returns c with alpha a (0..1).
func withAlpha(c color.Color, a float64) color.NRGBA {
	n := toNRGBA(c)
	n.A = uint8(math.Round(float64(n.A) * a))
	return n
}

// blend mixes a over b: t = 1 gives a, 0 gives b. Both are made opaque.
func blend(a, b color.Color, t float64) color.NRGBA {
	x, y := toNRGBA(a), toNRGBA(b)
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p)*t + float64(q)*(1-t))) }
	return color.NRGBA{mix(x.R, y.R), mix(x.G, y.G), mix(x.B, y.B), 0xff}
}

// luminance is the relative luminance of c (0 black .. 1 white).
func luminance(c color.Color) float64 {
	n := toNRGBA(c)
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// sequential is a colour-blind-safe sequential scale from pale yellow to
// deep blue (ColorBrewer YlGnBu), for heatmaps: more is darker.
var sequential = []color.NRGBA{
	{0xff, 0xff, 0xd9, 0xff},
	{0xc7, 0xe9, 0xb4, 0xff},
	{0x7f, 0xcd, 0xbb, 0xff},
	{0x41, 0xb6, 0xc4, 0xff},
	{0x1d, 0x91, 0xc0, 0xff},
	{0x22, 0x5e, 0xa8, 0xff},
	{0x0c, 0x2c, 0x84, 0xff},
}

// scaleColour maps t in 0..1 onto the sequential scale.
func scaleColour(t float64) color.NRGBA {
	if math.IsNaN(t) {
		t = 0
	}
	t = math.Max(0, math.Min(1, t))
	f := t * float64(len(sequential)-1)
	i := int(math.Floor(f))
	if i >= len(sequential)-1 {
		return sequential[len(sequential)-1]
	}
	a, b := sequential[i], sequential[i+1]
	u := f - float64(i)
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p)*(1-u) + float64(q)*u)) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

// textOn returns black or white, whichever reads better on bg.
func textOn(bg color.Color) color.Color {
	if luminance(bg) > 0.36 {
		return color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	}
	return color.White
}
