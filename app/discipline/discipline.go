// Package discipline is the screen on one discipline at a time: its score,
// level, target, gap and how the score was made; its trend against target
// with the selected metric's line; a table of its metrics; and, for the
// metric selected, the observations and source cells its value was made
// from, so that a reader can check any number back to the workbook. The
// list on the left shows all six disciplines and picks one.
package discipline

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

// Screen is the discipline view. Its fields are read and written on the UI
// goroutine only; shaping and queries run off it and are applied through
// Host.Do.
type Screen struct {
	h    screen.Host
	root *fyne.Container // shows one of loading, empty, noData, board

	key    string // the discipline shown
	metric string // the metric selected in the table; "" for none

	list      *widget.List
	listTitle *screen.SectionTitle
	selecting bool // set while the list is selected from code

	name, score, facts, explain   *widget.Label
	how                           *widget.Button
	scoreRow                      *fyne.Container
	trend                         *charts.LineChart
	trendTitle, metricsTitle      *screen.SectionTitle
	metrics                       *metricTable
	obs                           *obsPanel
	loading, board, empty, noData fyne.CanvasObject
	noDataText                    *widget.Label

	view   view // what is on screen
	notes  screen.NotesCache
	latest screen.Latest
}

// New is the discipline view on h's workspace, showing the first
// discipline; it follows h's state and filters.
func New(h screen.Host) *Screen {
	d := &Screen{h: h, key: model.DisciplineKeys[0]}
	d.list = widget.NewList(d.listLength, d.listItem, d.updateListItem)
	d.list.OnSelected = func(id widget.ListItemID) {
		if d.selecting || id >= len(d.view.cur.Disciplines) {
			return
		}
		d.Show(d.view.cur.Disciplines[id].Key)
	}
	d.listTitle = screen.NewSectionTitle("Disciplines")

	d.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.name.SizeName = theme.SizeNameSubHeadingText
	d.name.Truncation = fyne.TextTruncateEllipsis
	d.score = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.score.SizeName = theme.SizeNameHeadingText
	d.facts = widget.NewLabel("")
	// As much of the model's explanation as fits, all of it a tap away: a
	// unit's explanation names every metric and would push the rest off.
	d.explain = widget.NewLabel("")
	d.explain.Wrapping = fyne.TextWrapWord
	d.explain.Truncation = fyne.TextTruncateEllipsis
	d.how = widget.NewButtonWithIcon("", theme.InfoIcon(), d.explainScore) // beside the score it explains
	d.how.Importance = widget.LowImportance
	d.scoreRow = container.NewHBox(d.score, container.NewCenter(d.how))
	header := container.NewBorder(container.NewVBox(d.name, d.scoreRow, d.facts), nil, nil, nil, d.explain)

	d.trend = charts.NewLineChart(charts.LineData{})
	d.trendTitle = screen.NewSectionTitle("Score over time")
	d.metrics = newMetricTable(d.selectMetric)
	d.metricsTitle = screen.NewSectionTitle("Metrics")
	d.obs = newObsPanel(h)
	top := container.New(&screen.WeightedRow{Weights: []float32{1, 1.45}},
		header, screen.Section(d.trendTitle, d.trend))
	split := container.NewVSplit(screen.Section(d.metricsTitle, d.metrics.content()), d.obs.content())
	split.Offset = 0.57
	details := container.New(&topFixed{top: 214}, top, split)
	left := container.New(&fixedWidth{w: 240}, screen.Section(d.listTitle, d.list))
	d.board = container.NewBorder(nil, nil, left, nil, details)

	d.empty = d.emptyState()
	d.noDataText = widget.NewLabel("")
	d.noDataText.Alignment = fyne.TextAlignCenter
	d.noDataText.Wrapping = fyne.TextWrapWord
	d.noData = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 80), d.noDataText))
	d.loading = container.NewCenter(widget.NewLabel("Opening the workspace…"))
	d.root = container.NewStack(d.loading)
	h.OnChange(d.render)
	return d
}

// Content is the screen's canvas object, for the window's tab.
func (d *Screen) Content() fyne.CanvasObject { return d.root }

func (d *Screen) emptyState() fyne.CanvasObject {
	return screen.NoDataState(d.h, "No disciplines to show yet",
		"Each discipline's score, metrics and source cells show here once there is data.\n"+
			"Import a workbook (Ctrl+O), drop files on this window, or load the demo data.")
}

// Show selects the discipline with key, as Host.Show(screen.DisciplinePlace(key))
// asks; unknown keys are ignored.
func (d *Screen) Show(key string) {
	if !slices.Contains(model.DisciplineKeys, key) {
		return
	}
	if key != d.key {
		d.key, d.metric = key, ""
		d.metrics.unselect()
	}
	d.selectInList()
	d.render()
}

// selectInList marks the shown discipline in the list without calling
// back into Show.
func (d *Screen) selectInList() {
	for i, k := range model.DisciplineKeys {
		if k == d.key {
			d.selecting = true
			d.list.Select(i)
			d.selecting = false
		}
	}
}

// render shapes the shown discipline off the UI thread.
func (d *Screen) render() {
	seq, done := d.latest.Begin()
	snap, f, key, ws, ctx := d.h.State(), d.h.Filters(), d.key, d.h.Workspace(), d.h.Context()
	switch {
	case snap == nil:
		d.latest.Finish(seq, done, func() { d.showFace(d.loading) })
		return
	case snap.Empty():
		d.latest.Finish(seq, done, func() { d.showFace(d.empty) })
		return
	}
	go func() {
		if d.latest.Stale(seq) {
			close(done)
			return
		}
		v := shape(snap, f, key, d.notes.Get(ctx, ws, snap))
		d.h.Do(func() { d.latest.Finish(seq, done, func() { d.apply(v) }) })
	}()
}

// Idle is closed once the latest render is on screen, with the
// observations of the metric it selects.
func (d *Screen) Idle() <-chan struct{} {
	render := d.latest.Idle()
	idle := make(chan struct{})
	go func() {
		<-render
		<-d.obs.latest.Idle() // the render may have started a query: wait for it after
		close(idle)
	}()
	return idle
}

func (d *Screen) showFace(face fyne.CanvasObject) {
	if len(d.root.Objects) != 1 || d.root.Objects[0] != face {
		d.root.Objects = []fyne.CanvasObject{face}
		d.root.Refresh()
	}
}

// apply puts shaped data on screen and refreshes the drill-down.
func (d *Screen) apply(v view) {
	d.view = v
	if !v.ok {
		d.noDataText.SetText(fmt.Sprintf("No data for %s in the chosen periods. "+
			"Choose another business unit or period range in the filter bar.", model.UnitLabel(v.unit)))
		d.showFace(d.noData)
		d.obs.clear("")
		return
	}
	d.showFace(d.board)
	d.listTitle.SetText(fmt.Sprintf("Disciplines, %s", v.period.Label()))
	d.list.Refresh()
	d.selectInList()
	ds := v.ds
	if fd, ok := d.h.State().Framework.Discipline(d.key); ok && ds.Name == "" {
		ds.Name = fd.Name
	}
	d.name.SetText(ds.Name)
	d.score.SetText("No data")
	if ds.Present {
		d.score.SetText(fmt.Sprintf("%s  ·  Level %d %s", charts.ScoreFormat.String(ds.Score), ds.Level, ds.LevelName))
	}
	d.scoreRow.Refresh() // the score's new width moves the button
	d.facts.SetText(factsLine(ds, v.period.Prev()))
	d.explain.SetText(screen.DisciplineExplanation(ds, v.period.Prev())[0])
	d.metricsTitle.SetText(fmt.Sprintf("Metrics of %s, %s (select one to see where its number comes from)",
		ds.Name, v.period.Label()))
	d.metrics.set(v.metrics)

	found := d.rowOf(d.metric)
	if found < 0 {
		d.metric = ""
	}
	d.showTrend()
	switch {
	case len(v.metrics) == 0:
		d.metrics.unselect()
		d.obs.clear(fmt.Sprintf("No metric of %s has data for %s in %s. Choose another business unit or period "+
			"in the filter bar, or import data for it.", ds.Name, model.UnitLabel(v.unit), v.period.Label()))
	case found < 0:
		d.metrics.unselect()
		d.obs.clear("Select a metric above to see how its score was made and the observations and source cells behind it.")
	default:
		d.metrics.selectRow(found)
		d.obs.query(v.metrics[found], v.unit, v.period)
	}
}

// explainScore shows how the discipline's score was made.
func (d *Screen) explainScore() {
	ds := d.view.ds
	if ds.Name == "" {
		return
	}
	screen.ShowExplanation(d.h.Window(), fmt.Sprintf("%s, %s, %s", ds.Name, model.UnitLabel(d.view.unit), d.view.period.Label()),
		screen.DisciplineExplanation(ds, d.view.period.Prev()), "", nil)
}

// factsLine is the target, the gap and the change in one line.
func factsLine(ds model.DisciplineScore, prev model.Period) string {
	var facts []string
	if ds.Target != nil {
		facts = append(facts, "Target "+charts.ScoreFormat.String(*ds.Target))
	} else {
		facts = append(facts, "No target (set one in Settings)")
	}
	if ds.Gap != nil {
		facts = append(facts, "Gap "+charts.ScoreFormat.String(*ds.Gap))
	}
	if ds.Delta != nil {
		facts = append(facts, "Change "+charts.ScoreFormat.Signed(*ds.Delta)+" vs "+prev.Label())
	}
	return strings.Join(facts, "  ·  ")
}

// rowOf is the row of the metric named name in the table, or -1.
func (d *Screen) rowOf(name string) int {
	if name == "" {
		return -1
	}
	for i, r := range d.view.metrics {
		if model.MetricKey(r.score.Metric) == model.MetricKey(name) {
			return i
		}
	}
	return -1
}

// selectMetric shows the observations behind row i of the metrics table.
func (d *Screen) selectMetric(i int) {
	if i < 0 || i >= len(d.view.metrics) {
		return
	}
	r := d.view.metrics[i]
	if model.MetricKey(r.score.Metric) == model.MetricKey(d.metric) && d.obs.showing(r.score.Metric) {
		return
	}
	d.metric = r.score.Metric
	d.showTrend()
	d.obs.query(r, d.view.unit, d.view.period)
}

// showTrend draws the discipline's trend with the selected metric's line.
func (d *Screen) showTrend() {
	name := d.view.ds.Name
	if name == "" {
		if fd, ok := d.h.State().Framework.Discipline(d.key); ok {
			name = fd.Name
		}
	}
	t := d.view.trendWith(d.metric)
	d.trend.SetData(t)
	title := fmt.Sprintf("%s over time, %s", name, model.UnitLabel(d.view.unit))
	if len(t.Series) > 1 {
		title = fmt.Sprintf("%s and %s over time, %s (scores)", name, d.metric, model.UnitLabel(d.view.unit))
	}
	d.trendTitle.SetText(title)
}

func (d *Screen) listLength() int { return len(d.view.cur.Disciplines) }

func (d *Screen) listItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	score := widget.NewLabel("")
	level := widget.NewLabel("")
	bar := screen.NewScoreBar(model.DisciplineScore{})
	return container.NewVBox(container.NewBorder(nil, nil, nil, score, name),
		container.NewBorder(nil, nil, nil, level, bar))
}

func (d *Screen) updateListItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(d.view.cur.Disciplines) {
		return
	}
	ds := d.view.cur.Disciplines[id]
	box := o.(*fyne.Container)
	top, bottom := box.Objects[0].(*fyne.Container), box.Objects[1].(*fyne.Container)
	top.Objects[0].(*widget.Label).SetText(ds.Name)
	top.Objects[1].(*widget.Label).SetText(screen.ScoreText(ds.Present, ds.Score))
	bar := bottom.Objects[0].(*screen.ScoreBar)
	bar.Set(ds.Present, ds.Score, ds.Target)
	bar.Refresh()
	level := "no data"
	if ds.Present {
		level = ds.LevelName
	}
	bottom.Objects[1].(*widget.Label).SetText(level)
	top.Refresh() // the labels' new widths need a new layout
	bottom.Refresh()
}

// topFixed gives its first object a fixed height and the second the rest.
type topFixed struct{ top float32 }

func (l *topFixed) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) < 2 {
		return
	}
	pad := theme.Padding()
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, l.top))
	objs[1].Move(fyne.NewPos(0, l.top+pad))
	objs[1].Resize(fyne.NewSize(size.Width, max(size.Height-l.top-pad, 0)))
}

func (l *topFixed) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	if len(objs) > 1 {
		h = l.top + theme.Padding() + objs[1].MinSize().Height
	}
	return fyne.NewSize(w, h)
}

// fixedWidth gives its objects a fixed width.
type fixedWidth struct{ w float32 }

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(l.w, size.Height))
	}
}

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}
