package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"text/tabwriter"

	"cxdash/model"
)

func summaryCommand() *command {
	fs := newFlagSet("summary")
	wf := addWorkspaceFlags(fs)
	unit := fs.String("unit", "", "business unit (default all units)")
	period := fs.String("period", "", "period, e.g. 2024-Q3 (default the latest with data)")
	asJSON := fs.Bool("json", false, "print JSON")
	return &command{
		synopsis: "cxdash summary [--db FILE|URL] [--wait D] [--unit U] [--period P] [--json]",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runSummary(ctx, e, wf, args, *unit, *period, *asJSON)
		},
	}
}

// runSummary prints the maturity of a unit in a period: overall and per
// discipline.
func runSummary(ctx context.Context, e *env, wf *workspaceFlags, args []string, unit, period string, asJSON bool) error {
	if err := wantArgs(args, 0, 0, "no positional arguments"); err != nil {
		return err
	}
	var p model.Period
	if period != "" {
		var err error
		if p, err = model.ParsePeriod(period); err != nil {
			return fmt.Errorf("%w: --period: %v", errUsage, err)
		}
	}
	ws, err := wf.open(ctx, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	s, err := ws.Summary(ctx, unit, p)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e, summaryJSON(s))
	}
	printSummary(e, s)
	if kpis := answerKPIs(s); len(kpis) > 0 {
		prev, err := ws.Summary(ctx, s.Unit, s.Period.Prev())
		if err != nil {
			return err
		}
		before := map[string]model.MetricScore{}
		for _, ms := range answerKPIs(prev) {
			before[model.MetricKey(ms.Metric)] = ms
		}
		for _, ms := range kpis {
			var pe *model.Estimate
			if pm, ok := before[model.MetricKey(ms.Metric)]; ok {
				pe = &pm.Estimate
			}
			fmt.Fprintln(e.stdout, answerLine(ms, pe, s.Period.Prev()))
		}
	}
	return nil
}

// answerKPIs lists the metrics of s computed from answers, in the order
// the table lists their disciplines.
func answerKPIs(s model.Summary) []model.MetricScore {
	var out []model.MetricScore
	for _, d := range s.Disciplines {
		for _, ms := range d.Metrics {
			if ms.Answers {
				out = append(out, ms)
			}
		}
	}
	return out
}

// answerLine says what a KPI computed from answers rests on and whether
// its change since the period before is beyond the two periods' margins
// of error combined (DESIGN.md, "Respondent-level data"):
// "NPS 21.3 (n 340, ±5.2), no significant change since Q2 2026".
func answerLine(ms model.MetricScore, prev *model.Estimate, before model.Period) string {
	e := ms.Estimate
	unit := ""
	if e.Aggregation == model.AggregationTopBox || e.Aggregation == model.AggregationShare {
		unit = "%"
	}
	line := fmt.Sprintf("%s %.1f%s (n %s", ms.Metric, e.Value, unit, model.FormatCount(e.N))
	if e.HasMOE() {
		line += fmt.Sprintf(", ±%.1f", e.MOE)
	}
	line += ")"
	if prev == nil {
		return line + ", no answers in " + before.Label()
	}
	c := model.Compare(*prev, e)
	move := fmt.Sprintf("up %.1f", c.Delta)
	if c.Delta < 0 {
		move = fmt.Sprintf("down %.1f", -c.Delta)
	}
	switch {
	case !c.Tested():
		return fmt.Sprintf("%s, %s since %s (too few answers to test it)", line, move, before.Label())
	case !c.Significant:
		return fmt.Sprintf("%s, no significant change since %s (%s, within ±%.1f)", line, before.Label(), signedOne(c.Delta), c.MOE)
	}
	return fmt.Sprintf("%s, %s since %s, beyond its margin (±%.1f)", line, move, before.Label(), c.MOE)
}

// signedOne prints a change with one decimal and its sign.
func signedOne(f float64) string { return fmt.Sprintf("%+.1f", f) }

func printSummary(e *env, s model.Summary) {
	o := s.Overall
	fmt.Fprintf(e.stdout, "CX maturity: %s, %s\n", unitLabel(s.Unit), s.Period.Label())
	if !o.Present {
		fmt.Fprintln(e.stdout, "no data in this period")
	} else {
		fmt.Fprintf(e.stdout, "Overall index %.2f  level %d %s  change %s  coverage %.0f/6  target %s\n",
			o.Score, o.Level, o.LevelName, signed(o.Delta), o.Coverage*6, opt(o.Target))
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
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

// unitLabel names a unit mid-sentence: "all units" in lower case.
func unitLabel(u string) string {
	if model.IsAllUnits(u) {
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

// summaryJSON is docs/DESIGN.md's summary object, plus gap and level names.
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

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
