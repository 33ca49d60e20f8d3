package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"cxdash/workspace"
)

// Exit codes (DESIGN.md): 0 ok, 1 input rejected, 2 usage.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
)

const usage = `cxdash: customer-experience maturity dashboard

Usage:
  cxdash [--db FILE|URL]                              open the desktop app
  cxdash import [--db FILE|URL] [--dry-run] [--map [SHEET!]COL=ROLE]... FILE...
                                                      import workbooks (xlsx, csv); --map sets a column's
                                                      role (period, unit, discipline, metric, value, target,
                                                      note, ignore) and is remembered for that header layout
  cxdash batches [--db FILE|URL] [--json]             list imports, newest first
  cxdash undo [--db FILE|URL] BATCH                   undo an import
  cxdash summary [--db FILE|URL] [--unit U] [--period P] [--json]
  cxdash export [--db FILE|URL] [--unit U] (--xlsx OUT | --html OUT | --csv OUT)
  cxdash template OUT.xlsx                            blank import workbook with instructions
  cxdash demo [--db FILE|URL] [--if-empty]            load the bundled demo workbook
  cxdash copy --from FILE|URL --to FILE|URL           copy a whole workspace into a new file or an
                                                      empty database, counts checked

The workspace is --db, else $CXDASH_DB, else cxdash.db in the user config folder.
A postgres:// URL (postgres://USER@HOST:5432/DATABASE?sslmode=require) opens a team
workspace on a PostgreSQL server; its password comes from the URL, PGPASSWORD, the pass
file (PGPASSFILE, else ~/.pgpass), or is asked for at the terminal.
While another cxdash writes to it, a command waits up to --wait (default 2m, at least 5s).
Exit codes: 0 ok, 1 input rejected, 2 usage.
`

// errUsage marks errors that are the caller's wording, for exit code 2.
var errUsage = errors.New("usage")

type command struct {
	name string
	run  func(ctx context.Context, c *cli) error
}

// cli carries one invocation's parsed flags and streams.
type cli struct {
	stdin          *os.File // asked for a password when a terminal
	stdout, stderr io.Writer
	db             string
	args           []string // positional arguments
	dryRun, json   bool
	ifEmpty        bool
	unit, period   string
	maps           []columnMap // --map: the user's column roles

	xlsx, html, csv string // export targets
	from, to        string // copy's workspaces

	wait time.Duration // --wait: for another process writing to the workspace
}

// run parses args and runs one subcommand, or opens the window through
// gui when there is none, with the workspace named by --db or $CXDASH_DB
// ("" when neither names one). It returns the process exit code.
func run(args []string, stdout, stderr io.Writer, gui func(db string) int) int {
	c := &cli{stdin: os.Stdin, stdout: stdout, stderr: stderr}
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fs := flag.NewFlagSet("cxdash "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.db, "db", "", "workspace file or postgres:// URL")
	fs.BoolVar(&c.dryRun, "dry-run", false, "check and preview, write nothing")
	fs.BoolVar(&c.json, "json", false, "print JSON")
	fs.BoolVar(&c.ifEmpty, "if-empty", false, "only when the workspace has no data")
	fs.StringVar(&c.unit, "unit", "", "business unit")
	fs.StringVar(&c.period, "period", "", "period, e.g. 2024-Q3")
	fs.Func("map", "column role, e.g. C=unit or Scores!C=unit", func(v string) error {
		m, err := parseColumnMap(v)
		c.maps = append(c.maps, m)
		return err
	})
	fs.StringVar(&c.xlsx, "xlsx", "", "export the Excel report to FILE")
	fs.StringVar(&c.html, "html", "", "export the HTML report to FILE")
	fs.StringVar(&c.csv, "csv", "", "export the observations as CSV to FILE")
	fs.StringVar(&c.from, "from", "", "copy from this workspace file or URL")
	fs.StringVar(&c.to, "to", "", "copy to this new workspace file or empty database")
	fs.DurationVar(&c.wait, "wait", defaultBusyWait, "how long to wait while another cxdash writes to the workspace")
	if err := parseInterspersed(fs, args, &c.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		fmt.Fprintf(stderr, "cxdash: %v\n\n%s", err, usage)
		return exitUsage
	}
	if name == "" {
		if len(c.args) > 0 {
			fmt.Fprintf(stderr, "cxdash: unknown command %q\n\n%s", workspace.Redact(c.args[0]), usage)
			return exitUsage
		}
		// The window reopens the last workspace unless one is named.
		db := c.db
		if db == "" {
			db = os.Getenv("CXDASH_DB")
		}
		return gui(db)
	}
	cmd, ok := commands()[name]
	if !ok {
		fmt.Fprintf(stderr, "cxdash: unknown command %q\n\n%s", workspace.Redact(name), usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return exitCode(stderr, cmd.run(ctx, c))
}

// parseInterspersed lets flags follow positional arguments, as in
// `cxdash import a.xlsx --dry-run`.
func parseInterspersed(fs *flag.FlagSet, args []string, positional *[]string) error {
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return nil
		}
		if rest[0] == "--" {
			*positional = append(*positional, rest[1:]...)
			return nil
		}
		*positional = append(*positional, rest[0])
		args = rest[1:]
	}
}

// dbPath is --db, else $CXDASH_DB, else cxdash.db in the user config dir.
func (c *cli) dbPath() (string, error) {
	if c.db != "" {
		return c.db, nil
	}
	return workspace.DefaultPath()
}

// defaultBusyWait outlasts an import of a few million rows in another
// window or command: a script should not fail because one is running.
const defaultBusyWait = 2 * time.Minute

// open opens the workspace the command names (see dbPath), asking for a
// server's password when needed (openAsking).
func (c *cli) open(ctx context.Context) (*workspace.Workspace, error) {
	path, err := c.dbPath()
	if err != nil {
		return nil, err
	}
	ws, err := openAsking(ctx, c, path, workspace.OpenWith)
	if err != nil {
		return nil, err
	}
	c.waitFor(ws)
	return ws, nil
}

// waitFor makes the workspace's writes wait up to --wait for another
// cxdash, and say so; the message names its Path, which never holds a
// password.
func (c *cli) waitFor(ws interface {
	Path() string
	SetBusyWait(time.Duration, func())
}) {
	ws.SetBusyWait(c.wait, func() {
		fmt.Fprintf(c.stderr, "cxdash: %s is in use by another cxdash; waiting up to %s for it to finish (Ctrl-C to stop)\n",
			ws.Path(), c.wait)
	})
}

func (c *cli) wantArgs(min, max int, what string) error {
	if len(c.args) < min || (max >= 0 && len(c.args) > max) {
		return fmt.Errorf("%w: expected %s", errUsage, what)
	}
	return nil
}

// rejected marks an error caused by the user's input, for exit code 1; its
// lines were already printed.
type rejected struct{ n int }

func (r rejected) Error() string {
	if r.n == 1 {
		return "1 file rejected"
	}
	return fmt.Sprintf("%d files rejected", r.n)
}

func exitCode(stderr io.Writer, err error) int {
	var rj rejected
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "cxdash: %v\n\n%s", err, usage)
		return exitUsage
	case errors.As(err, &rj):
		fmt.Fprintf(stderr, "cxdash: %v\n", err)
		return exitRejected
	}
	return fail(stderr, err)
}

// fail prints an error a person can act on and returns exit code 1.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "cxdash: %s\n", workspace.UserMessage(err))
	return exitRejected
}

func baseName(p string) string { return filepath.Base(p) }
