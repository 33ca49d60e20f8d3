package discipline

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// obsPanel shows the observations a metric's value was made from, each
// with its source (file, sheet, cell, batch, when imported) and whether it
// counts: a later import of the same metric, unit and period replaces it.
type obsPanel struct {
	h     screen.Host
	title *screen.SectionTitle
	how   *widget.Button
	table *widget.Table
	box   fyne.CanvasObject

	metric string   // the metric shown; "" for none
	lines  []string // how its number was made, for the How button
	res    obsResult
	loc    *time.Location // for import times; tests fix it
	latest screen.Latest
}

// obsLimit caps the rows read for one metric: a drill-down, not the data
// browser.
const obsLimit = 1000

// obsResult is what the store returned for one metric.
type obsResult struct {
	rows    []obsRow
	total   int // observations the filter selects, beyond the limit too
	counted int // of rows, those that count
	batches map[int64]workspace.Batch
	err     error
}

// obsRow is one observation and the batch whose value counts for its
// metric, unit and period (its own when it counts; 0 when none does).
type obsRow struct {
	model.Observation
	current int64
}

func (r obsRow) counts() bool { return r.current == r.Source.BatchID }

var obsColumns = []screen.TableColumn{
	{Title: "Unit", Width: 90, Right: false}, {Title: "Period", Width: 78, Right: false}, {Title: "Value", Width: 80, Right: true}, {Title: "Counted", Width: 144, Right: false},
	{Title: "File", Width: 156, Right: false}, {Title: "Sheet", Width: 90, Right: false}, {Title: "Cell", Width: 56, Right: false}, {Title: "Batch", Width: 62, Right: true},
	{Title: "Imported at", Width: 130, Right: false}, {Title: "Note", Width: 0, Right: false},
}

func newObsPanel(h screen.Host) *obsPanel {
	p := &obsPanel{h: h, loc: time.Local}
	p.title = screen.NewSectionTitle("")
	p.how = widget.NewButtonWithIcon("How is it made?", theme.InfoIcon(), func() {
		screen.ShowExplanation(p.h.Window(), p.metric, p.lines, "", nil)
	})
	p.how.Importance = widget.LowImportance
	p.table = screen.NewHeaderTable(obsColumns, func() int { return len(p.res.rows) }, p.cell)
	top := container.NewBorder(nil, nil, nil, p.how, p.title)
	p.box = container.NewBorder(top, nil, nil, nil, screen.FitColumns(p.table, obsColumns, len(obsColumns)-1, 80))
	p.clear("Select a metric above to see how its score was made and the observations and source cells behind it.")
	return p
}

func (p *obsPanel) content() fyne.CanvasObject { return p.box }

// clear shows hint instead of observations.
func (p *obsPanel) clear(hint string) {
	p.latest.Drop() // a query in flight is not shown
	p.metric, p.lines, p.res = "", nil, obsResult{}
	p.title.SetText(hint)
	p.how.Disable()
	p.table.Refresh()
}

// showing reports whether the panel shows (or loads) metric.
func (p *obsPanel) showing(metric string) bool {
	return p.metric != "" && model.MetricKey(p.metric) == model.MetricKey(metric)
}

// query loads the observations of r's metric in unit (all units for
// model.AllUnits) and period off the UI thread.
func (p *obsPanel) query(r metricRow, unit string, period model.Period) {
	seq, done := p.latest.Begin()
	name := r.score.Metric
	p.metric, p.lines = name, metricLines(r, unit, period)
	p.title.SetText(fmt.Sprintf("Loading the observations behind %s…", name))
	p.how.Enable()
	f := workspace.ObservationFilter{Metric: name, Period: period, Limit: obsLimit, OrderBy: "unit"}
	if unit != model.AllUnits {
		f.Unit = unit
	}
	ws, ctx := p.h.Workspace(), p.h.Context()
	go func() {
		res := loadObservations(ctx, ws, f)
		p.h.Do(func() {
			p.latest.Finish(seq, done, func() { p.apply(r, unit, period, res) })
		})
	}()
}

// loadObservations reads the observations f selects, marks those that
// count and orders them by unit and period, the counted one first.
func loadObservations(ctx context.Context, ws *workspace.Workspace, f workspace.ObservationFilter) obsResult {
	var res obsResult
	obs, err := ws.Observations(ctx, f)
	if err != nil {
		res.err = err
		return res
	}
	res.total = len(obs)
	if res.total >= f.Limit {
		if res.total, res.err = ws.CountObservations(ctx, f); res.err != nil {
			return res
		}
	}
	// The values that count are few (one per metric, unit and month), so
	// reading them beats asking the store per row which batch counts.
	values, err := ws.Values(ctx)
	if err != nil {
		res.err = err
		return res
	}
	type key struct {
		unit   string
		period model.Period
	}
	current := map[key]int64{}
	mk := model.MetricKey(f.Metric)
	for _, v := range values {
		if model.MetricKey(v.Metric) == mk {
			current[key{v.Unit, v.Period}] = v.BatchID
		}
	}
	res.batches = map[int64]workspace.Batch{}
	for _, o := range obs {
		r := obsRow{Observation: o, current: current[key{o.Unit, o.Period}]}
		if r.counts() {
			res.counted++
		}
		res.rows = append(res.rows, r)
		id := o.Source.BatchID
		if _, ok := res.batches[id]; ok {
			continue
		}
		b, err := ws.Batch(ctx, id)
		if err != nil {
			res.err = err
			return res
		}
		res.batches[id] = b
	}
	sort.SliceStable(res.rows, func(i, j int) bool {
		a, b := res.rows[i], res.rows[j]
		switch {
		case a.Unit != b.Unit:
			return a.Unit < b.Unit
		case a.Period != b.Period:
			return a.Period.Before(b.Period)
		case a.counts() != b.counts():
			return a.counts()
		}
		return a.Source.BatchID > b.Source.BatchID
	})
	return res
}

func (p *obsPanel) apply(r metricRow, unit string, period model.Period, res obsResult) {
	p.res = res
	p.table.Refresh()
	p.table.ScrollToTop()
	metric := r.score.Metric
	if res.err != nil {
		p.title.SetText("Could not read the observations behind " + metric)
		p.h.ShowError(fmt.Errorf("reading the observations of %s: %w", metric, res.err))
		return
	}
	item := "observation" // an answer is one observation, with its source row
	if r.score.Answers {
		item = "answer"
	}
	what := screen.Plural(res.total, item)
	if len(res.rows) < res.total {
		what = fmt.Sprintf("the first %d of %d %ss", len(res.rows), res.total, item)
	}
	if replaced := len(res.rows) - res.counted; replaced > 0 {
		what += fmt.Sprintf(" (%d replaced by a later import)", replaced)
	}
	scope := period.Label()
	if period.Gran != model.Month {
		scope += " and its months"
	}
	p.title.SetText(fmt.Sprintf("Where %s comes from: %s, %s, %s", metric, what, unitScope(unit), scope))
}

// unitScope names the units a number covers.
func unitScope(unit string) string {
	if unit == model.AllUnits || unit == "" {
		return "all units"
	}
	return unit
}

func (p *obsPanel) cell(row, col int) string {
	if row >= len(p.res.rows) {
		return ""
	}
	o := p.res.rows[row]
	switch col {
	case 0:
		return o.Unit
	case 1:
		return o.Period.Label()
	case 2:
		return rawFormat(o.Value, p.measure())
	case 3:
		switch {
		case o.counts():
			return "Yes"
		case o.current != 0:
			return fmt.Sprintf("Replaced by batch %d", o.current)
		}
		return "No"
	case 4:
		return o.Source.File
	case 5:
		return o.Source.Sheet
	case 6:
		return o.Source.Cell
	case 7:
		return strconv.FormatInt(o.Source.BatchID, 10)
	case 8:
		if b, ok := p.res.batches[o.Source.BatchID]; ok {
			return b.ImportedAt.In(p.loc).Format("2006-01-02 15:04")
		}
	case 9:
		return o.Note
	}
	return ""
}

// measure is the unit of measure of the metric shown.
func (p *obsPanel) measure() string {
	if snap := p.h.State(); snap != nil {
		for _, m := range snap.Metrics {
			if model.MetricKey(m.Name) == model.MetricKey(p.metric) {
				return m.Unit
			}
		}
	}
	return ""
}
