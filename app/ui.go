package app

import (
	"context"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"cxdash/app/dashboard"
	"cxdash/app/databrowser"
	"cxdash/app/discipline"
	"cxdash/app/governance"
	"cxdash/app/imports"
	"cxdash/app/reports"
	"cxdash/app/screen"
	"cxdash/app/settings"
	"cxdash/assets"
	"cxdash/workspace"
)

// UI is the desktop app: one window on one workspace at a time.
type UI struct {
	s    *screen.Session
	tabs *container.AppTabs

	filters    *filterBar
	dashboard  *dashboard.Screen
	discipline *discipline.Screen
	importer   *imports.Screen
	reports    *reports.Screen
	governance *governance.Screen

	// loaded is closed when the first data is on screen.
	loaded <-chan struct{}
	// passwords typed for team servers this session, by redacted URL.
	passwords map[string]string
}

// liveInterval is how often the window looks for changes made elsewhere;
// tests shorten it.
var liveInterval = 5 * time.Second

// Preference keys.
const (
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefLastWS     = "workspace.last"
	prefRecentWS   = "workspace.recent"
	maxRecentSpace = 8
)

// New opens the workspace at dbPath (when "", the one open last time, else
// the default) and builds the main window. When
// dbPath is a team server that cannot be opened now, the window opens on
// the local default workspace and offers to connect.
func New(ctx context.Context, a fyne.App, dbPath string) (*UI, error) {
	if dbPath == "" {
		var err error
		if dbPath, err = StartupWorkspace(a); err != nil {
			return nil, err
		}
	}
	ws, pending, err := openStartupWorkspace(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	if len(assets.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	screen.ApplyThemePreference(a)
	s := screen.NewSession(ctx, a, a.NewWindow("cxdash"), ws)
	s.LiveInterval = liveInterval
	u := &UI{s: s}
	s.Navigate = u.show
	u.build()
	u.openedWorkspace(ws.Path())

	w, h := a.Preferences().FloatWithFallback(prefWidth, 1240), a.Preferences().FloatWithFallback(prefHeight, 780)
	s.Window().Resize(fyne.NewSize(float32(w), float32(h)))
	s.Window().SetOnDropped(u.dropped)
	s.Window().SetCloseIntercept(func() {
		size := s.Window().Canvas().Size()
		a.Preferences().SetFloat(prefWidth, float64(size.Width))
		a.Preferences().SetFloat(prefHeight, float64(size.Height))
		s.Window().Close()
	})
	s.Window().SetOnClosed(func() { s.Workspace().Close() })
	u.loaded = s.Reload()
	if pending != nil {
		u.offerServer(dbPath, pending)
	}
	return u, nil
}

// dropped previews files dropped on the window in the import screen.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		paths = append(paths, uri.Path())
	}
	if len(paths) > 0 {
		u.show(screen.At(screen.Import))
		u.importer.AddFiles(paths)
	}
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.s.Window() }

// ShowAndRun shows the window and runs the app until it closes.
func (u *UI) ShowAndRun() { u.s.Window().ShowAndRun() }

func (u *UI) build() {
	s := u.s
	u.filters = newFilterBar(s)
	u.dashboard = dashboard.New(s)
	u.discipline = discipline.New(s)
	u.importer = imports.New(s)
	u.reports = reports.New(s)
	u.governance = governance.New(s)
	items := []struct {
		key     screen.Screen
		title   string
		icon    fyne.Resource
		content fyne.CanvasObject
	}{
		{screen.Dashboard, "Dashboard", theme.HomeIcon(), u.dashboard.Content()},
		{screen.Discipline, "Disciplines", theme.ListIcon(), u.discipline.Content()},
		{screen.Governance, "Governance", theme.AccountIcon(), u.governance.Content()},
		{screen.Data, "Data", theme.GridIcon(), databrowser.New(s).Content()},
		{screen.Import, "Import", theme.DownloadIcon(), u.importer.Content()},
		{screen.Reports, "Reports", theme.DocumentSaveIcon(), u.reports.Content()},
		{screen.Settings, "Settings", theme.SettingsIcon(), settings.New(s).Content()},
	}
	u.tabs = container.NewAppTabs()
	for _, it := range items {
		u.tabs.Append(container.NewTabItemWithIcon(it.title, it.icon, it.content))
	}
	s.Window().SetContent(container.NewBorder(u.filters.content(), nil, nil, nil, u.tabs))
	s.Window().SetMainMenu(u.menu())
	u.shortcuts()
}

// show goes to a place: its screen's tab (tabs are in Screen order) and,
// for the discipline view and governance, what the place names.
func (u *UI) show(p screen.Place) {
	u.tabs.SelectIndex(int(p.Screen))
	switch {
	case p.Screen == screen.Discipline && p.Key != "":
		u.discipline.Show(p.Key)
	case p.Screen == screen.Governance && p.Key != "":
		u.governance.Show(p.Key)
	}
}

func (u *UI) menu() *fyne.MainMenu {
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("New workspace…", u.newWorkspace),
		fyne.NewMenuItem("Open workspace…", u.openWorkspaceDialog),
		u.recentMenu(),
		fyne.NewMenuItem("Save workspace as…", u.saveWorkspaceAs),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Connect to team server…", func() { u.connectDialog("") }),
		fyne.NewMenuItem("Copy workspace to team server…", u.copyToServerDialog),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Import workbooks…", func() { u.show(screen.At(screen.Import)); u.importer.OpenDialog() }),
		fyne.NewMenuItem("Export report…", func() { u.show(screen.At(screen.Reports)); u.reports.ExportDialog() }),
	)
	view := fyne.NewMenu("View",
		fyne.NewMenuItem("Dashboard", func() { u.show(screen.At(screen.Dashboard)) }),
		fyne.NewMenuItem("Disciplines", func() { u.show(screen.At(screen.Discipline)) }),
		fyne.NewMenuItem("Data", func() { u.show(screen.At(screen.Data)) }),
		fyne.NewMenuItem("Governance", func() { u.show(screen.At(screen.Governance)) }),
		fyne.NewMenuItem("Import history", func() { u.show(screen.At(screen.Import)) }),
		fyne.NewMenuItem("Filter…", u.filters.focus),
		fyne.NewMenuItem("Settings", func() { u.show(screen.At(screen.Settings)) }),
	)
	return fyne.NewMainMenu(file, view)
}

// shortcuts: Ctrl+O import, Ctrl+E export, Ctrl+N new workspace, Ctrl+F
// filter, Ctrl+1 … Ctrl+7 the tabs (Cmd on macOS).
func (u *UI) shortcuts() {
	add := func(key fyne.KeyName, f func()) {
		u.s.Window().Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { f() })
	}
	add(fyne.KeyO, func() { u.show(screen.At(screen.Import)); u.importer.OpenDialog() })
	add(fyne.KeyE, func() { u.show(screen.At(screen.Reports)); u.reports.ExportDialog() })
	add(fyne.KeyN, u.newWorkspace)
	add(fyne.KeyF, u.filters.focus)
	// Ctrl+1 … Ctrl+7 go to the tabs in order, as in a browser.
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7}
	for i, k := range keys[:len(u.tabs.Items)] {
		add(k, func() { u.show(screen.At(screen.Screen(i))) })
	}
}

// openedWorkspace records path as the current and most recent workspace;
// a team workspace's URL without its password.
func (u *UI) openedWorkspace(path string) {
	path = workspace.Redact(path)
	u.s.Window().SetTitle("cxdash — " + workspace.Label(path))
	prefs := u.s.App().Preferences()
	prefs.SetString(prefLastWS, path)
	recent := []string{path}
	for _, p := range prefs.StringList(prefRecentWS) {
		p = workspace.Redact(p) // older versions remembered URLs as typed
		if p != path && !slices.Contains(recent, p) && len(recent) < maxRecentSpace {
			recent = append(recent, p)
		}
	}
	prefs.SetStringList(prefRecentWS, recent)
	if u.tabs != nil {
		u.s.Window().SetMainMenu(u.menu())
	}
}
