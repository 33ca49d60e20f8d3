package governance

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

// ownerColumns are the owners table's columns.
var ownerColumns = []column{
	{"Discipline / metric", 230, 3}, {"Owner", 150, 1.5}, {"Target", 95, 0}, {"Target date", 100, 0},
	{"Review", 80, 0}, {"Last reviewed", 115, 0}, {"Next review", 170, 0}, {"Data", 90, 0.5},
}

// ownerRow is what one row of the owners table is about.
type ownerRow struct {
	kind   model.SubjectKind
	key    string // discipline key or metric name
	name   string
	metric *model.Metric // the catalogue entry of a metric row
	own    model.Ownership
	target *float64 // from Settings (a discipline) or the catalogue (a metric)
}

// owners is the "Owners & targets" section: a row per discipline, each
// followed by its metrics, with owner, target, review and staleness.
type owners struct {
	g     *Screen
	box   fyne.CanvasObject
	table *table
	stale *widget.Select
	count *widget.Label
	rows  []ownerRow

	filling bool // set while the stale select is set from code
}

func newOwners(g *Screen) *owners {
	o := &owners{g: g, count: newCount()}
	o.table = newTable(ownerColumns, o.edit)
	var opts []string
	for i := 1; i <= 12; i++ {
		opts = append(opts, strconv.Itoa(i))
	}
	o.stale = widget.NewSelect(opts, o.setStale)
	head := header("Owners and targets",
		"Every discipline and metric has one owner, a target to reach by a date, and a review cadence. "+
			"Tap a row to change it. Values in italics come from Settings or the metric catalogue.",
		widget.NewLabel("Flag a metric stale after"), wide(o.stale, 70), widget.NewLabel("periods without a value"), o.count)
	o.box = container.NewBorder(head, nil, nil, nil, o.table.box)
	return o
}

func (o *owners) set(d view) {
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
	var cells [][]cell
	owned, stale, overdue := 0, 0, 0
	add := func(r ownerRow) {
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
		add(ownerRow{kind: model.SubjectDiscipline, key: fd.Key, name: fd.Name, target: fd.Target})
		for i := range ms {
			if m := ms[i]; m.Discipline == fd.Key {
				add(ownerRow{kind: model.SubjectMetric, key: m.Name, name: m.Name, metric: &ms[i], target: m.Target})
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

func (o *owners) isStale(d view, r ownerRow) bool {
	if d.latest.IsZero() {
		return false
	}
	return model.Stale(d.last[model.MetricKey(r.key)], d.latest, d.Stale)
}

func (o *owners) cells(d view, r ownerRow) []cell {
	name := cell{text: r.name, bold: true}
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
	last := plain(dateText(r.own.LastReviewed))
	if last.text == "" && r.own.Cadence != model.CadenceNone {
		last = muted("never")
	}
	next := plain("")
	if due, ok := r.own.ReviewDue(); ok {
		switch {
		case due.IsZero():
			next = cell{text: "Due now", imp: widget.WarningImportance, icon: theme.WarningIcon()}
		case r.own.ReviewOverdue(d.today):
			next = cell{text: dateText(due) + " (late)", imp: widget.DangerImportance, icon: theme.WarningIcon()}
		default:
			next = plain(dateText(due))
		}
	}
	return []cell{name, owner, target, plain(dateText(r.own.TargetDate)), cadence, last, next, o.dataCell(d, r)}
}

// dataCell says how fresh a metric's data is, or how many of a
// discipline's metrics are stale.
func (o *owners) dataCell(d view, r ownerRow) cell {
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
		return cell{text: fmt.Sprintf("%d of %d metrics stale", stale, n), imp: widget.WarningImportance}
	}
	last := d.last[model.MetricKey(r.key)]
	if !o.isStale(d, r) {
		return plain(last.Label())
	}
	if last.IsZero() {
		return cell{text: "Stale: no value", imp: widget.WarningImportance, icon: theme.WarningIcon()}
	}
	return cell{text: "Stale: last " + last.Label(), imp: widget.WarningImportance, icon: theme.WarningIcon()}
}

func (d view) snapMetrics() []model.Metric {
	if d.snap == nil {
		return nil
	}
	return d.snap.Metrics
}

func (o *owners) targetText(r ownerRow, t *float64) string {
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

func (o *owners) setStale(v string) {
	if o.filling {
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return
	}
	ws, ctx := o.g.h.Workspace(), o.g.h.Context()
	go func() {
		err := ws.SetStalePeriods(ctx, n)
		o.g.h.Do(func() {
			if err != nil {
				o.g.h.ShowError(fmt.Errorf("could not save the stale setting: %w", err))
				return
			}
			o.g.refresh()
		})
	}()
}

// edit opens the dialog for row i.
func (o *owners) edit(i int) {
	if i < 0 || i >= len(o.rows) {
		return
	}
	r := o.rows[i]
	own := r.own
	owner := entry(own.Owner, "One person or team: Ana Souza, or ana@example.com")
	if own.Owner == "" && r.metric != nil && r.metric.Owner != "" {
		owner.SetText(r.metric.Owner)
	}
	target := entry("", "")
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
	targetDate := entry(dateText(own.TargetDate), "e.g. 31 Dec 2026")
	cadences := []string{"none", "monthly", "quarterly", "yearly"}
	cadence := widget.NewSelect(cadences, nil)
	cadence.SetSelected(cadenceLabel(own.Cadence))
	reviewed := entry(dateText(own.LastReviewed), "never")
	mark := widget.NewButtonWithIcon("Mark reviewed today", theme.ConfirmIcon(), func() { reviewed.SetText(dateText(today(o.g.h))) })
	what := "Target (1–5)"
	if r.kind == model.SubjectMetric {
		what = "Target"
	}
	ws := o.g.h.Workspace()
	f := newForm(o.g.h, formOptions{
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
			if n.Owner, err = parseOwner(owner.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.Target, err = parseNumber(what, target.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.TargetDate, err = parseDate("Target date", targetDate.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.LastReviewed, err = parseDate("Last reviewed", reviewed.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.LastReviewed.After(today(o.g.h)) {
				errs = append(errs, "Last reviewed: "+dateText(n.LastReviewed)+" is in the future")
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
