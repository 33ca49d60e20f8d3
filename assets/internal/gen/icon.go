package gen

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
)

// IconSize is the icon's width and height in pixels.
const IconSize = 256

// The icon: a deep teal rounded square holding a white radar chart, the
// six-discipline hexagon with a filled maturity shape inside.
var (
	teal      = [3]float64{0x0B, 0x6E, 0x73}
	tealDark  = [3]float64{0x07, 0x4A, 0x52}
	white     = [3]float64{0xFF, 0xFF, 0xFF}
	radarSize = []float64{0.95, 0.62, 0.86, 0.70, 0.52, 0.80} // data radii, one per discipline
)

// samples per pixel side: 4x4 supersampling smooths the edges.
const samples = 4

// WriteIcon draws the app icon and writes it to w as PNG.
func WriteIcon(w io.Writer) error {
	return png.Encode(w, Icon())
}

// Icon draws the app icon.
func Icon() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, IconSize, IconSize))
	const c = IconSize / 2.0
	const radius = 84.0
	// The radar sits a little low: the eye reads a hexagon's centre high.
	geo := radar{
		cx: c, cy: c + 4,
		frame: hexagon(c, c+4, radius, nil),
		inner: hexagon(c, c+4, radius/2, nil),
		data:  hexagon(c, c+4, radius, radarSize),
	}
	for y := 0; y < IconSize; y++ {
		for x := 0; x < IconSize; x++ {
			var r, g, b, a float64
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					px := float64(x) + (float64(sx)+0.5)/samples
					py := float64(y) + (float64(sy)+0.5)/samples
					col, alpha := geo.sample(px, py, c)
					r += col[0] * alpha
					g += col[1] * alpha
					b += col[2] * alpha
					a += alpha
				}
			}
			if a == 0 {
				continue
			}
			n := float64(samples * samples)
			img.SetNRGBA(x, y, color.NRGBA{R: byte(math.Round(r / a)), G: byte(math.Round(g / a)),
				B: byte(math.Round(b / a)), A: byte(math.Round(255 * a / n))})
		}
	}
	return img
}

// radar is the icon's geometry: the centre, the outer and inner grid
// hexagons and the data shape.
type radar struct {
	cx, cy             float64
	frame, inner, data [][2]float64
}

// sample is the colour and opacity at one point of the icon, whose square
// is centred on (c, c).
func (g radar) sample(x, y, c float64) ([3]float64, float64) {
	const half, corner = 116.0, 52.0
	if !inRoundedSquare(x-c, y-c, half, corner) {
		return [3]float64{}, 0
	}
	// A gentle vertical gradient keeps the square from looking flat.
	t := (y - (c - half)) / (2 * half)
	col := mix(teal, tealDark, t)
	frame, inner := g.frame, g.inner
	for i := range frame { // spokes and the inner ring: the radar's grid
		j := (i + 1) % len(frame)
		if distToSegment(x, y, g.cx, g.cy, frame[i][0], frame[i][1]) < 2 ||
			distToSegment(x, y, inner[i][0], inner[i][1], inner[j][0], inner[j][1]) < 2 {
			col = mix(col, white, 0.35)
		}
	}
	if inPolygon(x, y, g.data) {
		col = mix(col, white, 0.9)
	}
	for i := range frame { // outline of the hexagon
		j := (i + 1) % len(frame)
		if distToSegment(x, y, frame[i][0], frame[i][1], frame[j][0], frame[j][1]) < 5 {
			col = white
		}
	}
	return col, 1
}

// hexagon returns six points around (cx, cy), the first straight up; radii
// scale each point (nil: all 1).
func hexagon(cx, cy, r float64, radii []float64) [][2]float64 {
	pts := make([][2]float64, 6)
	for i := range pts {
		k := 1.0
		if radii != nil {
			k = radii[i]
		}
		a := -math.Pi/2 + float64(i)*math.Pi/3
		pts[i] = [2]float64{cx + k*r*math.Cos(a), cy + k*r*math.Sin(a)}
	}
	return pts
}

func inRoundedSquare(x, y, half, corner float64) bool {
	dx := math.Max(math.Abs(x)-(half-corner), 0)
	dy := math.Max(math.Abs(y)-(half-corner), 0)
	return math.Abs(x) <= half && math.Abs(y) <= half && dx*dx+dy*dy <= corner*corner
}

// inPolygon is the even-odd rule.
func inPolygon(x, y float64, pts [][2]float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		xi, yi, xj, yj := pts[i][0], pts[i][1], pts[j][0], pts[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

func distToSegment(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

func mix(a, b [3]float64, t float64) [3]float64 {
	t = math.Max(0, math.Min(1, t))
	return [3]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}
