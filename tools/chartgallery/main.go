// Command chartgallery renders every cxdash chart from the bundled demo
// data to PNG files, in the light and the dark theme, with Fyne's software
// test canvas, so it needs no display:
//
//	go run ./tools/chartgallery -o /tmp/charts
package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"cxdash/charts"
	"cxdash/model"
)

func main() {
	out := flag.String("o", "", "folder to write the PNG files to (created if missing)")
	scale := flag.Float64("scale", 1, "pixels per logical pixel: 2 gives sharp images for high-density screens")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: chartgallery -o DIR [-scale N]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(os.Stdout, *out, float32(*scale)); err != nil {
		fmt.Fprintln(os.Stderr, "chartgallery:", err)
		os.Exit(1)
	}
}

// variantTheme is the default theme fixed to one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// shot is one picture of the gallery.
type shot struct {
	name string
	size fyne.Size
	make func() fyne.CanvasObject
}

// run writes every shot in both themes into dir and lists the files on log.
func run(log io.Writer, dir string, scale float32) error {
	if scale <= 0 || scale > 4 {
		return errors.New("-scale must be between 0 and 4")
	}
	d, err := loadDemo()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	a := test.NewApp()
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), v.variant})
		for _, s := range shots(d) {
			path := filepath.Join(dir, s.name+"_"+v.name+".png")
			if err := render(s.make(), s.size, scale, path); err != nil {
				return err
			}
			fmt.Fprintln(log, path)
		}
	}
	return nil
}

// render draws obj in a window of size and writes it as a PNG.
func render(obj fyne.CanvasObject, size fyne.Size, scale float32, path string) error {
	w := test.NewWindow(obj)
	defer w.Close()
	w.SetPadded(false)
	if c, ok := w.Canvas().(test.WindowlessCanvas); ok {
		c.SetScale(scale)
	}
	w.Resize(size)
	return writePNG(path, w.Canvas().Capture())
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// shots lists the gallery: every chart of the dashboard, shaped from the
// demo data, then the dashboard itself.
func shots(d *demo) []shot {
	sc, fw := d.scorer, d.fw
	g := sc.DefaultGranularity()
	periods := charts.LastPeriods(sc, g, 40)
	latest := periods[len(periods)-1]
	all := model.AllUnits
	units := sc.Units()
	wide := fyne.NewSize(720, 420)

	trend := func(unit string, ps []model.Period) func() fyne.CanvasObject {
		return func() fyne.CanvasObject {
			data := charts.DisciplineTrend(fw, sc, unit, ps)
			data.Events = charts.Events(ps, d.notesFor(unit))
			return charts.NewLineChart(data)
		}
	}
	out := []shot{
		{"radar", fyne.NewSize(600, 420), func() fyne.CanvasObject {
			return charts.NewRadar(charts.RadarFromSummaries(fw, sc.Summary(all, latest), sc.Summary(all, latest.Prev())))
		}},
		{"trend_all", wide, trend(all, periods)},
		{"trend_units", wide, func() fyne.CanvasObject { return charts.NewLineChart(charts.UnitTrend(fw, sc, periods)) }},
		{"trend_metrics", wide, func() fyne.CanvasObject {
			return charts.NewLineChart(charts.MetricTrend(fw, sc, all, model.Measurement, periods))
		}},
		{"heatmap_disciplines", wide, func() fyne.CanvasObject {
			return charts.NewHeatmap(charts.DisciplineHeatmap(fw, sc, all, periods))
		}},
		{"heatmap_units", fyne.NewSize(720, 240), func() fyne.CanvasObject {
			return charts.NewHeatmap(charts.UnitHeatmap(fw, sc, latest))
		}},
		{"bars_units", fyne.NewSize(600, 220), func() fyne.CanvasObject { return charts.NewBarChart(charts.UnitBars(fw, sc, latest)) }},
		{"bars_gaps", fyne.NewSize(600, 300), func() fyne.CanvasObject {
			return charts.NewBarChart(charts.GapBars(sc.Summary(all, latest)))
		}},
		{"kpi", fyne.NewSize(1060, 160), func() fyne.CanvasObject { return kpiRow(d, all, periods) }},
		{"dashboard", fyne.NewSize(1280, 860), func() fyne.CanvasObject { return dashboard(d, periods) }},
	}
	for _, u := range units {
		out = append(out, shot{"trend_" + u, wide, trend(u, periods)})
	}
	return out
}

// kpiRow is the overall index and three KPIs side by side.
func kpiRow(d *demo, unit string, periods []model.Period) fyne.CanvasObject {
	tiles := []fyne.CanvasObject{charts.NewKPITile(charts.KPI(d.fw, d.scorer, unit, "", periods[max(0, len(periods)-12):]))}
	for _, name := range []string{"NPS", "CSAT %", "FCR %"} {
		for _, m := range d.metrics {
			if m.Name == name {
				tiles = append(tiles, charts.NewKPITile(charts.MetricKPI(d.fw, d.scorer, unit, m, periods)))
			}
		}
	}
	return container.NewPadded(container.NewGridWithColumns(len(tiles), tiles...))
}

// dashboard is the executive view: tiles, radar, trend, gaps and units.
func dashboard(d *demo, periods []model.Period) fyne.CanvasObject {
	sc, fw := d.scorer, d.fw
	latest := periods[len(periods)-1]
	all := model.AllUnits
	now := sc.Summary(all, latest)
	trend := charts.DisciplineTrend(fw, sc, all, periods)
	trend.Events = charts.Events(periods, d.notesFor(all))
	middle := container.NewGridWithColumns(2,
		charts.NewRadar(charts.RadarFromSummaries(fw, now, sc.Summary(all, latest.Prev()))),
		charts.NewLineChart(trend))
	bottom := container.NewGridWithColumns(2,
		charts.NewBarChart(charts.GapBars(now)),
		charts.NewHeatmap(charts.UnitHeatmap(fw, sc, latest)))
	return container.NewBorder(kpiRow(d, all, periods), nil, nil, nil,
		container.NewGridWithRows(2, middle, bottom))
}
