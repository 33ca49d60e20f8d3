package cli

import (
	"context"
	"fmt"
)

func demoCommand() *command {
	fs := newFlagSet("demo")
	wf := addWorkspaceFlags(fs)
	ifEmpty := fs.Bool("if-empty", false, "only when the workspace has no data")
	return &command{
		synopsis: "cxdash demo [--db FILE|URL] [--wait D] [--if-empty]",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runDemo(ctx, e, wf, args, *ifEmpty)
		},
	}
}

// runDemo loads the bundled demo workbook.
func runDemo(ctx context.Context, e *env, wf *workspaceFlags, args []string, ifEmpty bool) error {
	if err := wantArgs(args, 0, 0, "no arguments"); err != nil {
		return err
	}
	ws, err := wf.open(ctx, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	res, err := ws.LoadDemo(ctx, ifEmpty)
	if err != nil {
		return err
	}
	switch {
	case res.File == "":
		fmt.Fprintf(e.stdout, "%s already holds data; demo not loaded\n", ws.Path())
	case res.Duplicate:
		fmt.Fprintf(e.stdout, "demo already loaded as batch %d\n", res.Batch.ID)
	default:
		fmt.Fprintf(e.stdout, "demo loaded into %s as batch %d: %d values\n", ws.Path(), res.Batch.ID, res.Values)
	}
	return nil
}
