package cli

import (
	"context"
	"fmt"
	"math"
	"text/tabwriter"

	"cxdash/model"
	"cxdash/workspace"
)

func valuesCommand() *command {
	fs := newFlagSet("values")
	wf := addWorkspaceFlags(fs)
	unit := fs.String("unit", "", "one business unit, or All for the all-units rows only (default every unit and all units)")
	metric := fs.String("metric", "", "one metric (default every metric)")
	gran := fs.String("granularity", "", "month, quarter or year (default the workspace's: quarter unless it has only years)")
	asJSON := fs.Bool("json", false, "print JSON")
	return &command{
		synopsis: "cxdash values [--db FILE|URL] [--wait D] [--unit U] [--metric M] [--granularity month|quarter|year] [--json]",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runValues(ctx, e, wf, args, *unit, *metric, *gran, *asJSON)
		},
	}
}

// valueJSON is one row of `values --json` (docs/DESIGN.md, CLI). Touchpoint
// is "" (all touchpoints) until observations carry one; moe is null where
// no margin of error applies (values that are not computed from answers,
// or fewer than two answers).
type valueJSON struct {
	Metric     string   `json:"metric"`
	Unit       string   `json:"unit"`
	Touchpoint string   `json:"touchpoint"`
	Period     string   `json:"period"`
	Value      float64  `json:"value"`
	N          int      `json:"n"`
	MOE        *float64 `json:"moe"`
	Score      float64  `json:"score"`
}

// runValues lists each metric's value, n and score per unit and period.
func runValues(ctx context.Context, e *env, wf *workspaceFlags, args []string, unit, metric, gran string, asJSON bool) error {
	if err := wantArgs(args, 0, 0, "no positional arguments"); err != nil {
		return err
	}
	var g model.Granularity
	if gran != "" {
		var err error
		if g, err = model.ParseGranularity(gran); err != nil {
			return fmt.Errorf("%w: --granularity: %v", errUsage, err)
		}
	}
	ws, err := wf.open(ctx, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	rows, err := ws.MetricValues(ctx, g, unit, metric)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return workspace.ErrNoData
	}
	if asJSON {
		out := make([]valueJSON, len(rows))
		for i, r := range rows {
			out[i] = valueJSON{Metric: r.Metric, Unit: r.Unit, Period: r.Period.String(), Value: round(r.Value), N: r.N, Score: round(r.Score)}
			if !math.IsNaN(r.MOE) {
				moe := round(r.MOE)
				out[i].MOE = &moe
			}
		}
		return writeJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Period\tUnit\tMetric\tValue\t±\tn\tScore")
	for _, r := range rows {
		moe := ""
		if !math.IsNaN(r.MOE) {
			moe = "±" + workspace.ValueText(math.Round(r.MOE*10)/10)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%.2f\n", r.Period.Label(), model.UnitLabel(r.Unit), r.Metric, workspace.ValueText(r.Value), moe, r.N, r.Score)
	}
	return tw.Flush()
}
