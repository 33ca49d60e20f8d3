package cli

import (
	"context"
	"fmt"
	"strings"

	"cxdash/importers"
	"cxdash/model"
	"cxdash/workspace"
)

func importCommand() *command {
	fs := newFlagSet("import")
	wf := addWorkspaceFlags(fs)
	dryRun := fs.Bool("dry-run", false, "check and preview every file; write nothing")
	var batch batchDefaults
	fs.Func("period", "the period of rows that state none, e.g. 2025-Q1 (a survey without response dates)", func(v string) error {
		p, err := model.ParsePeriod(v)
		batch.period = p
		return err
	})
	fs.StringVar(&batch.unit, "unit", "", "the business unit of rows that name none (default All)")
	var maps []columnMap
	fs.Func("map", "a column's role, e.g. C=unit or Scores!C=unit (repeatable; remembered for that header layout)", func(v string) error {
		m, err := parseColumnMap(v)
		maps = append(maps, m)
		return err
	})
	return &command{
		synopsis: "cxdash import [--db FILE|URL] [--wait D] [--dry-run] [--period P] [--unit U] [--map [SHEET!]COL=ROLE]... FILE...",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runImport(ctx, e, wf, args, *dryRun, maps, batch)
		},
	}
}

// batchDefaults are --period and --unit: what rows that state no period or
// unit get.
type batchDefaults struct {
	period model.Period
	unit   string
}

// runImport imports (or with dryRun, previews) each file as one batch.
func runImport(ctx context.Context, e *env, wf *workspaceFlags, args []string, dryRun bool, maps []columnMap,
	batch batchDefaults) error {
	if err := wantArgs(args, 1, -1, "at least one FILE to import"); err != nil {
		return err
	}
	ws, err := wf.open(ctx, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	bad := 0
	for _, path := range args {
		ov, err := overrides(ctx, ws, path, maps, batch)
		if err != nil {
			return fmt.Errorf("%s: %w", baseName(path), err)
		}
		res, resErr := ws.ImportFile(ctx, path, workspace.ImportOptions{DryRun: dryRun, Overrides: ov,
			Period: batch.period, Unit: batch.unit})
		if resErr != nil {
			return fmt.Errorf("%s: %w", baseName(path), resErr)
		}
		if dryRun {
			printPreview(e, res)
		}
		for _, p := range res.Problems {
			fmt.Fprintln(e.stderr, p.Error())
		}
		switch {
		case res.Duplicate:
			fmt.Fprintf(e.stdout, "%s: already imported as batch %d on %s; nothing added\n",
				res.File, res.Batch.ID, res.Batch.ImportedAt.Local().Format("2006-01-02 15:04"))
		case !res.OK():
			bad++
			fmt.Fprintf(e.stderr, "%s: rejected, nothing imported (%d problem(s))\n", res.File, len(res.Problems))
		case dryRun:
			fmt.Fprintf(e.stdout, "%s: ok: %d values%s would be imported, %d blank cells skipped (dry run, nothing written)\n",
				res.File, res.Values, recordsNote(res.Records), res.Skipped)
		default:
			fmt.Fprintf(e.stdout, "%s: imported as batch %d: %d values%s, %d blank cells skipped%s\n",
				res.File, res.Batch.ID, res.Values, recordsNote(res.Records), res.Skipped,
				newMetricsNote(res.NewMetrics))
		}
	}
	if bad > 0 {
		return rejected{bad}
	}
	return nil
}

// recordsNote counts the governance records (owners, actions, issues,
// events) beside the values.
func recordsNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" and %d governance record(s)", n)
}

func newMetricsNote(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf(", %d new metric(s): %s", len(names), strings.Join(names, ", "))
}

// printPreview shows what a dry run found per sheet: layout, mapping and
// the first rows as parsed.
func printPreview(e *env, res workspace.ImportResult) {
	for _, sh := range res.Sheets {
		name := sh.Name
		if name == "" {
			name = res.File
		}
		fmt.Fprintf(e.stdout, "%s: sheet %q: %s", res.File, name, sh.Layout)
		if sh.Reason != "" {
			fmt.Fprintf(e.stdout, " (%s)", sh.Reason)
		}
		fmt.Fprintln(e.stdout)
		if sh.Survey != nil {
			if sh.Layout == importers.LayoutSurvey {
				fmt.Fprintf(e.stdout, "  %s\n", sh.Survey.Line())
			}
			for _, n := range sh.Survey.Notes() {
				fmt.Fprintf(e.stdout, "  %s\n", n)
			}
		}
		if sh.HeaderRow > 0 {
			fmt.Fprintf(e.stdout, "  header row %d:", sh.HeaderRow)
			for _, col := range sh.Columns {
				role := string(col.Role)
				switch {
				case col.Metric != "":
					role += " " + col.Metric
				case !col.Period.IsZero():
					role += " " + col.Period.String()
				}
				fmt.Fprintf(e.stdout, " %s %q=%s;", col.Letter, col.Header, role)
			}
			fmt.Fprintln(e.stdout)
		}
		for _, row := range sh.Preview {
			fmt.Fprintf(e.stdout, "  | %s\n", strings.Join(row, " | "))
		}
		if sh.Rows > 0 {
			fmt.Fprintf(e.stdout, "  %d rows, %d values, %d blank\n", sh.Rows, sh.Values, sh.Skipped)
		}
	}
}
