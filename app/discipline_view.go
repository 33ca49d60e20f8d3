package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/charts"
	"cxdash/model"
)

// disciplineScreen shows one discipline at a time: its score, level,
// target, gap and how the score was made, the trend of its metrics, a table
// of its metrics and, for the metric selected, the observations and source
// cells its value was made from. A list on the left switches discipline.
type disciplineScreen struct {
	s    *session
	root *fyne.Container // the list and the details, or a hint when there is no data

	key    string // the discipline shown
	metric string // the metric selected in the table; "" for none

	list      *widget.List
	selecting bool // set while the list is selected from code

	name, score, facts, where, explain *widget.Label
	trend                              *charts.LineChart
	trendTitle                         *sectionTitle
	metrics                            *metricTable
	obs                                *obsPanel
	board, empty                       fyne.CanvasObject

	data   discData // what is on screen; UI goroutine only
	latest latestOnly
}

// discData is the discipline view's data for one snapshot, filters and
// discipline, shaped off the UI thread.
type discData struct {
	unit    string
	period  model.Period
	cur     model.Summary
	ds      model.DisciplineScore
	trend   charts.LineData
	metrics []metricRow
	ok      bool // false: the filters' range has no data
}

// metricRow is one metric of the discipline now, with its catalogue entry.
type metricRow struct {
	score  model.MetricScore
	metric model.Metric
	format charts.Format
}

func newDisciplineScreen(s *session) *disciplineScreen {
	d := &disciplineScreen{s: s, key: model.DisciplineKeys[0]}
	d.list = widget.NewList(d.listLength, d.listItem, d.updateListItem)
	d.list.OnSelected = func(id widget.ListItemID) {
		if d.selecting || id >= len(d.data.cur.Disciplines) {
			return
		}
		d.show(d.data.cur.Disciplines[id].Key)
	}

	d.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.name.SizeName = theme.SizeNameSubHeadingText
	d.score = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.score.SizeName = theme.SizeNameHeadingText
	d.facts, d.where = widget.NewLabel(""), widget.NewLabel("")
	d.where.Importance = widget.LowImportance
	d.explain = widget.NewLabel("")
	d.explain.Wrapping = fyne.TextWrapWord
	header := container.NewVBox(d.name, d.score, d.facts, d.where, d.explain)

	d.trend = charts.NewLineChart(charts.LineData{})
	d.trendTitle = newSectionTitle("Metric scores over time")
	d.metrics = newMetricTable(d.selectMetric)
	d.obs = newObsPanel(s)
	top := container.New(&weightedRow{weights: []float32{1, 1.25}},
		container.NewVScroll(header), section(d.trendTitle, d.trend))
	split := container.NewVSplit(section(newSectionTitle("Metrics (select one to see where its value comes from)"),
		d.metrics.table), d.obs.content())
	split.Offset = 0.55
	details := container.New(&topFixed{top: 250}, top, split)
	d.board = container.NewBorder(nil, nil, container.New(&fixedWidth{w: 270}, d.list), nil, details)

	hint := widget.NewLabelWithStyle("No data yet. Import a workbook (Ctrl+O), drop files on this window, "+
		"or load the demo data from the Dashboard.", fyne.TextAlignCenter, fyne.TextStyle{})
	hint.Wrapping = fyne.TextWrapWord
	d.empty = container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 80), hint))
	d.root = container.NewStack(d.empty)
	s.onChange(d.render)
	return d
}

func (d *disciplineScreen) content() fyne.CanvasObject { return d.root }

// show selects the discipline with key (as s.navigate("discipline", key)
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
	seq, done := d.latest.begin()
	snap, f, key := d.s.snap, d.s.filters, d.key
	if snap.Empty() {
		d.latest.finish(seq, done, func() {
			d.root.Objects = []fyne.CanvasObject{d.empty}
			d.root.Refresh()
		})
		return
	}
	go func() {
		if d.latest.stale(seq) {
			close(done)
			return
		}
		data := shapeDiscipline(snap, f, key)
		uiDo(func() { d.latest.finish(seq, done, func() { d.apply(data) }) })
	}()
}

// idle is closed once the latest render is on screen.
func (d *disciplineScreen) idle() <-chan struct{} { return d.latest.idle() }

func shapeDiscipline(snap *Snapshot, f Filters, key string) discData {
	unit := f.Unit
	if unit == "" {
		unit = model.AllUnits
	}
	d := discData{unit: unit}
	p, ok := snap.Current(f)
	if !ok {
		return d
	}
	ps := snap.Periods(f)
	d.period, d.ok = p, true
	d.cur = snap.Scorer.Summary(unit, p)
	for _, ds := range d.cur.Disciplines {
		if ds.Key == key {
			d.ds = ds
		}
	}
	d.trend = charts.MetricTrend(snap.Framework, snap.Scorer, unit, key, charts.Span(ps[0], p))
	catalogue := map[string]model.Metric{}
	for _, m := range snap.Metrics {
		catalogue[model.MetricKey(m.Name)] = m
	}
	for _, ms := range d.ds.Metrics {
		m := catalogue[model.MetricKey(ms.Metric)]
		d.metrics = append(d.metrics, metricRow{score: ms, metric: m, format: metricFormat(m)})
	}
	return d
}

// metricFormat prints a metric's values in its unit of measure.
func metricFormat(m model.Metric) charts.Format {
	if m.Scale == model.ScaleLevel || m.Unit == "level" {
		return charts.ScoreFormat
	}
	return charts.Format{Decimals: 1, Unit: m.Unit}
}

// apply puts shaped data on screen and refreshes the drill-down.
func (d *disciplineScreen) apply(data discData) {
	d.data = data
	if len(d.root.Objects) != 1 || d.root.Objects[0] != d.board {
		d.root.Objects = []fyne.CanvasObject{d.board}
		d.root.Refresh()
	}
	d.list.Refresh()
	d.selectInList()
	ds := data.ds
	if ds.Name == "" {
		if fd, ok := d.s.snap.Framework.Discipline(d.key); ok {
			ds.Name = fd.Name
		}
	}
	d.name.SetText(ds.Name)
	d.score.SetText("No data")
	if ds.Present {
		d.score.SetText(fmt.Sprintf("%s  ·  Level %d %s", charts.ScoreFormat.String(ds.Score), ds.Level, ds.LevelName))
	}
	var facts []string
	if ds.Target != nil {
		facts = append(facts, "Target "+charts.ScoreFormat.String(*ds.Target))
	}
	if ds.Gap != nil {
		facts = append(facts, "Gap "+charts.ScoreFormat.String(*ds.Gap))
	}
	if ds.Delta != nil {
		facts = append(facts, "Change "+charts.ScoreFormat.Signed(*ds.Delta)+" vs "+data.period.Prev().Label())
	}
	d.facts.SetText(strings.Join(facts, "  ·  "))
	where := "No data in the chosen periods"
	if data.ok {
		where = fmt.Sprintf("%s, %s · %d metrics, %d source rows", unitTitle(data.unit), data.period.Label(),
			len(ds.Metrics), ds.Rows)
	}
	d.where.SetText(where)
	d.explain.SetText(disciplineExplanation(ds, data.period.Prev())[0]) // the rest is in the facts above
	d.trend.SetData(data.trend)
	d.trendTitle.SetText("Metric scores over time, " + unitTitle(data.unit))
	d.metrics.set(data.metrics)

	found := -1
	for i, r := range data.metrics {
		if model.MetricKey(r.score.Metric) == model.MetricKey(d.metric) {
			found = i
		}
	}
	if found < 0 {
		d.metric = ""
		d.metrics.unselect()
		d.obs.clear()
		return
	}
	d.metrics.selectRow(found)
	d.obs.query(data.metrics[found], data.unit, data.period)
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
	d.obs.query(r, d.data.unit, d.data.period)
}

func (d *disciplineScreen) listLength() int { return len(d.data.cur.Disciplines) }

func (d *disciplineScreen) listItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	score := widget.NewLabel("")
	level := widget.NewLabel("")
	level.Importance = widget.LowImportance
	bar := newScoreBar(model.DisciplineScore{})
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
	top.Objects[1].(*widget.Label).SetText(scoreText(ds.Present, ds.Score))
	bar := bottom.Objects[0].(*scoreBar)
	bar.set(ds.Present, ds.Score, ds.Target)
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
