package governance

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
)

// maxAuditRows is how many audit entries the screen reads: the recent
// ones are what a person checks here.
const maxAuditRows = 500

var auditColumns = []column{
	{"When", 150, 0}, {"Who", 100, 0}, {"Record", 90, 0}, {"Which", 200, 1}, {"Change", 90, 0}, {"Details", 360, 3},
}

// auditEntities are the audit filter's choices and the entity each
// selects ("" for all).
var auditEntities = []struct{ label, entity string }{
	{"All records", ""}, {"Owners & targets", "ownership"}, {"Actions", "action"}, {"CX issues", "issue"}, {"Events", "event"},
}

// audit is the "Audit trail" section: who changed which governance
// record when, newest first.
type audit struct {
	g      *Screen
	box    fyne.CanvasObject
	table  *table
	filter *widget.Select
	count  *widget.Label
}

func newAudit(g *Screen) *audit {
	a := &audit{g: g, count: newCount()}
	a.table = newTable(auditColumns, nil)
	var labels []string
	for _, e := range auditEntities {
		labels = append(labels, e.label)
	}
	a.filter = widget.NewSelect(labels, func(string) { a.g.refresh() })
	a.filter.Selected = labels[0]
	head := header("Audit trail",
		"Every change to owners, actions, issues and events: who made it (the computer's user name), when, and what changed. "+
			"Imports and their undo are listed too.",
		widget.NewLabel("Show"), wide(a.filter, 180), a.count)
	a.box = container.NewBorder(head, nil, nil, nil, a.table.box)
	return a
}

// entity is the entity the filter selects; "" for every one.
func (a *audit) entity() string {
	for _, e := range auditEntities {
		if e.label == a.filter.Selected {
			return e.entity
		}
	}
	return ""
}

func (a *audit) set(d view) {
	var rows [][]cell
	for _, e := range d.audit {
		entity := e.Entity
		for _, x := range auditEntities {
			if x.entity == e.Entity && x.entity != "" {
				entity = x.label
			}
		}
		rows = append(rows, []cell{plain(e.At.Local().Format("2 Jan 2006 15:04")), plain(e.User), plain(entity),
			plain(e.Record), plain(e.Change), plain(e.Detail)})
	}
	a.table.set(rows)
	text := screen.Plural(len(rows), "change")
	if len(rows) == maxAuditRows {
		text = "the latest " + text
	}
	a.count.SetText(text)
}
