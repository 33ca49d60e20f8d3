package charts_test

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"cxdash/charts"
)

// variantTheme is the default theme fixed to one variant, so that a test
// can draw light and dark regardless of the machine's settings.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

var themes = []struct {
	name    string
	variant fyne.ThemeVariant
}{
	{"light", theme.VariantLight},
	{"dark", theme.VariantDark},
}

// newWindow shows obj alone in a test window of the given size, drawn in
// the given theme variant.
func newWindow(t *testing.T, obj fyne.CanvasObject, size fyne.Size, variant fyne.ThemeVariant) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(variantTheme{Theme: theme.DefaultTheme(), variant: variant})
	w := test.NewTempWindow(t, obj)
	w.SetPadded(false)
	w.Resize(size)
	return w
}

var levelNames = []string{"Initial", "Developing", "Defined", "Managed", "Optimised"}

var disciplines = []string{"Strategy", "Customer understanding", "Design", "Measurement", "Governance", "Culture"}

// periodLabels returns n quarter labels starting at Q1 2016.
func periodLabels(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "Q" + string(rune('1'+i%4)) + " " + itoa(2016+i/4)
	}
	return out
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// wave is a deterministic score between 1 and 5 for series s at period i.
func wave(s, i int) float64 {
	return 1.6 + 0.06*float64(i) + 0.5*math.Sin(float64(i)/3+float64(s)) + 0.25*float64(s%3)
}

// radarData returns n periods of the six disciplines: now, previous and target.
func radarData(points int) charts.RadarData {
	d := charts.RadarData{Axes: disciplines, Levels: levelNames, Format: charts.ScoreFormat}
	if points == 0 {
		return d
	}
	now := charts.Series{Name: "Q3 2025", Fill: true}
	prev := charts.Series{Name: "Q2 2025", Muted: true}
	target := charts.Series{Name: "Target", Colour: 4, Dashed: true}
	for i := range disciplines {
		if points == 1 && i > 0 {
			now.Points = append(now.Points, charts.Point{})
			continue
		}
		now.Points = append(now.Points, charts.Pt(wave(i, 20), 40+i))
		prev.Points = append(prev.Points, charts.Pt(wave(i, 17), 38+i))
		target.Points = append(target.Points, charts.Pt(3.5+0.25*float64(i%3), 0))
	}
	if points == 1 {
		return charts.RadarData{Axes: d.Axes, Levels: d.Levels, Format: d.Format, Series: []charts.Series{now}}
	}
	d.Series = []charts.Series{now, prev, target}
	return d
}

// lineData returns n periods of the six disciplines with a gap, an
// isolated point, two events and a target band.
func lineData(n int) charts.LineData {
	d := charts.LineData{Labels: periodLabels(n), Min: 1, Max: 5, Levels: levelNames, Format: charts.ScoreFormat}
	if n == 0 {
		return d
	}
	for s, name := range disciplines {
		ser := charts.Series{Name: name}
		for i := range n {
			p := charts.Pt(wave(s, i), 10+i+s)
			if s == 2 && n > 20 && (i >= 10 && i <= 13 || i == 15) { // missing quarters
				p = charts.Point{}
			}
			ser.Points = append(ser.Points, p)
		}
		d.Series = append(d.Series, ser)
	}
	d.Target = &charts.Band{Lo: 3.5, Hi: 4, Label: "Target range"}
	if n > 30 {
		d.Events = []charts.Event{{Index: 13, Label: "Platform outage"}, {Index: 30, Label: "Reorganisation"}}
	}
	return d
}

// heatmapData returns the six disciplines over n periods, with gaps.
func heatmapData(n int) charts.HeatmapData {
	d := charts.HeatmapData{Min: 1, Max: 5, Levels: levelNames, Format: charts.Format{Decimals: 1}}
	if n == 0 {
		return d
	}
	rows := disciplines
	if n == 1 {
		rows = disciplines[:1]
	}
	line := lineData(n)
	d.Rows, d.Cols = rows, line.Labels
	for s := range rows {
		d.Cells = append(d.Cells, line.Series[s].Points)
	}
	return d
}

// unitHeatmapData returns three units by the six disciplines.
func unitHeatmapData() charts.HeatmapData {
	d := charts.HeatmapData{Rows: []string{"Retail", "Online", "Business"}, Cols: disciplines,
		Min: 1, Max: 5, Levels: levelNames, Format: charts.ScoreFormat}
	for u := range d.Rows {
		var row []charts.Point
		for s := range d.Cols {
			row = append(row, charts.Pt(wave(s+u, 20+7*u), 100+s))
		}
		d.Cells = append(d.Cells, row)
	}
	d.Cells[2][4] = charts.Point{}
	return d
}

// barData returns n business units' scores, best first, with targets and
// one unit without data.
func barData(n int) charts.BarData {
	d := charts.BarData{Min: 0, Max: 5, Levels: levelNames, Format: charts.ScoreFormat}
	for i := range n {
		target := 4.0
		b := charts.Bar{Label: "Unit " + itoa(i+1), Value: charts.Pt(4.6-3.2*float64(i)/float64(max(n, 2)), 50+i), Target: &target}
		if i == 0 {
			b.Label = "Retail and consumer banking"
		}
		if n > 3 && i == n-1 {
			b.Value = charts.Point{}
		}
		d.Bars = append(d.Bars, b)
	}
	return d
}

// gapData returns gaps to target of the six disciplines, largest first.
func gapData() charts.BarData {
	d := charts.BarData{Gaps: true, Format: charts.ScoreFormat}
	gaps := []float64{1.42, 0.85, 0.4, 0.05, -0.3, -0.62}
	for i, g := range gaps {
		d.Bars = append(d.Bars, charts.Bar{Label: disciplines[(i+3)%6], Value: charts.Pt(g, 30+i)})
	}
	return d
}

// kpiData returns a tile with n trend points (a gap when n > 20).
func kpiData(n int) charts.KPIData {
	d := charts.KPIData{Title: "Overall CX maturity", Format: charts.ScoreFormat}
	if n == 0 {
		return d
	}
	labels := periodLabels(n)
	for i := range n {
		p := charts.Pt(wave(1, i), 200+i)
		if n > 20 && i >= 12 && i <= 14 {
			p = charts.Point{}
		}
		d.Trend = append(d.Trend, p)
		d.TrendLabels = append(d.TrendLabels, labels[i])
	}
	d.Value = d.Trend[n-1]
	d.Level = levelNames[int(d.Value.Value)-1]
	if n > 1 {
		delta := d.Value.Value - d.Trend[n-2].Value
		d.Delta, d.DeltaLabel = &delta, "vs "+labels[n-2]
	}
	return d
}

// churnData is a KPI where lower is better, falling: good news.
func churnData() charts.KPIData {
	delta := -1.3
	d := charts.KPIData{Title: "Churn % (lower is better)", Value: charts.Pt(11.2, 36), Level: "Defined",
		Delta: &delta, DeltaLabel: "vs Q2 2025", LowerBetter: true, Format: charts.Format{Decimals: 1, Unit: "%"}}
	for i, v := range []float64{16, 15.1, 14.8, 13.9, 12.5, 12.9, 12.5, 11.2} {
		d.Trend = append(d.Trend, charts.Pt(v, 30+i))
	}
	return d
}
