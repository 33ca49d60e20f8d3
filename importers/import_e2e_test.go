package importers_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"cxdash/importers"
	"cxdash/model"
)

func TestReadLongWorkbook(t *testing.T) {
	path := semXLSX(t, "scorecard.xlsx", semXSheet{
		name: "Scorecard",
		rows: [][]any{
			{"CX Scorecard 2024"},
			{"Source: customer survey, all regions"},
			{},
			{"Reporting Period", "Business Unit", "Area", "KPI", "Actual", "Goal", "Comments"},
			{"2024-Q1", "North", "Measurement", "NPS", 35, 40, "good"},
			{"Q2 2024", "North", "Measurement", "NPS", "36"},
			{semMarch, "South", "Design", "Journey mapping", 3.5},
			{202404, nil, "Customer Understanding", "Voice of customer", " 4 "},
			{2024, "North", "Culture", "Training", "n/a"},
			{"2024-Q3", "North", "Measurement", "CSAT", semPct(0.81)},
			{"2024-Q3", "South", "measurement", "csat", "79%"},
		},
		merges: [][2]string{{"A1", "G1"}},
	})
	rep, sink := semRead(t, path, importers.Options{})
	if !rep.OK() {
		t.Fatalf("problems: %v", semProblems(rep))
	}
	s := semSheetResult(t, rep, "Scorecard")
	if s.Layout != importers.LayoutLong || s.HeaderRow != 4 {
		t.Errorf("layout %s header %d, want long on row 4 (%s)", s.Layout, s.HeaderRow, s.Reason)
	}
	want := []string{
		"NPS|North|2024-Q1|35|Scorecard!E5",
		"NPS|North|2024-Q2|36|Scorecard!E6",
		"Journey mapping|South|2024-03|3.5|Scorecard!E7",
		"Voice of customer|All|2024-04|4|Scorecard!E8",
		"CSAT|North|2024-Q3|81|Scorecard!E10",
		"CSAT|South|2024-Q3|79|Scorecard!E11",
	}
	if got := semObsList(sink.Observations); !slices.Equal(got, want) {
		t.Errorf("observations\n got %q\nwant %q", got, want)
	}
	if rep.Values != 6 || rep.Skipped != 1 || s.Values != 6 || s.Skipped != 1 {
		t.Errorf("values %d skipped %d (sheet %d/%d), want 6 and 1", rep.Values, rep.Skipped, s.Values, s.Skipped)
	}
	if sink.Observations[0].Note != "good" {
		t.Errorf("note %q, want good", sink.Observations[0].Note)
	}
	wantNew := []string{"NPS", "Journey mapping", "Voice of customer", "CSAT"}
	if !slices.Equal(rep.NewMetrics, wantNew) {
		t.Errorf("new metrics %q, want %q", rep.NewMetrics, wantNew)
	}
	nps := sink.metrics["nps"]
	if nps.Scale != model.ScaleThresholds || nps.Target == nil || *nps.Target != 40 {
		t.Errorf("NPS metric %+v, want known-KPI thresholds and target 40", nps)
	}
	jm := sink.metrics["journey mapping"]
	if jm.Discipline != model.Design || jm.Scale != model.ScaleLevel {
		t.Errorf("Journey mapping %+v, want a level metric in design", jm)
	}
	if vc := sink.metrics["voice of customer"]; vc.Discipline != model.Understanding {
		t.Errorf("Voice of customer discipline %q, want understanding", vc.Discipline)
	}
	wantCols := map[int]importers.Role{0: importers.RolePeriod, 1: importers.RoleUnit, 2: importers.RoleDiscipline,
		3: importers.RoleMetric, 4: importers.RoleValue, 5: importers.RoleTarget, 6: importers.RoleNote}
	for _, c := range s.Columns {
		if wantCols[c.Index] != c.Role {
			t.Errorf("column %s (%q) role %s, want %s", c.Letter, c.Header, c.Role, wantCols[c.Index])
		}
	}
	if s.Signature != importers.HeaderSignature([]string{"Reporting Period", "Business Unit", "Area", "KPI", "Actual", "Goal", "Comments"}) {
		t.Errorf("signature %q", s.Signature)
	}
	if len(s.Preview) != 6 || !slices.Equal(s.Preview[0], []string{"Q1 2024", "North", "NPS", "35", "good"}) {
		t.Errorf("preview %q", s.Preview)
	}
}

// TestReadSeveralSheets: sheets are recognised by content, catalogue sheets
// are read first wherever they sit, and sheets without data are skipped with
// a reason.
func TestReadSeveralSheets(t *testing.T) {
	path := semXLSX(t, "book.xlsx",
		semXSheet{name: "Read me", rows: [][]any{
			{"How to use this workbook"},
			{"Put one row per metric, unit and period in the data sheet."},
			{"Thresholds live in the KPI list."},
		}},
		semXSheet{name: "Sheet2", rows: [][]any{
			{"Date", "Team", "Measure", "Result"},
			{"Jan 2024", "Support", "Handle time", 7.5},
			{"Feb 2024", "Support", "Handle time", 5},
			{"Feb 2024", "Support", "Net Promoter Score", 12},
		}},
		semXSheet{name: "Empty"},
		semXSheet{name: "Old data", hidden: true, rows: [][]any{
			{"Period", "Metric", "Value"}, {"2020", "NPS", "not even a number"},
		}},
		semXSheet{name: "Chart", chart: true},
		semXSheet{name: "KPI list", rows: [][]any{
			{"Metric", "Discipline", "Unit", "Direction", "Scale", "T1", "T2", "T3", "T4", "T5", "Weight", "Target", "Owner"},
			{"Handle time", "Governance", "min", "lower", "thresholds", 10, 8, 6, 4, 2, 2, 5, "Ops"},
		}},
	)
	rep, sink := semRead(t, path, importers.Options{})
	if !rep.OK() {
		t.Fatalf("problems: %v", semProblems(rep))
	}
	wantLayouts := map[string]string{
		"Read me":  "skipped: no header row",
		"Sheet2":   "long",
		"Empty":    "skipped: empty sheet",
		"Old data": "skipped: hidden sheet",
		"Chart":    "skipped: chart sheet",
		"KPI list": "catalogue",
	}
	if len(rep.Sheets) != len(wantLayouts) {
		t.Errorf("%d sheets in report, want %d", len(rep.Sheets), len(wantLayouts))
	}
	for _, s := range rep.Sheets {
		want := wantLayouts[s.Name]
		kind, reason, _ := strings.Cut(want, ": ")
		if string(s.Layout) != kind || !strings.Contains(s.Reason, reason) {
			t.Errorf("sheet %q: %s (%s), want %s", s.Name, s.Layout, s.Reason, want)
		}
	}
	if len(sink.order()) < 1 || sink.order()[0] != "Handle time" {
		t.Errorf("metrics written in order %q, want the catalogue's Handle time first", sink.order())
	}
	ht := sink.metrics["handle time"]
	if ht.Direction != model.LowerBetter || ht.Thresholds != [5]float64{10, 8, 6, 4, 2} || ht.Weight != 2 ||
		ht.Unit != "min" || ht.Owner != "Ops" || ht.Target == nil || *ht.Target != 5 {
		t.Errorf("Handle time from the catalogue sheet: %+v", ht)
	}
	want := []string{
		"Handle time|Support|2024-01|7.5|Sheet2!D2",
		"Handle time|Support|2024-02|5|Sheet2!D3",
		"Net Promoter Score|Support|2024-02|12|Sheet2!D4",
	}
	if got := semObsList(sink.Observations); !slices.Equal(got, want) {
		t.Errorf("observations\n got %q\nwant %q", got, want)
	}
	if !slices.Equal(rep.NewMetrics, []string{"Handle time", "Net Promoter Score"}) {
		t.Errorf("new metrics %q", rep.NewMetrics)
	}
	if m := sink.metrics["net promoter score"]; m.Discipline != model.Measurement || m.Scale != model.ScaleThresholds {
		t.Errorf("known KPI without discipline: %+v, want Measurement with thresholds", m)
	}
}

// TestReadWideByPeriod: a metric column, merged year cells over quarter
// headers, Excel dates as headers, and heading rows that give the
// discipline of the practices below them.
func TestReadWideByPeriod(t *testing.T) {
	month := func(m time.Month) time.Time { return time.Date(2024, m+1, 0, 0, 0, 0, 0, time.UTC) }
	path := semXLSX(t, "trend.xlsx",
		semXSheet{
			name: "Trend",
			rows: [][]any{
				{"Metric", 2024, nil, nil, nil, 2025},
				{nil, "Q1", "Q2", "Q3", "Q4", "Q1"},
				{"NPS", 30, 31, nil, "n/a", 35},
				{"Strategy"},
				{"Vision", 2, 3, 3, 4, 4},
			},
			merges: [][2]string{{"A1", "A2"}, {"B1", "E1"}},
		},
		semXSheet{
			name: "Monthly",
			rows: [][]any{
				{"KPI", month(time.January), month(time.February), month(time.March)},
				{"CSAT %", semPct(0.8), semPct(0.82), semPct(0.85)},
			},
		},
	)
	rep, sink := semRead(t, path, importers.Options{})
	if !rep.OK() {
		t.Fatalf("problems: %v", semProblems(rep))
	}
	s := semSheetResult(t, rep, "Trend")
	if s.Layout != importers.LayoutWidePeriod || s.HeaderRow != 2 {
		t.Errorf("Trend: %s on row %d (%s), want wide by period on row 2", s.Layout, s.HeaderRow, s.Reason)
	}
	var periods []string
	for _, c := range s.Columns {
		if c.Role == importers.RolePeriodValues {
			periods = append(periods, c.Period.String())
		}
	}
	if want := []string{"2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"}; !slices.Equal(periods, want) {
		t.Errorf("period columns %q, want %q", periods, want)
	}
	want := []string{
		"NPS|All|2024-Q1|30|Trend!B3", "NPS|All|2024-Q2|31|Trend!C3", "NPS|All|2025-Q1|35|Trend!F3",
		"Vision|All|2024-Q1|2|Trend!B5", "Vision|All|2024-Q2|3|Trend!C5", "Vision|All|2024-Q3|3|Trend!D5",
		"Vision|All|2024-Q4|4|Trend!E5", "Vision|All|2025-Q1|4|Trend!F5",
		"CSAT %|All|2024-01|80|Monthly!B2", "CSAT %|All|2024-02|82|Monthly!C2", "CSAT %|All|2024-03|85|Monthly!D2",
	}
	if got := semObsList(sink.Observations); !slices.Equal(got, want) {
		t.Errorf("observations\n got %q\nwant %q", got, want)
	}
	if s.Skipped != 2 {
		t.Errorf("Trend skipped %d, want 2 (the empty cell and the n/a)", s.Skipped)
	}
	if v := sink.metrics["vision"]; v.Discipline != model.Strategy || v.Scale != model.ScaleLevel {
		t.Errorf("Vision %+v, want a level metric in Strategy from the heading row", v)
	}
}

func TestReadWideByMetric(t *testing.T) {
	rows := [][]any{
		{"Monthly KPIs"},
		{"Month", "Region", "NPS", "CSAT", "Calls handled", "Comment"},
		{"Jan 2024", "North", 30, "81%", 1200, "launch"},
		{"Feb 2024", "North", 32, "-", "1,250", ""},
		{"Feb 2024", "South", nil, nil, nil, nil},
	}
	t.Run("unknown metric column is a problem at its header", func(t *testing.T) {
		path := semXLSX(t, "kpis.xlsx", semXSheet{name: "Data", rows: rows})
		rep, _ := semRead(t, path, importers.Options{})
		want := []string{`kpis.xlsx: Data!E2: metric "Calls handled" is not in the catalogue and the sheet has no Discipline column: ` +
			`add a Discipline column or a catalogue sheet (Metric, Discipline, Direction, Scale, t1..t5) (and 1 more rows)`}
		if got := semProblems(rep); !slices.Equal(got, want) {
			t.Errorf("problems\n got %q\nwant %q", got, want)
		}
	})
	t.Run("metrics from the workspace catalogue", func(t *testing.T) {
		path := semXLSX(t, "kpis.xlsx", semXSheet{name: "Data", rows: rows})
		calls := model.Metric{Name: "Calls handled", Discipline: model.Governance, Direction: model.HigherBetter,
			Scale: model.ScaleThresholds, Thresholds: [5]float64{500, 800, 1000, 1200, 1500}}
		rep, sink := semRead(t, path, importers.Options{Catalogue: semCatalogue(calls)})
		if !rep.OK() {
			t.Fatalf("problems: %v", semProblems(rep))
		}
		s := semSheetResult(t, rep, "Data")
		if s.Layout != importers.LayoutWideMetric || s.HeaderRow != 2 {
			t.Errorf("layout %s row %d, want wide by metric on row 2", s.Layout, s.HeaderRow)
		}
		want := []string{
			"NPS|North|2024-01|30|Data!C3", "CSAT|North|2024-01|81|Data!D3", "Calls handled|North|2024-01|1200|Data!E3",
			"NPS|North|2024-02|32|Data!C4", "Calls handled|North|2024-02|1250|Data!E4",
		}
		if got := semObsList(sink.Observations); !slices.Equal(got, want) {
			t.Errorf("observations\n got %q\nwant %q", got, want)
		}
		if rep.Skipped != 1 {
			t.Errorf("skipped %d, want 1", rep.Skipped)
		}
		if sink.Observations[0].Note != "launch" {
			t.Errorf("note %q", sink.Observations[0].Note)
		}
		if !slices.Equal(rep.NewMetrics, []string{"NPS", "CSAT"}) {
			t.Errorf("new metrics %q", rep.NewMetrics)
		}
	})
}

// TestReadCatalogueProblems: every bad catalogue cell is reported where it is.
func TestReadCatalogueProblems(t *testing.T) {
	path := semXLSX(t, "cat.xlsx", semXSheet{name: "Definitions", rows: [][]any{
		{"Metric", "Discipline", "UoM", "Direction", "Scale", "T1", "T2", "T3", "T4", "T5", "Weight"},
		{"Good", "Design", "%", "higher", "", 10, 20, 30, 40, 50, 1},
		{"Sideways", "Design", "%", "sideways", "", 10, 20, 30, 40, 50, 1},
		{"Falling", "Design", "%", "higher", "thresholds", 50, 40, 30, 20, 10, 1},
		{"Nowhere", "Marketing", "", "", "", nil, nil, nil, nil, nil, nil},
		{"Partial", "Culture", "", "", "", 1, 2, nil, nil, nil, nil},
		{"Heavy", "Culture", "", "", "", nil, nil, nil, nil, nil, "lots"},
		{"Odd scale", "Culture", "", "", "stars", nil, nil, nil, nil, nil, nil},
		{"Good", "Design", "%", "lower", "", 50, 40, 30, 20, 10, 1},
		{"* thresholds from the 2023 benchmark"},
	}})
	rep, sink := semRead(t, path, importers.Options{})
	want := []string{
		`cat.xlsx: Definitions!D3: Direction "sideways": use higher or lower`,
		`cat.xlsx: Definitions!A4: Falling: thresholds t1..t5 must rise when higher is better (t1=50 > t2=40)`,
		`cat.xlsx: Definitions!B5: Discipline "Marketing" is not one of Strategy, Customer understanding, Design, Measurement, Governance, Culture`,
		`cat.xlsx: Definitions!A6: metric "Partial" has 2 of the thresholds t1..t5: give all five`,
		`cat.xlsx: Definitions!K7: Weight "lots" is not a number`,
		`cat.xlsx: Definitions!E8: Scale "stars": use level or thresholds`,
		`cat.xlsx: Definitions!A9: metric "Good" is defined twice, differently (also at Definitions!A2)`,
	}
	if got := semProblems(rep); !slices.Equal(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
	// Rows before the first problem may reach the sink (the caller rolls the
	// batch back); nothing after it does.
	if !slices.Equal(sink.order(), []string{"Good"}) {
		t.Errorf("metrics written %q, want only Good, read before the first problem", sink.order())
	}
}
