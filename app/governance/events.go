package governance

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

var eventColumns = []column{{"Date", 110, 0}, {"Unit", 120, 0}, {"Event", 260, 1}, {"Description", 360, 3}}

// events is the "Events" section: dated annotations (an outage, a
// relaunch, a reorganisation) that every trend chart marks, so a dip or a
// jump has its reason beside it.
type events struct {
	list[model.Event]
}

func newEvents(g *Screen) *events {
	v := &events{}
	v.setup(g, eventColumns, "Add event…", v.open, func() model.Event { return model.Event{Date: today(g.h)} })
	head := header("Timeline events",
		"Outages, relaunches, reorganisations: each is marked on the trend charts in its period, for its unit or for all.",
		v.add, v.count)
	v.box = container.NewBorder(head, nil, nil, nil, v.table.box)
	return v
}

func (v *events) set(d view) {
	v.shown = v.shown[:0]
	var rows [][]cell
	for _, e := range slices.Backward(d.Events) { // newest first: the recent ones matter most
		if !screen.OfUnit(e.Unit, d.filters.Unit) {
			continue
		}
		unit := plain(e.Unit)
		if e.Unit == "" {
			unit = muted(model.AllUnitsLabel)
		}
		date := plain(dateText(e.Date))
		if e.Date.After(d.today) {
			date = cell{text: date.text + " (planned)", imp: widget.LowImportance}
		}
		v.shown = append(v.shown, e)
		rows = append(rows, []cell{date, unit, {text: e.Title, bold: true}, plain(e.Description)})
	}
	v.table.set(rows)
	v.count.SetText(screen.Plural(len(v.shown), "event"))
}

// open shows the dialog for e; ID 0 adds a new one.
func (v *events) open(e model.Event) {
	h := v.g.h
	date := entry(dateText(e.Date), "e.g. 3 Feb 2026")
	unit := optionalSelect(model.AllUnitsLabel, v.g.units(), e.Unit)
	title := entry(e.Title, "e.g. Billing system outage")
	desc := multiline(e.Description, "What happened and what it may have changed")
	dialogTitle := "Add event"
	if e.ID != 0 {
		dialogTitle = "Event"
	}
	ws := h.Workspace()
	v.g.showForm(formOptions{
		title: dialogTitle,
		items: []*widget.FormItem{
			widget.NewFormItem("Date", date),
			widget.NewFormItem("Unit", unit),
			widget.NewFormItem("Title", title),
			widget.NewFormItem("Description", desc),
		},
		check: func() (func(ctx context.Context) error, error) {
			n := e
			var errs []string
			var err error
			if n.Date, err = parseWhen(date.Text); err != nil {
				errs = append(errs, err.Error())
			}
			n.Unit = picked(unit)
			n.Title, n.Description = strings.TrimSpace(title.Text), strings.TrimSpace(desc.Text)
			if n.Title == "" {
				errs = append(errs, "Title: name the event, as the chart will show it")
			}
			return saveWork(errs, n, (*workspace.Workspace).SaveEvent, ws)
		},
		remove:      remover(h, e.ID, (*workspace.Workspace).DeleteEvent),
		removeWhat:  "this event",
		afterChange: v.g.changed,
	})
}
