package charts_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cxdash/charts"
)

var chartSize = fyne.NewSize(600, 400)

func TestRadarGolden(t *testing.T) {
	cases := []struct {
		name string
		data charts.RadarData
	}{
		{"empty", radarData(0)},
		{"one", radarData(1)},
		{"many", radarData(2)},
	}
	for _, th := range themes {
		for _, c := range cases {
			t.Run(th.name+"/"+c.name, func(t *testing.T) {
				w := newWindow(t, charts.NewRadar(c.data), chartSize, th.variant)
				test.AssertImageMatches(t, "radar_"+c.name+"_"+th.name+".png", w.Canvas().Capture())
			})
		}
	}
}

func TestLineChartGolden(t *testing.T) {
	cases := []struct {
		name string
		data charts.LineData
	}{
		{"empty", lineData(0)},
		{"one", lineData(1)},
		{"many", lineData(40)},
	}
	for _, th := range themes {
		for _, c := range cases {
			t.Run(th.name+"/"+c.name, func(t *testing.T) {
				w := newWindow(t, charts.NewLineChart(c.data), chartSize, th.variant)
				test.AssertImageMatches(t, "line_"+c.name+"_"+th.name+".png", w.Canvas().Capture())
			})
		}
	}
}

func TestHeatmapGolden(t *testing.T) {
	cases := []struct {
		name string
		data charts.HeatmapData
		size fyne.Size
	}{
		{"empty", heatmapData(0), chartSize},
		{"one", heatmapData(1), chartSize},
		{"many", heatmapData(40), chartSize},
		{"units", unitHeatmapData(), fyne.NewSize(600, 240)},
	}
	for _, th := range themes {
		for _, c := range cases {
			t.Run(th.name+"/"+c.name, func(t *testing.T) {
				w := newWindow(t, charts.NewHeatmap(c.data), c.size, th.variant)
				test.AssertImageMatches(t, "heatmap_"+c.name+"_"+th.name+".png", w.Canvas().Capture())
			})
		}
	}
}

func TestBarChartGolden(t *testing.T) {
	cases := []struct {
		name string
		data charts.BarData
	}{
		{"empty", barData(0)},
		{"one", barData(1)},
		{"many", barData(40)},
		{"units", barData(6)},
		{"gaps", gapData()},
	}
	for _, th := range themes {
		for _, c := range cases {
			t.Run(th.name+"/"+c.name, func(t *testing.T) {
				w := newWindow(t, charts.NewBarChart(c.data), chartSize, th.variant)
				test.AssertImageMatches(t, "bars_"+c.name+"_"+th.name+".png", w.Canvas().Capture())
			})
		}
	}
}

func TestKPITileGolden(t *testing.T) {
	cases := []struct {
		name string
		data charts.KPIData
	}{
		{"empty", kpiData(0)},
		{"one", kpiData(1)},
		{"many", kpiData(40)},
		{"churn", churnData()},
	}
	for _, th := range themes {
		for _, c := range cases {
			t.Run(th.name+"/"+c.name, func(t *testing.T) {
				w := newWindow(t, charts.NewKPITile(c.data), fyne.NewSize(260, 150), th.variant)
				test.AssertImageMatches(t, "kpi_"+c.name+"_"+th.name+".png", w.Canvas().Capture())
			})
		}
	}
}

// TestSmallGolden draws charts in little room: labels must still stay clear
// of the plot and of each other.
func TestSmallGolden(t *testing.T) {
	cases := []struct {
		name string
		obj  func() fyne.CanvasObject
		size fyne.Size
	}{
		{"radar", func() fyne.CanvasObject { return charts.NewRadar(radarData(2)) }, fyne.NewSize(300, 220)},
		{"line", func() fyne.CanvasObject { return charts.NewLineChart(lineData(40)) }, fyne.NewSize(320, 200)},
		{"heatmap", func() fyne.CanvasObject { return charts.NewHeatmap(unitHeatmapData()) }, fyne.NewSize(320, 160)},
		{"bars", func() fyne.CanvasObject { return charts.NewBarChart(gapData()) }, fyne.NewSize(300, 160)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWindow(t, c.obj(), c.size, themes[0].variant)
			test.AssertImageMatches(t, c.name+"_small_light.png", w.Canvas().Capture())
		})
	}
}
