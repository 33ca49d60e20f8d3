package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
)

// govOwnerColumns are the owners table's columns.
var govOwnerColumns = []govColumn{
	{"Discipline / metric", 230, 3}, {"Owner", 150, 1.5}, {"Target", 95, 0}, {"Target date", 100, 0},
	{"Review", 80, 0}, {"Last reviewed", 115, 0}, {"Next review", 170, 0}, {"Data", 90, 0.5},
}

// govOwnerRow is what one row of the owners table is about.
type govOwnerRow struct {
	kind   model.SubjectKind
	key    string // discipline key or metric name
	name   string
	metric *model.Metric // the catalogue entry of a metric row
	own    model.Ownership
	target *float64 // from Settings (a discipline) or the catalogue (a metric)
}

// govOwners is the "Owners & targets" screen.Section: a row per discipline, each
// followed by its metrics, with owner, target, review and staleness.
type govOwners struct {
	g     *governanceScreen
	box   fyne.CanvasObject
	table *govTable
	stale *widget.Select
	count *widget.Label
	rows  []govOwnerRow

	filling bool // set while the stale select is set from code
}

func newGovOwners(g *governanceScreen) *govOwners {
	o := &govOwners{g: g, count: govCount()}
	o.table = newGovTable(govOwnerColumns, o.edit)
	var opts []string
	for i := 1; i <= 12; i++ {
		opts = append(opts, strconv.Itoa(i))
	}
	o.stale = widget.NewSelect(opts, o.setStale)
	head := govHeader("Owners and targets",
		"Every discipline and metric has one owner, a target to reach by a date, and a review cadence. "+
			"Tap a row to change it. Values in italics come from Settings or the metric catalogue.",
		widget.NewLabel("Flag a metric stale after"), govWide(o.stale, 70), widget.NewLabel("periods without a value"), o.count)
	o.box = container.NewBorder(head, nil, nil, nil, o.table.box)
	return o
}

func (o *govOwners) set(d govData) {
	o.filling = true
	o.stale.SetSelected(strconv.Itoa(d.Stale))
	o.filling = false
	own := map[string]model.Ownership{}
	for _, w := range d.Ownerships {
		own[string(w.Kind)+"|"+ownKey(w.Kind, w.Key)] = w
	}
	fw := model.DefaultFramework()
	var metrics []model.Metric
	if d.snap != nil {
		fw, metrics = d.snap.Framework, d.snap.Metrics
	}
	order := map[string]int{}
	for i, fd := range fw.Disciplines {
		order[fd.Key] = i
	}
	ms := append([]model.Metric(nil), metrics...)
	screen.SortMetrics(ms, order)

	o.rows = o.rows[:0]
	var cells [][]govCell
	owned, stale, overdue := 0, 0, 0
	add := func(r govOwnerRow) {
		r.own = own[string(r.kind)+"|"+ownKey(r.kind, r.key)]
		r.own.Kind, r.own.Key = r.kind, r.key
		row := o.cells(d, r)
		if r.own.Owner != "" || (r.metric != nil && r.metric.Owner != "") {
			owned++
		}
		if r.own.ReviewOverdue(d.today) {
			overdue++
		}
		if r.metric != nil && o.isStale(d, r) {
			stale++
		}
		o.rows = append(o.rows, r)
		cells = append(cells, row)
	}
	for _, fd := range fw.Disciplines {
		add(govOwnerRow{kind: model.SubjectDiscipline, key: fd.Key, name: fd.Name, target: fd.Target})
		for i := range ms {
			if m := ms[i]; m.Discipline == fd.Key {
				add(govOwnerRow{kind: model.SubjectMetric, key: m.Name, name: m.Name, metric: &ms[i], target: m.Target})
			}
		}
	}
	o.table.set(cells)
	o.count.SetText(fmt.Sprintf("   %d of %d with an owner · %s overdue · %s stale", owned, len(o.rows),
		screen.Plural(overdue, "review"), screen.Plural(stale, "metric")))
}

// ownKey is the key ownerships match on: metric names ignore case and spacing.
func ownKey(kind model.SubjectKind, key string) string {
	if kind == model.SubjectMetric {
		return model.MetricKey(key)
	}
	return key
}

func (o *govOwners) isStale(d govData, r govOwnerRow) bool {
	if d.latest.IsZero() {
		return false
	}
	return model.Stale(d.last[model.MetricKey(r.key)], d.latest, d.Stale)
}

func (o *govOwners) cells(d govData, r govOwnerRow) []govCell {
	name := govCell{text: r.name, bold: true}
	if r.kind == model.SubjectMetric {
		name = plain("    " + r.name)
	}
	owner := plain(r.own.Owner)
	if owner.text == "" && r.metric != nil && r.metric.Owner != "" {
		owner = muted(r.metric.Owner)
	}
	if owner.text == "" {
		owner = muted("no owner")
	}
	target := plain(o.targetText(r, r.own.Target))
	if r.own.Target == nil {
		target = muted(o.targetText(r, r.target))
	}
	cadence := plain(cadenceLabel(r.own.Cadence))
	if r.own.Cadence == model.CadenceNone {
		cadence = muted("—")
	}
	last := plain(govDate(r.own.LastReviewed))
	if last.text == "" && r.own.Cadence != model.CadenceNone {
		last = muted("never")
	}
	next := plain("")
	if due, ok := r.own.ReviewDue(); ok {
		switch {
		case due.IsZero():
			next = govCell{text: "Due now", imp: widget.WarningImportance, icon: theme.WarningIcon()}
		case r.own.ReviewOverdue(d.today):
			next = govCell{text: govDate(due) + " (late)", imp: widget.DangerImportance, icon: theme.WarningIcon()}
		default:
			next = plain(govDate(due))
		}
	}
	return []govCell{name, owner, target, plain(govDate(r.own.TargetDate)), cadence, last, next, o.dataCell(d, r)}
}

// dataCell says how fresh a metric's data is, or how many of a
// discipline's metrics are stale.
func (o *govOwners) dataCell(d govData, r govOwnerRow) govCell {
	if d.latest.IsZero() {
		return muted("")
	}
	if r.metric == nil {
		n, stale := 0, 0
		for _, m := range d.snapMetrics() {
			if m.Discipline == r.key {
				n++
				if model.Stale(d.last[model.MetricKey(m.Name)], d.latest, d.Stale) {
					stale++
				}
			}
		}
		if stale == 0 {
			return plain("")
		}
		return govCell{text: fmt.Sprintf("%d of %d metrics stale", stale, n), imp: widget.WarningImportance}
	}
	last := d.last[model.MetricKey(r.key)]
	if !o.isStale(d, r) {
		return plain(last.Label())
	}
	if last.IsZero() {
		return govCell{text: "Stale: no value", imp: widget.WarningImportance, icon: theme.WarningIcon()}
	}
	return govCell{text: "Stale: last " + last.Label(), imp: widget.WarningImportance, icon: theme.WarningIcon()}
}

func (d govData) snapMetrics() []model.Metric {
	if d.snap == nil {
		return nil
	}
	return d.snap.Metrics
}

func (o *govOwners) targetText(r govOwnerRow, t *float64) string {
	if t == nil {
		return ""
	}
	if r.metric != nil && r.metric.Unit != "" && r.metric.Unit != "level" {
		return screen.MetricFormat(*r.metric).String(*t)
	}
	return screen.FormatSetting(*t)
}

func cadenceLabel(c model.Cadence) string {
	if c == model.CadenceNone {
		return "none"
	}
	return string(c)
}

func (o *govOwners) setStale(v string) {
	if o.filling {
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return
	}
	ws, ctx := o.g.s.Workspace(), o.g.s.Context()
	go func() {
		err := ws.SetStalePeriods(ctx, n)
		o.g.s.Do(func() {
			if err != nil {
				o.g.s.ShowError(fmt.Errorf("could not save the stale setting: %w", err))
				return
			}
			o.g.refresh()
		})
	}()
}

// edit opens the dialog for row i.
func (o *govOwners) edit(i int) {
	if i < 0 || i >= len(o.rows) {
		return
	}
	r := o.rows[i]
	own := r.own
	owner := govEntry(own.Owner, "One person or team: Ana Souza, or ana@example.com")
	if own.Owner == "" && r.metric != nil && r.metric.Owner != "" {
		owner.SetText(r.metric.Owner)
	}
	target := govEntry("", "")
	if own.Target != nil {
		target.SetText(screen.FormatSetting(*own.Target))
	} else if r.target != nil {
		target.SetText(screen.FormatSetting(*r.target))
	}
	if r.kind == model.SubjectDiscipline {
		target.SetPlaceHolder("a maturity score from 1 to 5")
	} else if r.metric != nil {
		target.SetPlaceHolder("in " + strings.TrimSpace(r.metric.Unit+" (the metric's unit)"))
	}
	targetDate := govEntry(govDate(own.TargetDate), "e.g. 31 Dec 2026")
	cadences := []string{"none", "monthly", "quarterly", "yearly"}
	cadence := widget.NewSelect(cadences, nil)
	cadence.SetSelected(cadenceLabel(own.Cadence))
	reviewed := govEntry(govDate(own.LastReviewed), "never")
	mark := widget.NewButtonWithIcon("Mark reviewed today", theme.ConfirmIcon(), func() { reviewed.SetText(govDate(today())) })
	what := "Target (1–5)"
	if r.kind == model.SubjectMetric {
		what = "Target"
	}
	ws := o.g.s.Workspace()
	f := newGovForm(o.g.s, govFormOptions{
		title: "Owner and target: " + r.name,
		items: []*widget.FormItem{
			widget.NewFormItem("Owner", owner),
			widget.NewFormItem(what, target),
			widget.NewFormItem("Target date", targetDate),
			widget.NewFormItem("Review cadence", cadence),
			widget.NewFormItem("Last reviewed", container.NewBorder(nil, nil, nil, mark, reviewed)),
		},
		check: func() (func(ctx context.Context) error, error) {
			n := model.Ownership{Kind: r.kind, Key: r.key}
			var errs []string
			var err error
			if n.Owner, err = parseGovOwner(owner.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.Target, err = parseGovNumber(what, target.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.TargetDate, err = parseGovDate("Target date", targetDate.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.LastReviewed, err = parseGovDate("Last reviewed", reviewed.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.LastReviewed.After(today()) {
				errs = append(errs, "Last reviewed: "+govDate(n.LastReviewed)+" is in the future")
			}
			if n.Cadence, err = model.ParseCadence(cadence.Selected); err != nil {
				errs = append(errs, err.Error())
			}
			if len(errs) == 0 {
				if err := n.Validate(); err != nil {
					errs = append(errs, err.Error())
				}
			}
			if len(errs) > 0 {
				return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
			}
			return func(ctx context.Context) error { return ws.SaveOwnership(ctx, n) }, nil
		},
		afterChange: o.g.changed,
	})
	o.g.form = f
	f.show()
}
