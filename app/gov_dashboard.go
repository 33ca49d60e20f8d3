package app

import (
	"fmt"
	"image/color"
	"strings"

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

// overdueCard tells the dashboard's reader which actions are late; it is
// hidden while none is. Tapping it opens Governance › Actions.
type overdueCard struct {
	s      *screen.Session
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

func newOverdueCard(s *screen.Session) *overdueCard {
	c := &overdueCard{s: s}
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
	s.OnChange(func() { c.refresh() })
	return c
}

func (c *overdueCard) open() { c.s.Show(screen.GovernancePlace(govSectionActions)) }

// refresh reads the overdue actions off the UI thread.
func (c *overdueCard) refresh() <-chan struct{} {
	seq, done := c.latest.Begin()
	ws, ctx, unit := c.s.Workspace(), c.s.Context(), c.s.Filters().Unit
	if ws == nil {
		c.latest.Finish(seq, done, func() {})
		return done
	}
	go func() {
		overdue, err := ws.OverdueActions(ctx, now())
		c.s.Do(func() {
			c.latest.Finish(seq, done, func() {
				if err != nil {
					c.s.ShowError(fmt.Errorf("could not read the actions: %w", err))
					return
				}
				c.show(overdue, unit)
			})
		})
	}()
	return done
}

// idle is closed once the latest refresh is on screen.
func (c *overdueCard) idle() <-chan struct{} { return c.latest.Idle() }

func (c *overdueCard) show(overdue []model.Action, unit string) {
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
	day := today()
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

func (c *overdueCard) setVisible(v bool) {
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

// gapAction is the "Create action" button of the dashboard's gaps panel:
// it offers the current gaps and opens a new action prefilled from the one
// chosen.
type gapAction struct {
	s      *screen.Session
	data   func() dashData // what the dashboard shows
	button *widget.Button
	menu   *widget.PopUpMenu // the choice of gaps, while shown
	gaps   *fyne.Menu        // its items
	form   *govForm          // the action dialog opened last; tests drive it
	opened chan struct{}     // closed when the dialog opens; tests wait on it
}

func newGapAction(s *screen.Session, data func() dashData) *gapAction {
	g := &gapAction{s: s, data: data, opened: make(chan struct{})}
	g.button = widget.NewButtonWithIcon("Create action", theme.ContentAddIcon(), g.choose)
	g.button.Importance = widget.LowImportance
	return g
}

// choose offers the gaps; with one gap it goes straight to the dialog.
func (g *gapAction) choose() {
	gaps := gapChoices(g.data())
	switch len(gaps) {
	case 0:
		screen.ShowExplanation(g.s.Window(), "Create action", []string{"No discipline is below its target in this view. " +
			"Set targets in Governance › Owners & targets, or create an action there."}, "", nil)
		return
	case 1:
		g.create(gaps[0])
		return
	}
	var items []*fyne.MenuItem
	for _, c := range gaps {
		items = append(items, fyne.NewMenuItem(c.title, func() { g.create(c) }))
	}
	g.gaps = fyne.NewMenu("", items...)
	g.menu = widget.NewPopUpMenu(g.gaps, g.s.Window().Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(g.button)
	g.menu.ShowAtPosition(pos.Add(fyne.NewPos(0, g.button.Size().Height)))
}

// create opens the new-action dialog for gap c, with the discipline's
// owner and target date read off the UI thread.
func (g *gapAction) create(c gapChoice) {
	if g.menu != nil {
		g.menu.Hide()
		g.menu = nil
	}
	ws, ctx, snap := g.s.Workspace(), g.s.Context(), g.s.State()
	go func() {
		owners, err := ws.Ownerships(ctx)
		acts, aerr := ws.Actions(ctx, workspace.ActionFilter{})
		if err == nil {
			err = aerr
		}
		g.s.Do(func() {
			if err != nil {
				g.s.ShowError(fmt.Errorf("could not read the owners: %w", err))
				return
			}
			data := govData{snap: snap, Governance: workspace.Governance{Ownerships: owners, Actions: acts}}
			openActionForm(g.s, data, c.action(owners), func() { g.s.Reload() }, func(f *govForm) { g.form = f })
			old := g.opened
			g.opened = make(chan struct{}) // before the close: a waiter then sees the new one
			close(old)
		})
	}()
}

// gapChoice is one gap to target that an action can close.
type gapChoice struct {
	key, name     string
	score, target float64
	unit          string
	title         string
}

// gapChoices are the current gaps, largest first, as the gaps chart shows
// them; disciplines at or above target have none.
func gapChoices(d dashData) []gapChoice {
	var out []gapChoice
	for _, b := range d.gaps.Bars {
		for _, ds := range d.cur.Disciplines {
			if ds.Name != b.Label || ds.Gap == nil || ds.Target == nil || *ds.Gap <= 0 || !ds.Present {
				continue
			}
			f := charts.ScoreFormat
			out = append(out, gapChoice{key: ds.Key, name: ds.Name, score: ds.Score, target: *ds.Target, unit: d.unit,
				title: fmt.Sprintf("Close the gap in %s (%s → %s)", ds.Name, f.String(ds.Score), f.String(*ds.Target))})
		}
	}
	return out
}

// action is the new action a gap suggests: its discipline, gap and unit,
// owned by the discipline's owner and due by its target date.
func (g gapChoice) action(owners []model.Ownership) model.Action {
	gap := g.target - g.score
	a := model.Action{Title: g.title, Discipline: g.key, Gap: &gap, Status: model.ActionOpen}
	if g.unit != model.AllUnits {
		a.Unit = g.unit
	}
	for _, o := range owners {
		if o.Kind == model.SubjectDiscipline && o.Key == g.key {
			a.Owner, a.Due = o.Owner, o.TargetDate
		}
	}
	return a
}
