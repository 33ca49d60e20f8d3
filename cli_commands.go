package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"cxdash/model"
	"cxdash/report"
	"cxdash/workspace"
)

func commands() map[string]command {
	return map[string]command{
		"import":   {"import", cmdImport},
		"batches":  {"batches", cmdBatches},
		"undo":     {"undo", cmdUndo},
		"summary":  {"summary", cmdSummary},
		"export":   {"export", cmdExport},
		"template": {"template", cmdTemplate},
		"demo":     {"demo", cmdDemo},
		"copy":     {"copy", cmdCopy},
	}
}

func cmdImport(ctx context.Context, c *cli) error {
	if err := c.wantArgs(1, -1, "at least one FILE to import"); err != nil {
		return err
	}
	ws, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	bad := 0
	for _, path := range c.args {
		ov, err := overrides(ctx, ws, path, c.maps)
		if err != nil {
			return fmt.Errorf("%s: %w", baseName(path), err)
		}
		res, resErr := ws.ImportFile(ctx, path, workspace.ImportOptions{DryRun: c.dryRun, Overrides: ov})
		if resErr != nil {
			return fmt.Errorf("%s: %w", baseName(path), resErr)
		}
		if c.dryRun {
			printPreview(c, res)
		}
		for _, p := range res.Problems {
			fmt.Fprintln(c.stderr, p.Error())
		}
		switch {
		case res.Duplicate:
			fmt.Fprintf(c.stdout, "%s: already imported as batch %d on %s; nothing added\n",
				res.File, res.Batch.ID, res.Batch.ImportedAt.Local().Format("2006-01-02 15:04"))
		case !res.OK():
			bad++
			fmt.Fprintf(c.stderr, "%s: rejected, nothing imported (%d problem(s))\n", res.File, len(res.Problems))
		case c.dryRun:
			fmt.Fprintf(c.stdout, "%s: ok: %d values%s would be imported, %d blank cells skipped (dry run, nothing written)\n",
				res.File, res.Values, recordsNote(res.Records), res.Skipped)
		default:
			fmt.Fprintf(c.stdout, "%s: imported as batch %d: %d values%s, %d blank cells skipped%s\n",
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
func printPreview(c *cli, res workspace.ImportResult) {
	for _, sh := range res.Sheets {
		name := sh.Name
		if name == "" {
			name = res.File
		}
		fmt.Fprintf(c.stdout, "%s: sheet %q: %s", res.File, name, sh.Layout)
		if sh.Reason != "" {
			fmt.Fprintf(c.stdout, " (%s)", sh.Reason)
		}
		fmt.Fprintln(c.stdout)
		if sh.HeaderRow > 0 {
			fmt.Fprintf(c.stdout, "  header row %d:", sh.HeaderRow)
			for _, col := range sh.Columns {
				role := string(col.Role)
				switch {
				case col.Metric != "":
					role += " " + col.Metric
				case !col.Period.IsZero():
					role += " " + col.Period.String()
				}
				fmt.Fprintf(c.stdout, " %s %q=%s;", col.Letter, col.Header, role)
			}
			fmt.Fprintln(c.stdout)
		}
		for _, row := range sh.Preview {
			fmt.Fprintf(c.stdout, "  | %s\n", strings.Join(row, " | "))
		}
		if sh.Rows > 0 {
			fmt.Fprintf(c.stdout, "  %d rows, %d values, %d blank\n", sh.Rows, sh.Values, sh.Skipped)
		}
	}
}

func cmdBatches(ctx context.Context, c *cli) error {
	if err := c.wantArgs(0, 0, "no arguments"); err != nil {
		return err
	}
	ws, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	batches, err := ws.Batches(ctx)
	if err != nil {
		return err
	}
	if c.json {
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
		return writeJSON(c, out)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	for _, b := range batches {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\n", b.ID, b.ImportedAt.Local().Format("2006-01-02 15:04:05"), b.File, b.Rows)
	}
	return tw.Flush()
}

func cmdUndo(ctx context.Context, c *cli) error {
	if err := c.wantArgs(1, 1, "one BATCH id (see cxdash batches)"); err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.args[0], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: BATCH must be a batch id such as 3, not %q", errUsage, workspace.Redact(c.args[0]))
	}
	ws, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	b, err := ws.Undo(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "undid batch %d (%s, %d values); values it had replaced count again\n", b.ID, b.File, b.Rows)
	return nil
}

func cmdSummary(ctx context.Context, c *cli) error {
	if err := c.wantArgs(0, 0, "no positional arguments"); err != nil {
		return err
	}
	var p model.Period
	if c.period != "" {
		var err error
		if p, err = model.ParsePeriod(c.period); err != nil {
			return fmt.Errorf("%w: --period: %v", errUsage, err)
		}
	}
	ws, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	s, err := ws.Summary(ctx, c.unit, p)
	if err != nil {
		return err
	}
	if c.json {
		return writeJSON(c, summaryJSON(s))
	}
	printSummary(c, s)
	return nil
}

func printSummary(c *cli, s model.Summary) {
	o := s.Overall
	fmt.Fprintf(c.stdout, "CX maturity: %s, %s\n", unitLabel(s.Unit), s.Period.Label())
	if !o.Present {
		fmt.Fprintln(c.stdout, "no data in this period")
	} else {
		fmt.Fprintf(c.stdout, "Overall index %.2f  level %d %s  change %s  coverage %.0f/6  target %s\n",
			o.Score, o.Level, o.LevelName, signed(o.Delta), o.Coverage*6, opt(o.Target))
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Discipline\tScore\tLevel\tChange\tTarget\tGap")
	for _, d := range s.Disciplines {
		if !d.Present {
			fmt.Fprintf(tw, "%s\t-\tno data\t\t%s\t\n", d.Name, opt(d.Target))
			continue
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%d %s\t%s\t%s\t%s\n", d.Name, d.Score, d.Level, d.LevelName, signed(d.Delta), opt(d.Target), opt(d.Gap))
	}
	tw.Flush()
}

func unitLabel(u string) string {
	if u == model.AllUnits || u == "" {
		return "all units"
	}
	return u
}

func signed(f *float64) string {
	if f == nil {
		return "-"
	}
	return fmt.Sprintf("%+.2f", *f)
}

func opt(f *float64) string {
	if f == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f", *f)
}

// summaryJSON is DESIGN.md's summary object, plus gap and level names.
func summaryJSON(s model.Summary) any {
	type overall struct {
		Score     *float64 `json:"score"`
		Level     *int     `json:"level"`
		LevelName string   `json:"level_name"`
		Coverage  float64  `json:"coverage"`
		Delta     *float64 `json:"delta"`
		Target    *float64 `json:"target"`
		Gap       *float64 `json:"gap"`
	}
	type discipline struct {
		Key       string   `json:"key"`
		Name      string   `json:"name"`
		Score     *float64 `json:"score"`
		Level     *int     `json:"level"`
		LevelName string   `json:"level_name"`
		Delta     *float64 `json:"delta"`
		Target    *float64 `json:"target"`
		Gap       *float64 `json:"gap"`
	}
	out := struct {
		Unit        string       `json:"unit"`
		Period      string       `json:"period"`
		Overall     overall      `json:"overall"`
		Disciplines []discipline `json:"disciplines"`
	}{Unit: s.Unit, Period: s.Period.String()}
	o := s.Overall
	out.Overall = overall{Coverage: round(o.Coverage), Delta: roundPtr(o.Delta), Target: roundPtr(o.Target), Gap: roundPtr(o.Gap)}
	if o.Present {
		out.Overall.Score, out.Overall.Level, out.Overall.LevelName = roundPtr(&o.Score), &o.Level, o.LevelName
	}
	for _, d := range s.Disciplines {
		j := discipline{Key: d.Key, Name: d.Name, Delta: roundPtr(d.Delta), Target: roundPtr(d.Target), Gap: roundPtr(d.Gap)}
		if d.Present {
			level := d.Level
			j.Score, j.Level, j.LevelName = roundPtr(&d.Score), &level, d.LevelName
		}
		out.Disciplines = append(out.Disciplines, j)
	}
	return out
}

// round keeps four decimals: enough to recompute by hand, free of float noise.
func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func roundPtr(f *float64) *float64 {
	if f == nil {
		return nil
	}
	r := round(*f)
	return &r
}

func writeJSON(c *cli, v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdTemplate(ctx context.Context, c *cli) error {
	if err := c.wantArgs(1, 1, "OUT.xlsx"); err != nil {
		return err
	}
	out := c.args[0]
	if !strings.HasSuffix(strings.ToLower(out), ".xlsx") {
		return fmt.Errorf("%w: the template is an .xlsx workbook; name it like %s.xlsx", errUsage, out)
	}
	var metrics []model.Metric
	var units []string
	if c.db != "" { // pre-fill the catalogue from a workspace when one is named
		ws, err := c.open(ctx)
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
	fmt.Fprintf(c.stdout, "wrote %s: fill in the Data sheet, then cxdash import %s\n", out, out)
	return nil
}

func cmdDemo(ctx context.Context, c *cli) error {
	if err := c.wantArgs(0, 0, "no arguments"); err != nil {
		return err
	}
	ws, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	res, err := ws.LoadDemo(ctx, c.ifEmpty)
	if err != nil {
		return err
	}
	switch {
	case res.File == "":
		fmt.Fprintf(c.stdout, "%s already holds data; demo not loaded\n", ws.Path())
	case res.Duplicate:
		fmt.Fprintf(c.stdout, "demo already loaded as batch %d\n", res.Batch.ID)
	default:
		fmt.Fprintf(c.stdout, "demo loaded into %s as batch %d: %d values\n", ws.Path(), res.Batch.ID, res.Values)
	}
	return nil
}
