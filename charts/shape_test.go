package charts_test

import (
	"math"
	"reflect"
	"testing"

	"cxdash/charts"
	"cxdash/model"
)

func f(v float64) *float64 { return &v }

// fixture is a small workspace: one level metric per discipline and NPS,
// two units over 2024, where Online has no data in Q3 and nothing at all
// in Culture.
func fixture(t *testing.T) (model.Framework, *model.Scorer, []model.Metric) {
	t.Helper()
	fw := model.DefaultFramework()
	fw.Disciplines[0].Target = f(4) // Strategy
	metrics := []model.Metric{
		model.NewLevelMetric("Vision", model.Strategy),
		model.NewLevelMetric("Journey maps", model.Understanding),
		model.NewLevelMetric("Blueprints", model.Design),
		model.NewLevelMetric("Dashboards", model.Measurement),
		model.NewLevelMetric("Steering", model.Governance),
		model.NewLevelMetric("Training", model.Culture),
	}
	nps, _ := model.KnownKPI("NPS")
	nps.Target = f(40)
	metrics = append(metrics, nps)
	var values []model.Value
	add := func(metric, unit string, p model.Period, v float64, n int) {
		values = append(values, model.Value{Metric: metric, Unit: unit, Period: p, Sum: v * float64(n), Count: n})
	}
	for q := 1; q <= 4; q++ {
		p := model.QuarterPeriod(2024, q)
		base := float64(q) * 0.5
		for i, m := range metrics[:6] {
			add(m.Name, "Retail", p, 1+base+0.1*float64(i), 3)
			if q != 3 && i != 5 {
				add(m.Name, "Online", p, 1.5+base, 2)
			}
		}
		add("NPS", "Retail", p, 10*float64(q), 4) // 10, 20, 30, 40: scores 2.5, 3, 3.5, 4
	}
	return fw, model.NewScorer(fw, metrics, values), metrics
}

func quarters(from, to int) []model.Period {
	var out []model.Period
	for q := from; q <= to; q++ {
		out = append(out, model.QuarterPeriod(2024, q))
	}
	return out
}

func TestSpan(t *testing.T) {
	q := model.QuarterPeriod
	cases := []struct {
		name        string
		first, last model.Period
		want        []model.Period
	}{
		{"quarters", q(2023, 4), q(2024, 2), []model.Period{q(2023, 4), q(2024, 1), q(2024, 2)}},
		{"one", q(2024, 1), q(2024, 1), []model.Period{q(2024, 1)}},
		{"backwards", q(2024, 2), q(2024, 1), nil},
		{"month rolls up to the first's quarter", q(2024, 1), model.MonthPeriod(2024, 5), []model.Period{q(2024, 1), q(2024, 2)}},
		{"zero", model.Period{}, q(2024, 1), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := charts.Span(c.first, c.last); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Span(%v, %v) = %v, want %v", c.first, c.last, got, c.want)
			}
		})
	}
	if n := len(charts.Span(model.MonthPeriod(1900, 1), model.MonthPeriod(2200, 1))); n != 400 {
		t.Errorf("a 300-year span gives %d months, want the cap of 400", n)
	}
}

func TestLastPeriods(t *testing.T) {
	_, sc, _ := fixture(t)
	cases := []struct {
		name string
		g    model.Granularity
		n    int
		want []model.Period
	}{
		{"last two quarters", model.Quarter, 2, quarters(3, 4)},
		{"no leading empty periods", model.Quarter, 10, quarters(1, 4)},
		{"year", model.Year, 3, []model.Period{model.YearPeriod(2024)}},
		{"none", model.Quarter, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := charts.LastPeriods(sc, c.g, c.n); !reflect.DeepEqual(got, c.want) {
				t.Errorf("LastPeriods(%v, %d) = %v, want %v", c.g, c.n, got, c.want)
			}
		})
	}
}

// near compares a point with a value and row count.
func near(p charts.Point, v float64, rows int) bool {
	return p.Present && math.Abs(p.Value-v) < 1e-9 && p.Rows == rows
}

func TestRadarFromSummaries(t *testing.T) {
	fw, sc, _ := fixture(t)
	cases := []struct {
		name       string
		unit       string
		period     model.Period
		wantSeries []string
		strategy   []charts.Point // per series, on the Strategy axis
	}{
		{"now, previous and target", "Retail", model.QuarterPeriod(2024, 2),
			[]string{"Q2 2024", "Q1 2024", "Target"},
			[]charts.Point{charts.Pt(2, 3), charts.Pt(1.5, 3), charts.Pt(4, 0)}},
		{"no previous period", "Retail", model.QuarterPeriod(2024, 1),
			[]string{"Q1 2024", "Target"}, []charts.Point{charts.Pt(1.5, 3), charts.Pt(4, 0)}},
		{"gap: nothing now, previous shown", "Online", model.QuarterPeriod(2024, 3),
			[]string{"Q3 2024", "Q2 2024", "Target"}, []charts.Point{{}, charts.Pt(2.5, 2), charts.Pt(4, 0)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := charts.RadarFromSummaries(fw, sc.Summary(c.unit, c.period), sc.Summary(c.unit, c.period.Prev()))
			if len(d.Axes) != 6 || d.Axes[1] != "Customer understanding" || len(d.Levels) != 5 || d.Max != 5 {
				t.Fatalf("axes %q, levels %q, max %v", d.Axes, d.Levels, d.Max)
			}
			var names []string
			for _, s := range d.Series {
				names = append(names, s.Name)
				if len(s.Points) != 6 {
					t.Errorf("series %s has %d points, want 6", s.Name, len(s.Points))
				}
			}
			if !reflect.DeepEqual(names, c.wantSeries) {
				t.Fatalf("series %q, want %q", names, c.wantSeries)
			}
			for i, s := range d.Series {
				if got := s.Points[0]; got.Present != c.strategy[i].Present || (got.Present && !near(got, c.strategy[i].Value, c.strategy[i].Rows)) {
					t.Errorf("%s on Strategy = %+v, want %+v", s.Name, got, c.strategy[i])
				}
			}
			if !d.Series[0].Fill || d.Series[len(d.Series)-1].Dashed != true {
				t.Errorf("the current period should be filled and the target dashed: %+v", d.Series)
			}
		})
	}
	if d := charts.RadarFromSummaries(fw, model.Summary{}, model.Summary{}); len(d.Axes) != 6 || len(d.Series) != 0 {
		t.Errorf("empty summaries give axes %q and %d series, want the six disciplines and none", d.Axes, len(d.Series))
	}
}

func TestDisciplineTrend(t *testing.T) {
	fw, sc, _ := fixture(t)
	cases := []struct {
		name    string
		unit    string
		series  int // which discipline
		want    []charts.Point
		wantTgt *charts.Band
	}{
		{"retail strategy", "Retail", 0,
			[]charts.Point{charts.Pt(1.5, 3), charts.Pt(2, 3), charts.Pt(2.5, 3), charts.Pt(3, 3)},
			&charts.Band{Lo: 4, Hi: 4, Label: "Target 4.00"}},
		{"online has a gap in Q3", "Online", 1,
			[]charts.Point{charts.Pt(2, 2), charts.Pt(2.5, 2), {}, charts.Pt(3.5, 2)},
			&charts.Band{Lo: 4, Hi: 4, Label: "Target 4.00"}},
		{"online has no culture at all", "Online", 5, []charts.Point{{}, {}, {}, {}},
			&charts.Band{Lo: 4, Hi: 4, Label: "Target 4.00"}},
		{"all units: mean of unit scores, rows added", model.AllUnits, 0,
			[]charts.Point{charts.Pt(1.75, 5), charts.Pt(2.25, 5), charts.Pt(2.5, 3), charts.Pt(3.25, 5)},
			&charts.Band{Lo: 4, Hi: 4, Label: "Target 4.00"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := charts.DisciplineTrend(fw, sc, c.unit, quarters(1, 4))
			if !reflect.DeepEqual(d.Labels, []string{"Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"}) || len(d.Series) != 6 {
				t.Fatalf("labels %q, %d series", d.Labels, len(d.Series))
			}
			got := d.Series[c.series].Points
			for i := range c.want {
				if got[i].Present != c.want[i].Present || (got[i].Present && !near(got[i], c.want[i].Value, c.want[i].Rows)) {
					t.Errorf("point %d = %+v, want %+v", i, got[i], c.want[i])
				}
			}
			if !reflect.DeepEqual(d.Target, c.wantTgt) {
				t.Errorf("target %+v, want %+v", d.Target, c.wantTgt)
			}
			if d.Min != 1 || d.Max != 5 || len(d.Levels) != 5 {
				t.Errorf("axis %v..%v with %d level names, want 1..5 with 5", d.Min, d.Max, len(d.Levels))
			}
		})
	}
}

func TestMetricAndUnitTrend(t *testing.T) {
	fw, sc, _ := fixture(t)
	m := charts.MetricTrend(fw, sc, "Retail", model.Measurement, quarters(1, 4))
	if len(m.Series) != 2 || m.Series[0].Name != "Dashboards" || m.Series[1].Name != "NPS" {
		t.Fatalf("measurement metrics %+v, want Dashboards and NPS", m.Series)
	}
	if p := m.Series[1].Points[0]; !near(p, 2.5, 4) {
		t.Errorf("NPS 10 in Q1 scores %+v, want 2.5 on 4 rows", p)
	}
	u := charts.UnitTrend(fw, sc, quarters(1, 4))
	if len(u.Series) != 2 || u.Series[0].Name != "Online" || u.Series[1].Name != "Retail" {
		t.Fatalf("unit series %+v", u.Series)
	}
	if u.Series[0].Points[2].Present {
		t.Errorf("Online has no data in Q3 but its line has %+v", u.Series[0].Points[2])
	}
}

func TestBars(t *testing.T) {
	fw, sc, _ := fixture(t)
	q3, q4 := model.QuarterPeriod(2024, 3), model.QuarterPeriod(2024, 4)
	cases := []struct {
		name   string
		data   charts.BarData
		labels []string
		first  charts.Point
	}{
		{"units in Q4, best first", charts.UnitBars(fw, sc, q4), []string{"Online", "Retail"}, charts.Point{}},
		{"units in Q3, no data last", charts.UnitBars(fw, sc, q3), []string{"Retail", "Online"}, charts.Point{}},
		{"gaps: only disciplines with a target", charts.GapBars(sc.Summary("Retail", q4)),
			[]string{"Strategy", "Measurement"}, charts.Pt(4-3.0, 3)}, // Measurement: 4 - mean(3.3, NPS 4)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var labels []string
			for _, b := range c.data.Bars {
				labels = append(labels, b.Label)
			}
			if !reflect.DeepEqual(labels, c.labels) {
				t.Fatalf("bars %q, want %q", labels, c.labels)
			}
			if c.first.Present && !near(c.data.Bars[0].Value, c.first.Value, c.first.Rows) {
				t.Errorf("first bar %+v, want %+v", c.data.Bars[0].Value, c.first)
			}
		})
	}
	if b := charts.UnitBars(fw, sc, q3); b.Bars[1].Value.Present {
		t.Errorf("Online has no data in Q3 but its bar is %+v", b.Bars[1].Value)
	}
}

func TestHeatmaps(t *testing.T) {
	fw, sc, _ := fixture(t)
	d := charts.DisciplineHeatmap(fw, sc, "Online", quarters(1, 4))
	if len(d.Rows) != 6 || len(d.Cols) != 4 || len(d.Cells) != 6 || len(d.Cells[0]) != 4 {
		t.Fatalf("discipline heatmap is %dx%d", len(d.Rows), len(d.Cols))
	}
	if d.Cells[0][2].Present || !near(d.Cells[0][3], 3.5, 2) {
		t.Errorf("Online Strategy Q3, Q4 = %+v, %+v; want a gap, then 3.5 on 2 rows", d.Cells[0][2], d.Cells[0][3])
	}
	u := charts.UnitHeatmap(fw, sc, model.QuarterPeriod(2024, 4))
	if !reflect.DeepEqual(u.Rows, []string{"Online", "Retail"}) || len(u.Cols) != 6 {
		t.Fatalf("unit heatmap rows %q, cols %q", u.Rows, u.Cols)
	}
	if u.Cells[0][5].Present || !near(u.Cells[1][5], 3.5, 3) {
		t.Errorf("culture cells %+v, %+v; want a gap for Online and 3.5 for Retail", u.Cells[0][5], u.Cells[1][5])
	}
}

func TestKPI(t *testing.T) {
	fw, sc, metrics := fixture(t)
	cases := []struct {
		name      string
		data      charts.KPIData
		title     string
		value     charts.Point
		delta     float64
		level     string
		trendGaps int
	}{
		{"overall", charts.KPI(fw, sc, "Retail", "", quarters(1, 4)), "Overall CX maturity",
			charts.Pt((3.0+3.1+3.2+(3.3+4)/2+3.4+3.5)/6, 3*6+4), 0.5, "Defined", 0},
		{"discipline with a gap", charts.KPI(fw, sc, "Online", model.Design, quarters(1, 4)), "Design",
			charts.Pt(3.5, 2), math.NaN(), "Defined", 1},
		{"metric", charts.MetricKPI(fw, sc, "Retail", metrics[6], quarters(1, 4)), "NPS (points)",
			charts.Pt(40, 4), 10, "Managed", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.data
			if d.Title != c.title || !near(d.Value, c.value.Value, c.value.Rows) || d.Level != c.level {
				t.Errorf("tile %q %+v %q, want %q %+v %q", d.Title, d.Value, d.Level, c.title, c.value, c.level)
			}
			switch {
			case math.IsNaN(c.delta) && d.Delta != nil:
				t.Errorf("delta %v, want none (no previous period)", *d.Delta)
			case !math.IsNaN(c.delta) && (d.Delta == nil || math.Abs(*d.Delta-c.delta) > 1e-9):
				t.Errorf("delta %v, want %v", d.Delta, c.delta)
			}
			gaps := 0
			for _, p := range d.Trend {
				if !p.Present {
					gaps++
				}
			}
			if len(d.Trend) != 4 || len(d.TrendLabels) != 4 || gaps != c.trendGaps {
				t.Errorf("trend of %d points (%d labels) with %d gaps, want 4 with %d", len(d.Trend), len(d.TrendLabels), gaps, c.trendGaps)
			}
			if d.DeltaLabel != "vs Q3 2024" {
				t.Errorf("delta label %q", d.DeltaLabel)
			}
		})
	}
	churn := model.Metric{Name: "Churn %", Discipline: model.Strategy, Unit: "%", Direction: model.LowerBetter, Scale: model.ScaleThresholds}
	if d := charts.MetricKPI(fw, sc, "Retail", churn, quarters(1, 4)); !d.LowerBetter || d.Value.Present || d.Format.Unit != "%" {
		t.Errorf("a metric without data: %+v", d)
	}
}

func TestEvents(t *testing.T) {
	ps := quarters(1, 4)
	got := charts.Events(ps, map[model.Period]string{
		model.MonthPeriod(2024, 5):    "Platform outage",
		model.QuarterPeriod(2024, 2):  "Reorganisation",
		model.QuarterPeriod(2025, 1):  "Out of range",
		model.QuarterPeriod(2024, 4):  "  ",
		model.QuarterPeriod(2024, 1):  "CX academy launched",
		model.YearPeriod(2024):        "Coarser than the chart",
		model.MonthPeriod(2024, 6):    "Platform outage",
		model.QuarterPeriod(2023, 4):  "Before",
		model.MonthPeriod(2024, 1):    "",
		model.QuarterPeriod(2024, 3):  "Recovery",
		model.MonthPeriod(2024, 0o7):  "Recovery",
		model.MonthPeriod(2024, 0o10): "Second recovery note",
	})
	want := []charts.Event{
		{Index: 0, Label: "CX academy launched"},
		{Index: 1, Label: "Reorganisation; Platform outage"},
		{Index: 2, Label: "Recovery; Second recovery note"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Events = %+v\nwant %+v", got, want)
	}
}

func TestFormat(t *testing.T) {
	cases := []struct {
		f            charts.Format
		v            float64
		plain, delta string
	}{
		{charts.ScoreFormat, 3.456, "3.46", "+3.46"},
		{charts.ScoreFormat, -0.001, "0.00", "0.00"},
		{charts.Format{Decimals: 1, Unit: "%"}, -1.25, "-1.2%", "−1.2%"},
		{charts.Format{Decimals: 0, Unit: "points"}, 32, "32 points", "+32 points"},
		{charts.ScoreFormat, math.NaN(), "–", "–"},
	}
	for _, c := range cases {
		t.Run(c.plain, func(t *testing.T) {
			if got := c.f.String(c.v); got != c.plain {
				t.Errorf("String(%v) = %q, want %q", c.v, got, c.plain)
			}
			if got := c.f.Signed(c.v); got != c.delta {
				t.Errorf("Signed(%v) = %q, want %q", c.v, got, c.delta)
			}
		})
	}
}
