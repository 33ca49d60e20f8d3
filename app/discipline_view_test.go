package app

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"cxdash/app/screen"
	"cxdash/assets"
	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// discScore is what the model says about discipline key under the
// session's filters now.
func discScore(t *testing.T, u *UI, key string) model.DisciplineScore {
	t.Helper()
	now, _ := dashCurrent(t, u)
	for _, ds := range now.Disciplines {
		if ds.Key == key {
			return ds
		}
	}
	t.Fatalf("the model has no discipline %s", key)
	return model.DisciplineScore{}
}

// discSelectMetric selects the row of the metric named name, as a tap on
// the table does, and waits for its observations.
func discSelectMetric(t *testing.T, u *UI, name string) {
	t.Helper()
	d := u.discipline
	for i, r := range d.metrics.rows {
		if r.score.Metric == name {
			d.metrics.table.Select(widget.TableCellID{Row: i, Col: 0})
			dashSettle(t, u)
			return
		}
	}
	t.Fatalf("the metrics table has no %s", name)
}

// discAssertMatchesModel checks the header and every metric row against
// the model's numbers for the session's filters.
func discAssertMatchesModel(t *testing.T, u *UI, key string) {
	t.Helper()
	d := u.discipline
	ds := discScore(t, u, key)
	if want := charts.ScoreFormat.String(ds.Score); !strings.HasPrefix(d.score.Text, want+" ") ||
		!strings.Contains(d.score.Text, ds.LevelName) {
		t.Errorf("header %q, the model says %s %s", d.score.Text, want, ds.LevelName)
	}
	if want := "Gap " + charts.ScoreFormat.String(*ds.Gap); !strings.Contains(d.facts.Text, want) {
		t.Errorf("facts %q lack %q", d.facts.Text, want)
	}
	if len(d.metrics.rows) != len(ds.Metrics) {
		t.Fatalf("%d metric rows, the model has %d", len(d.metrics.rows), len(ds.Metrics))
	}
	for i, ms := range ds.Metrics {
		if got := d.metrics.rows[i].score; !reflect.DeepEqual(got, ms) {
			t.Errorf("row %d\n got %+v\nwant %+v", i, got, ms)
		}
		f := d.metrics.rows[i].format
		for col, want := range map[int]string{0: ms.Metric, 1: f.String(ms.Value),
			2: charts.ScoreFormat.String(ms.Score), 5: strconv.Itoa(ms.Rows)} {
			if got := d.metrics.cell(i, col); got != want {
				t.Errorf("row %d (%s) column %s shows %q, want %q", i, ms.Metric, metricColumns[col].Title, got, want)
			}
		}
	}
}

func TestDisciplineDrillDownMatchesTheScorer(t *testing.T) {
	u := dashTestUI(t, true)
	dash := dashOf(u)
	nav := dashRecordNavigation(u)
	test.Tap(dash.table.rows[4].row) // Governance
	dashSettle(t, u)
	if len(*nav) == 0 || (*nav)[0] != "discipline "+model.Governance {
		t.Fatalf("the table row navigated %v", *nav)
	}
	if u.tabs.Selected().Text != "Disciplines" {
		t.Fatalf("tab %q is showing", u.tabs.Selected().Text)
	}
	d := u.discipline
	if d.name.Text != "Governance" {
		t.Errorf("the discipline view shows %q", d.name.Text)
	}
	if d.root.Objects[0] != d.board {
		t.Fatal("the discipline view does not show its board")
	}
	discAssertMatchesModel(t, u, model.Governance)
	if got := d.metrics.cell(0, 6); got == "–" || got == "" {
		t.Errorf("the demo's catalogue names owners, the table shows %q", got)
	}
	if got, want := d.trend.Data().Series[0].Name, "Governance"; got != want || len(d.trend.Data().Series) != 1 {
		t.Errorf("with no metric selected the trend shows %d lines, the first %q; want only %q",
			len(d.trend.Data().Series), got, want)
	}
	if tg := d.trend.Data().Target; tg == nil || tg.Lo != *discScore(t, u, model.Governance).Target {
		t.Errorf("trend target %+v, want the discipline's", tg)
	}

	// Picking another discipline in the list shows it.
	d.list.Select(0)
	dashSettle(t, u)
	if d.key != model.Strategy || d.name.Text != "Strategy" {
		t.Errorf("after picking the first discipline the view shows %s %q", d.key, d.name.Text)
	}
	discAssertMatchesModel(t, u, model.Strategy)
}

// TestDisciplineObservationsShowTheirSource selects a metric and checks
// every observation row against the demo workbook's own cells.
func TestDisciplineObservationsShowTheirSource(t *testing.T) {
	u := dashTestUI(t, true)
	u.show(screen.DisciplinePlace(model.Measurement))
	dashSettle(t, u)
	const metric = "CSAT %"
	discSelectMetric(t, u, metric)
	d := u.discipline
	if names := d.trend.Data().Series; len(names) != 2 || names[1].Name != metric {
		t.Errorf("the trend does not add the selected metric's line: %+v", names)
	}

	wb, err := excelize.OpenReader(bytes.NewReader(assets.DemoWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	var ms model.MetricScore
	for _, m := range discScore(t, u, model.Measurement).Metrics {
		if m.Metric == metric {
			ms = m
		}
	}
	rows := d.obs.res.rows
	if len(rows) == 0 || len(rows) != ms.Rows || d.obs.res.counted != ms.Rows {
		t.Fatalf("%d observation rows (%d counted), the model's value rests on %d", len(rows), d.obs.res.counted, ms.Rows)
	}
	units := map[string]bool{}
	for i, o := range rows {
		units[o.Unit] = true
		if got := d.obs.cell(i, 4); got != workspace.DemoFileName {
			t.Errorf("row %d file %q, want %s", i, got, workspace.DemoFileName)
		}
		if d.obs.cell(i, 5) != "Scores" || d.obs.cell(i, 3) != "Yes" || d.obs.cell(i, 7) != "1" {
			t.Errorf("row %d: sheet %q counted %q batch %q", i, d.obs.cell(i, 5), d.obs.cell(i, 3), d.obs.cell(i, 7))
		}
		// The cell named is the value's cell in the workbook; its row names
		// the metric and the unit.
		cell := d.obs.cell(i, 6)
		col, r, err := excelize.SplitCellName(cell)
		if err != nil || col != "E" {
			t.Fatalf("row %d cell %q is not in the Value column E: %v", i, cell, err)
		}
		get := func(c string) string {
			v, err := wb.GetCellValue("Scores", c+strconv.Itoa(r))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if get("D") != metric || get("B") != o.Unit || get("A") != "2026-Q3" {
			t.Errorf("row %d points at Scores!%s, whose row is %s / %s / %s", i, cell, get("A"), get("B"), get("D"))
		}
		if v, _ := strconv.ParseFloat(get("E"), 64); v != o.Value {
			t.Errorf("row %d value %v, the workbook has %s", i, o.Value, get("E"))
		}
	}
	if len(units) != len(u.s.State().Units) {
		t.Errorf("all units show observations of %v, want every unit %v", units, u.s.State().Units)
	}
	if !strings.Contains(d.obs.title.Text(), "3 observations, all units, Q3 2026") {
		t.Errorf("observations title %q", d.obs.title.Text())
	}
	if !strings.Contains(strings.Join(d.obs.lines, "\n"), "Online: "+metric) {
		t.Errorf("the explanation does not give each unit's score:\n%s", strings.Join(d.obs.lines, "\n"))
	}
}

func TestDisciplineUnitFilterChangesTheNumbers(t *testing.T) {
	u := dashTestUI(t, true)
	u.show(screen.DisciplinePlace(model.Strategy))
	dashSettle(t, u)
	discSelectMetric(t, u, "NPS")
	d := u.discipline
	allScore, allValue := d.score.Text, d.metrics.cell(d.rowOf("NPS"), 1)

	u.filters.unit.SetSelected("Online")
	dashSettle(t, u)
	if u.s.Filters().Unit != "Online" {
		t.Fatalf("filters %+v", u.s.Filters())
	}
	discAssertMatchesModel(t, u, model.Strategy)
	if d.score.Text == allScore || d.metrics.cell(d.rowOf("NPS"), 1) == allValue {
		t.Errorf("the unit filter left the numbers as they were: %q, NPS %q", d.score.Text, allValue)
	}
	if d.metric != "NPS" || len(d.obs.res.rows) != 1 || d.obs.res.rows[0].Unit != "Online" {
		t.Errorf("for Online the NPS observations are %+v, want Online's one", d.obs.res.rows)
	}
	ds := discScore(t, u, model.Strategy)
	if d.explain.Text != ds.Explain || !strings.Contains(ds.Explain, "Online") {
		t.Errorf("the explanation %q, the model's %q", d.explain.Text, ds.Explain)
	}
	// The header shows one line of it; the button shows all of it.
	test.Tap(d.how)
	top := u.s.Window().Canvas().Overlays().Top()
	if top == nil || !discHasText(top, ds.Explain) {
		t.Errorf("How is this score made? does not show %q", ds.Explain)
	}
}

// discHasText reports whether a label in obj's tree shows text.
func discHasText(obj fyne.CanvasObject, text string) bool {
	switch x := obj.(type) {
	case *widget.Label:
		return x.Text == text
	case *fyne.Container:
		for _, c := range x.Objects {
			if discHasText(c, text) {
				return true
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if discHasText(c, text) {
				return true
			}
		}
	}
	return false
}

// TestDisciplineShowsReplacedObservations imports a correction of one
// value: the old observation stays listed, marked as replaced, and the
// metric's value is the new one.
func TestDisciplineShowsReplacedObservations(t *testing.T) {
	u := dashTestUI(t, true)
	path := filepath.Join(t.TempDir(), "correction.xlsx")
	wb := excelize.NewFile()
	for i, row := range [][]any{{"Period", "Unit", "Discipline", "Metric", "Value"},
		{"2026-Q3", "Online", "Strategy", "NPS", 55}} {
		if err := wb.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res, resErr := u.s.Workspace().ImportFile(context.Background(), path, workspace.ImportOptions{})
	if resErr != nil || !res.Imported() {
		t.Fatalf("the correction was not imported: %v %+v", resErr, res.Problems)
	}
	dashWait(t, u.s.Reload())
	u.s.SetFilters(workspace.Filters{Unit: "Online", Gran: model.Quarter})
	u.show(screen.DisciplinePlace(model.Strategy))
	dashSettle(t, u)
	discSelectMetric(t, u, "NPS")
	d := u.discipline
	rows := d.obs.res.rows
	if len(rows) != 2 {
		t.Fatalf("%d observations of NPS for Online in Q3 2026, want the old and the new", len(rows))
	}
	if d.obs.cell(0, 3) != "Yes" || d.obs.cell(0, 4) != "correction.xlsx" || d.obs.cell(0, 6) != "E2" || rows[0].Value != 55 {
		t.Errorf("first row: %q %q %q %v, want the correction counted", d.obs.cell(0, 3), d.obs.cell(0, 4), d.obs.cell(0, 6), rows[0].Value)
	}
	want := "Replaced by batch " + strconv.FormatInt(res.Batch.ID, 10)
	if d.obs.cell(1, 3) != want || d.obs.cell(1, 4) != workspace.DemoFileName {
		t.Errorf("second row: %q from %q, want %q from the demo", d.obs.cell(1, 3), d.obs.cell(1, 4), want)
	}
	if got := d.metrics.cell(d.rowOf("NPS"), 1); got != "55.0 points" {
		t.Errorf("NPS for Online shows %q, want the corrected 55.0 points", got)
	}
	if !strings.Contains(d.obs.title.Text(), "1 replaced by a later import") {
		t.Errorf("observations title %q does not say one was replaced", d.obs.title.Text())
	}
}

func TestDisciplineEmptyState(t *testing.T) {
	u := dashTestUI(t, false)
	u.show(screen.At(screen.Discipline))
	d := u.discipline
	if d.root.Objects[0] != d.empty {
		t.Fatal("an empty workspace does not show the empty state")
	}
	nav := dashRecordNavigation(u)
	test.Tap(dashButton(t, d.empty, "Import…"))
	if len(*nav) != 1 || (*nav)[0] != "import" {
		t.Errorf("Import… navigated %v", *nav)
	}
	u.show(screen.At(screen.Discipline))
	test.Tap(dashButton(t, d.empty, "Load demo data"))
	dashPumpUntil(t, "the demo data", func() bool { return d.root.Objects[0] == d.board })
	dashSettle(t, u)
	discAssertMatchesModel(t, u, model.Strategy)
}

// TestDashboardTrendLegendOpensTheDiscipline taps the first name in the
// dashboard trend's legend.
func TestDashboardTrendLegendOpensTheDiscipline(t *testing.T) {
	u := dashTestUI(t, true)
	d := dashOf(u)
	nav := dashRecordNavigation(u)
	for x := float32(0); x < d.trend.Size().Width && len(*nav) == 0; x += 4 {
		test.TapAt(d.trend, fyne.NewPos(x, 12))
	}
	dashSettle(t, u)
	if len(*nav) == 0 || (*nav)[0] != "discipline "+model.Strategy {
		t.Fatalf("tapping the legend navigated %v, want the first discipline", *nav)
	}
	if u.discipline.name.Text != "Strategy" {
		t.Errorf("the discipline view shows %q", u.discipline.name.Text)
	}
}

func TestDisciplineGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(c.name, func(t *testing.T) {
			u := dashTestUI(t, true)
			u.discipline.obs.loc = time.UTC
			u.s.App().Settings().SetTheme(dashVariant{theme.DefaultTheme(), c.v})
			u.show(screen.DisciplinePlace(model.Measurement))
			dashSettle(t, u)
			discSelectMetric(t, u, "CSAT %")
			test.AssertImageMatches(t, "discipline_"+c.name+".png", u.s.Window().Canvas().Capture())
		})
	}
}
