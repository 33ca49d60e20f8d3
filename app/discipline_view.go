package app

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

// disciplineScreen shows one discipline at a time: its score, level,
// target, gap and how the score was made; its trend against target with the
// selected metric's line; a table of its metrics; and, for the metric
// selected, the observations and source cells its value was made from. The
// list on the left shows all six disciplines and picks one.
type disciplineScreen struct {
	s    *screen.Session
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

	data   discData // what is on screen; UI goroutine only
	notes  screen.NotesCache
	latest screen.Latest
}

func newDisciplineScreen(s *screen.Session) *disciplineScreen {
	d := &disciplineScreen{s: s, key: model.DisciplineKeys[0]}
	d.list = widget.NewList(d.listLength, d.listItem, d.updateListItem)
	d.list.OnSelected = func(id widget.ListItemID) {
		if d.selecting || id >= len(d.data.cur.Disciplines) {
			return
		}
		d.show(d.data.cur.Disciplines[id].Key)
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
	d.obs = newObsPanel(s)
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
	s.OnChange(d.render)
	return d
}

func (d *disciplineScreen) content() fyne.CanvasObject { return d.root }

func (d *disciplineScreen) emptyState() fyne.CanvasObject {
	return screen.NoDataState(d.s, "No disciplines to show yet",
		"Each discipline's score, metrics and source cells show here once there is data.\n"+
			"Import a workbook (Ctrl+O), drop files on this window, or load the demo data.")
}

// show selects the discipline with key (as s.Show(screen.DisciplinePlace(key))
// does); unknown keys are ignored.
func (d *disciplineScreen) show(key string) {
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
// back into show.
func (d *disciplineScreen) selectInList() {
	for i, k := range model.DisciplineKeys {
		if k == d.key {
			d.selecting = true
			d.list.Select(i)
			d.selecting = false
		}
	}
}

// render shapes the shown discipline off the UI thread.
func (d *disciplineScreen) render() {
	seq, done := d.latest.Begin()
	snap, f, key, ws, ctx := d.s.State(), d.s.Filters(), d.key, d.s.Workspace(), d.s.Context()
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
		data := shapeDiscipline(snap, f, key, d.notes.Get(ctx, ws, snap))
		d.s.Do(func() { d.latest.Finish(seq, done, func() { d.apply(data) }) })
	}()
}

// idle is closed once the latest render is on screen.
func (d *disciplineScreen) idle() <-chan struct{} { return d.latest.Idle() }

func (d *disciplineScreen) showFace(face fyne.CanvasObject) {
	if len(d.root.Objects) != 1 || d.root.Objects[0] != face {
		d.root.Objects = []fyne.CanvasObject{face}
		d.root.Refresh()
	}
}

// apply puts shaped data on screen and refreshes the drill-down.
func (d *disciplineScreen) apply(data discData) {
	d.data = data
	if !data.ok {
		d.noDataText.SetText(fmt.Sprintf("No data for %s in the chosen periods. "+
			"Choose another business unit or period range in the filter bar.", model.UnitLabel(data.unit)))
		d.showFace(d.noData)
		d.obs.clear("")
		return
	}
	d.showFace(d.board)
	d.listTitle.SetText(fmt.Sprintf("Disciplines, %s", data.period.Label()))
	d.list.Refresh()
	d.selectInList()
	ds := data.ds
	if fd, ok := d.s.State().Framework.Discipline(d.key); ok && ds.Name == "" {
		ds.Name = fd.Name
	}
	d.name.SetText(ds.Name)
	d.score.SetText("No data")
	if ds.Present {
		d.score.SetText(fmt.Sprintf("%s  ·  Level %d %s", charts.ScoreFormat.String(ds.Score), ds.Level, ds.LevelName))
	}
	d.scoreRow.Refresh() // the score's new width moves the button
	d.facts.SetText(disciplineFacts(ds, data.period.Prev()))
	d.explain.SetText(screen.DisciplineExplanation(ds, data.period.Prev())[0])
	d.metricsTitle.SetText(fmt.Sprintf("Metrics of %s, %s (select one to see where its number comes from)",
		ds.Name, data.period.Label()))
	d.metrics.set(data.metrics)

	found := d.rowOf(d.metric)
	if found < 0 {
		d.metric = ""
	}
	d.showTrend()
	switch {
	case len(data.metrics) == 0:
		d.metrics.unselect()
		d.obs.clear(fmt.Sprintf("No metric of %s has data for %s in %s. Choose another business unit or period "+
			"in the filter bar, or import data for it.", ds.Name, model.UnitLabel(data.unit), data.period.Label()))
	case found < 0:
		d.metrics.unselect()
		d.obs.clear("Select a metric above to see how its score was made and the observations and source cells behind it.")
	default:
		d.metrics.selectRow(found)
		d.obs.query(data.metrics[found], data.unit, data.period)
	}
}

// explainScore shows how the discipline's score was made.
func (d *disciplineScreen) explainScore() {
	ds := d.data.ds
	if ds.Name == "" {
		return
	}
	screen.ShowExplanation(d.s.Window(), fmt.Sprintf("%s, %s, %s", ds.Name, model.UnitLabel(d.data.unit), d.data.period.Label()),
		screen.DisciplineExplanation(ds, d.data.period.Prev()), "", nil)
}

// disciplineFacts is the target, the gap and the change in one line.
func disciplineFacts(ds model.DisciplineScore, prev model.Period) string {
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
func (d *disciplineScreen) rowOf(name string) int {
	if name == "" {
		return -1
	}
	for i, r := range d.data.metrics {
		if model.MetricKey(r.score.Metric) == model.MetricKey(name) {
			return i
		}
	}
	return -1
}

// selectMetric shows the observations behind row i of the metrics table.
func (d *disciplineScreen) selectMetric(i int) {
	if i < 0 || i >= len(d.data.metrics) {
		return
	}
	r := d.data.metrics[i]
	if model.MetricKey(r.score.Metric) == model.MetricKey(d.metric) && d.obs.showing(r.score.Metric) {
		return
	}
	d.metric = r.score.Metric
	d.showTrend()
	d.obs.query(r, d.data.unit, d.data.period)
}

// showTrend draws the discipline's trend with the selected metric's line.
func (d *disciplineScreen) showTrend() {
	name := d.data.ds.Name
	if name == "" {
		if fd, ok := d.s.State().Framework.Discipline(d.key); ok {
			name = fd.Name
		}
	}
	t := d.data.trendWith(d.metric)
	d.trend.SetData(t)
	title := fmt.Sprintf("%s over time, %s", name, model.UnitLabel(d.data.unit))
	if len(t.Series) > 1 {
		title = fmt.Sprintf("%s and %s over time, %s (scores)", name, d.metric, model.UnitLabel(d.data.unit))
	}
	d.trendTitle.SetText(title)
}

func (d *disciplineScreen) listLength() int { return len(d.data.cur.Disciplines) }

func (d *disciplineScreen) listItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	score := widget.NewLabel("")
	level := widget.NewLabel("")
	bar := screen.NewScoreBar(model.DisciplineScore{})
	return container.NewVBox(container.NewBorder(nil, nil, nil, score, name),
		container.NewBorder(nil, nil, nil, level, bar))
}

func (d *disciplineScreen) updateListItem(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(d.data.cur.Disciplines) {
		return
	}
	ds := d.data.cur.Disciplines[id]
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
