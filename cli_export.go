package main

import (
	"context"
	"fmt"
	"strings"

	"cxdash/model"
)

// cmdExport writes one report: exactly one of --xlsx, --html or --csv.
func cmdExport(ctx context.Context, c *cli) error {
	if err := c.wantArgs(0, 0, "no positional arguments; name the output with --xlsx, --html or --csv"); err != nil {
		return err
	}
	var kind, path string
	n := 0
	for _, t := range []struct{ kind, path string }{{"xlsx", c.xlsx}, {"html", c.html}, {"csv", c.csv}} {
		if strings.TrimSpace(t.path) != "" {
			kind, path = t.kind, t.path
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("%w: export needs exactly one of --xlsx OUT, --html OUT or --csv OUT", errUsage)
	}
	ws, err := c.open(ctx)
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
	if err := export(ctx, path, c.unit, func(done, _ int64) { rows = done }); err != nil {
		return err
	}
	unit := strings.TrimSpace(c.unit)
	if unit == "" || strings.EqualFold(unit, model.AllUnits) {
		unit = "all units"
	}
	fmt.Fprintf(c.stdout, "wrote %s: %s of %s", path, what, unit)
	if kind != "html" {
		fmt.Fprintf(c.stdout, ", %d observations", rows)
	}
	fmt.Fprintln(c.stdout)
	return nil
}
