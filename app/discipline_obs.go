package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cxdash/model"
	"cxdash/store"
)

// obsPanel shows the observations a metric's value was made from, each
// with its source: file, sheet, cell, batch and when it was imported.
type obsPanel struct {
	s       *session
	title   *widget.Label
	explain *widget.Label
	table   *widget.Table
	box     fyne.CanvasObject

	metric string // the metric shown; "" for none
	res    obsResult
	loc    *time.Location // for import times; tests fix it
	latest latestOnly
}

// obsLimit caps the rows read for one metric: a drill-down, not the data
// browser.
const obsLimit = 1000

// obsResult is what the store returned for one metric.
type obsResult struct {
	rows    []model.Observation
	total   int
	batches map[int64]store.Batch
	err     error
}

var obsColumns = []struct {
	title string
	width float32
	right bool
}{
	{"Unit", 110, false}, {"Period", 90, false}, {"Value", 90, true}, {"File", 210, false},
	{"Sheet", 130, false}, {"Cell", 70, false}, {"Batch", 60, true}, {"Imported at", 140, false},
	{"Note", 260, false},
}

func newObsPanel(s *session) *obsPanel {
	p := &obsPanel{s: s, loc: time.Local}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.explain = widget.NewLabel("")
	p.explain.Truncation = fyne.TextTruncateEllipsis
	p.table = newHeaderTable(len(obsColumns), func() int { return len(p.res.rows) },
		func(c int) string { return obsColumns[c].title }, p.cell)
	for i, c := range obsColumns {
		p.table.SetColumnWidth(i, c.width)
	}
	p.box = container.NewBorder(container.NewVBox(p.title, p.explain), nil, nil, nil, p.table)
	p.clear()
	return p
}

func (p *obsPanel) content() fyne.CanvasObject { return p.box }

// clear shows the hint to select a metric.
func (p *obsPanel) clear() {
	p.latest.drop() // a query in flight is not shown
	p.metric, p.res = "", obsResult{}
	p.title.SetText("Where the numbers come from")
	p.explain.SetText("Select a metric above to see the observations and source cells its value was made from.")
	p.table.Refresh()
}

// showing reports whether the panel shows (or loads) metric.
func (p *obsPanel) showing(metric string) bool {
	return p.metric != "" && model.MetricKey(p.metric) == model.MetricKey(metric)
}

// query loads the observations that count for r's metric in unit (all
// units for model.AllUnits) and period off the UI thread.
func (p *obsPanel) query(r metricRow, unit string, period model.Period) {
	seq, done := p.latest.begin()
	name := r.score.Metric
	p.metric = name
	p.title.SetText(fmt.Sprintf("Loading the observations behind %s…", name))
	p.explain.SetText(r.score.Explain)
	f := store.ObservationFilter{Metric: name, Period: period, OnlyCurrent: true, Limit: obsLimit, OrderBy: "unit"}
	if unit != model.AllUnits {
		f.Unit = unit
	}
	ws, ctx := p.s.ws, p.s.ctx
	go func() {
		res := loadObservations(ctx, ws, f)
		uiDo(func() {
			p.latest.finish(seq, done, func() { p.apply(name, unit, period, res) })
		})
	}()
}

func loadObservations(ctx context.Context, ws *Workspace, f store.ObservationFilter) obsResult {
	var res obsResult
	if res.rows, res.err = ws.Store.Observations(ctx, f); res.err != nil {
		return res
	}
	res.total = len(res.rows)
	if res.total >= f.Limit {
		if res.total, res.err = ws.Store.CountObservations(ctx, f); res.err != nil {
			return res
		}
	}
	res.batches = map[int64]store.Batch{}
	for _, o := range res.rows {
		id := o.Source.BatchID
		if _, ok := res.batches[id]; ok {
			continue
		}
		b, err := ws.Store.Batch(ctx, id)
		if err != nil {
			res.err = err
			return res
		}
		res.batches[id] = b
	}
	return res
}

func (p *obsPanel) apply(metric, unit string, period model.Period, res obsResult) {
	p.res = res
	p.table.Refresh()
	p.table.ScrollToTop()
	if res.err != nil {
		p.title.SetText("Could not read the observations behind " + metric)
		p.s.showError(fmt.Errorf("reading the observations of %s: %w", metric, res.err))
		return
	}
	what := fmt.Sprintf("%d observations", res.total)
	if res.total == 1 {
		what = "1 observation"
	}
	if len(res.rows) < res.total {
		what = fmt.Sprintf("the first %d of %d observations", len(res.rows), res.total)
	}
	scope := period.Label()
	if period.Gran != model.Month {
		scope += " (and the months in it)"
	}
	p.title.SetText(fmt.Sprintf("Where %s comes from: %s in %s, %s", metric, what, unitTitle(unit), scope))
}

func (p *obsPanel) cell(row, col int) (string, bool) {
	if row >= len(p.res.rows) {
		return "", false
	}
	o := p.res.rows[row]
	var s string
	switch col {
	case 0:
		s = o.Unit
	case 1:
		s = o.Period.Label()
	case 2:
		s = strconv.FormatFloat(o.Value, 'f', -1, 64) // as read: provenance, not presentation
	case 3:
		s = o.Source.File
	case 4:
		s = o.Source.Sheet
	case 5:
		s = o.Source.Cell
	case 6:
		s = strconv.FormatInt(o.Source.BatchID, 10)
	case 7:
		if b, ok := p.res.batches[o.Source.BatchID]; ok {
			s = b.ImportedAt.In(p.loc).Format("2006-01-02 15:04")
		}
	case 8:
		s = o.Note
	}
	return s, obsColumns[col].right
}
