package discipline

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/assets"
	"cxdash/model"
	"cxdash/workspace"
)

// TestDisciplineShowsThePlace: Show(key), which the window calls for
// screen.DisciplinePlace(key) (a tap on the dashboard, say), shows that
// discipline; unknown keys change nothing.
func TestDisciplineShowsThePlace(t *testing.T) {
	d, s := testScreen(t, true)
	for _, key := range model.DisciplineKeys {
		t.Run(key, func(t *testing.T) {
			d.Show(key)
			settle(t, d)
			fd, _ := s.State().Framework.Discipline(key)
			if d.key != key || d.name.Text != fd.Name {
				t.Errorf("Show(%s) shows %s titled %q, want %q", key, d.key, d.name.Text, fd.Name)
			}
		})
	}
	d.Show("nonsense")
	settle(t, d)
	if last := model.DisciplineKeys[len(model.DisciplineKeys)-1]; d.key != last {
		t.Errorf("an unknown key moved the view to %s", d.key)
	}
}

func TestDisciplineDrillDownMatchesTheScorer(t *testing.T) {
	d, s := testScreen(t, true)
	d.Show(model.Governance) // as a tap on the dashboard's Governance row asks
	settle(t, d)
	if d.name.Text != "Governance" {
		t.Errorf("the discipline view shows %q", d.name.Text)
	}
	if d.root.Objects[0] != d.board {
		t.Fatal("the discipline view does not show its board")
	}
	assertMatchesModel(t, d, s, model.Governance)
	if got := d.metrics.cell(0, 6); got == "–" || got == "" {
		t.Errorf("the demo's catalogue names owners, the table shows %q", got)
	}
	if got, want := d.trend.Data().Series[0].Name, "Governance"; got != want || len(d.trend.Data().Series) != 1 {
		t.Errorf("with no metric selected the trend shows %d lines, the first %q; want only %q",
			len(d.trend.Data().Series), got, want)
	}
	if tg := d.trend.Data().Target; tg == nil || tg.Lo != *score(t, s, model.Governance).Target {
		t.Errorf("trend target %+v, want the discipline's", tg)
	}

	// Picking another discipline in the list shows it.
	d.list.Select(0)
	settle(t, d)
	if d.key != model.Strategy || d.name.Text != "Strategy" {
		t.Errorf("after picking the first discipline the view shows %s %q", d.key, d.name.Text)
	}
	assertMatchesModel(t, d, s, model.Strategy)
}

// TestDisciplineObservationsShowTheirSource selects a metric and checks
// every observation row against the demo workbook's own cells.
func TestDisciplineObservationsShowTheirSource(t *testing.T) {
	d, s := testScreen(t, true)
	d.Show(model.Measurement)
	settle(t, d)
	const metric = "CSAT %"
	selectMetric(t, d, metric)
	if names := d.trend.Data().Series; len(names) != 2 || names[1].Name != metric {
		t.Errorf("the trend does not add the selected metric's line: %+v", names)
	}

	wb, err := excelize.OpenReader(bytes.NewReader(assets.DemoWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	var ms model.MetricScore
	for _, m := range score(t, s, model.Measurement).Metrics {
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
	if len(units) != len(s.State().Units) {
		t.Errorf("all units show observations of %v, want every unit %v", units, s.State().Units)
	}
	if !strings.Contains(d.obs.title.Text(), "3 observations, all units, Q3 2026") {
		t.Errorf("observations title %q", d.obs.title.Text())
	}
	if !strings.Contains(strings.Join(d.obs.lines, "\n"), "Online: "+metric) {
		t.Errorf("the explanation does not give each unit's score:\n%s", strings.Join(d.obs.lines, "\n"))
	}
}

func TestDisciplineUnitFilterChangesTheNumbers(t *testing.T) {
	d, s := testScreen(t, true)
	d.Show(model.Strategy)
	settle(t, d)
	selectMetric(t, d, "Retention %")
	allScore, allValue := d.score.Text, d.metrics.cell(d.rowOf("Retention %"), 1)

	// As the filter bar does when Online is chosen.
	f := s.Filters()
	f.Unit = "Online"
	s.SetFilters(f)
	settle(t, d)
	if s.Filters().Unit != "Online" {
		t.Fatalf("filters %+v", s.Filters())
	}
	assertMatchesModel(t, d, s, model.Strategy)
	if d.score.Text == allScore || d.metrics.cell(d.rowOf("Retention %"), 1) == allValue {
		t.Errorf("the unit filter left the numbers as they were: %q, Retention %% %q", d.score.Text, allValue)
	}
	if d.metric != "Retention %" || len(d.obs.res.rows) != 1 || d.obs.res.rows[0].Unit != "Online" {
		t.Errorf("for Online the Retention %% observations are %+v, want Online's one", d.obs.res.rows)
	}
	ds := score(t, s, model.Strategy)
	if d.explain.Text != ds.Explain || !strings.Contains(ds.Explain, "Online") {
		t.Errorf("the explanation %q, the model's %q", d.explain.Text, ds.Explain)
	}
	// The header shows one line of it; the button shows all of it.
	test.Tap(d.how)
	top := s.Window().Canvas().Overlays().Top()
	if top == nil || !hasText(top, ds.Explain) {
		t.Errorf("How is this score made? does not show %q", ds.Explain)
	}
}

// TestDisciplineShowsReplacedObservations imports a correction of one
// value: the old observation stays listed, marked as replaced, and the
// metric's value is the new one.
func TestDisciplineShowsReplacedObservations(t *testing.T) {
	d, s := testScreen(t, true)
	path := filepath.Join(t.TempDir(), "correction.xlsx")
	wb := excelize.NewFile()
	for i, row := range [][]any{{"Period", "Unit", "Discipline", "Metric", "Value"},
		{"2026-Q3", "Online", "Strategy", "Retention %", 95}} {
		if err := wb.SetSheetRow("Sheet1", "A"+strconv.Itoa(i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	res, resErr := s.Workspace().ImportFile(context.Background(), path, workspace.ImportOptions{})
	if resErr != nil || !res.Imported() {
		t.Fatalf("the correction was not imported: %v %+v", resErr, res.Problems)
	}
	screentest.Wait(t, "the reload", s.Reload(), 30*time.Second)
	s.SetFilters(workspace.Filters{Unit: "Online", Gran: model.Quarter})
	d.Show(model.Strategy)
	settle(t, d)
	selectMetric(t, d, "Retention %")
	rows := d.obs.res.rows
	if len(rows) != 2 {
		t.Fatalf("%d observations of Retention %% for Online in Q3 2026, want the old and the new", len(rows))
	}
	if d.obs.cell(0, 3) != "Yes" || d.obs.cell(0, 4) != "correction.xlsx" || d.obs.cell(0, 6) != "E2" || rows[0].Value != 95 {
		t.Errorf("first row: %q %q %q %v, want the correction counted", d.obs.cell(0, 3), d.obs.cell(0, 4), d.obs.cell(0, 6), rows[0].Value)
	}
	want := "Replaced by batch " + strconv.FormatInt(res.Batch.ID, 10)
	if d.obs.cell(1, 3) != want || d.obs.cell(1, 4) != workspace.DemoFileName {
		t.Errorf("second row: %q from %q, want %q from the demo", d.obs.cell(1, 3), d.obs.cell(1, 4), want)
	}
	if got := d.metrics.cell(d.rowOf("Retention %"), 1); got != "95.0%" {
		t.Errorf("Retention %% for Online shows %q, want the corrected 95.0%%", got)
	}
	if !strings.Contains(d.obs.title.Text(), "1 replaced by a later import") {
		t.Errorf("observations title %q does not say one was replaced", d.obs.title.Text())
	}
}

func TestDisciplineEmptyState(t *testing.T) {
	d, s := testScreen(t, false)
	if d.root.Objects[0] != d.empty {
		t.Fatal("an empty workspace does not show the empty state")
	}
	nav := screentest.RecordNavigation(s)
	test.Tap(button(t, d.empty, "Import…"))
	if len(*nav) != 1 || (*nav)[0] != "import" {
		t.Errorf("Import… navigated %v", *nav)
	}
	test.Tap(button(t, d.empty, "Load demo data"))
	screentest.Until(t, "the demo data", func() bool { return d.root.Objects[0] == d.board })
	settle(t, d)
	assertMatchesModel(t, d, s, model.Strategy)
}

func TestDisciplineGolden(t *testing.T) {
	for _, c := range []struct{ name, pref string }{{"light", screen.ThemeLight}, {"dark", screen.ThemeDark}} {
		t.Run(c.name, func(t *testing.T) {
			d, s := testScreen(t, true)
			d.obs.loc = time.UTC
			s.App().Settings().SetTheme(screen.ThemeFor(c.pref))
			d.Show(model.Measurement)
			settle(t, d)
			selectMetric(t, d, "CSAT %")
			test.AssertImageMatches(t, "discipline_"+c.name+".png", s.Window().Canvas().Capture())
		})
	}
}
