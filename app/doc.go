// Package app is cxdash's desktop user interface (Fyne) and the workspace
// operations the window and the command line share. Screens never run SQL
// or parse files themselves: they call Workspace, which calls store and
// importers.
package app
