package app

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"cxdash/assets"
	"cxdash/store"
)

// UI is the desktop app: one window on one workspace at a time.
type UI struct {
	s    *session
	tabs *container.AppTabs

	filters     *filterBar
	dashboard   fyne.CanvasObject
	discipline  *disciplineScreen
	importer    *importScreen
	reports     *reportsScreen
	governance  *governanceScreen
	screenIndex map[string]int

	// loaded is closed when the first data is on screen.
	loaded <-chan struct{}
	// passwords typed for team servers this session, by redacted URL.
	passwords map[string]string
}

// Preference keys.
const (
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefLastWS     = "workspace.last"
	prefRecentWS   = "workspace.recent"
	maxRecentSpace = 8
)

// NewUI opens the workspace at dbPath and builds the main window. When
// dbPath is a team server that cannot be opened now, the window opens on
// the local default workspace and offers to connect.
func NewUI(ctx context.Context, a fyne.App, dbPath string) (*UI, error) {
	ws, pending, err := openStartupWorkspace(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	if len(assets.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	applyThemePreference(a)
	s := &session{ctx: ctx, app: a, ws: ws, win: a.NewWindow("cxdash")}
	u := &UI{s: s}
	s.navigate = u.navigate
	u.build()
	u.openedWorkspace(ws.Store.Path())

	w, h := a.Preferences().FloatWithFallback(prefWidth, 1240), a.Preferences().FloatWithFallback(prefHeight, 780)
	s.win.Resize(fyne.NewSize(float32(w), float32(h)))
	s.win.SetOnDropped(u.dropped)
	s.win.SetCloseIntercept(func() {
		size := s.win.Canvas().Size()
		a.Preferences().SetFloat(prefWidth, float64(size.Width))
		a.Preferences().SetFloat(prefHeight, float64(size.Height))
		s.win.Close()
	})
	s.win.SetOnClosed(func() { s.ws.Close() })
	u.loaded = s.reload()
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
		u.navigate("import", nil)
		u.importer.importFiles(paths)
	}
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.s.win }

// ShowAndRun shows the window and runs the app until it closes.
func (u *UI) ShowAndRun() { u.s.win.ShowAndRun() }

func (u *UI) build() {
	s := u.s
	u.filters = newFilterBar(s)
	u.dashboard = newDashboardScreen(s)
	u.discipline = newDisciplineScreen(s)
	u.importer = newImportScreen(s)
	u.reports = newReportsScreen(s)
	u.governance = newGovernanceScreen(s)
	items := []struct {
		key, title string
		icon       fyne.Resource
		content    fyne.CanvasObject
	}{
		{"dashboard", "Dashboard", theme.HomeIcon(), u.dashboard},
		{"discipline", "Disciplines", theme.ListIcon(), u.discipline.content()},
		{"governance", "Governance", theme.AccountIcon(), u.governance.content()},
		{"data", "Data", theme.GridIcon(), newDataScreen(s)},
		{"import", "Import", theme.DownloadIcon(), u.importer.content()},
		{"reports", "Reports", theme.DocumentSaveIcon(), u.reports.content()},
		{"settings", "Settings", theme.SettingsIcon(), newSettingsScreen(s)},
	}
	u.tabs = container.NewAppTabs()
	u.screenIndex = map[string]int{}
	for i, it := range items {
		u.tabs.Append(container.NewTabItemWithIcon(it.title, it.icon, it.content))
		u.screenIndex[it.key] = i
	}
	s.win.SetContent(container.NewBorder(u.filters.content(), nil, nil, nil, u.tabs))
	s.win.SetMainMenu(u.menu())
	u.shortcuts()
}

// navigate shows a screen; for "discipline" arg is the discipline key.
func (u *UI) navigate(screen string, arg any) {
	if i, ok := u.screenIndex[screen]; ok {
		u.tabs.SelectIndex(i)
	}
	if key, ok := arg.(string); ok && screen == "discipline" {
		u.discipline.show(key)
	}
	if section, ok := arg.(string); ok && screen == "governance" {
		u.governance.show(section)
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
		fyne.NewMenuItem("Import workbooks…", func() { u.navigate("import", nil); u.importer.openDialog() }),
		fyne.NewMenuItem("Export report…", func() { u.navigate("reports", nil); u.reports.exportDialog() }),
	)
	view := fyne.NewMenu("View",
		fyne.NewMenuItem("Dashboard", func() { u.navigate("dashboard", nil) }),
		fyne.NewMenuItem("Disciplines", func() { u.navigate("discipline", nil) }),
		fyne.NewMenuItem("Data", func() { u.navigate("data", nil) }),
		fyne.NewMenuItem("Governance", func() { u.navigate("governance", nil) }),
		fyne.NewMenuItem("Import history", func() { u.navigate("import", nil) }),
		fyne.NewMenuItem("Filter…", u.filters.focus),
		fyne.NewMenuItem("Settings", func() { u.navigate("settings", nil) }),
	)
	return fyne.NewMainMenu(file, view)
}

// shortcuts: Ctrl+O import, Ctrl+E export, Ctrl+N new workspace, Ctrl+F
// filter (Cmd on macOS).
func (u *UI) shortcuts() {
	add := func(key fyne.KeyName, f func()) {
		u.s.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { f() })
	}
	add(fyne.KeyO, func() { u.navigate("import", nil); u.importer.openDialog() })
	add(fyne.KeyE, func() { u.navigate("reports", nil); u.reports.exportDialog() })
	add(fyne.KeyN, u.newWorkspace)
	add(fyne.KeyF, u.filters.focus)
}

// openedWorkspace records path as the current and most recent workspace;
// a team workspace's URL without its password.
func (u *UI) openedWorkspace(path string) {
	path = store.Redact(path)
	u.s.win.SetTitle("cxdash — " + workspaceLabel(path))
	prefs := u.s.app.Preferences()
	prefs.SetString(prefLastWS, path)
	recent := []string{path}
	for _, p := range prefs.StringList(prefRecentWS) {
		p = store.Redact(p) // older versions remembered URLs as typed
		if p != path && !slices.Contains(recent, p) && len(recent) < maxRecentSpace {
			recent = append(recent, p)
		}
	}
	prefs.SetStringList(prefRecentWS, recent)
	if u.tabs != nil {
		u.s.win.SetMainMenu(u.menu())
	}
}
