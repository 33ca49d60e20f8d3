package app

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

var govEventColumns = []govColumn{{"Date", 110, 0}, {"Unit", 120, 0}, {"Event", 260, 1}, {"Description", 360, 3}}

// govEvents is the "Events" screen.Section: dated annotations (an outage, a
// relaunch, a reorganisation) that every trend chart marks, so a dip or a
// jump has its reason beside it.
type govEvents struct {
	govList[model.Event]
}

func newGovEvents(g *governanceScreen) *govEvents {
	v := &govEvents{}
	v.setup(g, govEventColumns, "Add event…", v.open, func() model.Event { return model.Event{Date: today()} })
	head := govHeader("Timeline events",
		"Outages, relaunches, reorganisations: each is marked on the trend charts in its period, for its unit or for all.",
		v.add, v.count)
	v.box = container.NewBorder(head, nil, nil, nil, v.table.box)
	return v
}

func (v *govEvents) set(d govData) {
	v.shown = v.shown[:0]
	var rows [][]govCell
	for _, e := range slices.Backward(d.Events) { // newest first: the recent ones matter most
		if !screen.OfUnit(e.Unit, d.filters.Unit) {
			continue
		}
		unit := plain(e.Unit)
		if e.Unit == "" {
			unit = muted(model.AllUnitsLabel)
		}
		date := plain(govDate(e.Date))
		if e.Date.After(d.today) {
			date = govCell{text: date.text + " (planned)", imp: widget.LowImportance}
		}
		v.shown = append(v.shown, e)
		rows = append(rows, []govCell{date, unit, {text: e.Title, bold: true}, plain(e.Description)})
	}
	v.table.set(rows)
	v.count.SetText(screen.Plural(len(v.shown), "event"))
}

// open shows the dialog for e; ID 0 adds a new one.
func (v *govEvents) open(e model.Event) {
	s := v.g.s
	date := govEntry(govDate(e.Date), "e.g. 3 Feb 2026")
	unit := govSelect(model.AllUnitsLabel, v.g.units(), e.Unit)
	title := govEntry(e.Title, "e.g. Billing system outage")
	desc := govMultiline(e.Description, "What happened and what it may have changed")
	dialogTitle := "Add event"
	if e.ID != 0 {
		dialogTitle = "Event"
	}
	ws := s.Workspace()
	v.g.showForm(govFormOptions{
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
			if n.Date, err = parseGovWhen(date.Text); err != nil {
				errs = append(errs, err.Error())
			}
			n.Unit = govPicked(unit)
			n.Title, n.Description = strings.TrimSpace(title.Text), strings.TrimSpace(desc.Text)
			if n.Title == "" {
				errs = append(errs, "Title: name the event, as the chart will show it")
			}
			return govSaveWork(errs, n, (*workspace.Workspace).SaveEvent, ws)
		},
		remove:      govRemover(s, e.ID, (*workspace.Workspace).DeleteEvent),
		removeWhat:  "this event",
		afterChange: v.g.changed,
	})
}
