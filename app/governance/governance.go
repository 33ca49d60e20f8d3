// Package governance is the screen where the numbers turn into work: who
// owns each discipline and metric and what they aim for, the actions that
// close the gaps, the log of CX failures customers felt, the timeline's
// events that the trend charts mark, and the audit trail of every change
// to them. It also gives the dashboard its two hooks into that work: a
// card listing late actions, and "Create action" on a gap to target.
package governance

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// Screen is the Governance screen: owners and targets, actions, the CX
// issue log, events and the audit trail, one section each; a list on the
// left switches section.
type Screen struct {
	h    screen.Host
	tabs *container.AppTabs

	owners  *owners
	actions *actions
	issues  *issues
	events  *events
	audit   *audit

	data   view // what is on screen; UI goroutine only
	latest screen.Latest
	form   *form // the dialog opened last; tests drive it
}

// view is what the Governance screen shows for one snapshot and set of
// filters, read off the UI thread.
type view struct {
	workspace.Governance
	snap    *workspace.State
	filters workspace.Filters
	today   time.Time
	latest  model.Period            // the latest period with data, at the filters' granularity
	last    map[string]model.Period // metric key → last period with a value, in the filters' unit
	audit   []model.AuditEntry
}

// The Governance screen's sections, as screen.GovernancePlace and Show
// name them.
const (
	SectionOwners  = "owners"
	SectionActions = "actions"
	SectionIssues  = "issues"
	SectionEvents  = "events"
	SectionAudit   = "audit"
)

var sections = []string{SectionOwners, SectionActions, SectionIssues, SectionEvents, SectionAudit}

// New makes the Governance screen; it shows the host's state and follows
// its changes.
func New(h screen.Host) *Screen {
	g := &Screen{h: h}
	g.owners = newOwners(g)
	g.actions = newActions(g)
	g.issues = newIssues(g)
	g.events = newEvents(g)
	g.audit = newAudit(g)
	g.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Owners & targets", theme.AccountIcon(), g.owners.box),
		container.NewTabItemWithIcon("Actions", theme.ConfirmIcon(), g.actions.box),
		container.NewTabItemWithIcon("CX issue log", theme.WarningIcon(), g.issues.box),
		container.NewTabItemWithIcon("Events", theme.HistoryIcon(), g.events.box),
		container.NewTabItemWithIcon("Audit trail", theme.VisibilityIcon(), g.audit.box),
	)
	g.tabs.SetTabLocation(container.TabLocationLeading)
	h.OnChange(func() { g.refresh() })
	return g
}

// Content is the screen's widget tree.
func (g *Screen) Content() fyne.CanvasObject { return g.tabs }

// Show selects a section by name (SectionOwners, …); other names leave
// the screen as it is.
func (g *Screen) Show(section string) {
	for i, name := range sections {
		if name == section {
			g.tabs.SelectIndex(i)
		}
	}
}

// refresh reads the governance records off the UI thread and shows them;
// it runs whenever the snapshot or the filters change and after each edit.
// The channel is closed once they show.
func (g *Screen) refresh() <-chan struct{} {
	seq, done := g.latest.Begin()
	snap, f, ws, ctx, day := g.h.State(), g.h.Filters(), g.h.Workspace(), g.h.Context(), today(g.h)
	entity := g.audit.entity()
	if ws == nil {
		g.latest.Finish(seq, done, func() {})
		return done
	}
	go func() {
		if g.latest.Stale(seq) {
			close(done)
			return
		}
		data, err := loadView(ctx, ws, snap, f, day, entity)
		g.h.Do(func() {
			g.latest.Finish(seq, done, func() {
				if err != nil {
					g.h.ShowError(fmt.Errorf("could not read the governance records: %w", err))
					return
				}
				g.apply(data)
			})
		})
	}()
	return done
}

// Idle is closed once the latest refresh is on screen.
func (g *Screen) Idle() <-chan struct{} { return g.latest.Idle() }

// loadView reads what the screen shows under filters f on day, with the
// audit trail of entity ("" for every one).
func loadView(ctx context.Context, ws *workspace.Workspace, snap *workspace.State, f workspace.Filters, day time.Time,
	entity string) (view, error) {
	d := view{snap: snap, filters: f, today: day}
	var err error
	if d.Governance, err = ws.Governance(ctx); err != nil {
		return d, err
	}
	if d.audit, err = ws.Audit(ctx, workspace.AuditFilter{Entity: entity, Limit: maxAuditRows}); err != nil {
		return d, err
	}
	if snap != nil && snap.Scorer != nil {
		gran := f.Gran
		if gran == 0 {
			gran = snap.DefaultGranularity()
		}
		d.latest, _ = snap.Scorer.Latest(gran)
		d.last = lastValues(snap.Scorer, f.Unit, gran)
	}
	return d, nil
}

// lastValues finds, for every metric, the latest period of granularity g
// in which unit has a value for it.
func lastValues(sc *model.Scorer, unit string, g model.Granularity) map[string]model.Period {
	if unit == "" {
		unit = model.AllUnits
	}
	out := map[string]model.Period{}
	ps := sc.Periods(g)
	for i := len(ps) - 1; i >= 0; i-- {
		for _, ds := range sc.Summary(unit, ps[i]).Disciplines {
			for _, ms := range ds.Metrics {
				k := model.MetricKey(ms.Metric)
				if _, ok := out[k]; !ok {
					out[k] = ps[i]
				}
			}
		}
	}
	return out
}

func (g *Screen) apply(d view) {
	g.data = d
	g.owners.set(d)
	g.actions.set(d)
	g.issues.set(d)
	g.events.set(d)
	g.audit.set(d)
}

// changed reloads every screen after a governance record was stored: the
// dashboard's overdue actions and trend events, and this screen.
func (g *Screen) changed() { g.h.Reload() }

// disciplineName is the name of the discipline with key, or key.
func (g *Screen) disciplineName(key string) string {
	if snap := g.data.snap; snap != nil {
		if d, ok := snap.Framework.Discipline(key); ok {
			return d.Name
		}
	}
	if d, ok := model.DefaultFramework().Discipline(key); ok {
		return d.Name
	}
	return key
}

// units are the business units with data.
func (g *Screen) units() []string {
	if g.data.snap == nil {
		return nil
	}
	return g.data.snap.Units
}

// header is a section's heading, its explanation and a row of tools.
func header(title, text string, tools ...fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox(screen.Heading(title), screen.Prose(text))
	if len(tools) > 0 {
		box.Add(container.NewHBox(tools...))
	}
	return container.NewPadded(box)
}

// wide gives a select room for its longest choice.
func wide(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(width, o.MinSize().Height)), o)
}

// newCount is a small grey line such as "12 actions, 3 overdue".
func newCount() *widget.Label {
	return widget.NewLabel("")
}
