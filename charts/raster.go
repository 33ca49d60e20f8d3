package charts

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"golang.org/x/image/vector"
)

// shapes draws filled polygons and (dashed) polylines into one
// anti-aliased raster, for what Fyne's canvas has no object for (an
// irregular filled polygon). The image is cached: it is drawn again only
// when its pixel size changes or invalidate is called, so hovering and
// repeated frames cost nothing.
type shapes struct {
	raster *canvas.Raster
	size   fyne.Size // logical size the geometry is in
	paint  func(s *shapes)

	img   *image.RGBA
	valid bool
	z     vector.Rasterizer
	scale float32         // pixels per logical unit while painting
	area  image.Rectangle // pixels of the current path
	uni   image.Uniform
}

func newShapes(paint func(s *shapes)) *shapes {
	s := &shapes{paint: paint}
	s.raster = canvas.NewRaster(s.generate)
	return s
}

// invalidate makes the next frame paint again.
func (s *shapes) invalidate() { s.valid = false }

func (s *shapes) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	if s.valid && s.img != nil && s.img.Rect.Dx() == w && s.img.Rect.Dy() == h {
		return s.img
	}
	s.img = reuseRGBA(s.img, w, h)
	clear(s.img.Pix)
	s.scale = 1
	if s.size.Width > 0 {
		s.scale = float32(w) / s.size.Width
	}
	s.paint(s)
	s.valid = true
	return s.img
}

// reuseRGBA returns a w x h image, in img's memory when it is big enough:
// resizing a window asks for a new size every frame.
func reuseRGBA(img *image.RGBA, w, h int) *image.RGBA {
	n := 4 * w * h
	if img == nil || cap(img.Pix) < n {
		return image.NewRGBA(image.Rect(0, 0, w, h))
	}
	return &image.RGBA{Pix: img.Pix[:n], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
}

// fill fills the closed polygon through pts (logical coordinates).
func (s *shapes) fill(pts []fyne.Position, c color.Color) {
	if len(pts) < 3 || !s.begin(pts, 0) {
		return
	}
	s.z.MoveTo(s.px(pts[0]))
	for _, p := range pts[1:] {
		s.z.LineTo(s.px(p))
	}
	s.z.ClosePath()
	s.draw(c)
}

// stroke draws the polyline through pts, closed when closed is true, with
// the given width; dash > 0 draws dashes of that length and gaps of gap.
func (s *shapes) stroke(pts []fyne.Position, closed bool, width, dash, gap float32, c color.Color) {
	if len(pts) < 2 || !s.begin(pts, width) {
		return
	}
	k := s.scale
	w := width * k / 2
	on, left := true, dash*k // dash state carries across corners
	n := len(pts) - 1
	if closed {
		n = len(pts)
	}
	for i := 0; i < n; i++ {
		ax, ay := s.px(pts[i])
		bx, by := s.px(pts[(i+1)%len(pts)])
		dx, dy := bx-ax, by-ay
		l := float32(math.Hypot(float64(dx), float64(dy)))
		if l == 0 {
			continue
		}
		if dash <= 0 {
			s.quad(ax, ay, bx, by, w)
			s.dot(bx, by, w) // round the joins
			continue
		}
		for pos := float32(0); pos < l; {
			step := min(left, l-pos)
			if on {
				t0, t1 := pos/l, (pos+step)/l
				s.quad(ax+dx*t0, ay+dy*t0, ax+dx*t1, ay+dy*t1, w)
			}
			pos += step
			left -= step
			if left <= 0 {
				on = !on
				if on {
					left = dash * k
				} else {
					left = gap * k
				}
			}
		}
	}
	s.draw(c)
}

// begin starts a path over the pixels pts cover, widened by width: the
// rasterizer's cost grows with the area it spans, not with the path. It
// returns false when nothing of it is inside the image.
func (s *shapes) begin(pts []fyne.Position, width float32) bool {
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, p := range pts {
		minX, minY, maxX, maxY = min(minX, p.X), min(minY, p.Y), max(maxX, p.X), max(maxY, p.Y)
	}
	k, m := s.scale, width*s.scale/2+2
	r := image.Rect(int(math.Floor(float64(minX*k-m))), int(math.Floor(float64(minY*k-m))),
		int(math.Ceil(float64(maxX*k+m))), int(math.Ceil(float64(maxY*k+m)))).Intersect(s.img.Rect)
	if r.Empty() {
		return false
	}
	s.area = r
	s.z.Reset(r.Dx(), r.Dy())
	s.z.DrawOp = draw.Over
	return true
}

// px converts a logical position to the current path's pixel coordinates.
func (s *shapes) px(p fyne.Position) (float32, float32) {
	return p.X*s.scale - float32(s.area.Min.X), p.Y*s.scale - float32(s.area.Min.Y)
}

func (s *shapes) draw(c color.Color) {
	s.uni.C = c
	s.z.Draw(s.img, s.area, &s.uni, image.Point{})
}

// quad adds the rectangle of half-width w around the segment a-b. Every
// quad winds the same way, so overlaps add up to full coverage, not more.
func (s *shapes) quad(ax, ay, bx, by, w float32) {
	dx, dy := bx-ax, by-ay
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w, dx/l*w
	s.z.MoveTo(ax+nx, ay+ny)
	s.z.LineTo(bx+nx, by+ny)
	s.z.LineTo(bx-nx, by-ny)
	s.z.LineTo(ax-nx, ay-ny)
	s.z.ClosePath()
}

// dot adds an octagon of radius r at (x, y), winding as quad does.
func (s *shapes) dot(x, y, r float32) {
	const n = 8
	for i := 0; i <= n; i++ {
		a := -float64(i) * 2 * math.Pi / n // clockwise, as quad
		px, py := x+r*float32(math.Cos(a)), y+r*float32(math.Sin(a))
		if i == 0 {
			s.z.MoveTo(px, py)
		} else {
			s.z.LineTo(px, py)
		}
	}
	s.z.ClosePath()
}
