package app

import (
	"context"
	"fmt"
	"image/color"
	"log/slog"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/charts"
	"cxdash/model"
)

// dashboard is the default screen: the overall index and the six
// disciplines for one unit and period.
type dashboard struct {
	ctx      context.Context
	ws       *Workspace
	win      fyne.Window
	onImport func()

	unit, period, gran *widget.Select
	// scorer and periods are replaced on every refresh; only touched on the
	// Fyne goroutine.
	scorer  *model.Scorer
	fw      model.Framework
	periods []model.Period
	summary model.Summary

	radar *charts.Radar
	trend *charts.LineChart

	stack       *fyne.Container // holds either body or empty
	body, empty fyne.CanvasObject

	overallScore, overallLevel *canvas.Text
	overallDelta, overallMeta  *widget.Label
	disciplines                *widget.Card
	rows                       *fyne.Container
	status                     *widget.Label
}

func newDashboard(ctx context.Context, ws *Workspace, win fyne.Window, onImport func()) *dashboard {
	d := &dashboard{ctx: ctx, ws: ws, win: win, onImport: onImport}
	d.unit = widget.NewSelect(nil, func(string) { d.show() })
	d.period = widget.NewSelect(nil, func(string) { d.show() })
	d.gran = widget.NewSelect([]string{"Month", "Quarter", "Year"}, func(string) { d.fillPeriods(""); d.show() })
	d.build()
	return d
}

func (d *dashboard) content() fyne.CanvasObject { return d.stack }

func (d *dashboard) build() {
	d.overallScore = canvas.NewText("–", theme.Color(theme.ColorNamePrimary))
	d.overallScore.TextSize = 72
	d.overallScore.TextStyle.Bold = true
	d.overallLevel = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	d.overallLevel.TextSize = 22
	d.overallDelta = widget.NewLabel("")
	d.overallMeta = widget.NewLabel("")
	d.overallMeta.Wrapping = fyne.TextWrapWord
	how := widget.NewButtonWithIcon("How is this made?", theme.InfoIcon(), func() {
		d.explain("Overall CX maturity index", d.summary.Overall.Explain)
	})
	overall := widget.NewCard("Overall CX maturity", "index 1–5",
		container.NewVBox(d.overallScore, d.overallLevel, d.overallDelta, d.overallMeta,
			container.NewHBox(how)))

	d.rows = container.NewVBox()
	d.disciplines = widget.NewCard("Disciplines", "", d.rows)

	filters := container.NewHBox(
		widget.NewLabel("Business unit"), d.unit,
		widget.NewLabel("Granularity"), d.gran,
		widget.NewLabel("Period"), d.period,
	)
	d.status = widget.NewLabel("")
	d.status.Importance = widget.LowImportance
	d.radar = charts.NewRadar(charts.RadarData{})
	d.trend = charts.NewLineChart(charts.LineData{})
	charted := container.NewGridWithColumns(2,
		widget.NewCard("", "Maturity by discipline: now, previous period, target", withMinHeight(d.radar, 330)),
		widget.NewCard("", "Maturity over time per discipline (target band shaded)", withMinHeight(d.trend, 330)))
	d.body = container.NewBorder(filters, d.status, nil, nil,
		container.NewVScroll(container.NewVBox(
			container.NewBorder(nil, nil, overall, nil, charted), d.disciplines)))

	d.empty = container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle("This workspace has no data yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("Import a workbook of CX metrics (xlsx or csv), or drop files on this window.", fyne.TextAlignCenter, fyne.TextStyle{}),
		container.NewHBox(layout.NewSpacer(),
			widget.NewButtonWithIcon("Import workbook…", theme.FolderOpenIcon(), func() { d.onImport() }),
			widget.NewButton("Load demo data", d.loadDemo),
			layout.NewSpacer()),
	))
	d.stack = container.NewStack(d.empty)
}

// refresh reloads the workspace off the UI thread. The returned channel is
// closed once the screen shows the new data.
func (d *dashboard) refresh() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		sc, fw, err := d.ws.Scorer(d.ctx)
		fyne.Do(func() {
			defer close(done)
			if err != nil {
				slog.Error("load workspace", "err", err)
				dialog.ShowError(fmt.Errorf("%s", UserMessage(err)), d.win)
				return
			}
			d.fw = fw
			d.apply(sc)
		})
	}()
	return done
}

func (d *dashboard) apply(sc *model.Scorer) {
	d.scorer = sc
	units := sc.Units()
	if len(units) == 0 {
		d.stack.Objects = []fyne.CanvasObject{d.empty}
		d.stack.Refresh()
		return
	}
	d.stack.Objects = []fyne.CanvasObject{d.body}
	d.stack.Refresh()
	options := append([]string{allUnitsLabel}, units...)
	d.unit.Options = options
	if !contains(options, d.unit.Selected) {
		d.unit.Selected = allUnitsLabel
	}
	d.unit.Refresh()
	if d.gran.Selected == "" {
		d.gran.Selected = strings.Title(sc.DefaultGranularity().String()) //nolint:staticcheck // ASCII words
		d.gran.Refresh()
	}
	d.fillPeriods(d.period.Selected)
	d.show()
}

const allUnitsLabel = "All units"

func (d *dashboard) granularity() model.Granularity {
	g, err := model.ParseGranularity(d.gran.Selected)
	if err != nil {
		return model.Quarter
	}
	return g
}

// fillPeriods lists the periods with data at the chosen granularity,
// keeping the selection when it still exists, else the latest.
func (d *dashboard) fillPeriods(keep string) {
	if d.scorer == nil {
		return
	}
	d.periods = d.scorer.Periods(d.granularity())
	labels := make([]string, len(d.periods))
	for i, p := range d.periods {
		labels[i] = p.Label()
	}
	d.period.Options = labels
	if !contains(labels, keep) && len(labels) > 0 {
		keep = labels[len(labels)-1]
	}
	d.period.Selected = keep
	d.period.Refresh()
}

// show scores the selected unit and period and fills the screen.
func (d *dashboard) show() {
	if d.scorer == nil || len(d.periods) == 0 {
		return
	}
	p := d.periods[len(d.periods)-1]
	for _, q := range d.periods {
		if q.Label() == d.period.Selected {
			p = q
		}
	}
	unit := d.unit.Selected
	if unit == allUnitsLabel {
		unit = model.AllUnits
	}
	d.summary = d.scorer.Summary(unit, p)
	d.render()
	d.radar.SetData(charts.RadarFromSummaries(d.fw, d.summary, d.scorer.Summary(unit, p.Prev())))
	d.trend.SetData(charts.DisciplineTrend(d.fw, d.scorer, unit, trendPeriods(d.periods, p, 12)))
}

// trendPeriods is up to n periods with data, ending at last.
func trendPeriods(periods []model.Period, last model.Period, n int) []model.Period {
	end := len(periods)
	for i, p := range periods {
		if p == last {
			end = i + 1
		}
	}
	return periods[max(0, end-n):end]
}

// withMinHeight gives a chart room to be read.
func withMinHeight(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(spacer, o)
}

func (d *dashboard) render() {
	s := d.summary
	o := s.Overall
	d.disciplines.SetSubTitle(fmt.Sprintf("%s, %s · score 1–5, the tick marks the target", unitTitle(s.Unit), s.Period.Label()))
	if o.Present {
		d.overallScore.Text = fmt.Sprintf("%.2f", o.Score)
		d.overallLevel.Text = fmt.Sprintf("Level %d · %s", o.Level, o.LevelName)
	} else {
		d.overallScore.Text = "–"
		d.overallLevel.Text = "No data in this period"
	}
	d.overallScore.Refresh()
	d.overallLevel.Refresh()
	d.overallDelta.SetText(deltaText(o.Delta, s.Period.Prev()))
	meta := fmt.Sprintf("Coverage %d of 6 disciplines", int(o.Coverage*6+0.5))
	if o.Target != nil {
		meta += fmt.Sprintf(" · target %.2f (gap %.2f)", *o.Target, *o.Gap)
	}
	d.overallMeta.SetText(meta)

	objs := []fyne.CanvasObject{disciplineHeader()}
	for _, ds := range s.Disciplines {
		objs = append(objs, d.disciplineRow(ds))
	}
	d.rows.Objects = objs
	d.rows.Refresh()
	d.status.SetText(fmt.Sprintf("Workspace %s · %d business units · %d periods", d.ws.Store.Path(), len(d.scorer.Units()), len(d.periods)))
}

func unitTitle(u string) string {
	if u == model.AllUnits {
		return allUnitsLabel
	}
	return u
}

func deltaText(delta *float64, prev model.Period) string {
	if delta == nil {
		return "No comparison: no data for " + prev.Label()
	}
	arrow := "▲"
	if *delta < 0 {
		arrow = "▼"
	} else if *delta == 0 {
		arrow = "="
	}
	return fmt.Sprintf("%s %+.2f vs %s", arrow, *delta, prev.Label())
}

var disciplineColumns = []float32{190, 220, 50, 120, 70, 60, 60, 32}

func disciplineHeader() fyne.CanvasObject {
	cells := []fyne.CanvasObject{}
	for _, h := range []string{"Discipline", "", "Score", "Level", "Change", "Target", "Gap", ""} {
		cells = append(cells, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	return container.New(&columnsLayout{widths: disciplineColumns}, cells...)
}

func (d *dashboard) disciplineRow(ds model.DisciplineScore) fyne.CanvasObject {
	score, level, change, target, gap := "–", "no data", "", "–", ""
	if ds.Present {
		score = fmt.Sprintf("%.2f", ds.Score)
		level = fmt.Sprintf("%d %s", ds.Level, ds.LevelName)
		if ds.Delta != nil {
			change = fmt.Sprintf("%+.2f", *ds.Delta)
		}
		if ds.Gap != nil {
			gap = fmt.Sprintf("%.2f", *ds.Gap)
		}
	}
	if ds.Target != nil {
		target = fmt.Sprintf("%.2f", *ds.Target)
	}
	info := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { d.explainDiscipline(ds) })
	info.Importance = widget.LowImportance
	return container.New(&columnsLayout{widths: disciplineColumns},
		widget.NewLabel(ds.Name), newScoreBar(ds), widget.NewLabel(score), widget.NewLabel(level),
		widget.NewLabel(change), widget.NewLabel(target), widget.NewLabel(gap), info)
}

func (d *dashboard) explainDiscipline(ds model.DisciplineScore) {
	var b strings.Builder
	if ds.Explain == "" {
		b.WriteString(ds.Name + " has no data in this period.")
	} else {
		b.WriteString(ds.Explain)
	}
	if ds.Target != nil {
		fmt.Fprintf(&b, "\n\nTarget %.2f", *ds.Target)
	}
	for _, m := range ds.Metrics {
		b.WriteString("\n• " + m.Explain)
	}
	d.explain(ds.Name, b.String())
}

func (d *dashboard) explain(title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	s := container.NewVScroll(l)
	s.SetMinSize(fyne.NewSize(620, 260))
	dialog.ShowCustom(title, "Close", s, d.win)
}

func (d *dashboard) loadDemo() {
	go func() {
		_, err := d.ws.LoadDemo(d.ctx, false)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s", UserMessage(err)), d.win)
				return
			}
			d.refresh()
		})
	}()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// levelColor is a colour-blind-safe ramp from red-orange (1) to blue (5).
func levelColor(score float64) color.Color {
	ramp := []color.NRGBA{
		{0xd5, 0x5e, 0x00, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0xf0, 0xe4, 0x42, 0xff},
		{0x56, 0xb4, 0xe9, 0xff}, {0x00, 0x72, 0xb2, 0xff},
	}
	return ramp[model.Level(score)-1]
}
