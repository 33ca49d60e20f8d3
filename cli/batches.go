package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func batchesCommand() *command {
	fs := newFlagSet("batches")
	wf := addWorkspaceFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	return &command{
		synopsis: "cxdash batches [--db FILE|URL] [--wait D] [--json]",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runBatches(ctx, e, wf, args, *asJSON)
		},
	}
}

// runBatches lists the imports, newest first, one per line, id first.
func runBatches(ctx context.Context, e *env, wf *workspaceFlags, args []string, asJSON bool) error {
	if err := wantArgs(args, 0, 0, "no arguments"); err != nil {
		return err
	}
	ws, err := wf.open(ctx, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	batches, err := ws.Batches(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		type jsonBatch struct {
			ID         int64  `json:"id"`
			ImportedAt string `json:"imported_at"`
			File       string `json:"file"`
			Rows       int    `json:"rows"`
			Skipped    int    `json:"skipped"`
			User       string `json:"user"`
			SHA256     string `json:"sha256"`
		}
		out := make([]jsonBatch, 0, len(batches))
		for _, b := range batches {
			out = append(out, jsonBatch{b.ID, b.ImportedAt.UTC().Format("2006-01-02T15:04:05Z"), b.File, b.Rows, b.Skipped, b.User, b.SHA256})
		}
		return writeJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, b := range batches {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\n", b.ID, b.ImportedAt.Local().Format("2006-01-02 15:04:05"), b.File, b.Rows)
	}
	return tw.Flush()
}
