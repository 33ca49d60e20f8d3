// Package dashboard is the screen an executive sees first: the overall CX
// maturity index and the headline KPIs, the disciplines on a radar, their
// trend and the largest gaps to target above the fold, and a heatmap and
// the discipline table below. Every chart opens the discipline it shows,
// every number explains how it was made, and overdue governance actions
// and "Create action" on a gap sit beside the numbers they concern.
package dashboard

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/governance"
	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

// Screen is the dashboard. Its fields are read and written on the UI
// goroutine only; shaping runs off it and is applied through Host.Do.
type Screen struct {
	h    screen.Host
	root *fyne.Container // shows one of faces

	faces      [boardFace + 1]fyne.CanvasObject
	shown      face
	noDataText *widget.Label

	overall                *overallTile
	kpis                   []*charts.KPITile
	answerTiles            []*answerTile     // in place of kpis[i] for a metric computed from answers
	kpiSlots               []*fyne.Container // each stacks kpis[i] over answerTiles[i]
	tiles                  *fyne.Container
	radar                  *charts.Radar
	trend                  *charts.LineChart
	heat                   *charts.Heatmap
	gaps                   *charts.BarChart
	radarTitle, trendTitle *screen.SectionTitle
	heatTitle, gapsTitle   *screen.SectionTitle
	gapsHead               *fyne.Container     // the gaps' title and "Create action"
	focus                  *screen.SplitColumn // the trend over the gaps
	header, top            *fyne.Container     // the first screen: tiles, then charts
	fold                   *screen.FoldLayout
	table                  *disciplineTable
	overdue                *governance.OverdueCard // late actions, hidden while none
	gapAction              *governance.GapAction   // "Create action" from a gap
	view                   view                    // what is on screen

	notes  screen.NotesCache
	latest screen.Latest
}

// face is which of the screen's faces is showing.
type face int

const (
	loadingFace face = iota
	emptyFace
	noDataFace
	boardFace
)

// Layout of the first screen and of what lies below it.
const (
	overallWeight = 1.35 // the overall tile's width against a KPI tile's
	kpiMinWidth   = 150  // a KPI tile drops its sparkline rather than go narrower
	trendShare    = 0.42 // of the right column, for the trend over the gaps
	trendMin      = 250
	foldPeek      = 30  // how much of the heatmap shows above the fold
	belowHeight   = 330 // the heatmap's height until its rows are known
	topMin        = 480 // the first screen never gets less
	heatRow       = 56  // the heatmap's tallest row
	heatChrome    = 80  // its title, axis and margins
	heatMin       = 200
	heatMax       = 420
)

// New is the dashboard on h's workspace; it follows h's state and filters.
func New(h screen.Host) *Screen {
	d := &Screen{h: h}
	d.faces[loadingFace] = container.NewCenter(widget.NewLabel("Opening the workspace…"))
	d.faces[emptyFace] = screen.NoDataState(h, "This workspace has no data yet",
		"Import a workbook (Ctrl+O) or drop files on this window.\n"+
			"To look around first, load the demo data.")
	d.noDataText = widget.NewLabel("")
	d.noDataText.Alignment = fyne.TextAlignCenter
	d.noDataText.Wrapping = fyne.TextWrapWord
	d.faces[noDataFace] = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 80), d.noDataText))
	d.faces[boardFace] = d.buildBoard()
	d.root = container.NewStack(d.faces[loadingFace])
	h.OnChange(d.render)
	return d
}

// Content is the screen's canvas object, for the window's tab.
func (d *Screen) Content() fyne.CanvasObject { return d.root }

// Idle is closed once the latest render is on screen.
func (d *Screen) Idle() <-chan struct{} { return d.latest.Idle() }

func (d *Screen) buildBoard() fyne.CanvasObject {
	d.overall = newOverallTile(d.explainOverall)
	tiles := []fyne.CanvasObject{d.overall}
	for i := range kpiTiles {
		k := charts.NewKPITile(charts.KPIData{})
		k.OnTapped = func() { d.explainKPI(i) }
		a := newAnswerTile()
		a.OnTapped = k.OnTapped
		a.Hide()
		slot := container.NewStack(k, a)
		d.kpis, d.answerTiles, d.kpiSlots = append(d.kpis, k), append(d.answerTiles, a), append(d.kpiSlots, slot)
		tiles = append(tiles, slot)
	}
	// The overall tile keeps its own minimum; the KPI tiles may go below
	// theirs (they drop the sparkline first) so that 1024 pixels suffice.
	mins := []float32{0}
	for range kpiTiles {
		mins = append(mins, kpiMinWidth)
	}
	d.tiles = container.New(&screen.WeightedRow{Weights: []float32{overallWeight}, Mins: mins, KeepMin: true}, tiles...)

	d.radar = charts.NewRadar(charts.RadarData{})
	d.radar.OnTapped = func(_, axis int) {
		if axis >= 0 && axis < len(d.view.cur.Disciplines) {
			d.h.Show(screen.DisciplinePlace(d.view.cur.Disciplines[axis].Key))
		}
	}
	d.trend = charts.NewLineChart(charts.LineData{})
	d.trend.OnTapped = func(series, _ int) {
		if snap := d.h.State(); snap != nil && series >= 0 && series < len(snap.Framework.Disciplines) {
			d.h.Show(screen.DisciplinePlace(snap.Framework.Disciplines[series].Key))
		}
	}
	d.radarTitle, d.trendTitle = screen.NewSectionTitle("Disciplines"), screen.NewSectionTitle("Maturity trend per discipline")
	d.gaps = d.newGapChart()
	d.gapsTitle = screen.NewSectionTitle("Where to focus: largest gaps to target")
	d.gapAction = governance.NewGapAction(d.h, func() []governance.Gap { return d.view.gapsToClose() })
	d.gapsHead = container.NewBorder(nil, nil, nil, d.gapAction.Button(), d.gapsTitle)

	// Above the fold: the overall index and KPIs in a row, then the radar
	// beside the trend over the gaps to target, so that all an executive
	// needs is on the first screen. The heatmap and the table follow.
	d.focus = &screen.SplitColumn{Share: trendShare, MinTop: trendMin}
	d.setGapRows(len(model.DisciplineKeys))
	right := container.New(d.focus, screen.Section(d.trendTitle, d.trend), screen.Section(d.gapsHead, d.gaps))
	chartsRow := container.New(&screen.WeightedRow{Weights: []float32{0.85, 1.15}, KeepMin: true},
		screen.Section(d.radarTitle, d.radar), right)
	d.overdue = governance.NewOverdueCard(d.h)
	d.header = container.NewVBox(d.overdue.Content(), d.tiles)
	d.top = container.NewBorder(d.header, nil, nil, nil, chartsRow)

	d.heat = charts.NewHeatmap(charts.HeatmapData{})
	d.heat.OnTapped = d.heatTapped
	d.heatTitle = screen.NewSectionTitle("")
	d.table = newDisciplineTable(d.h)

	scroll := container.NewVScroll(nil)
	d.fold = &screen.FoldLayout{View: scroll, Peek: foldPeek, Below: belowHeight, MinTop: topMin}
	scroll.Content = container.New(d.fold,
		d.top, screen.Section(d.heatTitle, d.heat), screen.Section(screen.NewSectionTitle("Disciplines (tap a row for the details)"), d.table.content()))
	d.overdue.SetOnShown(func() { scroll.Refresh() }) // the card changes the header's height
	return scroll
}

// setGapRows sizes the gaps panel for n bars: rows of at least 20 pixels
// so every label shows, and no taller than the chart's largest rows need.
// It reports whether the sizes changed.
func (d *Screen) setGapRows(n int) bool {
	head := d.gapsHead.MinSize().Height + theme.Padding()
	const chrome = 60 // the chart's legend, axis and margins
	lo, hi := head+chrome+float32(n)*20, head+chrome+float32(n)*40
	changed := d.focus.MinBottom != lo || d.focus.MaxBottom != hi
	d.focus.MinBottom, d.focus.MaxBottom = lo, hi
	return changed
}

func (d *Screen) newGapChart() *charts.BarChart {
	b := charts.NewBarChart(charts.BarData{})
	b.OnTapped = func(i int) {
		if i >= 0 && i < len(d.view.gapKeys) && d.view.gapKeys[i] != "" {
			d.h.Show(screen.DisciplinePlace(d.view.gapKeys[i]))
		}
	}
	return b
}

// heatTapped opens the discipline of the tapped cell; on the units ×
// disciplines map it first narrows the filters to the tapped unit.
func (d *Screen) heatTapped(row, col int) {
	snap := d.h.State()
	if snap == nil || row < 0 {
		return
	}
	if !d.view.heatUnits {
		if row < len(d.view.heatRows) {
			d.h.Show(screen.DisciplinePlace(d.view.heatRows[row]))
		}
		return
	}
	if row >= len(d.view.heatRows) || col < 0 || col >= len(snap.Framework.Disciplines) {
		return
	}
	f := d.h.Filters()
	f.Unit = d.view.heatRows[row]
	d.h.SetFilters(f)
	d.h.Show(screen.DisciplinePlace(snap.Framework.Disciplines[col].Key))
}

// render shows the host's state under its filters: the shaping runs off
// the UI thread and only the latest result is applied.
func (d *Screen) render() {
	seq, done := d.latest.Begin()
	snap, f, ws, ctx := d.h.State(), d.h.Filters(), d.h.Workspace(), d.h.Context()
	switch {
	case snap == nil:
		d.latest.Finish(seq, done, func() { d.showFace(loadingFace) })
		return
	case snap.Empty():
		d.latest.Finish(seq, done, func() { d.showFace(emptyFace) })
		return
	}
	go func() {
		if d.latest.Stale(seq) { // the filters changed again: skip to the newest
			close(done)
			return
		}
		notes := d.notes.Get(ctx, ws, snap)
		v, ok := shape(snap, f, notes)
		d.h.Do(func() {
			d.latest.Finish(seq, done, func() {
				if !ok {
					d.noDataText.SetText(fmt.Sprintf("No data for %s in the chosen periods. "+
						"Choose another business unit or period range in the filter bar.", model.UnitLabel(f.Unit)))
					d.showFace(noDataFace)
					return
				}
				d.apply(v)
				d.showFace(boardFace)
			})
		})
	}()
}

func (d *Screen) showFace(f face) {
	obj := d.faces[f]
	if len(d.root.Objects) != 1 || d.root.Objects[0] != obj {
		d.root.Objects = []fyne.CanvasObject{obj}
		d.root.Refresh()
	}
	d.shown = f
}

// apply puts shaped data on screen.
func (d *Screen) apply(v view) {
	d.view = v
	d.overall.set(v.cur)
	for i, k := range d.kpis {
		a, slot := d.answerTiles[i], d.kpiSlots[i]
		switch {
		case i >= len(v.kpis):
			slot.Hide()
		case v.kpis[i].answers != nil:
			a.set(v.kpis[i].data, *v.kpis[i].answers)
			k.Hide()
			a.Show()
			slot.Show()
		default:
			k.SetData(v.kpis[i].data)
			a.Hide()
			k.Show()
			slot.Show()
		}
	}
	d.tiles.Refresh()
	d.radar.SetData(v.radar)
	d.radarTitle.SetText(fmt.Sprintf("Disciplines in %s, %s (tap one for details)", model.UnitLabel(v.unit), v.period.Label()))
	d.trend.SetData(v.trend)
	trend := "Maturity trend per discipline"
	if n := len(v.trend.Labels); n > 1 {
		trend += fmt.Sprintf(", %s – %s", v.trend.Labels[0], v.trend.Labels[n-1])
	}
	d.trendTitle.SetText(trend)
	d.heat.SetData(v.heat)
	if v.heatUnits {
		d.heatTitle.SetText("Business units × disciplines, " + v.period.Label())
	} else {
		d.heatTitle.SetText("Disciplines over time, " + model.UnitLabel(v.unit))
	}
	d.gaps.SetData(v.gaps)
	// No blank band below the heatmap: its height follows its rows.
	below := min(max(float32(len(v.heat.Rows))*heatRow+heatChrome, heatMin), heatMax)
	if d.setGapRows(max(len(v.gaps.Bars), 1)) || below != d.fold.Below {
		d.fold.Below = below
		d.faces[boardFace].Refresh()
	}
	if len(v.gaps.Bars) == 0 {
		d.gapsTitle.SetText("Where to focus: set discipline targets in Settings to see the gaps")
	} else {
		d.gapsTitle.SetText("Where to focus: largest gaps to target")
	}
	d.table.set(v.cur)
}

// explainOverall shows how the overall index was made.
func (d *Screen) explainOverall() {
	o := d.view.cur.Overall
	if !o.Present {
		return
	}
	lines := []string{o.Explain,
		fmt.Sprintf("Level %d (%s): the whole part of the score.", o.Level, o.LevelName)}
	if o.Delta != nil {
		lines = append(lines, fmt.Sprintf("Change %s against %s (%s then).", charts.ScoreFormat.Signed(*o.Delta),
			d.view.prev.Period.Label(), charts.ScoreFormat.String(d.view.prev.Overall.Score)))
	}
	if o.Target != nil && o.Gap != nil {
		lines = append(lines, fmt.Sprintf("Target %s: the weighted mean of the disciplines' targets; gap %s.",
			charts.ScoreFormat.String(*o.Target), charts.ScoreFormat.String(*o.Gap)))
	}
	screen.ShowExplanation(d.h.Window(), "Overall CX maturity", lines, "", nil)
}

// explainKPI explains headline tile i and offers its discipline.
func (d *Screen) explainKPI(i int) {
	if i >= len(d.view.kpis) {
		return
	}
	k := d.view.kpis[i]
	open := func() { d.h.Show(screen.DisciplinePlace(k.discipline)) }
	name := k.discipline
	if snap := d.h.State(); snap != nil {
		if fd, ok := snap.Framework.Discipline(k.discipline); ok {
			name = fd.Name
		}
	}
	if k.metric == nil {
		open()
		return
	}
	ms := k.metric
	lines := []string{ms.Explain}
	if a := k.answers; a != nil {
		lines = append(lines, answerLines(*a, k.data.Format, d.view.period)...)
	}
	if ms.Target != nil && ms.TargetScore != nil {
		lines = append(lines, fmt.Sprintf("Target %s, which scores %s.", k.data.Format.String(*ms.Target),
			charts.ScoreFormat.String(*ms.TargetScore)))
	}
	lines = append(lines, fmt.Sprintf("Counts towards %s with weight %g.", name, ms.Weight))
	screen.ShowExplanation(d.h.Window(), k.data.Title, lines, "Open "+name, open)
}
