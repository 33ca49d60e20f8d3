package governance

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// The dashboard's governance hooks: a card listing overdue actions, and
// "Create action" on the gaps to target.

// OverdueCard tells the dashboard's reader which actions are late; it is
// hidden while none is. Tapping it opens Governance › Actions.
type OverdueCard struct {
	h      screen.Host
	box    *fyne.Container
	title  *widget.Label
	list   *widget.Label
	shown  []model.Action
	latest screen.Latest
	// onShown is called when the card shows or hides, for the dashboard to
	// lay out its first screen again.
	onShown func()
}

// maxOverdueListed is how many overdue actions the card names.
const maxOverdueListed = 3

// NewOverdueCard makes the late-actions card; it refreshes itself
// whenever the host's state or filters change.
func NewOverdueCard(h screen.Host) *OverdueCard {
	c := &OverdueCard{h: h}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.Importance = widget.DangerImportance
	c.list = widget.NewLabel("")
	c.list.Truncation = fyne.TextTruncateEllipsis
	open := widget.NewButtonWithIcon("Open actions", theme.NavigateNextIcon(), c.open)
	open.Importance = widget.LowImportance
	// A pale red that reads on light and dark backgrounds alike.
	bg := canvas.NewRectangle(color.NRGBA{R: 0xf4, G: 0x43, B: 0x36, A: 0x2a})
	bg.CornerRadius = 6
	// One line, so that the card takes little of the dashboard's first screen.
	row := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon())),
		c.title), open, c.list)
	c.box = container.NewStack(bg, screen.NewTapRow(row, c.open))
	c.box.Hide()
	h.OnChange(func() { c.refresh() })
	return c
}

// Content is the card, hidden while no action is overdue.
func (c *OverdueCard) Content() fyne.CanvasObject { return c.box }

// SetOnShown sets what runs when the card shows or hides, for the
// dashboard to lay out its first screen again.
func (c *OverdueCard) SetOnShown(f func()) { c.onShown = f }

// Idle is closed once the latest refresh is on screen.
func (c *OverdueCard) Idle() <-chan struct{} { return c.latest.Idle() }

func (c *OverdueCard) open() { c.h.Show(screen.GovernancePlace(SectionActions)) }

// refresh reads the overdue actions off the UI thread.
func (c *OverdueCard) refresh() <-chan struct{} {
	seq, done := c.latest.Begin()
	ws, ctx, unit, at := c.h.Workspace(), c.h.Context(), c.h.Filters().Unit, c.h.Now()
	if ws == nil {
		c.latest.Finish(seq, done, func() {})
		return done
	}
	go func() {
		overdue, err := ws.OverdueActions(ctx, at)
		c.h.Do(func() {
			c.latest.Finish(seq, done, func() {
				if err != nil {
					c.h.ShowError(fmt.Errorf("could not read the actions: %w", err))
					return
				}
				c.show(overdue, unit, model.Day(at))
			})
		})
	}()
	return done
}

// show lists the overdue actions of unit, as late as they are on day.
func (c *OverdueCard) show(overdue []model.Action, unit string, day time.Time) {
	c.shown = c.shown[:0]
	for _, a := range overdue {
		if screen.OfUnit(a.Unit, unit) {
			c.shown = append(c.shown, a)
		}
	}
	if len(c.shown) == 0 {
		c.setVisible(false)
		return
	}
	c.title.SetText(fmt.Sprintf("%s overdue", screen.Plural(len(c.shown), "action")))
	var parts []string
	for _, a := range c.shown[:min(len(c.shown), maxOverdueListed)] {
		late := int(day.Sub(model.Day(a.Due)).Hours() / 24)
		who := ""
		if a.Owner != "" {
			who = a.Owner + ", "
		}
		parts = append(parts, fmt.Sprintf("%s (%s%s late)", a.Title, who, screen.Plural(late, "day")))
	}
	text := strings.Join(parts, " · ")
	if more := len(c.shown) - maxOverdueListed; more > 0 {
		text += fmt.Sprintf(" · and %d more", more)
	}
	c.list.SetText(text)
	c.setVisible(true)
	c.box.Refresh()
}

func (c *OverdueCard) setVisible(v bool) {
	if c.box.Visible() == v {
		return
	}
	if v {
		c.box.Show()
	} else {
		c.box.Hide()
	}
	if c.onShown != nil {
		c.onShown()
	}
}

// Gap is a discipline below its target that an action can close, as the
// dashboard's gaps panel shows it.
type Gap struct {
	Key, Name     string // discipline key and display name
	Score, Target float64
	Unit          string // model.AllUnits or a unit
}

// title is the title of the action the gap suggests.
func (g Gap) title() string {
	f := charts.ScoreFormat
	return fmt.Sprintf("Close the gap in %s (%s → %s)", g.Name, f.String(g.Score), f.String(g.Target))
}

// action is the new action a gap suggests: its discipline, gap and unit,
// owned by the discipline's owner and due by its target date.
func (g Gap) action(owners []model.Ownership) model.Action {
	gap := g.Target - g.Score
	a := model.Action{Title: g.title(), Discipline: g.Key, Gap: &gap, Status: model.ActionOpen}
	if g.Unit != model.AllUnits {
		a.Unit = g.Unit
	}
	for _, o := range owners {
		if o.Kind == model.SubjectDiscipline && o.Key == g.Key {
			a.Owner, a.Due = o.Owner, o.TargetDate
		}
	}
	return a
}

// GapAction is the "Create action" button of the dashboard's gaps panel:
// it offers the current gaps and opens a new action prefilled from the one
// chosen.
type GapAction struct {
	h       screen.Host
	gaps    func() []Gap // what the gaps panel shows, largest first
	button  *widget.Button
	menu    *widget.PopUpMenu // the choice of gaps, while shown
	choices *fyne.Menu        // its items
	form    *form             // the action dialog opened last; tests drive it
	opened  chan struct{}     // closed when the dialog opens; tests wait on it
}

// NewGapAction makes the "Create action" button; gaps gives the gaps to
// offer, largest first, when it is tapped.
func NewGapAction(h screen.Host, gaps func() []Gap) *GapAction {
	g := &GapAction{h: h, gaps: gaps, opened: make(chan struct{})}
	g.button = widget.NewButtonWithIcon("Create action", theme.ContentAddIcon(), g.choose)
	g.button.Importance = widget.LowImportance
	return g
}

// Button is the "Create action" button.
func (g *GapAction) Button() *widget.Button { return g.button }

// choose offers the gaps; with one gap it goes straight to the dialog.
func (g *GapAction) choose() {
	gaps := g.gaps()
	switch len(gaps) {
	case 0:
		screen.ShowExplanation(g.h.Window(), "Create action", []string{"No discipline is below its target in this view. " +
			"Set targets in Governance › Owners & targets, or create an action there."}, "", nil)
		return
	case 1:
		g.create(gaps[0])
		return
	}
	var items []*fyne.MenuItem
	for _, c := range gaps {
		items = append(items, fyne.NewMenuItem(c.title(), func() { g.create(c) }))
	}
	g.choices = fyne.NewMenu("", items...)
	g.menu = widget.NewPopUpMenu(g.choices, g.h.Window().Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(g.button)
	g.menu.ShowAtPosition(pos.Add(fyne.NewPos(0, g.button.Size().Height)))
}

// create opens the new-action dialog for gap c, with the discipline's
// owner and target date read off the UI thread.
func (g *GapAction) create(c Gap) {
	if g.menu != nil {
		g.menu.Hide()
		g.menu = nil
	}
	ws, ctx, snap := g.h.Workspace(), g.h.Context(), g.h.State()
	go func() {
		owners, err := ws.Ownerships(ctx)
		acts, aerr := ws.Actions(ctx, workspace.ActionFilter{})
		if err == nil {
			err = aerr
		}
		g.h.Do(func() {
			if err != nil {
				g.h.ShowError(fmt.Errorf("could not read the owners: %w", err))
				return
			}
			data := view{snap: snap, Governance: workspace.Governance{Ownerships: owners, Actions: acts}}
			openActionForm(g.h, data, c.action(owners), func() { g.h.Reload() }, func(f *form) { g.form = f })
			old := g.opened
			g.opened = make(chan struct{}) // before the close: a waiter then sees the new one
			close(old)
		})
	}()
}
