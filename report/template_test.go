package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/assets"
	"cxdash/importers"
	"cxdash/importers/importerstest"
	"cxdash/model"
	"cxdash/report"
)

var (
	wantCatalogueHeader = []string{"Metric", "Discipline", "Measure unit", "Direction", "Scale",
		"t1", "t2", "t3", "t4", "t5", "Weight", "Target", "Owner"}
	wantDataHeader   = []string{"Period", "Business unit", "Discipline", "Metric", "Value", "Note"}
	disciplineTitles = []string{"Strategy", "Customer understanding", "Design", "Measurement", "Governance", "Culture"}
)

func writeTemplate(t *testing.T, metrics []model.Metric, units []string) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteTemplate(&buf, metrics, units); err != nil {
		t.Fatalf("WriteTemplate: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open the template: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func mustRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	return rows
}

// readCatalogue reads a Catalogue sheet back into metrics, as the words and
// numbers a person sees.
func readCatalogue(t *testing.T, f *excelize.File) []model.Metric {
	t.Helper()
	rows := mustRows(t, f, "Catalogue")
	var out []model.Metric
	for i, row := range rows[1:] {
		row = append(row, make([]string, len(wantCatalogueHeader)-len(row))...)
		num := func(col int) float64 {
			if row[col] == "" {
				return 0
			}
			v, err := strconv.ParseFloat(row[col], 64)
			if err != nil {
				t.Fatalf("Catalogue row %d, %s: %v", i+2, wantCatalogueHeader[col], err)
			}
			return v
		}
		key, ok := model.ParseDiscipline(row[1])
		dir, derr := model.ParseDirection(row[3])
		scale, serr := model.ParseScale(row[4])
		if !ok || derr != nil || serr != nil {
			t.Fatalf("Catalogue row %d: discipline %q, direction %q, scale %q", i+2, row[1], row[3], row[4])
		}
		m := model.Metric{Name: row[0], Discipline: key, Unit: row[2], Direction: dir, Scale: scale,
			Weight: num(10), Owner: row[12]}
		for k := range m.Thresholds {
			m.Thresholds[k] = num(5 + k)
		}
		if row[11] != "" {
			v := num(11)
			m.Target = &v
		}
		out = append(out, m)
	}
	return out
}

func metricString(m model.Metric) string {
	target := "-"
	if m.Target != nil {
		target = fmt.Sprint(*m.Target)
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%v|%v|%s|%s", m.Name, m.Discipline, m.Unit, m.Direction, m.Scale,
		m.Thresholds, m.EffectiveWeight(), target, m.Owner)
}

func validations(t *testing.T, f *excelize.File, sheet string) map[string]*excelize.DataValidation {
	t.Helper()
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatalf("%s validations: %v", sheet, err)
	}
	out := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		out[dv.Sqref[:1]] = dv // by column letter
	}
	return out
}

// listValues returns what a list validation offers: its inline values or
// the cells of the range it names.
func listValues(t *testing.T, f *excelize.File, dv *excelize.DataValidation) []string {
	t.Helper()
	if dv == nil || dv.Type != "list" {
		t.Fatalf("validation %+v is not a drop-down list", dv)
	}
	if s, ok := strings.CutPrefix(dv.Formula1, `"`); ok {
		return strings.Split(strings.TrimSuffix(s, `"`), ",")
	}
	sheet, ref, ok := strings.Cut(dv.Formula1, "!")
	if !ok {
		t.Fatalf("list formula %q names no range", dv.Formula1)
	}
	from, to, _ := strings.Cut(strings.ReplaceAll(ref, "$", ""), ":")
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 != c2 {
		t.Fatalf("list range %q is not one column", dv.Formula1)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		cell, _ := excelize.CoordinatesToCellName(c1, r)
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatalf("list range %q: %v", dv.Formula1, err)
		}
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func TestWriteTemplate(t *testing.T) {
	target := 40.0
	given := []model.Metric{
		{Name: "NPS", Discipline: model.Strategy, Unit: "points", Direction: model.HigherBetter,
			Scale: model.ScaleThresholds, Thresholds: [5]float64{-20, 0, 20, 40, 60}, Weight: 2, Target: &target, Owner: "CCO"},
		{Name: "Complaint resolution days", Discipline: model.Governance, Unit: "days", Direction: model.LowerBetter,
			Scale: model.ScaleThresholds, Thresholds: [5]float64{20, 14, 10, 7, 3.5}},
		model.NewLevelMetric("Closed-loop feedback process", model.Measurement),
	}
	var defaults []model.Metric
	for _, name := range []string{"NPS", "CSAT %", "CES", "Churn %", "Retention %", "FCR %"} {
		m, _ := model.KnownKPI(name)
		defaults = append(defaults, m)
	}
	var manyUnits []string
	for i := range 30 {
		manyUnits = append(manyUnits, fmt.Sprintf("Region %02d — retail stores", i+1))
	}
	tests := []struct {
		name      string
		metrics   []model.Metric
		units     []string
		wantUnits []string // nil: any unit, no drop-down
		wantLists bool     // the unit list lives on the hidden Lists sheet
	}{
		{name: "empty workspace", metrics: nil, units: nil},
		{name: "metrics and units", metrics: given, units: []string{"Retail", " Online ", "", "Retail"},
			wantUnits: []string{"Retail", "Online"}},
		{name: "units over 255 characters", metrics: given, units: manyUnits, wantUnits: manyUnits, wantLists: true},
		{name: "unit with a comma", metrics: given, units: []string{"Sales, North", `The "B" team`},
			wantUnits: []string{"Sales, North", `The "B" team`}, wantLists: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := writeTemplate(t, tt.metrics, tt.units)

			// Lists holds long drop-downs: the units' when they are long,
			// and the Owners sheet's names when they are.
			wantSheets := []string{"Instructions", "Catalogue", "Data", "Owners", "Actions", "Issues", "Events"}
			sheets := f.GetSheetList()
			if !slices.Equal(slices.DeleteFunc(slices.Clone(sheets), func(s string) bool { return s == "Lists" }), wantSheets) {
				t.Fatalf("sheets = %q, want %q and maybe Lists", sheets, wantSheets)
			}
			if tt.wantLists && !slices.Contains(sheets, "Lists") {
				t.Fatalf("sheets = %q, want a Lists sheet", sheets)
			}
			if slices.Contains(sheets, "Lists") {
				if visible, _ := f.GetSheetVisible("Lists"); visible {
					t.Error("the Lists sheet must be hidden, so the importer skips it")
				}
			}

			// Catalogue: header as in the demo, one row per metric.
			if got := mustRows(t, f, "Catalogue")[0]; !slices.Equal(got, wantCatalogueHeader) {
				t.Errorf("Catalogue header = %q, want %q", got, wantCatalogueHeader)
			}
			got := readCatalogue(t, f)
			want := tt.metrics
			if want == nil {
				if len(got) != len(defaults)+6 {
					t.Fatalf("default catalogue has %d metrics, want 6 KPIs and 6 items", len(got))
				}
				want = append(slices.Clone(defaults), got[len(defaults):]...)
				for i, d := range model.DisciplineKeys {
					if m := got[len(defaults)+i]; m.Discipline != d || m.Scale != model.ScaleLevel || m.Name == "" {
						t.Errorf("default item %d = %s, want a level item of %s", i, metricString(m), d)
					}
				}
			}
			for i := range max(len(got), len(want)) {
				if i >= len(got) || i >= len(want) || metricString(got[i]) != metricString(want[i]) {
					t.Errorf("Catalogue row %d:\n got %v\nwant %v", i+2, got[i:min(i+1, len(got))], want[i:min(i+1, len(want))])
				}
			}
			cv := validations(t, f, "Catalogue")
			for col, want := range map[string][]string{
				"B": disciplineTitles, "D": {"higher", "lower"}, "E": {"level", "thresholds"},
			} {
				if got := listValues(t, f, cv[col]); !slices.Equal(got, want) {
					t.Errorf("Catalogue column %s drop-down = %q, want %q", col, got, want)
				}
			}

			// Data: the header only, frozen, with drop-downs.
			rows := mustRows(t, f, "Data")
			if len(rows) != 1 || !slices.Equal(rows[0], wantDataHeader) {
				t.Errorf("Data = %q, want the header %q only", rows, wantDataHeader)
			}
			panes, err := f.GetPanes("Data")
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("Data panes = %+v (%v), want the header frozen", panes, err)
			}
			dv := validations(t, f, "Data")
			if got := listValues(t, f, dv["C"]); !slices.Equal(got, disciplineTitles) {
				t.Errorf("Discipline drop-down = %q, want %q", got, disciplineTitles)
			}
			if got, want := listValues(t, f, dv["D"]), metricNames(readCatalogue(t, f)); !slices.Equal(got, want) {
				t.Errorf("Metric drop-down = %q, want the catalogue's %q", got, want)
			}
			if !strings.HasPrefix(dv["D"].Formula1, "Catalogue!") {
				t.Errorf("Metric drop-down %q must point at the Catalogue sheet, so added metrics show", dv["D"].Formula1)
			}
			switch unit := dv["B"]; {
			case unit == nil:
				t.Error("no validation on the business unit column")
			case tt.wantUnits == nil:
				if unit.Type != "" || !unit.ShowInputMessage {
					t.Errorf("business unit validation = type %q, want any value with a prompt", unit.Type)
				}
			default:
				if got := listValues(t, f, unit); !slices.Equal(got, tt.wantUnits) {
					t.Errorf("Unit drop-down = %q, want %q", got, tt.wantUnits)
				}
			}
		})
	}
}

func metricNames(ms []model.Metric) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// TestTemplateCatalogueMatchesDemo: the template's Catalogue and Data
// headers are the demo workbook's, so one importer path reads both.
func TestTemplateCatalogueMatchesDemo(t *testing.T) {
	demo, err := excelize.OpenReader(bytes.NewReader(assets.DemoWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer demo.Close()
	f := writeTemplate(t, nil, nil)
	demoRows := mustRows(t, demo, "Catalogue")
	if got := mustRows(t, f, "Catalogue")[0]; !slices.Equal(got, demoRows[0]) {
		t.Errorf("template Catalogue header %q, demo %q", got, demoRows[0])
	}
	scores := mustRows(t, demo, "Scores")
	i := slices.IndexFunc(scores, func(r []string) bool { return len(r) > 0 && r[0] == "Period" })
	if i < 0 || !slices.Equal(mustRows(t, f, "Data")[0], scores[i]) {
		t.Errorf("template Data header %q, demo Scores header %q", mustRows(t, f, "Data")[0], scores[max(i, 0)])
	}
}

func TestTemplateInstructions(t *testing.T) {
	f := writeTemplate(t, nil, []string{"Retail", "Online"})
	rows := mustRows(t, f, "Instructions")
	var text []string
	for i, row := range rows {
		if len(row) > 1 {
			t.Errorf("Instructions row %d has %d cells; one column is never taken for data", i+1, len(row))
		}
		text = append(text, strings.Join(row, " "))
	}
	all := strings.Join(text, "\n")
	for _, want := range append([]string{"45% is stored as 45", "n/a", "Retail, Online", "EXAMPLE"}, disciplineTitles...) {
		if !strings.Contains(all, want) {
			t.Errorf("Instructions do not mention %q", want)
		}
	}
	// Every period form the instructions promise is one the parser takes.
	line := regexp.MustCompile(`(?m)^Write (.*), or enter a date`).FindStringSubmatch(all)
	if line == nil {
		t.Fatalf("Instructions list no period forms:\n%s", all)
	}
	forms := strings.FieldsFunc(strings.ReplaceAll(line[1], " or ", ","), func(r rune) bool { return r == ',' })
	if len(forms) < 5 {
		t.Fatalf("period forms %q, want at least five", forms)
	}
	for _, form := range forms {
		if _, err := model.ParsePeriod(form); err != nil {
			t.Errorf("Instructions promise the period form %q: %v", form, err)
		}
	}
	// The example stays out of the Data sheet: nothing to import by mistake.
	if rows := mustRows(t, f, "Data"); len(rows) != 1 {
		t.Errorf("Data has %d rows, want the header only", len(rows))
	}
}

func TestWriteTemplateFile(t *testing.T) {
	t.Run("writes and replaces", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "template.xlsx")
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteTemplateFile(path, nil, nil); err != nil {
			t.Fatalf("WriteTemplateFile: %v", err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("open the written template: %v", err)
		}
		f.Close()
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("directory holds %d entries, want only the template", len(entries))
		}
	})
	t.Run("a failed write leaves nothing", func(t *testing.T) {
		dir := t.TempDir()
		// The target is a directory: everything is written, the rename fails.
		path := filepath.Join(dir, "taken.xlsx")
		if err := os.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteTemplateFile(path, nil, nil); err == nil {
			t.Fatal("WriteTemplateFile onto a directory succeeded")
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 || entries[0].Name() != "taken.xlsx" {
			t.Errorf("a failed write left %v", entries)
		}
	})
	t.Run("missing directory", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "no", "such", "dir", "template.xlsx")
		if err := report.WriteTemplateFile(path, nil, nil); err == nil {
			t.Fatal("WriteTemplateFile into a missing directory succeeded")
		}
	})
}

// fillTemplate writes the template to dir/template.xlsx and fills its Data
// sheet from row 2 the way a person would in Excel: text periods and
// dates, numbers, numbers as text and a percent-formatted cell.
func fillTemplate(t *testing.T, metrics []model.Metric, units []string, rows [][]any) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := report.WriteTemplateFile(path, metrics, units); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if p, ok := v.(percentCell); ok {
				v = float64(p)
				if err := f.SetCellStyle("Data", cell, cell, pct); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.SetCellValue("Data", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return path
}

// percentCell is a value typed as a percentage: 0.85 shows as 85%.
type percentCell float64

// TestTemplateRoundTrip fills in the template and imports it: what the
// Instructions promise is what the importer does.
func TestTemplateRoundTrip(t *testing.T) {
	target := 40.0
	metrics := []model.Metric{
		{Name: "NPS", Discipline: model.Strategy, Unit: "points", Direction: model.HigherBetter,
			Scale: model.ScaleThresholds, Thresholds: [5]float64{-20, 0, 20, 40, 60}, Weight: 2, Target: &target, Owner: "CCO"},
		{Name: "Complaint resolution days", Discipline: model.Governance, Unit: "days", Direction: model.LowerBetter,
			Scale: model.ScaleThresholds, Thresholds: [5]float64{20, 14, 10, 7, 3}},
		model.NewLevelMetric("Closed-loop feedback process", model.Measurement),
	}
	good := [][]any{
		{"2024-Q1", "Retail", "Strategy", "NPS", 32, "after the spring campaign"},
		{"Q2 2024", "Online", nil, "Closed-loop feedback process", 3.5},
		{"Jan 2024", nil, "Governance", "Complaint resolution days", "12"},
		{"2024", "Retail", nil, "NPS", "n/a"},
		{time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), "Online", "Measurement", "CSAT %", percentCell(0.85)},
		{"2024-01", "Retail", "Culture", "Employees trained in CX", 2},
		{"2024-Q3", "Retail", "Strategy", "NPS", "-"},
	}
	t.Run("filled in", func(t *testing.T) {
		path := fillTemplate(t, metrics, []string{"Retail", "Online"}, good)
		var sink importerstest.GovernanceRecorder
		rep, err := importers.Read(context.Background(), path, importers.Options{}, &sink)
		if err != nil || !rep.OK() {
			t.Fatalf("import: %v, problems %v", err, rep.Problems)
		}
		for _, s := range rep.Sheets {
			want := map[string]importers.Layout{"Instructions": importers.LayoutSkipped,
				"Catalogue": importers.LayoutCatalogue, "Data": importers.LayoutLong,
				"Owners": importers.LayoutOwners, "Actions": importers.LayoutActions,
				"Issues": importers.LayoutIssues, "Events": importers.LayoutEvents,
				"Lists": importers.LayoutSkipped}[s.Name]
			if s.Layout != want {
				t.Errorf("sheet %s read as %s (%s), want %s", s.Name, s.Layout, s.Reason, want)
			}
		}
		var got []string
		for _, o := range sink.Observations {
			got = append(got, fmt.Sprintf("%s %s %s %v %q %s", o.Source.Cell, o.Period, o.Unit, o.Metric, o.Note, strconv.FormatFloat(o.Value, 'g', -1, 64)))
		}
		want := []string{
			`E2 2024-Q1 Retail NPS "after the spring campaign" 32`,
			`E3 2024-Q2 Online Closed-loop feedback process "" 3.5`,
			`E4 2024-01 All Complaint resolution days "" 12`,
			`E6 2024-03 Online CSAT % "" 85`,
			`E7 2024-01 Retail Employees trained in CX "" 2`,
		}
		if !slices.Equal(got, want) {
			t.Errorf("observations:\n got %q\nwant %q", got, want)
		}
		if rep.Skipped != 2 {
			t.Errorf("skipped %d cells, want 2 (n/a and -)", rep.Skipped)
		}
		if n := sink.Records(); n != 0 {
			t.Errorf("the empty governance sheets gave %d records", n)
		}
		for _, name := range []string{"NPS", "Complaint resolution days", "Closed-loop feedback process"} {
			i := slices.IndexFunc(sink.Metrics, func(m model.Metric) bool { return m.Name == name })
			j := slices.IndexFunc(metrics, func(m model.Metric) bool { return m.Name == name })
			if i < 0 || metricString(sink.Metrics[i]) != metricString(metrics[j]) {
				t.Errorf("catalogue entry %s did not survive the round trip: %v", name, sink.Metrics)
			}
		}
	})
	t.Run("a bad value names its cell", func(t *testing.T) {
		path := fillTemplate(t, metrics, nil, [][]any{good[0], {"2024-Q4", "Retail", "Strategy", "NPS", "lots"}})
		rep, err := importers.Read(context.Background(), path, importers.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) != 1 || !strings.HasPrefix(rep.Problems[0].Error(), "template.xlsx: Data!E3: ") {
			t.Errorf("problems = %v, want one at template.xlsx: Data!E3", rep.Problems)
		}
	})
}
