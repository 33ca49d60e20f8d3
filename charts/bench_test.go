package charts_test

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"cxdash/charts"
	"cxdash/model"
)

// benchScorer scores 40 quarters of 6 disciplines in 3 units, two metrics
// per discipline.
func benchScorer() (model.Framework, *model.Scorer, []model.Period) {
	fw := model.DefaultFramework()
	for i := range fw.Disciplines {
		fw.Disciplines[i].Target = f(3.5 + 0.1*float64(i))
	}
	var metrics []model.Metric
	for _, d := range model.DisciplineKeys {
		metrics = append(metrics, model.NewLevelMetric(d+" a", d), model.NewLevelMetric(d+" b", d))
	}
	periods := charts.Span(model.QuarterPeriod(2016, 1), model.QuarterPeriod(2025, 4))
	var values []model.Value
	for u, unit := range []string{"Retail", "Online", "Business"} {
		for i, p := range periods {
			for m, mt := range metrics {
				v := wave(m/2+u, i)
				values = append(values, model.Value{Metric: mt.Name, Unit: unit, Period: p, Sum: 3 * v, Count: 3})
			}
		}
	}
	return fw, model.NewScorer(fw, metrics, values), periods
}

// dashboard shapes the dashboard's charts: KPI tiles, the radar, a trend
// per unit, the heatmaps and the bars.
func dashboard(fw model.Framework, sc *model.Scorer, periods []model.Period) fyne.CanvasObject {
	latest := periods[len(periods)-1]
	all := model.AllUnits
	now := sc.Summary(all, latest)
	var tiles, trends []fyne.CanvasObject
	tiles = append(tiles, charts.NewKPITile(charts.KPI(fw, sc, all, "", periods)))
	for _, u := range sc.Units() {
		tiles = append(tiles, charts.NewKPITile(charts.KPI(fw, sc, u, "", periods)))
		trends = append(trends, charts.NewLineChart(charts.DisciplineTrend(fw, sc, u, periods)))
	}
	return container.NewBorder(container.NewGridWithColumns(len(tiles), tiles...), nil, nil, nil,
		container.NewGridWithRows(3,
			container.NewGridWithColumns(3, trends...),
			container.NewGridWithColumns(3,
				charts.NewRadar(charts.RadarFromSummaries(fw, now, sc.Summary(all, latest.Prev()))),
				charts.NewHeatmap(charts.DisciplineHeatmap(fw, sc, all, periods)),
				charts.NewHeatmap(charts.UnitHeatmap(fw, sc, latest))),
			container.NewGridWithColumns(2,
				charts.NewBarChart(charts.UnitBars(fw, sc, latest)),
				charts.NewBarChart(charts.GapBars(now)))))
}

// benchWindow shows the dashboard in a 1600x1000 window.
func benchWindow(b *testing.B) fyne.Window { return benchWindowT(b) }

func benchWindowT(b testing.TB) fyne.Window {
	b.Helper()
	a := test.NewTempApp(b)
	a.Settings().SetTheme(variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight})
	fw, sc, periods := benchScorer()
	w := test.NewTempWindow(b, dashboard(fw, sc, periods))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 1000))
	return w
}

// sizes alternate so that every frame lays the charts out anew.
var sizes = [2]fyne.Size{{Width: 1600, Height: 1000}, {Width: 1590, Height: 990}}

// walk calls visit for every object in the window, through the live
// renderers (test.LaidOutObjects would make new ones).
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit)
		}
	}
}

// rasters finds the raster images in the window, which a painter asks for
// pixels at their new size on every resize.
func rasters(w fyne.Window) []*canvas.Raster {
	var out []*canvas.Raster
	walk(w.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*canvas.Raster); ok {
			out = append(out, r)
		}
	})
	return out
}

// BenchmarkRenderDashboard is the charts' work in one frame after a
// resize: every chart laid out again and every raster image (radar
// polygons, colour legends) drawn at its new size, as the GL driver asks.
// The GPU's drawing of lines, shapes and cached text is not included.
func BenchmarkRenderDashboard(b *testing.B) {
	w := benchWindow(b)
	rs := rasters(w)
	if len(rs) == 0 {
		b.Fatal("no raster images in the dashboard")
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		w.Resize(sizes[i%2])
		for _, r := range rs {
			s := r.Size()
			r.Generator(int(s.Width), int(s.Height))
		}
		i++
	}
}

// BenchmarkRenderDashboardSoftware is a whole frame painted to pixels by
// Fyne's software painter (the test driver's Capture), for reference: it
// rasterises every line and text on the CPU each time, which the GL driver
// does not, and most of its time is the painter's own cost of filling and
// blending a 1600x1000 image, as the empty window shows.
func BenchmarkRenderDashboardSoftware(b *testing.B) {
	for _, c := range []struct {
		name    string
		content func(b *testing.B) fyne.Window
	}{
		{"empty", func(b *testing.B) fyne.Window {
			w := test.NewTempWindow(b, canvas.NewRectangle(color.Transparent))
			w.SetPadded(false)
			return w
		}},
		{"dashboard", benchWindow},
	} {
		b.Run(c.name, func(b *testing.B) {
			test.NewTempApp(b)
			w := c.content(b)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				w.Resize(sizes[i%2])
				w.Canvas().Capture()
				i++
			}
		})
	}
}

// BenchmarkRefreshDashboard is a change of data or theme: every chart
// makes its canvas objects again (reusing what it has) and lays them out.
func BenchmarkRefreshDashboard(b *testing.B) {
	w := benchWindow(b)
	var widgets []fyne.Widget
	walk(w.Content(), func(o fyne.CanvasObject) {
		if wid, ok := o.(fyne.Widget); ok {
			widgets = append(widgets, wid)
		}
	})
	b.ReportAllocs()
	for b.Loop() {
		for _, wid := range widgets {
			wid.Refresh()
		}
	}
}

// BenchmarkShapeDashboard turns scores into every chart's data, as on a
// change of unit, period or data.
func BenchmarkShapeDashboard(b *testing.B) {
	test.NewTempApp(b)
	fw, sc, periods := benchScorer()
	b.ReportAllocs()
	for b.Loop() {
		dashboard(fw, sc, periods)
	}
}
