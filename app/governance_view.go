package app

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

// governanceScreen is where the numbers turn into work: who owns each
// discipline and metric and what they aim for, the actions that close the
// gaps, the log of CX failures, the timeline's events and the audit trail
// of every change to them. A list on the left switches screen.Section.
type governanceScreen struct {
	s    *screen.Session
	tabs *container.AppTabs

	owners  *govOwners
	actions *govActions
	issues  *govIssues
	events  *govEvents
	audit   *govAudit

	data   govData // what is on screen; UI goroutine only
	latest screen.Latest
	form   *govForm // the dialog opened last; tests drive it
}

// govData is what the Governance screen shows for one snapshot and set of
// filters, read off the UI thread.
type govData struct {
	workspace.Governance
	snap    *workspace.State
	filters workspace.Filters
	today   time.Time
	latest  model.Period            // the latest period with data, at the filters' granularity
	last    map[string]model.Period // metric key → last period with a value, in the filters' unit
	audit   []model.AuditEntry
}

// Governance sections, as navigate("governance", screen.Section) names them.
const (
	govSectionOwners  = "owners"
	govSectionActions = "actions"
	govSectionIssues  = "issues"
	govSectionEvents  = "events"
	govSectionAudit   = "audit"
)

var govSections = []string{govSectionOwners, govSectionActions, govSectionIssues, govSectionEvents, govSectionAudit}

func newGovernanceScreen(s *screen.Session) *governanceScreen {
	g := &governanceScreen{s: s}
	g.owners = newGovOwners(g)
	g.actions = newGovActions(g)
	g.issues = newGovIssues(g)
	g.events = newGovEvents(g)
	g.audit = newGovAudit(g)
	g.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Owners & targets", theme.AccountIcon(), g.owners.box),
		container.NewTabItemWithIcon("Actions", theme.ConfirmIcon(), g.actions.box),
		container.NewTabItemWithIcon("CX issue log", theme.WarningIcon(), g.issues.box),
		container.NewTabItemWithIcon("Events", theme.HistoryIcon(), g.events.box),
		container.NewTabItemWithIcon("Audit trail", theme.VisibilityIcon(), g.audit.box),
	)
	g.tabs.SetTabLocation(container.TabLocationLeading)
	s.OnChange(func() { g.refresh() })
	return g
}

func (g *governanceScreen) content() fyne.CanvasObject { return g.tabs }

// show selects a section by name (govSection*).
func (g *governanceScreen) show(section string) {
	for i, name := range govSections {
		if name == section {
			g.tabs.SelectIndex(i)
		}
	}
}

// refresh reads the governance records off the UI thread and shows them;
// it runs whenever the snapshot or the filters change and after each edit.
// The channel is closed once they show.
func (g *governanceScreen) refresh() <-chan struct{} {
	seq, done := g.latest.Begin()
	snap, f, ws, ctx := g.s.State(), g.s.Filters(), g.s.Workspace(), g.s.Context()
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
		data, err := loadGovData(ctx, ws, snap, f, entity)
		g.s.Do(func() {
			g.latest.Finish(seq, done, func() {
				if err != nil {
					g.s.ShowError(fmt.Errorf("could not read the governance records: %w", err))
					return
				}
				g.apply(data)
			})
		})
	}()
	return done
}

// idle is closed once the latest refresh is on screen.
func (g *governanceScreen) idle() <-chan struct{} { return g.latest.Idle() }

func loadGovData(ctx context.Context, ws *workspace.Workspace, snap *workspace.State, f workspace.Filters, entity string) (govData, error) {
	d := govData{snap: snap, filters: f, today: today()}
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

func (g *governanceScreen) apply(d govData) {
	g.data = d
	g.owners.set(d)
	g.actions.set(d)
	g.issues.set(d)
	g.events.set(d)
	g.audit.set(d)
}

// changed reloads every screen after a governance record was stored: the
// dashboard's overdue actions and trend events, and this screen.
func (g *governanceScreen) changed() { g.s.Reload() }

// disciplineName is the name of the discipline with key, or key.
func (g *governanceScreen) disciplineName(key string) string {
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
func (g *governanceScreen) units() []string {
	if g.data.snap == nil {
		return nil
	}
	return g.data.snap.Units
}

// govHeader is a screen.Section's heading, its explanation and a row of tools.
func govHeader(title, text string, tools ...fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox(screen.Heading(title), screen.Prose(text))
	if len(tools) > 0 {
		box.Add(container.NewHBox(tools...))
	}
	return container.NewPadded(box)
}

// govWide gives a select room for its longest choice.
func govWide(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(width, o.MinSize().Height)), o)
}

// govCount is a small grey line such as "12 actions, 3 overdue".
func govCount() *widget.Label {
	return widget.NewLabel("")
}
