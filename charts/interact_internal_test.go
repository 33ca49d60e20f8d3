package charts

// Hit testing and tooltips depend on where the renderer put things, so these
// tests read the renderer's geometry to know where to point.

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

type fixedTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t fixedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

func showIn(t *testing.T, obj fyne.CanvasObject, size fyne.Size) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(fixedTheme{theme.DefaultTheme(), theme.VariantLight})
	w := test.NewTempWindow(t, obj)
	w.SetPadded(false)
	w.Resize(size)
	return w
}

var names5 = []string{"Initial", "Developing", "Defined", "Managed", "Optimised"}

func sixAxes() []string {
	return []string{"Strategy", "Customer understanding", "Design", "Measurement", "Governance", "Culture"}
}

// tipText is the tooltip's visible text, one line per text.
func tipText(tip *tooltip) string {
	if !tip.bg.Visible() {
		return ""
	}
	var lines []string
	for _, x := range tip.texts[:tip.n] {
		lines = append(lines, x.Text)
	}
	return strings.Join(lines, "\n")
}

// assertTipInside checks that the tooltip is fully inside the chart.
func assertTipInside(t *testing.T, tip *tooltip, size fyne.Size) {
	t.Helper()
	p, s := tip.bg.Position(), tip.bg.Size()
	if p.X < 0 || p.Y < 0 || p.X+s.Width > size.Width || p.Y+s.Height > size.Height {
		t.Errorf("tooltip at %v size %v leaves the chart of size %v", p, s, size)
	}
}

func TestRadarTapAndHover(t *testing.T) {
	data := RadarData{Axes: sixAxes(), Levels: names5, Format: ScoreFormat, Series: []Series{
		{Name: "Now", Fill: true, Points: []Point{Pt(3.42, 40), Pt(2, 10), Pt(3, 11), Pt(4, 12), {}, Pt(2.5, 14)}},
		{Name: "Target", Dashed: true, Points: []Point{Pt(4, 0), Pt(4, 0), Pt(4, 0), Pt(4, 0), Pt(4, 0), Pt(4, 0)}},
	}}
	r := NewRadar(data)
	var gotS, gotA int
	r.OnTapped = func(s, a int) { gotS, gotA = s, a }
	w := showIn(t, r, fyne.NewSize(600, 400))
	ren := r.ren

	at := ren.pts[0][0]
	test.TapAt(r, at)
	if gotS != 0 || gotA != 0 {
		t.Errorf("tap on Now/Strategy reported (%d, %d)", gotS, gotA)
	}
	// between the points, on the Measurement spoke: the axis only
	test.TapAt(r, ren.at(3, ren.radius*0.05+20))
	if gotS != -1 || gotA != 3 {
		t.Errorf("tap on the Measurement spoke reported (%d, %d), want (-1, 3)", gotS, gotA)
	}

	test.MoveMouse(w.Canvas(), at)
	want := "Strategy\nNow: 3.42 Defined, 40 source rows\nTarget: 4.00 Managed"
	if got := tipText(ren.tip); got != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	if !ren.highlight.Visible() {
		t.Error("the hovered point is not highlighted")
	}
	test.AssertImageMatches(t, "radar_hover_light.png", w.Canvas().Capture())
	test.MoveMouse(w.Canvas(), ren.pts[1][4].AddXY(0, 2))
	if got := tipText(ren.tip); !strings.Contains(got, "Now: no data") {
		t.Errorf("tooltip on Governance %q does not say Now has no data", got)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(599, 399))
	if ren.tip.bg.Visible() {
		t.Error("the tooltip stays in a corner far from the chart")
	}
}

func TestLineChartTapAndHover(t *testing.T) {
	labels := []string{"Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024", "Q1 2025"}
	data := LineData{Labels: labels, Min: 1, Max: 5, Levels: names5, Format: ScoreFormat,
		Series: []Series{
			{Name: "Strategy", Points: []Point{Pt(2, 10), Pt(2.5, 11), {}, Pt(3, 12), Pt(3.5, 13)}},
			{Name: "Design", Points: []Point{Pt(1.5, 5), Pt(1.8, 6), Pt(2.1, 7), Pt(2.2, 8), Pt(4.9, 9)}},
		},
		Events: []Event{{Index: 2, Label: "Platform outage"}},
		Target: &Band{Lo: 4, Hi: 4}}
	c := NewLineChart(data)
	var gotS, gotI int
	c.OnTapped = func(s, i int) { gotS, gotI = s, i }
	size := fyne.NewSize(600, 400)
	w := showIn(t, c, size)
	ren := c.ren

	if n := len(ren.segs); n != 2+4 {
		t.Errorf("%d line segments, want 6: the gap in Strategy breaks its line", n)
	}
	test.TapAt(c, ren.pts[1][3])
	if gotS != 1 || gotI != 3 {
		t.Errorf("tap on Design/Q4 reported (%d, %d)", gotS, gotI)
	}
	test.TapAt(c, fyne.NewPos(ren.x(2), ren.y(4.5)))
	if gotS != -1 || gotI != 2 {
		t.Errorf("tap in Q3 away from points reported (%d, %d), want (-1, 2)", gotS, gotI)
	}

	test.MoveMouse(w.Canvas(), ren.pts[0][1])
	if got, want := tipText(ren.tip), "Strategy · Q2 2024\n2.50 Developing, 11 source rows"; got != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(ren.x(2), ren.top+1))
	if got, want := tipText(ren.tip), "Q3 2024\nEvent: Platform outage"; got != want {
		t.Errorf("tooltip on the event marker %q, want %q", got, want)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(ren.x(2), ren.y(4.5)))
	if got := tipText(ren.tip); !strings.Contains(got, "Strategy: no data") || !strings.Contains(got, "Design: 2.10 Developing, 7 source rows") {
		t.Errorf("tooltip of the Q3 column %q", got)
	}
	test.AssertImageMatches(t, "line_hover_light.png", w.Canvas().Capture())
	test.MoveMouse(w.Canvas(), ren.pts[1][4])
	assertTipInside(t, ren.tip, size)
}

func TestHeatmapTapAndHover(t *testing.T) {
	data := HeatmapData{Rows: []string{"Retail", "Online"}, Cols: sixAxes(), Min: 1, Max: 5, Levels: names5,
		Format: ScoreFormat, Cells: [][]Point{
			{Pt(1, 1), Pt(2, 2), Pt(3, 3), Pt(4, 4), Pt(5, 5), Pt(2.5, 6)},
			{Pt(1.5, 7), {}, Pt(3.5, 9)}, // ragged: the rest is missing
		}}
	h := NewHeatmap(data)
	var gotR, gotC int
	h.OnTapped = func(r, c int) { gotR, gotC = r, c }
	size := fyne.NewSize(600, 240)
	w := showIn(t, h, size)
	ren := h.ren
	centre := func(row, col int) fyne.Position {
		c := ren.cells.used()[row*ren.cols+col]
		return c.Position().Add(fyne.NewPos(c.Size().Width/2, c.Size().Height/2))
	}
	test.TapAt(h, centre(1, 4))
	if gotR != 1 || gotC != 4 {
		t.Errorf("tap on Online/Governance reported (%d, %d)", gotR, gotC)
	}
	test.MoveMouse(w.Canvas(), centre(0, 3))
	if got, want := tipText(ren.tip), "Retail · Measurement\n4.00 Managed, 4 source rows"; got != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	test.AssertImageMatches(t, "heatmap_hover_light.png", w.Canvas().Capture())
	test.MoveMouse(w.Canvas(), centre(1, 5))
	if got := tipText(ren.tip); got != "Online · Culture\nno data" {
		t.Errorf("tooltip of a missing cell %q", got)
	}
	assertTipInside(t, ren.tip, size)
}

func TestBarChartTapAndHover(t *testing.T) {
	target := 4.0
	data := BarData{Min: 0, Max: 5, Levels: names5, Format: ScoreFormat, Bars: []Bar{
		{Label: "Online", Value: Pt(3.8, 120), Target: &target},
		{Label: "Retail", Value: Pt(3.1, 90), Target: &target},
		{Label: "Business", Value: Pt(2.4, 60)},
	}}
	b := NewBarChart(data)
	got := -1
	b.OnTapped = func(i int) { got = i }
	w := showIn(t, b, fyne.NewSize(500, 240))
	ren := b.ren
	row := func(i int) fyne.Position { return fyne.NewPos(250, ren.top+(float32(i)+0.5)*ren.rowH) }
	test.TapAt(b, row(2))
	if got != 2 {
		t.Errorf("tap on Business reported %d", got)
	}
	test.MoveMouse(w.Canvas(), row(1))
	if tip, want := tipText(ren.tip), "Retail\n3.10 Defined, 90 source rows\nTarget: 4.00"; tip != want {
		t.Errorf("tooltip %q, want %q", tip, want)
	}
	test.AssertImageMatches(t, "bars_hover_light.png", w.Canvas().Capture())
}

func TestKPITileTapAndHover(t *testing.T) {
	delta := 0.2
	data := KPIData{Title: "Overall CX maturity", Value: Pt(3.3, 400), Level: "Defined", Delta: &delta,
		DeltaLabel: "vs Q4 2024", Format: ScoreFormat,
		Trend:       []Point{Pt(2.8, 300), {}, Pt(3.1, 380), Pt(3.3, 400)},
		TrendLabels: []string{"Q2 2024", "Q3 2024", "Q4 2024", "Q1 2025"}}
	k := NewKPITile(data)
	tapped := false
	k.OnTapped = func() { tapped = true }
	w := showIn(t, k, fyne.NewSize(260, 150))
	test.Tap(k)
	if !tapped {
		t.Error("tap on the tile did not call OnTapped")
	}
	ren := k.ren
	test.MoveMouse(w.Canvas(), ren.sparkPts[2])
	if got, want := tipText(ren.tip), "Overall CX maturity\nQ4 2024: 3.10, 380 source rows"; got != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(30, 30))
	if got, want := tipText(ren.tip), "Overall CX maturity\n3.30, 400 source rows\nLevel: Defined\nChange: +0.20 vs Q4 2024"; got != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	assertTipInside(t, ren.tip, fyne.NewSize(260, 150))
}

// TestThemeChange checks that charts take new colours when the theme changes.
func TestThemeChange(t *testing.T) {
	c := NewLineChart(LineData{Labels: []string{"a", "b"}, Series: []Series{{Name: "s", Points: []Point{Pt(1, 1), Pt(2, 1)}}}})
	showIn(t, c, fyne.NewSize(300, 200))
	if c.ren.pal.dark {
		t.Fatal("light theme taken for dark")
	}
	test.ApplyTheme(t, fixedTheme{theme.DefaultTheme(), theme.VariantDark})
	if !c.ren.pal.dark || c.ren.lines.used()[0].StrokeColor != okabeItoDark[0] {
		t.Error("the chart kept its light colours after the theme went dark")
	}
}

// TestOddData feeds every chart data it must survive: NaN and infinite
// values, ragged series, events and axes out of range.
func TestOddData(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	bad := []Point{Pt(nan, 1), Pt(inf, 2), Pt(-inf, 3), Pt(1e300, 4), Pt(-5, 5)}
	objs := map[string]fyne.CanvasObject{
		"radar": NewRadar(RadarData{Axes: []string{"a", "b", "c", "d"}, Max: nan,
			Series: []Series{{Points: bad, Fill: true}, {Points: nil}, {Points: bad[:1], Colour: 99}}}),
		"radar with two axes": NewRadar(RadarData{Axes: []string{"a", "b"}, Series: []Series{{Points: bad}}}),
		"line": NewLineChart(LineData{Labels: []string{"a", "b", "c"}, Min: 5, Max: 1,
			Series: []Series{{Points: bad}, {}}, Target: &Band{Lo: nan, Hi: 3},
			Events: []Event{{Index: -1}, {Index: 99}, {Index: 1}}}),
		"line without labels": NewLineChart(LineData{Series: []Series{{Points: bad}}}),
		"heatmap": NewHeatmap(HeatmapData{Rows: []string{"a", "b"}, Cols: []string{"x"},
			Cells: [][]Point{bad, nil, bad}, Levels: []string{}}),
		"heatmap with one value": NewHeatmap(HeatmapData{Rows: []string{"a"}, Cols: []string{"x", "y"},
			Cells: [][]Point{{Pt(2, 1)}}}),
		"bars": NewBarChart(BarData{Gaps: true, Bars: []Bar{{Value: Pt(nan, 1), Target: &nan}, {Value: Pt(inf, 1)},
			{Label: strings.Repeat("long ", 40), Value: Pt(-1e300, 0)}}}),
		"kpi": NewKPITile(KPIData{Value: Pt(inf, 1), Delta: &nan, Trend: bad, TrendLabels: []string{"a"}}),
	}
	for name, o := range objs {
		t.Run(name, func(t *testing.T) {
			w := showIn(t, o, fyne.NewSize(300, 200))
			for _, pos := range []fyne.Position{{X: 150, Y: 100}, {X: 10, Y: 10}, {X: 290, Y: 190}} {
				test.MoveMouse(w.Canvas(), pos)
				if tp, ok := o.(fyne.Tappable); ok {
					test.TapAt(tp, pos)
				}
			}
			w.Resize(fyne.NewSize(20, 20)) // smaller than the minimum
			w.Canvas().Capture()
		})
	}
}
