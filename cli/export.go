package cli

import (
	"context"
	"fmt"
	"strings"

	"cxdash/model"
)

func exportCommand() *command {
	fs := newFlagSet("export")
	wf := addWorkspaceFlags(fs)
	unit := fs.String("unit", "", "business unit (default all units)")
	var out exportTargets
	fs.StringVar(&out.xlsx, "xlsx", "", "write the Excel report to FILE")
	fs.StringVar(&out.html, "html", "", "write the offline HTML report to FILE")
	fs.StringVar(&out.csv, "csv", "", "write the observations with their sources as CSV to FILE")
	return &command{
		synopsis: "cxdash export [--db FILE|URL] [--wait D] [--unit U] (--xlsx OUT | --html OUT | --csv OUT)",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runExport(ctx, e, wf, args, *unit, out)
		},
	}
}

// exportTargets are the three outputs; exactly one is named.
type exportTargets struct{ xlsx, html, csv string }

// runExport writes one report.
func runExport(ctx context.Context, e *env, wf *workspaceFlags, args []string, unit string, out exportTargets) error {
	if err := wantArgs(args, 0, 0, "no positional arguments; name the output with --xlsx, --html or --csv"); err != nil {
		return err
	}
	var kind, path string
	n := 0
	for _, t := range []struct{ kind, path string }{{"xlsx", out.xlsx}, {"html", out.html}, {"csv", out.csv}} {
		if strings.TrimSpace(t.path) != "" {
			kind, path = t.kind, t.path
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("%w: export needs exactly one of --xlsx OUT, --html OUT or --csv OUT", errUsage)
	}
	ws, err := wf.open(ctx, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	export, what := ws.ExportXLSX, "Excel report"
	switch kind {
	case "html":
		export, what = ws.ExportHTML, "HTML report"
	case "csv":
		export, what = ws.ExportCSV, "CSV of the observations"
	}
	var rows int64
	if err := export(ctx, path, unit, func(done, _ int64) { rows = done }); err != nil {
		return err
	}
	unit = strings.TrimSpace(unit)
	if unit == "" || strings.EqualFold(unit, model.AllUnits) {
		unit = "all units"
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s of %s", path, what, unit)
	if kind != "html" {
		fmt.Fprintf(e.stdout, ", %d observations", rows)
	}
	fmt.Fprintln(e.stdout)
	return nil
}
