package governance

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

const (
	// issuePeriods is how many periods the issue charts show: the
	// latest ones with issues, so a long log stays readable.
	issuePeriods = 8
	// issueTouchpoints is how many touchpoints the charts tell apart;
	// the rest are summed as "Other".
	issueTouchpoints = 8
)

// issueCharts shows where issues cluster: per period by touchpoint and
// by severity, and how long each touchpoint takes to resolve them.
type issueCharts struct {
	box                            fyne.CanvasObject
	byTouch, bySeverity            *charts.Heatmap
	resolve                        *charts.BarChart
	touchTitle, sevTitle, resTitle *screen.SectionTitle
}

func newIssueCharts() *issueCharts {
	c := &issueCharts{
		byTouch:    charts.NewHeatmap(charts.HeatmapData{}),
		bySeverity: charts.NewHeatmap(charts.HeatmapData{}),
		resolve:    charts.NewBarChart(charts.BarData{}),
		touchTitle: screen.NewSectionTitle("Issues by touchpoint"),
		sevTitle:   screen.NewSectionTitle("Issues by severity"),
		resTitle:   screen.NewSectionTitle("Median days to resolve"),
	}
	c.box = container.New(&screen.WeightedRow{Weights: []float32{1.3, 1.1, 0.9}},
		screen.Section(c.touchTitle, c.byTouch), screen.Section(c.sevTitle, c.bySeverity), screen.Section(c.resTitle, c.resolve))
	return c
}

// issueShape is the issue charts' data.
type issueShape struct {
	byTouch, bySeverity charts.HeatmapData
	resolve             charts.BarData
	periods             []model.Period
}

func (c *issueCharts) set(issues []model.CXIssue, g model.Granularity) {
	d := shapeIssueCharts(issues, g)
	c.byTouch.SetData(d.byTouch)
	c.bySeverity.SetData(d.bySeverity)
	c.resolve.SetData(d.resolve)
	span := ""
	if n := len(d.periods); n > 0 {
		span = ", " + d.periods[0].Label()
		if n > 1 {
			span += " – " + d.periods[n-1].Label()
		}
	}
	c.touchTitle.SetText("Issues per " + granName(g) + " by touchpoint" + span)
	c.sevTitle.SetText("Issues per " + granName(g) + " by severity")
}

func granName(g model.Granularity) string {
	if g == 0 {
		g = model.Quarter
	}
	return g.String()
}

// shapeIssueCharts counts issues per period (the latest issuePeriods
// from the first to the last issue) by touchpoint and by severity, and the
// median days to resolve per touchpoint.
func shapeIssueCharts(issues []model.CXIssue, g model.Granularity) issueShape {
	var out issueShape
	if g == 0 {
		g = model.Quarter
	}
	count := charts.Format{Decimals: 0}
	out.byTouch.Format, out.bySeverity.Format = count, count
	out.resolve.Format = charts.Format{Decimals: 1, Unit: "days"}
	var first, last model.Period
	for _, i := range issues {
		if i.Date.IsZero() {
			continue
		}
		p, _ := model.PeriodOf(i.Date).Rollup(g)
		if first.IsZero() || p.Before(first) {
			first = p
		}
		if last.IsZero() || last.Before(p) {
			last = p
		}
	}
	if first.IsZero() {
		return out
	}
	periods := charts.Span(first, last)
	periods = periods[max(0, len(periods)-issuePeriods):]
	out.periods = periods
	col := map[model.Period]int{}
	for i, p := range periods {
		col[p] = i
	}
	touches := topTouchpoints(issues)
	row := map[string]int{}
	for i, t := range touches {
		row[t] = i
	}
	sevs := slices.Clone(model.Severities)
	slices.Reverse(sevs) // the worst on top
	tCells := zeroCells(len(touches), len(periods))
	sCells := zeroCells(len(sevs), len(periods))
	days := map[string][]float64{}
	for _, i := range issues {
		t := touchName(i.Touchpoint, row)
		if d, ok := i.TimeToResolve(); ok {
			days[t] = append(days[t], d.Hours()/24)
		}
		p, _ := model.PeriodOf(i.Date).Rollup(g)
		j, ok := col[p]
		if !ok || i.Date.IsZero() {
			continue
		}
		tCells[row[t]][j].Value++
		if r := slices.Index(sevs, i.Severity); r >= 0 {
			sCells[r][j].Value++
		}
	}
	labels := charts.PeriodLabels(periods)
	// The colour scale starts at 0 and spans at least 5 issues: one issue
	// is not the darkest blue, and the scale's ticks are whole numbers.
	top := 5.0
	for _, cells := range [][][]charts.Point{tCells, sCells} {
		for _, r := range cells {
			for _, c := range r {
				top = max(top, c.Value)
			}
		}
	}
	out.byTouch = charts.HeatmapData{Rows: touches, Cols: labels, Cells: tCells, Min: 0, Max: top, Format: count}
	var sevNames []string
	for _, s := range sevs {
		sevNames = append(sevNames, statusTitle(string(s)))
	}
	out.bySeverity = charts.HeatmapData{Rows: sevNames, Cols: labels, Cells: sCells, Min: 0, Max: top, Format: count}
	for _, t := range touches {
		if len(days[t]) > 0 {
			out.resolve.Bars = append(out.resolve.Bars, charts.Bar{Label: t, Value: charts.Pt(median(days[t]), len(days[t]))})
		}
	}
	slices.SortStableFunc(out.resolve.Bars, func(a, b charts.Bar) int { return cmp.Compare(b.Value.Value, a.Value.Value) })
	return out
}

// topTouchpoints are the touchpoints with the most issues, most first,
// with "Other" last when there are more than issueTouchpoints.
func topTouchpoints(issues []model.CXIssue) []string {
	n := map[string]int{}
	for _, i := range issues {
		n[touchLabel(i.Touchpoint)]++
	}
	ts := make([]string, 0, len(n))
	for t := range n {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b string) int {
		if c := cmp.Compare(n[b], n[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(ts) <= issueTouchpoints {
		return ts
	}
	// "Other" sums the rest, so it goes last whatever its own count.
	ts = slices.DeleteFunc(ts, func(t string) bool { return t == "Other" })
	return append(ts[:issueTouchpoints-1], "Other")
}

func touchLabel(t string) string {
	if t == "" {
		return "(no touchpoint)"
	}
	return t
}

// touchName is the chart row of touchpoint t: its own, or "Other".
func touchName(t string, rows map[string]int) string {
	t = touchLabel(t)
	if _, ok := rows[t]; ok {
		return t
	}
	return "Other"
}

func zeroCells(rows, cols int) [][]charts.Point {
	out := make([][]charts.Point, rows)
	for i := range out {
		out[i] = make([]charts.Point, cols)
		for j := range out[i] {
			out[i][j] = charts.Pt(0, 0)
		}
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
