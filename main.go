// Command cxdash is a desktop dashboard for customer-experience maturity.
// With no command it opens the window; commands run headless on the same
// workspace operations (cxdash help).
package main

import (
	"context"
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	cxapp "cxdash/app"
	"cxdash/cli"
	"cxdash/internal/display"
	_ "cxdash/internal/posixlocale" // before Fyne reads the locale (e2e TestPOSIXLocale)
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, openWindow))
}

// openWindow runs the desktop app until its window closes, on dbPath or,
// when that is "", the workspace open last time (else the default one).
func openWindow(dbPath string) int {
	if err := display.Check(); err != nil {
		fmt.Fprintf(os.Stderr, "cxdash: %v; the commands still work: cxdash help\n", err)
		return cli.ExitRejected
	}
	a := fyneapp.NewWithID("io.cxdash.app") // FyneApp.toml's ID: Fyne reads that file only in `fyne package` builds
	ui, err := cxapp.New(context.Background(), a, dbPath)
	if err != nil {
		return cli.Fail(os.Stderr, err)
	}
	if ready := os.Getenv("CXDASH_READY_FILE"); ready != "" {
		ui.SignalReady(ready)
	}
	ui.ShowAndRun()
	return cli.ExitOK
}
