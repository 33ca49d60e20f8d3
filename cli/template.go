package cli

import (
	"context"
	"fmt"
	"strings"

	"cxdash/model"
	"cxdash/report"
)

func templateCommand() *command {
	fs := newFlagSet("template")
	wf := addWorkspaceFlags(fs)
	return &command{
		synopsis: "cxdash template [--db FILE|URL] OUT.xlsx",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runTemplate(ctx, e, wf, args)
		},
	}
}

// runTemplate writes the blank import workbook; with --db its catalogue
// and units come from that workspace.
func runTemplate(ctx context.Context, e *env, wf *workspaceFlags, args []string) error {
	if err := wantArgs(args, 1, 1, "OUT.xlsx"); err != nil {
		return err
	}
	out := args[0]
	if !strings.HasSuffix(strings.ToLower(out), ".xlsx") {
		return fmt.Errorf("%w: the template is an .xlsx workbook; name it like %s.xlsx", errUsage, out)
	}
	var metrics []model.Metric
	var units []string
	if wf.db != "" { // pre-fill the catalogue from a workspace when one is named
		ws, err := wf.open(ctx, e)
		if err != nil {
			return err
		}
		defer ws.Close()
		if metrics, err = ws.Metrics(ctx); err != nil {
			return err
		}
		if units, err = ws.Units(ctx); err != nil {
			return err
		}
	}
	if err := report.WriteTemplateFile(out, metrics, units); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: fill in the Data sheet, then cxdash import %s\n", out, out)
	return nil
}
