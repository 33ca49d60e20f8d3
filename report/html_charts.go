package report

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"cxdash/model"
)

// The HTML charts are built with go-echarts' chart types, but their options
// are serialised by scriptJSON, not by go-echarts' renderer: that one writes
// JSON with HTML escaping off and deletes every "__f__" it finds, so a name
// from user data could close the script element or become code.

// okabeIto is the colour-blind-safe palette the app's charts use.
var okabeIto = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"}

const (
	inkColour    = "#1f2933"
	mutedColour  = "#8a949e"
	targetColour = "#D55E00"
)

// htmlChart is one chart of the page: its element id, heading, option and
// height in pixels.
type htmlChart struct {
	ID     string
	Title  string
	Note   string
	Height int
	Wide   bool
	option map[string]any
}

// missing is how ECharts is told a value is absent: a gap, not a zero.
const missing = "-"

// score rounds a score for display, or marks it missing.
func score(f float64, present bool) any {
	if !present || math.IsNaN(f) || math.IsInf(f, 0) {
		return missing
	}
	return math.Round(f*100) / 100
}

func optScore(f *float64) any {
	if f == nil {
		return missing
	}
	return score(*f, true)
}

func tooltip(trigger string) charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger})
}

func legend() charts.GlobalOpts {
	// A plain legend wraps; a scrolling one would hide names on paper.
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"})
}

// radarChart shows the disciplines now, in the previous period and at
// their targets.
func radarChart(d Data) htmlChart {
	var ind []*opts.Indicator
	var now, prev, target []any
	for _, ds := range d.Summary.Disciplines {
		ind = append(ind, &opts.Indicator{Name: ds.Name, Max: 5})
		now = append(now, score(ds.Score, ds.Present))
		p, ok := previous(ds)
		prev = append(prev, score(p, ok))
		target = append(target, optScore(ds.Target))
	}
	r := charts.NewRadar()
	r.SetGlobalOptions(
		charts.WithRadarComponentOpts(opts.RadarComponent{Indicator: ind, SplitNumber: 5, Shape: "polygon",
			Center: []string{"50%", "50%"}, AxisName: &opts.AxisName{Width: 120, Overflow: "break", Color: "#3e4c59"}}),
		tooltip("item"), legend(),
	)
	r.AddSeries("Now", []opts.RadarData{{Name: "Now", Value: now}},
		charts.WithItemStyleOpts(opts.ItemStyle{Color: okabeIto[0]}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.18)}))
	r.AddSeries("Previous period", []opts.RadarData{{Name: "Previous period", Value: prev}},
		charts.WithItemStyleOpts(opts.ItemStyle{Color: mutedColour}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Type: "dotted"}))
	r.AddSeries("Target", []opts.RadarData{{Name: "Target", Value: target}},
		charts.WithItemStyleOpts(opts.ItemStyle{Color: targetColour}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Type: "dashed"}))
	r.Validate()
	o := r.JSON()
	// go-echarts has no radar radius option; the default leaves the
	// discipline names little room.
	radar, err := toMap(o["radar"])
	if err == nil {
		radar["radius"] = "66%"
		o["radar"] = radar
	}
	return htmlChart{ID: "chart-radar", Title: "Disciplines: now, previous period and target",
		Note: "Scores 1–5. " + d.Period.Label() + " against " + d.Period.Prev().Label() + ".", Height: 400, option: o}
}

// trendChart shows the overall index and each discipline over time.
func trendChart(d Data) htmlChart {
	var periods []string
	for _, s := range d.Trend {
		periods = append(periods, s.Period.Label())
	}
	l := charts.NewLine()
	l.SetGlobalOptions(tooltip("axis"), legend(),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 1, Max: 5, SplitNumber: 4}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "24", Top: "16", Bottom: "84"}),
	)
	l.SetXAxis(periods)
	overall := make([]opts.LineData, len(d.Trend))
	for i, s := range d.Trend {
		overall[i] = opts.LineData{Value: score(s.Overall.Score, s.Overall.Present)}
	}
	l.AddSeries("Overall index", overall,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: inkColour}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 4}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 7}))
	for k, ds := range d.Summary.Disciplines {
		data := make([]opts.LineData, len(d.Trend))
		for i, s := range d.Trend {
			data[i] = opts.LineData{Value: missing}
			if k < len(s.Disciplines) {
				data[i].Value = score(s.Disciplines[k].Score, s.Disciplines[k].Present)
			}
		}
		l.AddSeries(ds.Name, data,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: okabeIto[k%len(okabeIto)]}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2}),
			charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 5}))
	}
	l.Validate()
	return htmlChart{ID: "chart-trend", Title: "Maturity over time",
		Note: model.UnitLabel(d.Unit) + ", per " + granularity(d) + ". Gaps are periods without data.", Height: 380, Wide: true, option: l.JSON()}
}

// heatmapChart shows every discipline's score per period at a glance.
func heatmapChart(d Data) htmlChart {
	var periods, names []string
	for _, s := range d.Trend {
		periods = append(periods, s.Period.Label())
	}
	for _, ds := range d.Summary.Disciplines {
		names = append(names, ds.Name)
	}
	// Each cell carries its label as text: ECharts would print 2.40 as 2.4,
	// and only a JavaScript formatter could say otherwise.
	var cells []any
	for x, s := range d.Trend {
		for y, ds := range s.Disciplines {
			if ds.Present {
				cells = append(cells, map[string]any{"value": []any{x, y, score(ds.Score, true)},
					"label": map[string]any{"formatter": fmt.Sprintf("%.2f", ds.Score)}})
			}
		}
	}
	h := charts.NewHeatMap()
	h.SetGlobalOptions(tooltip("item"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: periods, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: 1, Max: 5, Orient: "horizontal",
			Left: "center", Bottom: "0", Text: []string{"5", "1"},
			InRange: &opts.VisualMapInRange{Color: []string{"#E06666", "#FFD966", "#93C47D"}}}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "8", Bottom: "72", ContainLabel: opts.Bool(true)}),
	)
	h.AddSeries("Score", nil, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), FontSize: 11}))
	h.MultiSeries[0].Data = cells
	h.Validate()
	o := h.JSON()
	truncateLabels(o, "yAxis", 180)
	return htmlChart{ID: "chart-heatmap", Title: "Disciplines by period",
		Note: "Each cell is a discipline's score in a period; empty cells have no data.", Height: 60 + 36*len(names) + 80, Wide: true, option: o}
}

// unitsChart compares the business units' overall index in the period;
// the legend adds each discipline.
func unitsChart(d Data) htmlChart {
	var names []string
	for _, u := range d.Units {
		names = append(names, u.Unit)
	}
	b := charts.NewBar()
	selected := map[string]bool{}
	b.SetGlobalOptions(tooltip("axis"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Selected: selected}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 5}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "48", Top: "8", Bottom: "72", ContainLabel: opts.Bool(true)}),
	)
	overall := make([]opts.BarData, len(d.Units))
	for i, u := range d.Units {
		overall[i] = opts.BarData{Value: score(u.Overall.Score, u.Overall.Present)}
	}
	b.AddSeries("Overall index", overall,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#0B5563"}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	for k, ds := range d.Summary.Disciplines {
		data := make([]opts.BarData, len(d.Units))
		for i, u := range d.Units {
			data[i] = opts.BarData{Value: missing}
			if k < len(u.Disciplines) {
				data[i].Value = score(u.Disciplines[k].Score, u.Disciplines[k].Present)
			}
		}
		b.AddSeries(ds.Name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: okabeIto[k%len(okabeIto)]}))
		if ds.Name != "Overall index" {
			selected[ds.Name] = false // shown on demand, so that the chart opens readable
		}
	}
	b.Validate()
	o := b.JSON()
	truncateLabels(o, "yAxis", 160)
	return htmlChart{ID: "chart-units", Title: "Business units in " + d.Period.Label(),
		Note:   "Overall index per unit; pick disciplines in the legend to compare them too.",
		Height: max(400, 100+34*len(names)), option: o}
}

// toMap turns a go-echarts option struct into a map, to add what go-echarts
// has no field for.
func toMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	err = json.Unmarshal(b, &m)
	return m, err
}

// truncateLabels cuts an axis's labels at width pixels, so that a long
// unit or discipline name cannot squeeze the plot; tooltips show it whole.
// go-echarts has no field for it.
func truncateLabels(o map[string]any, axis string, width int) {
	b, err := json.Marshal(o[axis])
	if err != nil {
		return
	}
	var axes []map[string]any
	if json.Unmarshal(b, &axes) != nil {
		return
	}
	for _, a := range axes {
		a["axisLabel"] = map[string]any{"width": width, "overflow": "truncate"}
	}
	o[axis] = axes
}

// granularity names the trend's period length.
func granularity(d Data) string {
	if len(d.Trend) > 0 {
		return d.Trend[0].Period.Gran.String()
	}
	return model.Quarter.String()
}
