package governance

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

var actionColumns = []column{
	{"Due", 225, 0}, {"Action", 200, 3}, {"Discipline / metric", 150, 1}, {"Unit", 80, 0},
	{"Owner", 120, 1}, {"Status", 100, 0}, {"Gap", 50, 0}, {"Created", 95, 0},
}

// Status filters of the actions list.
const (
	actionsActive = "Open and in progress"
	actionsAll    = "All statuses"
)

// actions is the "Actions" section: the work that closes gaps, soonest
// due first, overdue ones in red.
type actions struct {
	list[model.Action]
	status *widget.Select
}

func newActions(g *Screen) *actions {
	a := &actions{}
	a.setup(g, actionColumns, "New action…", func(x model.Action) { a.open(x) }, nil)
	a.status = statusFilter([]string{actionsActive, actionsAll}, model.ActionStatuses, func() { a.set(a.g.data) })
	a.status.SetSelected(actionsActive)
	head := header("Actions",
		"What is being done to close the gaps, and by whom. Create one here or from a gap on the Dashboard. "+
			"Tap an action to change its status.",
		a.add, widget.NewLabel("Show"), wide(a.status, 200), a.count)
	a.box = container.NewBorder(head, nil, nil, nil, a.table.box)
	return a
}

func statusTitle(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (a *actions) set(d view) {
	a.shown = a.shown[:0]
	overdue, open := 0, 0
	var rows [][]cell
	for _, x := range d.Actions {
		if !screen.OfUnit(x.Unit, d.filters.Unit) {
			continue
		}
		if !x.Status.Closed() {
			open++
		}
		if x.Overdue(d.today) {
			overdue++
		}
		if !a.wanted(x.Status) {
			continue
		}
		a.shown = append(a.shown, x)
		rows = append(rows, a.cells(d, x))
	}
	a.table.set(rows)
	text := fmt.Sprintf("%d open", open)
	if overdue > 0 {
		text += fmt.Sprintf(", %d overdue", overdue)
	}
	if u := d.filters.Unit; u != "" && u != model.AllUnits {
		text += " in " + u + " and all units"
	}
	a.count.SetText(text)
}

func (a *actions) wanted(s model.ActionStatus) bool {
	switch a.status.Selected {
	case actionsAll:
		return true
	case actionsActive, "":
		return !s.Closed()
	}
	return strings.EqualFold(a.status.Selected, string(s))
}

func (a *actions) cells(d view, x model.Action) []cell {
	due := plain(dateText(x.Due))
	if x.Due.IsZero() {
		due = muted("no due date")
	}
	if x.Overdue(d.today) {
		days := int(model.Day(d.today).Sub(model.Day(x.Due)).Hours() / 24)
		due = cell{text: fmt.Sprintf("%s · %s late", dateText(x.Due), screen.Plural(days, "day")),
			imp: widget.DangerImportance, icon: theme.WarningIcon()}
	}
	subject := a.g.disciplineName(x.Discipline)
	if x.Metric != "" {
		subject = strings.TrimPrefix(subject+" / "+x.Metric, " / ")
	}
	status := plain(statusTitle(string(x.Status)))
	if x.Status.Closed() {
		status = muted(status.text) // the closed date is in the dialog
	}
	gap := ""
	if x.Gap != nil {
		gap = charts.ScoreFormat.String(*x.Gap)
	}
	unit := x.Unit
	if unit == "" {
		unit = model.AllUnitsLabel
	}
	return []cell{due, {text: x.Title, bold: x.Overdue(d.today)}, plain(subject), plain(unit), plain(x.Owner), status,
		plain(gap), plain(dateText(x.Created))}
}

// open shows the dialog for x; an x with ID 0 is a new action (it may be
// prefilled, as from a gap on the dashboard).
func (a *actions) open(x model.Action) *form {
	return openActionForm(a.g.h, a.g.data, x, a.g.changed, func(f *form) { a.g.form = f })
}

// openActionForm shows the dialog that creates or edits an action. data
// gives the choices (disciplines, metrics, units).
func openActionForm(h screen.Host, data view, x model.Action, changed func(), opened func(*form)) *form {
	names, keys := disciplineChoices(data.snap)
	discName := ""
	for i, k := range keys {
		if k == x.Discipline {
			discName = names[i]
		}
	}
	title := entry(x.Title, "What will be done, e.g. Call back every detractor within 48 hours")
	desc := multiline(x.Description, "Why, how, and how we will know it worked")
	disc := optionalSelect("—", names, discName)
	var metricNames []string
	if data.snap != nil {
		for _, m := range data.snap.Metrics {
			metricNames = append(metricNames, m.Name)
		}
	}
	metric := optionalSelect("—", metricNames, x.Metric)
	var units []string
	if data.snap != nil {
		units = data.snap.Units
	}
	unit := optionalSelect(model.AllUnitsLabel, units, x.Unit)
	owner := entry(x.Owner, "One person or team: Ana Souza, or ana@example.com")
	due := entry(dateText(x.Due), "e.g. 30 Jun 2026")
	var statuses []string
	for _, st := range model.ActionStatuses {
		statuses = append(statuses, statusTitle(string(st)))
	}
	status := widget.NewSelect(statuses, nil)
	status.SetSelected(statusTitle(string(x.Status)))
	if x.Status == "" {
		status.SetSelected(statusTitle(string(model.ActionOpen)))
	}
	gap := entry("", "the gap to target it closes, if any")
	gapText := ""
	if x.Gap != nil {
		gapText = charts.ScoreFormat.String(*x.Gap)
		gap.SetText(gapText)
	}
	dialogTitle := "New action"
	if x.ID != 0 {
		dialogTitle = "Action"
	}
	var hint fyne.CanvasObject
	if !x.Closed.IsZero() {
		hint = widget.NewLabel(fmt.Sprintf("Created %s, closed %s.", dateText(x.Created), dateText(x.Closed)))
	}
	ws := h.Workspace()
	f := newForm(h, formOptions{
		title: dialogTitle,
		items: []*widget.FormItem{
			widget.NewFormItem("Title", title),
			widget.NewFormItem("Description", desc),
			widget.NewFormItem("Discipline", disc),
			widget.NewFormItem("Metric", metric),
			widget.NewFormItem("Unit", unit),
			widget.NewFormItem("Owner", owner),
			widget.NewFormItem("Due", due),
			widget.NewFormItem("Status", status),
			widget.NewFormItem("Gap", gap),
		},
		extra: hint,
		check: func() (func(ctx context.Context) error, error) {
			n := x
			n.Title = strings.TrimSpace(title.Text)
			n.Description = strings.TrimSpace(desc.Text)
			n.Discipline, n.Metric, n.Unit = "", picked(metric), picked(unit)
			for i, name := range names {
				if name == disc.Selected {
					n.Discipline = keys[i]
				}
			}
			var errs []string
			var err error
			if n.Title == "" {
				errs = append(errs, "Title: say what will be done")
			}
			if n.Owner, err = parseOwner(owner.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.Due, err = parseDate("Due", due.Text); err != nil {
				errs = append(errs, err.Error())
			}
			if n.Status, err = model.ParseActionStatus(status.Selected); err != nil {
				errs = append(errs, err.Error())
			}
			if gap.Text != gapText || x.Gap == nil { // unchanged: keep the exact gap, not its rounding
				if n.Gap, err = parseNumber("Gap", gap.Text); err != nil {
					errs = append(errs, err.Error())
				}
			}
			stampAction(&n, x.Status, today(h))
			return saveWork(errs, n, (*workspace.Workspace).SaveAction, ws)
		},
		remove:      remover(h, x.ID, (*workspace.Workspace).DeleteAction),
		removeWhat:  "this action",
		afterChange: changed,
	})
	if opened != nil {
		opened(f)
	}
	f.show()
	return f
}

// stampAction dates what the store would date with its own clock, so the
// host's clock decides: created today when new, closed today when
// the status becomes done or dropped, reopened without a closed date.
func stampAction(a *model.Action, was model.ActionStatus, day time.Time) {
	if a.ID == 0 && a.Created.IsZero() {
		a.Created = day
	}
	switch {
	case a.Status.Closed() && (!was.Closed() || a.Closed.IsZero()):
		a.Closed = day
	case !a.Status.Closed():
		a.Closed = time.Time{}
	}
}

// disciplineChoices are the disciplines' names and keys in framework order.
func disciplineChoices(snap *workspace.State) (names, keys []string) {
	fw := model.DefaultFramework()
	if snap != nil {
		fw = snap.Framework
	}
	for _, d := range fw.Disciplines {
		names, keys = append(names, d.Name), append(keys, d.Key)
	}
	return names, keys
}
