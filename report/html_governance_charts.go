package report

import (
	"encoding/json"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"cxdash/model"
)

// eventColour draws timeline events: quiet, so that they annotate the
// data rather than compete with it.
const eventColour = "#7b8794"

// eventMarks are the markLine items of the events that fall in one of the
// periods labels, one per period: events of one period share a line, named
// by their titles (and units, when not for all).
func eventMarks(events []model.Event, gran model.Granularity, labels []string) []map[string]any {
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	names := map[string][]string{}
	var order []string
	for _, e := range events {
		l := e.Period(gran).Label()
		if _, ok := index[l]; !ok {
			continue
		}
		name := e.Title
		if e.Unit != "" && e.Unit != model.AllUnits {
			name += " (" + e.Unit + ")"
		}
		if _, seen := names[l]; !seen {
			order = append(order, l)
		}
		names[l] = append(names[l], name)
	}
	var marks []map[string]any
	for _, l := range order {
		marks = append(marks, map[string]any{"name": cutText(strings.Join(names[l], "; "), 30), "xAxis": l})
	}
	return marks
}

// addEventMarks draws marks as dashed vertical lines on the first series
// of chart option o, labelled along the line. go-echarts' markLine label
// has no position field, so the series are edited as maps. The names are
// user text: ECharts draws labels as SVG text, and scriptJSON escapes the
// option for the script element.
func addEventMarks(o map[string]any, marks []map[string]any) {
	if len(marks) == 0 {
		return
	}
	b, err := json.Marshal(o["series"])
	if err != nil {
		return
	}
	var series []map[string]any
	if json.Unmarshal(b, &series) != nil || len(series) == 0 {
		return
	}
	series[0]["markLine"] = map[string]any{
		"silent":    true,
		"symbol":    []string{"none", "none"},
		"animation": false,
		"lineStyle": map[string]any{"type": "dashed", "color": eventColour, "width": 1.5},
		"label": map[string]any{"show": true, "position": "insideEndTop", "formatter": "{b}",
			"color": "#3e4c59", "fontSize": 11},
		"data": marks,
	}
	o["series"] = series
}

func periodLabels(ps []model.Period) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Label()
	}
	return out
}

// issuesByTouchpointChart stacks the issues opened per period by touchpoint.
func issuesByTouchpointChart(g *governance) htmlChart {
	labels := periodLabels(g.periods)
	b := stackedBar(labels)
	for k, t := range g.touchpoints {
		data := make([]opts.BarData, len(g.periods))
		for i := range g.periods {
			data[i] = opts.BarData{Value: g.counts[i][k]}
		}
		b.AddSeries(t, data, charts.WithBarChartOpts(opts.BarChart{Stack: "issues"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: touchpointColours[k%len(touchpointColours)]}))
	}
	b.Validate()
	o := b.JSON()
	addEventMarks(o, eventMarks(g.events, g.gran, labels))
	return htmlChart{ID: "chart-issues-touchpoint", Title: "CX issues per " + g.gran.String() + " by touchpoint",
		Note: "Issues counted in the period they happened.", Height: 360, Wide: true, option: o}
}

// issuesBySeverityChart stacks the issues opened per period by severity.
func issuesBySeverityChart(g *governance) htmlChart {
	labels := periodLabels(g.periods)
	b := stackedBar(labels)
	for k := len(model.Severities) - 1; k >= 0; k-- {
		data := make([]opts.BarData, len(g.periods))
		for i := range g.periods {
			data[i] = opts.BarData{Value: g.bySeverity[i][k]}
		}
		b.AddSeries(capitalised(string(model.Severities[k])), data, charts.WithBarChartOpts(opts.BarChart{Stack: "issues"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: severityColours[k]}))
	}
	b.Validate()
	o := b.JSON()
	addEventMarks(o, eventMarks(g.events, g.gran, labels))
	return htmlChart{ID: "chart-issues-severity", Title: "CX issues per " + g.gran.String() + " by severity",
		Note: "Critical at the bottom of each column.", Height: 340, option: o}
}

func stackedBar(labels []string) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(tooltip("axis"), legend(),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "issues", MinInterval: 1}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "28", Bottom: "64", ContainLabel: opts.Bool(true)}),
	)
	b.SetXAxis(labels)
	return b
}
