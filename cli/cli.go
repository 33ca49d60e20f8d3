// Package cli is cxdash's command line: one file and one flag set per
// command, each on the same workspace operations as the window (package
// workspace). A flag a command does not take is a usage error that
// changes nothing.
package cli

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
)

// Exit codes (docs/DESIGN.md, CLI): 0 ok, 1 input rejected, 2 usage.
const (
	ExitOK       = 0
	ExitRejected = 1
	ExitUsage    = 2
)

const usage = `cxdash: customer-experience maturity dashboard

Usage:
  cxdash [--db FILE|URL]                              open the desktop app
  cxdash import [--db FILE|URL] [--dry-run] [--map [SHEET!]COL=ROLE]... FILE...
                                                      import workbooks (xlsx, csv); --map sets a column's
                                                      role (period, unit, discipline, metric, value, target,
                                                      note, ignore) and is remembered for that header layout
  cxdash batches [--db FILE|URL] [--json]             list imports, newest first
  cxdash undo [--db FILE|URL] BATCH                   undo an import; says which values come back
  cxdash summary [--db FILE|URL] [--unit U] [--period P] [--json]
  cxdash values [--db FILE|URL] [--unit U] [--metric M] [--granularity month|quarter|year] [--json]
                                                      each metric's value, n and score per unit and period
  cxdash export [--db FILE|URL] [--unit U] (--xlsx OUT | --html OUT | --csv OUT)
  cxdash template [--db FILE|URL] OUT.xlsx            blank import workbook with instructions
  cxdash demo [--db FILE|URL] [--if-empty]            load the bundled demo workbook
  cxdash copy --from FILE|URL --to FILE|URL           copy a whole workspace into a new file or an
                                                      empty database, counts checked
  cxdash help [COMMAND]                               this text, or one command's flags

The workspace is --db, else $CXDASH_DB, else cxdash.db in the user config folder.
A postgres:// URL (postgres://USER@HOST:5432/DATABASE?sslmode=require) opens a team
workspace on a PostgreSQL server; its password comes from the URL, PGPASSWORD, the pass
file (PGPASSFILE, else ~/.pgpass), or is asked for at the terminal.
While another cxdash writes to it, a command waits up to --wait (default 2m, at least 5s).
Each command takes only its own flags. Exit codes: 0 ok, 1 input rejected, 2 usage.
`

// errUsage marks errors that are the caller's wording, for exit code 2.
var errUsage = errors.New("usage")

// env is one invocation's streams.
type env struct {
	stdin          *os.File // asked for a password when a terminal
	stdout, stderr io.Writer
}

// command is one subcommand: its own flags and what it does with them.
type command struct {
	synopsis string // the usage line(s), as in usage
	flags    *flag.FlagSet
	run      func(ctx context.Context, e *env, args []string) error
}

// commands builds every command afresh, so that one invocation's flag
// values never leak into another's (tests run many in one process).
func commands() map[string]*command {
	return map[string]*command{
		"import":   importCommand(),
		"batches":  batchesCommand(),
		"undo":     undoCommand(),
		"summary":  summaryCommand(),
		"values":   valuesCommand(),
		"export":   exportCommand(),
		"template": templateCommand(),
		"demo":     demoCommand(),
		"copy":     copyCommand(),
	}
}

// newFlagSet is a command's empty flag set; errors are reported by Run.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("cxdash "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// Run runs one command line (without the program name) and returns the
// process exit code. With no command it opens the window through
// openWindow, on the workspace named by --db or $CXDASH_DB ("" when
// neither names one).
func Run(args []string, stdin *os.File, stdout, stderr io.Writer, openWindow func(db string) int) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	switch name {
	case "help":
		return help(e, args)
	case "":
		return window(e, args, openWindow)
	}
	cmd, ok := commands()[name]
	if !ok {
		fmt.Fprintf(stderr, "cxdash: unknown command %q\n\n%s", redact(name), usage)
		return ExitUsage
	}
	positional, err := parseInterspersed(cmd.flags, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, commandUsage(name, cmd))
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "cxdash %s: %v\n\n%s", name, err, commandUsage(name, cmd))
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return exitCode(e, name, cmd, cmd.run(ctx, e, positional))
}

// window opens the desktop app: the only flag is --db.
func window(e *env, args []string, openWindow func(db string) int) int {
	fs := newFlagSet("")
	db := fs.String("db", "", "workspace file or postgres:// URL")
	positional, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(e.stdout, usage)
		return ExitOK
	case err != nil:
		fmt.Fprintf(e.stderr, "cxdash: %v\n\n%s", err, usage)
		return ExitUsage
	case len(positional) > 0:
		fmt.Fprintf(e.stderr, "cxdash: unknown command %q\n\n%s", redact(positional[0]), usage)
		return ExitUsage
	}
	// The window reopens the last workspace unless one is named.
	if *db == "" {
		*db = os.Getenv("CXDASH_DB")
	}
	return openWindow(*db)
}

// help prints the usage, or one command's.
func help(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, usage)
		return ExitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "cxdash: unknown command %q\n\n%s", redact(args[0]), usage)
		return ExitUsage
	}
	fmt.Fprint(e.stdout, commandUsage(args[0], cmd))
	return ExitOK
}

// commandUsage is one command's synopsis and flags.
func commandUsage(name string, cmd *command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage:\n  %s\n\nFlags of cxdash %s:\n", cmd.synopsis, name)
	n := 0
	cmd.flags.VisitAll(func(f *flag.Flag) {
		n++
		kind, text := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if kind != "" {
			head += " " + kind
		}
		fmt.Fprintf(&b, "%-24s %s", head, text)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			fmt.Fprintf(&b, " (default %s)", f.DefValue)
		}
		b.WriteByte('\n')
	})
	if n == 0 {
		b.WriteString("  none\n")
	}
	return b.String()
}

// parseInterspersed lets flags follow positional arguments, as in
// `cxdash import a.xlsx --dry-run`.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// wantArgs checks the number of positional arguments.
func wantArgs(args []string, min, max int, what string) error {
	if len(args) < min || (max >= 0 && len(args) > max) {
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

func exitCode(e *env, name string, cmd *command, err error) int {
	var rj rejected
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(e.stderr, "cxdash %s: %v\n\n%s", name, err, commandUsage(name, cmd))
		return ExitUsage
	case errors.As(err, &rj):
		fmt.Fprintf(e.stderr, "cxdash: %v\n", err)
		return ExitRejected
	}
	return Fail(e.stderr, err)
}

// Fail prints an error as a sentence a person can act on and returns exit
// code 1.
func Fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "cxdash: %s\n", userMessage(err))
	return ExitRejected
}

func baseName(p string) string { return filepath.Base(p) }
