package governance

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

var issueColumns = []column{
	{"Date", 105, 0}, {"Touchpoint", 100, 0}, {"Unit", 80, 0}, {"Severity", 95, 0}, {"What happened", 190, 3},
	{"Root cause", 120, 2}, {"Status", 120, 0}, {"Action", 120, 1}, {"Resolved", 105, 0},
}

// Status filters of the issue log.
const (
	issuesOpen = "Not yet resolved"
	issuesAll  = "All statuses"
)

// issues is the "CX issue log" section: what went wrong for customers,
// where, how badly and why, with charts of where issues cluster and how
// long they take to fix.
type issues struct {
	list[model.CXIssue]
	charts *issueCharts
	status *widget.Select
}

func newIssues(g *Screen) *issues {
	v := &issues{charts: newIssueCharts()}
	v.setup(g, issueColumns, "Log issue…", v.open, func() model.CXIssue {
		return model.CXIssue{Date: today(g.h), Severity: model.SeverityMedium, Status: model.IssueOpen}
	})
	v.status = statusFilter([]string{issuesAll, issuesOpen}, model.IssueStatuses, func() { v.set(v.g.data) })
	v.status.SetSelected(issuesAll)
	head := header("CX issue log",
		"Failures customers felt, so their causes can be fixed. Log one when it happens; link it to the action that fixes it.",
		v.add, widget.NewLabel("Show"), wide(v.status, 170), v.count)
	split := container.NewVSplit(v.charts.box, v.table.box)
	split.Offset = 0.42
	v.box = container.NewBorder(head, nil, nil, nil, split)
	return v
}

func (v *issues) set(d view) {
	v.shown = v.shown[:0]
	var rows [][]cell
	var inUnit []model.CXIssue
	open := 0
	titles := map[int64]string{}
	for _, a := range d.Actions {
		titles[a.ID] = a.Title
	}
	for _, i := range d.Issues {
		if !screen.OfUnit(i.Unit, d.filters.Unit) {
			continue
		}
		inUnit = append(inUnit, i)
		if i.Status != model.IssueResolved {
			open++
		}
		if !v.wanted(i.Status) {
			continue
		}
		v.shown = append(v.shown, i)
		rows = append(rows, v.cells(i, titles))
	}
	v.table.set(rows)
	v.count.SetText(fmt.Sprintf("%s, %d not yet resolved", screen.Plural(len(inUnit), "issue"), open))
	v.charts.set(inUnit, d.filters.Gran)
}

func (v *issues) wanted(s model.IssueStatus) bool {
	switch v.status.Selected {
	case issuesAll, "":
		return true
	case issuesOpen:
		return s != model.IssueResolved
	}
	return strings.EqualFold(v.status.Selected, string(s))
}

func (v *issues) cells(i model.CXIssue, titles map[int64]string) []cell {
	sev := plain(statusTitle(string(i.Severity)))
	switch i.Severity {
	case model.SeverityCritical:
		sev = cell{text: sev.text, imp: widget.DangerImportance, icon: theme.ErrorIcon()}
	case model.SeverityHigh:
		sev.imp = widget.WarningImportance
	}
	status := plain(statusTitle(string(i.Status)))
	if i.Status != model.IssueResolved {
		status.bold = true
	}
	action := i.ActionTitle
	if t, ok := titles[i.ActionID]; ok && i.ActionID != 0 {
		action = t
	}
	unit := i.Unit
	if unit == "" {
		unit = model.AllUnitsLabel
	}
	return []cell{plain(dateText(i.Date)), plain(i.Touchpoint), plain(unit), sev, plain(i.Description),
		plain(i.RootCause), status, plain(action), plain(dateText(i.Resolved))}
}

// open shows the dialog for issue i; ID 0 logs a new one.
func (v *issues) open(i model.CXIssue) {
	h, data := v.g.h, v.g.data
	date := entry(dateText(i.Date), "e.g. 14 Mar 2026")
	touch := widget.NewSelectEntry(model.Touchpoints)
	touch.SetText(i.Touchpoint)
	touch.SetPlaceHolder("pick one or type another")
	var units []string
	if data.snap != nil {
		units = data.snap.Units
	}
	unit := optionalSelect(model.AllUnitsLabel, units, i.Unit)
	var sevs []string
	for _, x := range model.Severities {
		sevs = append(sevs, statusTitle(string(x)))
	}
	sev := widget.NewSelect(sevs, nil)
	sev.SetSelected(statusTitle(string(i.Severity)))
	desc := multiline(i.Description, "What happened to customers")
	cause := multiline(i.RootCause, "Why it happened, once known")
	var sts []string
	for _, x := range model.IssueStatuses {
		sts = append(sts, statusTitle(string(x)))
	}
	status := widget.NewSelect(sts, nil)
	status.SetSelected(statusTitle(string(i.Status)))
	names, keys := disciplineChoices(data.snap)
	discName := ""
	if k := slices.Index(keys, i.Discipline); k >= 0 {
		discName = names[k]
	}
	disc := optionalSelect("—", names, discName)
	var titles []string
	ids := map[string]int64{}
	linked := ""
	for _, a := range data.Actions {
		if _, dup := ids[a.Title]; !dup {
			titles = append(titles, a.Title)
			ids[a.Title] = a.ID
		}
		if a.ID == i.ActionID && i.ActionID != 0 {
			linked = a.Title
		}
	}
	action := optionalSelect("—", titles, linked)
	title := "Log a CX issue"
	if i.ID != 0 {
		title = "CX issue"
	}
	ws := h.Workspace()
	v.g.showForm(formOptions{
		title: title,
		items: []*widget.FormItem{
			widget.NewFormItem("Date", date),
			widget.NewFormItem("Touchpoint", touch),
			widget.NewFormItem("Unit", unit),
			widget.NewFormItem("Severity", sev),
			widget.NewFormItem("What happened", desc),
			widget.NewFormItem("Root cause", cause),
			widget.NewFormItem("Status", status),
			widget.NewFormItem("Discipline", disc),
			widget.NewFormItem("Action", action),
		},
		check: func() (func(ctx context.Context) error, error) {
			n := i
			var errs []string
			var err error
			if n.Date, err = parseWhen(date.Text); err != nil {
				errs = append(errs, err.Error())
			} else if n.Date.After(today(h)) {
				errs = append(errs, "Date: "+dateText(n.Date)+" is in the future")
			}
			n.Touchpoint = model.NormalizeTouchpoint(touch.Text)
			n.Unit = picked(unit)
			if n.Severity, err = model.ParseSeverity(sev.Selected); err != nil {
				errs = append(errs, err.Error())
			}
			n.Description, n.RootCause = strings.TrimSpace(desc.Text), strings.TrimSpace(cause.Text)
			if n.Description == "" {
				errs = append(errs, "What happened: describe the issue")
			}
			if n.Status, err = model.ParseIssueStatus(status.Selected); err != nil {
				errs = append(errs, err.Error())
			}
			n.Discipline = ""
			if k := slices.Index(names, disc.Selected); k >= 0 {
				n.Discipline = keys[k]
			}
			n.ActionID, n.ActionTitle = 0, ""
			if action.SelectedIndex() > 0 {
				n.ActionID, n.ActionTitle = ids[action.Selected], action.Selected
			}
			switch {
			case n.Status == model.IssueResolved && (i.Status != model.IssueResolved || n.Resolved.IsZero()):
				n.Resolved = today(h)
			case n.Status != model.IssueResolved:
				n.Resolved = time.Time{}
			}
			return saveWork(errs, n, (*workspace.Workspace).SaveIssue, ws)
		},
		remove:      remover(h, i.ID, (*workspace.Workspace).DeleteIssue),
		removeWhat:  "this issue",
		afterChange: v.g.changed,
	})
}
