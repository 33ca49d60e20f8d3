package screen

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"cxdash/workspace"
)

// Host is what every screen is given by the window around it: the open
// workspace and its scored state, the filters, navigation, and the ways
// to run slow work and to touch widgets afterwards. Screens never import
// the shell or each other; the compiler keeps it so.
type Host interface {
	// Context is cancelled when the window closes.
	Context() context.Context
	App() fyne.App
	Window() fyne.Window

	// Workspace is the open workspace; State its scored state, nil until
	// the first load; Filters what every screen shows.
	Workspace() *workspace.Workspace
	State() *workspace.State
	Filters() workspace.Filters
	// SetFilters applies new filters to every screen.
	SetFilters(workspace.Filters)
	// OnChange registers f to run on the UI goroutine whenever the state
	// or the filters change.
	OnChange(f func())
	// Reload rebuilds the state off the UI thread; the channel is closed
	// once the screens show it.
	Reload() <-chan struct{}

	// Show goes to a place: a screen and, for some, what it shows.
	Show(Place)
	// Run does slow work off the UI thread behind a progress dialog with
	// a Cancel button, then calls finish on the UI goroutine.
	Run(title string, work func(ctx context.Context, progress workspace.Progress) error, finish func(err error))
	// ShowError shows err as a sentence a person can act on.
	ShowError(err error)
	// Do runs f on the UI goroutine: the one way to touch widgets from
	// work done elsewhere.
	Do(f func())
	// Now is the clock: what "today" and "overdue" mean.
	Now() time.Time
}

// Screen names a screen of the window.
type Screen int

// The window's screens, in tab order.
const (
	Dashboard Screen = iota
	Discipline
	Governance
	Data
	Import
	Reports
	Settings
)

// Place is where navigation goes: a screen and, for the discipline view,
// the discipline's key, or for governance, the section.
type Place struct {
	Screen Screen
	Key    string
}

// At is the place of a screen as it was left.
func At(s Screen) Place { return Place{Screen: s} }

// DisciplinePlace is the discipline view on discipline key.
func DisciplinePlace(key string) Place { return Place{Screen: Discipline, Key: key} }

// GovernancePlace is the governance screen on one of its sections.
func GovernancePlace(section string) Place { return Place{Screen: Governance, Key: section} }

var screenNames = [...]string{"dashboard", "discipline", "governance", "data", "import", "reports", "settings"}

// String names the screen in lower case, as logs and tests write it.
func (s Screen) String() string {
	if s < 0 || int(s) >= len(screenNames) {
		return fmt.Sprintf("screen(%d)", int(s))
	}
	return screenNames[s]
}

// String is the screen's name and, when the place has one, its key:
// "discipline strategy".
func (p Place) String() string {
	if p.Key == "" {
		return p.Screen.String()
	}
	return p.Screen.String() + " " + p.Key
}
