package app

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

// dashboardScreen is what an executive sees first: the overall index and
// headline KPIs, the radar, the trend per discipline and the largest gaps
// to target above the fold; a heatmap and the discipline table below. Every chart
// drills down to the discipline view, and every number explains itself.
type dashboardScreen struct {
	widget.BaseWidget
	s    *screen.Session
	root *fyne.Container // shows one of loading, empty, noData, board

	loading, empty, noData, board fyne.CanvasObject
	noDataText                    *widget.Label

	overall                *overallTile
	kpis                   []*charts.KPITile
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
	overdue                *overdueCard // governance: late actions, hidden while none
	gapAction              *gapAction   // governance: "Create action" from a gap
	data                   dashData     // what is on screen; UI goroutine only

	notes  screen.NotesCache
	latest screen.Latest

	mu    sync.Mutex
	shown dashState // read by tests while renders run
}

// dashState is which of the screen's faces is showing.
type dashState int

const (
	dashLoading dashState = iota
	dashEmpty
	dashNoData
	dashBoard
)

func newDashboardScreen(s *screen.Session) fyne.CanvasObject {
	d := &dashboardScreen{s: s}
	d.loading = container.NewCenter(widget.NewLabel("Opening the workspace…"))
	d.empty = d.emptyState()
	d.noDataText = widget.NewLabel("")
	d.noDataText.Alignment = fyne.TextAlignCenter
	d.noDataText.Wrapping = fyne.TextWrapWord
	d.noData = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 80), d.noDataText))
	d.board = d.buildBoard()
	d.root = container.NewStack(d.loading)
	d.ExtendBaseWidget(d)
	s.OnChange(d.render)
	return d
}

// CreateRenderer is part of fyne.Widget.
func (d *dashboardScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(d.root)
}

func (d *dashboardScreen) buildBoard() fyne.CanvasObject {
	d.overall = newOverallTile(d.explainOverall)
	tiles := []fyne.CanvasObject{d.overall}
	for i := range kpiTiles {
		k := charts.NewKPITile(charts.KPIData{})
		k.OnTapped = func() { d.explainKPI(i) }
		d.kpis = append(d.kpis, k)
		tiles = append(tiles, k)
	}
	// The overall tile keeps its own minimum; the KPI tiles may go below
	// theirs (they drop the sparkline first) so that 1024 pixels suffice.
	d.tiles = container.New(&screen.WeightedRow{Weights: []float32{1.35}, Mins: []float32{0, 150, 150, 150, 150},
		KeepMin: true}, tiles...)

	d.radar = charts.NewRadar(charts.RadarData{})
	d.radar.OnTapped = func(_, axis int) {
		if axis >= 0 && axis < len(d.data.cur.Disciplines) {
			d.s.Show(screen.DisciplinePlace(d.data.cur.Disciplines[axis].Key))
		}
	}
	d.trend = charts.NewLineChart(charts.LineData{})
	d.trend.OnTapped = func(series, _ int) {
		if snap := d.s.State(); snap != nil && series >= 0 && series < len(snap.Framework.Disciplines) {
			d.s.Show(screen.DisciplinePlace(snap.Framework.Disciplines[series].Key))
		}
	}
	d.radarTitle, d.trendTitle = screen.NewSectionTitle("Disciplines"), screen.NewSectionTitle("Maturity trend per discipline")
	d.gaps = newGapChart(d)
	d.gapsTitle = screen.NewSectionTitle("Where to focus: largest gaps to target")
	d.gapAction = newGapAction(d.s, func() dashData { return d.data })
	d.gapsHead = container.NewBorder(nil, nil, nil, d.gapAction.button, d.gapsTitle)

	// Above the fold: the overall index and KPIs in a row, then the radar
	// beside the trend over the gaps to target, so that all an executive
	// needs is on the first screen. The heatmap and the table follow.
	d.focus = &screen.SplitColumn{Share: 0.42, MinTop: 250}
	d.setGapRows(len(model.DisciplineKeys))
	right := container.New(d.focus, screen.Section(d.trendTitle, d.trend), screen.Section(d.gapsHead, d.gaps))
	chartsRow := container.New(&screen.WeightedRow{Weights: []float32{0.85, 1.15}, KeepMin: true},
		screen.Section(d.radarTitle, d.radar), right)
	d.overdue = newOverdueCard(d.s)
	d.header = container.NewVBox(d.overdue.box, d.tiles)
	d.top = container.NewBorder(d.header, nil, nil, nil, chartsRow)

	d.heat = charts.NewHeatmap(charts.HeatmapData{})
	d.heat.OnTapped = d.heatTapped
	d.heatTitle = screen.NewSectionTitle("")
	d.table = newDisciplineTable(d.s)

	scroll := container.NewVScroll(nil)
	d.fold = &screen.FoldLayout{View: scroll, Peek: 30, Below: 330, MinTop: 480}
	scroll.Content = container.New(d.fold,
		d.top, screen.Section(d.heatTitle, d.heat), screen.Section(screen.NewSectionTitle("Disciplines (tap a row for the details)"), d.table.content()))
	d.overdue.onShown = func() { scroll.Refresh() } // the card changes the header's height
	return scroll
}

// setGapRows sizes the gaps panel for n bars: rows of at least 20 pixels
// so every label shows, and no taller than the chart's largest rows need.
// It reports whether the sizes changed.
func (d *dashboardScreen) setGapRows(n int) bool {
	head := d.gapsHead.MinSize().Height + theme.Padding()
	const chrome = 60 // the chart's legend, axis and margins
	lo, hi := head+chrome+float32(n)*20, head+chrome+float32(n)*40
	changed := d.focus.MinBottom != lo || d.focus.MaxBottom != hi
	d.focus.MinBottom, d.focus.MaxBottom = lo, hi
	return changed
}

func newGapChart(d *dashboardScreen) *charts.BarChart {
	b := charts.NewBarChart(charts.BarData{})
	b.OnTapped = func(i int) {
		if i >= 0 && i < len(d.data.gapKeys) && d.data.gapKeys[i] != "" {
			d.s.Show(screen.DisciplinePlace(d.data.gapKeys[i]))
		}
	}
	return b
}

// heatTapped opens the discipline of the tapped cell; on the units ×
// disciplines map it first narrows the filters to the tapped unit.
func (d *dashboardScreen) heatTapped(row, col int) {
	snap := d.s.State()
	if snap == nil || row < 0 {
		return
	}
	if !d.data.heatUnits {
		if row < len(d.data.heatRows) {
			d.s.Show(screen.DisciplinePlace(d.data.heatRows[row]))
		}
		return
	}
	if row >= len(d.data.heatRows) || col < 0 || col >= len(snap.Framework.Disciplines) {
		return
	}
	f := d.s.Filters()
	f.Unit = d.data.heatRows[row]
	d.s.SetFilters(f)
	d.s.Show(screen.DisciplinePlace(snap.Framework.Disciplines[col].Key))
}

func (d *dashboardScreen) emptyState() fyne.CanvasObject {
	return screen.NoDataState(d.s, "This workspace has no data yet", "Import a workbook (Ctrl+O) or drop files on this window.\n"+
		"To look around first, load the demo data.")
}

// render shows the session's snapshot under its filters: the shaping runs
// off the UI thread and only the latest result is applied.
func (d *dashboardScreen) render() {
	seq, done := d.latest.Begin()
	snap, f, ws, ctx := d.s.State(), d.s.Filters(), d.s.Workspace(), d.s.Context()
	switch {
	case snap == nil:
		d.latest.Finish(seq, done, func() { d.showFace(dashLoading) })
		return
	case snap.Empty():
		d.latest.Finish(seq, done, func() { d.showFace(dashEmpty) })
		return
	}
	go func() {
		if d.latest.Stale(seq) { // the filters changed again: skip to the newest
			close(done)
			return
		}
		notes := d.notes.Get(ctx, ws, snap)
		data, ok := shapeDashboard(snap, f, notes)
		d.s.Do(func() {
			d.latest.Finish(seq, done, func() {
				if !ok {
					d.noDataText.SetText(fmt.Sprintf("No data for %s in the chosen periods. "+
						"Choose another business unit or period range in the filter bar.", model.UnitLabel(f.Unit)))
					d.showFace(dashNoData)
					return
				}
				d.apply(data)
				d.showFace(dashBoard)
			})
		})
	}()
}

// idle is closed once the latest render is on screen.
func (d *dashboardScreen) idle() <-chan struct{} { return d.latest.Idle() }

// face reports which face is showing.
func (d *dashboardScreen) face() dashState {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.shown
}

func (d *dashboardScreen) showFace(s dashState) {
	obj := map[dashState]fyne.CanvasObject{dashLoading: d.loading, dashEmpty: d.empty, dashNoData: d.noData, dashBoard: d.board}[s]
	if len(d.root.Objects) != 1 || d.root.Objects[0] != obj {
		d.root.Objects = []fyne.CanvasObject{obj}
		d.root.Refresh()
	}
	d.mu.Lock()
	d.shown = s
	d.mu.Unlock()
}

// apply puts shaped data on screen.
func (d *dashboardScreen) apply(data dashData) {
	d.data = data
	d.overall.set(data.cur)
	for i, k := range d.kpis {
		if i < len(data.kpis) {
			k.SetData(data.kpis[i].data)
			k.Show()
		} else {
			k.Hide()
		}
	}
	d.tiles.Refresh()
	d.radar.SetData(data.radar)
	d.radarTitle.SetText(fmt.Sprintf("Disciplines in %s, %s (tap one for details)", model.UnitLabel(data.unit), data.period.Label()))
	d.trend.SetData(data.trend)
	trend := "Maturity trend per discipline"
	if n := len(data.trend.Labels); n > 1 {
		trend += fmt.Sprintf(", %s – %s", data.trend.Labels[0], data.trend.Labels[n-1])
	}
	d.trendTitle.SetText(trend)
	d.heat.SetData(data.heat)
	if data.heatUnits {
		d.heatTitle.SetText("Business units × disciplines, " + data.period.Label())
	} else {
		d.heatTitle.SetText("Disciplines over time, " + model.UnitLabel(data.unit))
	}
	d.gaps.SetData(data.gaps)
	// Rows of the heatmap are at most 56 pixels high: no blank band below it.
	below := min(max(float32(len(data.heat.Rows))*56+80, 200), 420)
	if d.setGapRows(max(len(data.gaps.Bars), 1)) || below != d.fold.Below {
		d.fold.Below = below
		d.board.Refresh()
	}
	if len(data.gaps.Bars) == 0 {
		d.gapsTitle.SetText("Where to focus: set discipline targets in Settings to see the gaps")
	} else {
		d.gapsTitle.SetText("Where to focus: largest gaps to target")
	}
	d.table.set(data.cur)
}

// explainOverall shows how the overall index was made.
func (d *dashboardScreen) explainOverall() {
	o := d.data.cur.Overall
	if !o.Present {
		return
	}
	lines := []string{o.Explain,
		fmt.Sprintf("Level %d (%s): the whole part of the score.", o.Level, o.LevelName)}
	if o.Delta != nil {
		lines = append(lines, fmt.Sprintf("Change %s against %s (%s then).", charts.ScoreFormat.Signed(*o.Delta),
			d.data.prev.Period.Label(), charts.ScoreFormat.String(d.data.prev.Overall.Score)))
	}
	if o.Target != nil && o.Gap != nil {
		lines = append(lines, fmt.Sprintf("Target %s: the weighted mean of the disciplines' targets; gap %s.",
			charts.ScoreFormat.String(*o.Target), charts.ScoreFormat.String(*o.Gap)))
	}
	screen.ShowExplanation(d.s.Window(), "Overall CX maturity", lines, "", nil)
}

// explainKPI explains headline tile i and offers its discipline.
func (d *dashboardScreen) explainKPI(i int) {
	if i >= len(d.data.kpis) {
		return
	}
	k := d.data.kpis[i]
	open := func() { d.s.Show(screen.DisciplinePlace(k.discipline)) }
	name := k.discipline
	if snap := d.s.State(); snap != nil {
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
	if ms.Target != nil && ms.TargetScore != nil {
		lines = append(lines, fmt.Sprintf("Target %s, which scores %s.", k.data.Format.String(*ms.Target),
			charts.ScoreFormat.String(*ms.TargetScore)))
	}
	lines = append(lines, fmt.Sprintf("Counts towards %s with weight %g.", name, ms.Weight))
	screen.ShowExplanation(d.s.Window(), k.data.Title, lines, "Open "+name, open)
}
