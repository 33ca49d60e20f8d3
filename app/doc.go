// Package app is cxdash's desktop window (Fyne): the shell around the
// screens. It owns the window, its tabs, menus and shortcuts, the filter
// bar, opening and switching workspaces (files and team servers) and the
// session every screen is given (app/screen). Each screen is a package of
// its own under app/; screens reach the data only through package
// workspace, never the store.
package app
