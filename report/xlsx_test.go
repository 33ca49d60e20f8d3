package report_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
	"cxdash/report"
)

func writeXLSX(t *testing.T, d report.Data) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.xlsx")
	if err := report.WriteXLSXFile(context.Background(), path, d, nil); err != nil {
		t.Fatalf("WriteXLSXFile: %v", err)
	}
	return path
}

func number(t *testing.T, f *excelize.File, sheet, ref string) float64 {
	t.Helper()
	s := cell(t, f, sheet, ref)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, want a number", sheet, ref, s)
	}
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestXLSXSheetsAndSummary(t *testing.T) {
	fx := newFixture(false)
	d := fx.data(model.AllUnits)
	path := writeXLSX(t, d)
	f := openXLSX(t, path)

	want := []string{"Summary", "Trend", "Units", "Strategy", "Customer understanding", "Design",
		"Measurement", "Governance", "Culture", "Owners", "Actions", "Issues", "Events", "Data", "Imports"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	if got := cell(t, f, "Summary", "A1"); got != "CX maturity report: Acme Retail" {
		t.Errorf("A1 = %q", got)
	}
	if got := cell(t, f, "Summary", "B2"); got != "All units" {
		t.Errorf("unit B2 = %q", got)
	}
	if got := cell(t, f, "Summary", "B3"); got != "Q4 2025" {
		t.Errorf("period B3 = %q", got)
	}
	o := d.Summary.Overall
	if got := number(t, f, "Summary", "B6"); !near(got, o.Score) {
		t.Errorf("overall B6 = %v, want %v", got, o.Score)
	}
	if got := number(t, f, "Summary", "B7"); int(got) != o.Level || cell(t, f, "Summary", "C7") != o.LevelName {
		t.Errorf("level = %v %q, want %d %s", got, cell(t, f, "Summary", "C7"), o.Level, o.LevelName)
	}
	if got := number(t, f, "Summary", "B11"); got != 1 {
		t.Errorf("coverage B11 = %v, want 1", got)
	}
	for i, ds := range d.Summary.Disciplines {
		row := 14 + i
		t.Run(ds.Key, func(t *testing.T) {
			ref := func(col string) string { return fmt.Sprintf("%s%d", col, row) }
			if got := cell(t, f, "Summary", ref("A")); got != ds.Name {
				t.Errorf("name %q, want %q", got, ds.Name)
			}
			if got := number(t, f, "Summary", ref("B")); !near(got, ds.Score) {
				t.Errorf("score %v, want %v", got, ds.Score)
			}
			if got := number(t, f, "Summary", ref("C")); int(got) != ds.Level {
				t.Errorf("level %v, want %d", got, ds.Level)
			}
			if got := number(t, f, "Summary", ref("F")); !near(got, *ds.Delta) {
				t.Errorf("change %v, want %v", got, *ds.Delta)
			}
			if got := number(t, f, "Summary", ref("E")); !near(got, ds.Score-*ds.Delta) {
				t.Errorf("previous %v, want %v", got, ds.Score-*ds.Delta)
			}
			if got := number(t, f, "Summary", ref("G")); !near(got, *ds.Target) {
				t.Errorf("target %v, want %v", got, *ds.Target)
			}
			if got := number(t, f, "Summary", ref("H")); !near(got, *ds.Gap) {
				t.Errorf("gap %v, want %v", got, *ds.Gap)
			}
		})
	}
	cf, err := f.GetConditionalFormats("Summary")
	if err != nil || len(cf) < 3 {
		t.Errorf("Summary conditional formats: %v, %v; want level colours and a score scale", cf, err)
	}
	if styles := cf["C14:C19"]; len(styles) != 5 {
		t.Errorf("level colours on C14:C19: %d rules, want 5", len(styles))
	}
}

func TestXLSXTrendUnitsAndDisciplines(t *testing.T) {
	fx := newFixture(false)
	d := fx.data(model.AllUnits)
	f := openXLSX(t, writeXLSX(t, d))

	rows, err := f.GetRows("Trend")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(d.Trend)+1 || rows[0][0] != "Period" || rows[0][2] != "Strategy" {
		t.Fatalf("Trend: %d rows, header %q", len(rows), rows[0])
	}
	for i, s := range d.Trend {
		if got := cell(t, f, "Trend", fmt.Sprintf("A%d", i+2)); got != s.Period.Label() {
			t.Errorf("Trend A%d = %q, want %s", i+2, got, s.Period.Label())
		}
		if got := number(t, f, "Trend", fmt.Sprintf("B%d", i+2)); !near(got, s.Overall.Score) {
			t.Errorf("Trend B%d = %v, want %v", i+2, got, s.Overall.Score)
		}
	}

	for i, u := range d.Units {
		if got := cell(t, f, "Units", fmt.Sprintf("A%d", i+2)); got != u.Unit {
			t.Errorf("Units A%d = %q, want %s", i+2, got, u.Unit)
		}
		if got := number(t, f, "Units", fmt.Sprintf("B%d", i+2)); !near(got, u.Overall.Score) {
			t.Errorf("Units B%d = %v, want %v", i+2, got, u.Overall.Score)
		}
	}

	// Strategy: the catalogue metric, its value per period, then scores.
	rows, err = f.GetRows("Strategy", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0]; got[0] != "Metric" || got[4] != "Q1 2024" || len(got) != 4+len(d.Trend) {
		t.Fatalf("Strategy header %q", got)
	}
	if rows[1][0] != "Practice strategy" || rows[1][1] != "level" || rows[1][3] != "4" {
		t.Errorf("Strategy row 2 = %q", rows[1])
	}
	last := len(d.Trend) - 1
	ms := d.Summary.Disciplines[0].Metrics[0]
	if got, _ := strconv.ParseFloat(rows[1][4+last], 64); !near(got, ms.Value) {
		t.Errorf("Strategy value in %s = %v, want %v", d.Period.Label(), got, ms.Value)
	}
	total := rows[len(rows)-1]
	if total[0] != "Discipline score" {
		t.Fatalf("last Strategy row %q, want the discipline score", total)
	}
	if got, _ := strconv.ParseFloat(total[4+last], 64); !near(got, d.Summary.Disciplines[0].Score) {
		t.Errorf("Strategy discipline score %v, want %v", got, d.Summary.Disciplines[0].Score)
	}

	for _, sheet := range []string{"Trend", "Units", "Strategy", "Data", "Imports"} {
		t.Run("layout "+sheet, func(t *testing.T) {
			panes, err := f.GetPanes(sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes %+v, %v: want the header row frozen", panes, err)
			}
			pl, err := f.GetPageLayout(sheet)
			if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
				t.Errorf("page layout %+v, %v: want landscape, one page wide", pl, err)
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("sheet props: fit to page not set (%v)", err)
			}
		})
	}
}

func TestXLSXDataAndImports(t *testing.T) {
	fx := newFixture(false)
	d := fx.data(model.AllUnits)
	path := writeXLSX(t, d)
	f := openXLSX(t, path)

	rows, err := f.GetRows("Data", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"Period", "Business unit", "Discipline", "Metric", "Value", "Note", "Counts", "Batch", "File", "Sheet", "Cell"}
	if !slices.Equal(rows[0], wantHeader) {
		t.Fatalf("Data header %q", rows[0])
	}
	if len(rows) != len(fx.obs)+1 {
		t.Fatalf("Data has %d rows, want %d observations and a header", len(rows)-1, len(fx.obs))
	}
	want := []string{"2024-Q1", "North", "Strategy", "Practice strategy", "1.5", "note North", "yes", "1", "scores.xlsx", "Q", "E2"}
	if got := rows[1]; !slices.Equal(got, want) {
		t.Errorf("Data row 2 = %q,\nwant %q", got, want)
	}
	var replaced, corrected int
	for _, r := range rows[1:] {
		switch {
		case r[6] == "no: replaced by batch 2":
			replaced++
		case r[5] == "corrected" && r[6] == "yes" && r[7] == "2":
			corrected++
		}
	}
	if replaced != 1 || corrected != 1 {
		t.Errorf("%d replaced and %d correcting rows, want 1 and 1", replaced, corrected)
	}
	// NPS is negative early on and stays a number.
	for _, r := range rows[1:] {
		if r[3] == "NPS" && r[0] == "2024-Q1" && r[1] == "North" {
			if r[4] != "-20" {
				t.Errorf("NPS value %q, want -20", r[4])
			}
			if typ, _ := f.GetCellType("Data", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("values are not numbers: %v", typ)
			}
		}
	}
	tables, err := f.GetTables("Data")
	if err != nil || len(tables) != 1 || tables[0].Range != fmt.Sprintf("A1:K%d", len(fx.obs)+1) {
		t.Errorf("Data table %+v, %v: want one table over every row (an autofilter)", tables, err)
	}

	rows, err = f.GetRows("Imports", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][0] != "2" || rows[2][2] != "scores.xlsx" || rows[2][4] != strconv.Itoa(len(fx.obs)-1) || rows[2][7] != "aa" {
		t.Errorf("Imports rows %q", rows)
	}
	if typ, _ := f.GetCellType("Imports", "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("Imported at is %v, want a date number", typ)
	}
}

func TestXLSXCharts(t *testing.T) {
	d := newFixture(false).data(model.AllUnits)
	charts := chartParts(zipParts(t, writeXLSX(t, d)))
	if len(charts) != 3 {
		t.Fatalf("%d chart parts, want 3 (radar, bars, line): %v", len(charts), charts)
	}
	want := []struct {
		kind string
		refs []string
	}{
		{"radarChart", []string{"Summary!$A$14:$A$19", "Summary!$B$14:$B$19", "Summary!$E$14:$E$19", "Summary!$G$14:$G$19", "Summary!$B$13"}},
		{"barChart", []string{"Units!$A$2:$A$3", "Units!$B$2:$B$3", "Units!$B$1"}},
		{"lineChart", []string{"Trend!$A$2:$A$9", "Trend!$B$2:$B$9", "Trend!$H$2:$H$9", "Trend!$B$1"}},
	}
	for _, w := range want {
		t.Run(w.kind, func(t *testing.T) {
			var body string
			for _, c := range charts {
				if strings.Contains(c, w.kind+">") { // <c:radarChart> or <radarChart>
					body = c
				}
			}
			if body == "" {
				t.Fatalf("no %s among the chart parts", w.kind)
			}
			for _, ref := range w.refs {
				if !strings.Contains(body, "f>"+ref+"</") {
					t.Errorf("%s does not read %s", w.kind, ref)
				}
			}
		})
	}
}

func TestXLSXUserTextIsNeverAFormula(t *testing.T) {
	fx := newFixture(true)
	injections := []string{`=HYPERLINK("http://evil.example","click")`, "+1+1", "-2+3", "@SUM(1)", "=cmd|' /C calc'!A0"}
	for i, s := range injections {
		fx.obs[i].Note = s
		fx.obs[i].Source.File = s
	}
	d := fx.data(model.AllUnits)
	path := writeXLSX(t, d)
	f := openXLSX(t, path)
	for i, s := range injections {
		for _, col := range []string{"F", "I"} {
			ref := fmt.Sprintf("%s%d", col, i+2)
			if got := cell(t, f, "Data", ref); got != s {
				t.Errorf("Data!%s = %q, want the text %q", ref, got, s)
			}
			if fm, _ := f.GetCellFormula("Data", ref); fm != "" {
				t.Errorf("Data!%s holds the formula %q", ref, fm)
			}
		}
	}
	for name, body := range zipParts(t, path) {
		if strings.HasPrefix(name, "xl/worksheets/") && strings.Contains(body, "<f>") {
			t.Errorf("%s has a formula", name)
		}
	}
	// The hostile unit and discipline names arrive as text, in their sheet
	// too (a valid sheet name made of the discipline name).
	if !slices.ContainsFunc(f.GetSheetList(), func(s string) bool { return strings.HasPrefix(s, "Culture <") }) {
		t.Errorf("no sheet for the renamed culture discipline: %q", f.GetSheetList())
	}
	found := false
	rows, _ := f.GetRows("Units")
	for _, r := range rows {
		found = found || r[0] == evil
	}
	if !found {
		t.Errorf("Units sheet lacks the unit %q", evil)
	}
}

func TestXLSXSheetNames(t *testing.T) {
	fx := newFixture(false)
	names := []string{"Data", "A/B: C*?[x]", "A B C x", strings.Repeat("long name ", 6), "'quoted'", ""}
	for i, n := range names {
		fx.fw.Disciplines[i].Name = n
	}
	f := openXLSX(t, writeXLSX(t, fx.data(model.AllUnits)))
	got := f.GetSheetList()
	want := []string{"Summary", "Trend", "Units", "Data (2)", "A B C x", "A B C x (2)", "long name long name long name l", "quoted", "Discipline",
		"Owners", "Actions", "Issues", "Events", "Data", "Imports"}
	if !slices.Equal(got, want) {
		t.Errorf("sheets %q,\nwant %q", got, want)
	}
}

func TestXLSXEmptyWorkspace(t *testing.T) {
	path := writeXLSX(t, report.Data{})
	f := openXLSX(t, path)
	if got := cell(t, f, "Summary", "C7"); got != "no data in this period" {
		t.Errorf("C7 = %q", got)
	}
	if n := len(chartParts(zipParts(t, path))); n != 1 {
		t.Errorf("%d charts for an empty workspace, want the radar only", n)
	}
	if rows, _ := f.GetRows("Data"); len(rows) != 1 {
		t.Errorf("Data has %d rows, want the header", len(rows))
	}
}

func TestXLSXProgress(t *testing.T) {
	fx := newFixture(false)
	d := fx.data(model.AllUnits)
	var calls [][2]int
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := report.WriteXLSXFile(context.Background(), path, d, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 2 || calls[0] != [2]int{0, len(fx.obs)} || calls[len(calls)-1] != [2]int{len(fx.obs), len(fx.obs)} {
		t.Errorf("progress calls %v, want 0 of %d first and all done last", calls, len(fx.obs))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Errorf("progress went back: %v", calls)
		}
	}
}

// failing yields n observations, then err.
func failing(obs []model.Observation, n int, err error) iter.Seq2[model.Observation, error] {
	return func(yield func(model.Observation, error) bool) {
		for _, o := range obs[:n] {
			if !yield(o, nil) {
				return
			}
		}
		yield(model.Observation{}, err)
	}
}

// TestExportsLeaveNoFile checks that a cancelled or failed export leaves
// neither the target nor a temporary file behind, and keeps an older
// report under the name intact.
func TestExportsLeaveNoFile(t *testing.T) {
	fx := newFixture(false)
	broken := errors.New("disk on fire")
	writers := map[string]func(context.Context, string, report.Data, report.Progress) error{
		"xlsx": report.WriteXLSXFile, "html": report.WriteHTMLFile, "csv": report.WriteCSVFile,
	}
	for name, write := range writers {
		t.Run(name+" cancelled", func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report."+name)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err := write(ctx, path, fx.data(model.AllUnits), nil)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			assertEmptyDir(t, dir)
		})
		if name == "html" { // the HTML report lists no observations
			continue
		}
		t.Run(name+" failing source", func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report."+name)
			if err := os.WriteFile(path, []byte("old report"), 0o644); err != nil {
				t.Fatal(err)
			}
			d := fx.data(model.AllUnits)
			d.Observations = failing(fx.obs, 10, broken)
			if err := write(context.Background(), path, d, nil); !errors.Is(err, broken) {
				t.Fatalf("err = %v, want %v", err, broken)
			}
			if b, _ := os.ReadFile(path); string(b) != "old report" {
				t.Errorf("the old report was replaced by %d bytes", len(b))
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}

func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}
