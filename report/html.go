package report

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"

	"cxdash/assets"
	"cxdash/model"
)

//go:embed html_report.tmpl
var htmlTemplateText string

var htmlTemplate = template.Must(template.New("report").Parse(htmlTemplateText))

// WriteHTML writes the HTML report to w: the Excel summary's content with
// interactive charts (radar, trends, heatmap, units) and the governance
// section (owners and targets, actions with the overdue ones highlighted,
// the CX issue log with its charts and time to resolve, timeline events,
// which are also drawn on the trend charts), in one file that works
// offline, since ECharts is inlined. Every string from the workspace is
// escaped for where it lands: HTML text by html/template, chart options as
// JSON with <, > and & escaped, so no name can close the script element.
// progress counts the page's parts.
func WriteHTML(ctx context.Context, w io.Writer, d Data, progress Progress) error {
	d = d.normalised()
	page, err := newHTMLPage(d)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	all := page.allCharts()
	total := len(all) + 1
	for i, c := range all {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("html report: %w", err)
		}
		progress.report(i, total)
		// No animation: a page printed or captured while charts grow would
		// show them half drawn.
		c.option["animation"] = false
		js, err := scriptJSON(c.option)
		if err != nil {
			return fmt.Errorf("html report: chart %s: %w", c.ID, err)
		}
		page.specs = append(page.specs, chartSpec{ID: c.ID, Option: json.RawMessage(js)})
	}
	specs, err := scriptJSON(page.specs)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	page.Specs = template.JS(specs)
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	progress.report(total, total)
	return nil
}

// WriteHTMLFile writes the HTML report to path through a temporary file.
func WriteHTMLFile(ctx context.Context, path string, d Data, progress Progress) error {
	return writeFile(path, func(w io.Writer) error { return WriteHTML(ctx, w, d, progress) })
}

// scriptJSON marshals v for a <script> element. encoding/json escapes <, >
// and & as \u003c, \u003e and \u0026 (and U+2028, U+2029), so the result
// can hold neither "</script" nor "<!--" whatever the data says; the check
// below keeps it so should that ever change.
func scriptJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if bytes.ContainsAny(b, "<>&") {
		return "", errors.New("chart options are not escaped for a script element")
	}
	return string(b), nil
}

type chartSpec struct {
	ID     string          `json:"id"`
	Option json.RawMessage `json:"option"`
}

// htmlPage is what the template shows. Strings are plain text: the
// template escapes them.
type htmlPage struct {
	Title, Workspace, Unit, Period, Generated string

	Overall     htmlOverall
	Disciplines []htmlDiscipline
	Metrics     []htmlMetricGroup
	// Answers is set when a metric is computed from answers: the table
	// then says what its ± and observations mean.
	Answers bool
	Batches []htmlBatch
	Charts  []htmlChart
	Gov     *htmlGovernance

	specs   []chartSpec
	Specs   template.JS // the charts' ids and options, as escaped JSON
	ECharts template.JS // echarts.min.js
	Version string
}

type htmlOverall struct {
	Present                              bool
	Score, LevelName, Delta, DeltaClass  string
	Target, Gap, Coverage, CoverageLabel string
	Level                                int
}

type htmlDiscipline struct {
	Name, Score, LevelName, Previous, Delta, DeltaClass, Target, Gap string
	Level, Rows                                                      int
}

type htmlMetricGroup struct {
	Discipline string
	Metrics    []htmlMetric
}

type htmlMetric struct {
	Name, Value, Score, Target string
	// Margin is "±17.1", the 95% margin of error of a value computed
	// from answers; empty for other values or fewer than 2 answers.
	Margin string
	Rows   int // observations, or for answers n
}

type htmlBatch struct {
	ID                     int64
	ImportedAt, File, User string
	Rows, Skipped          int
}

func newHTMLPage(d Data) (*htmlPage, error) {
	js := string(assets.EChartsJS)
	// Inlined as is: a "</script" or "<!--" inside would end or change the
	// element. The bundled file has neither; a replaced one is checked.
	if strings.Contains(strings.ToLower(js), "</script") || strings.Contains(js, "<!--") {
		return nil, errors.New("the bundled echarts.min.js cannot be inlined: it contains </script or <!--")
	}
	p := &htmlPage{
		Title:     d.title(),
		Workspace: d.Workspace,
		Unit:      model.UnitLabel(d.Unit),
		Period:    d.Period.Label(),
		Generated: d.generated().Format("2 January 2006, 15:04"),
		ECharts:   template.JS(js),
		Version:   strings.TrimSpace(assets.EChartsVersion),
	}
	o := d.Summary.Overall
	p.Overall = htmlOverall{Present: o.Present, Target: fmtOpt(o.Target), Gap: fmtOpt(o.Gap),
		Coverage:      fmt.Sprintf("%.0f%%", o.Coverage*100),
		CoverageLabel: fmt.Sprintf("%.0f of %d disciplines have data", o.Coverage*float64(len(model.DisciplineKeys)), len(model.DisciplineKeys))}
	if o.Present {
		p.Overall.Score, p.Overall.Level, p.Overall.LevelName = fmt.Sprintf("%.2f", o.Score), o.Level, o.LevelName
		p.Overall.Delta, p.Overall.DeltaClass = fmtDelta(o.Delta)
	}
	for _, ds := range d.Summary.Disciplines {
		h := htmlDiscipline{Name: ds.Name, Score: "–", LevelName: "no data", Previous: "–", Delta: "–",
			Target: fmtOpt(ds.Target), Gap: "–", Rows: ds.Rows}
		if ds.Present {
			h.Score, h.Level, h.LevelName, h.Gap = fmt.Sprintf("%.2f", ds.Score), ds.Level, ds.LevelName, fmtOpt(ds.Gap)
			h.Delta, h.DeltaClass = fmtDelta(ds.Delta)
			if prev, ok := previous(ds); ok {
				h.Previous = fmt.Sprintf("%.2f", prev)
			}
		}
		p.Disciplines = append(p.Disciplines, h)
		if len(ds.Metrics) == 0 {
			continue
		}
		g := htmlMetricGroup{Discipline: ds.Name}
		for _, m := range ds.Metrics {
			h := htmlMetric{Name: m.Metric, Value: fmtValue(m.Value),
				Score: fmt.Sprintf("%.2f", m.Score), Target: fmtValueOpt(m.Target), Rows: m.Rows}
			if m.Answers {
				p.Answers, h.Rows = true, m.Estimate.N
				if m.Estimate.HasMOE() {
					h.Margin = fmt.Sprintf("±%.1f", m.Estimate.MOE)
				}
			}
			g.Metrics = append(g.Metrics, h)
		}
		p.Metrics = append(p.Metrics, g)
	}
	for _, b := range d.Batches {
		h := htmlBatch{ID: b.ID, File: b.File, User: b.User, Rows: b.Rows, Skipped: b.Skipped}
		if !b.ImportedAt.IsZero() {
			h.ImportedAt = b.ImportedAt.Local().Format("2006-01-02 15:04")
		}
		p.Batches = append(p.Batches, h)
	}
	p.Charts = append(p.Charts, radarChart(d))
	if len(d.Units) > 0 {
		p.Charts = append(p.Charts, unitsChart(d))
	}
	g := newGovernance(d)
	if len(d.Trend) > 0 {
		trend := trendChart(d)
		var labels []string
		for _, s := range d.Trend {
			labels = append(labels, s.Period.Label())
		}
		if marks := eventMarks(g.events, g.gran, labels); len(marks) > 0 {
			addEventMarks(trend.option, marks)
			trend.Note += " Dashed lines are timeline events."
		}
		p.Charts = append(p.Charts, trend, heatmapChart(d))
	}
	p.Gov = newHTMLGovernance(d, g)
	return p, nil
}

// allCharts is every chart of the page, in page order.
func (p *htmlPage) allCharts() []*htmlChart {
	var out []*htmlChart
	for i := range p.Charts {
		out = append(out, &p.Charts[i])
	}
	if p.Gov != nil {
		for i := range p.Gov.Charts {
			out = append(out, &p.Gov.Charts[i])
		}
	}
	return out
}

func fmtOpt(f *float64) string {
	if f == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", *f)
}

// fmtDelta prints a change with its sign and a class for its colour.
func fmtDelta(f *float64) (string, string) {
	switch {
	case f == nil:
		return "–", ""
	case *f >= 0.005:
		return fmt.Sprintf("+%.2f", *f), "up"
	case *f <= -0.005:
		return fmt.Sprintf("−%.2f", -*f), "down"
	}
	return "±0.00", ""
}

// fmtValue prints a metric value without trailing zeros.
func fmtValue(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

func fmtValueOpt(f *float64) string {
	if f == nil {
		return "–"
	}
	return fmtValue(*f)
}
