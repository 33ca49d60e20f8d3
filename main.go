// Command cxdash is a desktop dashboard for customer-experience maturity.
// With no subcommand it opens the window; subcommands run headless on the
// same workspace and code paths (see usage).
package main

import (
	"context"
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	cxapp "cxdash/app"
	"cxdash/internal/display"
	_ "cxdash/internal/posixlocale" // before Fyne reads the locale (e2e TestPOSIXLocale)
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, openWindow))
}

// openWindow runs the desktop app until its window closes, on dbPath or,
// when that is "", the workspace open last time (else the default one).
func openWindow(dbPath string) int {
	if err := display.Check(); err != nil {
		fmt.Fprintf(os.Stderr, "cxdash: %v; the commands still work: cxdash help\n", err)
		return exitRejected
	}
	// FyneApp.toml's ID: Fyne reads that file only in `fyne package` builds.
	a := fyneapp.NewWithID("io.cxdash.app")
	if dbPath == "" {
		var err error
		if dbPath, err = cxapp.StartupWorkspace(a); err != nil {
			return fail(os.Stderr, err)
		}
	}
	ui, err := cxapp.NewUI(context.Background(), a, dbPath)
	if err != nil {
		return fail(os.Stderr, err)
	}
	if ready := os.Getenv("CXDASH_READY_FILE"); ready != "" {
		ui.SignalReady(ready)
	}
	ui.ShowAndRun()
	return exitOK
}
