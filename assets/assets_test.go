package assets_test

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/assets"
	"cxdash/assets/internal/gen"
	"cxdash/importers"
	"cxdash/importers/importerstest"
	"cxdash/model"
)

// demoRow is one data row of the embedded demo's Scores sheet.
type demoRow struct {
	cell                                  string
	period                                model.Period
	unit, discipline, metric, value, note string
}

func openDemo(t *testing.T) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(assets.DemoWorkbook))
	if err != nil {
		t.Fatalf("open embedded demo: %v", err)
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

// demoCatalogue reads the embedded Catalogue sheet back into metrics, the
// way a person would read it: display names, words, numbers.
func demoCatalogue(t *testing.T, f *excelize.File) []model.Metric {
	t.Helper()
	rows := mustRows(t, f, gen.SheetCatalogue)
	if len(rows) == 0 || !slices.Equal(rows[0], gen.CatalogueHeader) {
		t.Fatalf("Catalogue header = %q, want %q", rows[0], gen.CatalogueHeader)
	}
	num := func(row []string, i int) float64 {
		t.Helper()
		if i >= len(row) || row[i] == "" {
			return 0
		}
		v, err := strconv.ParseFloat(row[i], 64)
		if err != nil {
			t.Fatalf("Catalogue %q column %s: %v", row[0], gen.CatalogueHeader[i], err)
		}
		return v
	}
	var out []model.Metric
	for _, row := range rows[1:] {
		row = append(row, make([]string, len(gen.CatalogueHeader)-len(row))...)
		key, ok := model.ParseDiscipline(row[1])
		if !ok {
			t.Fatalf("Catalogue %q: discipline %q not recognised", row[0], row[1])
		}
		dir, err := model.ParseDirection(row[3])
		if err != nil {
			t.Fatalf("Catalogue %q: %v", row[0], err)
		}
		scale, err := model.ParseScale(row[4])
		if err != nil {
			t.Fatalf("Catalogue %q: %v", row[0], err)
		}
		m := model.Metric{Name: row[0], Discipline: key, Unit: row[2], Direction: dir, Scale: scale,
			Weight: num(row, 10), Owner: row[12]}
		for i := range m.Thresholds {
			m.Thresholds[i] = num(row, 5+i)
		}
		if row[11] != "" {
			target := num(row, 11)
			m.Target = &target
		}
		out = append(out, m)
	}
	return out
}

func demoScores(t *testing.T, f *excelize.File) []demoRow {
	t.Helper()
	rows := mustRows(t, f, gen.SheetScores)
	h := gen.ScoresHeaderRow
	if len(rows) < h || rows[0][0] != gen.ScoresTitle || len(rows[1]) != 0 || !slices.Equal(rows[h-1], gen.ScoresHeader) {
		t.Fatalf("Scores must start with the title, a blank row and the header; got %q", rows[:min(h, len(rows))])
	}
	var out []demoRow
	for i, row := range rows[h:] {
		row = append(row, make([]string, len(gen.ScoresHeader)-len(row))...)
		cell := "A" + strconv.Itoa(h+1+i)
		p, err := model.ParsePeriod(row[0])
		if err != nil {
			t.Fatalf("Scores!%s: %v", cell, err)
		}
		out = append(out, demoRow{cell: cell, period: p, unit: row[1], discipline: row[2],
			metric: row[3], value: row[4], note: row[5]})
	}
	return out
}

func TestDemoWorkbookShape(t *testing.T) {
	f := openDemo(t)
	if gen.SheetSurvey != assets.DemoSurveySheet {
		t.Fatalf("the survey sheet is %q, assets says %q", gen.SheetSurvey, assets.DemoSurveySheet)
	}
	if got, want := f.GetSheetList(), []string{gen.SheetReadMe, gen.SheetCatalogue, gen.SheetScores, gen.SheetSurvey}; !slices.Equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	metrics := demoCatalogue(t, f)
	rows := demoScores(t, f)

	t.Run("read me is text in one column", func(t *testing.T) {
		for i, row := range mustRows(t, f, gen.SheetReadMe) {
			if len(row) > 1 {
				t.Errorf("Read me row %d has %d cells; a one-column sheet is never taken for data", i+1, len(row))
			}
		}
	})

	t.Run("catalogue", func(t *testing.T) {
		if len(metrics) < 28 || len(metrics) > 34 {
			t.Errorf("catalogue has %d metrics, want about 30", len(metrics))
		}
		perDiscipline := map[string]int{}
		kinds := map[model.Scale]int{}
		for _, m := range metrics {
			if err := m.Validate(); err != nil {
				t.Errorf("catalogue: %v", err)
			}
			if m.Target == nil {
				t.Errorf("catalogue %q has no target", m.Name)
			}
			if m.Owner == "" {
				t.Errorf("catalogue %q has no owner", m.Name)
			}
			perDiscipline[m.Discipline]++
			kinds[m.Scale]++
		}
		for _, d := range model.DisciplineKeys {
			if perDiscipline[d] < 4 {
				t.Errorf("discipline %s has %d metrics, want at least 4", d, perDiscipline[d])
			}
		}
		if kinds[model.ScaleLevel] < 18 || kinds[model.ScaleThresholds] < 6 {
			t.Errorf("scales = %v, want assessment items and KPIs", kinds)
		}
		if slices.ContainsFunc(metrics, func(m model.Metric) bool { return m.Name == "NPS" }) {
			t.Error("the catalogue defines NPS, which the survey answers make")
		}
		for _, name := range []string{"CSAT %", "CES", "Churn %", "Retention %", "FCR %"} {
			i := slices.IndexFunc(metrics, func(m model.Metric) bool { return m.Name == name })
			known, _ := model.KnownKPI(name)
			if i < 0 {
				t.Errorf("catalogue lacks %s", name)
			} else if metrics[i].Thresholds != known.Thresholds || metrics[i].Direction != known.Direction {
				t.Errorf("%s: thresholds %v %s, want the defaults %v %s", name,
					metrics[i].Thresholds, metrics[i].Direction, known.Thresholds, known.Direction)
			}
		}
	})

	t.Run("scores", func(t *testing.T) {
		byName := map[string]model.Metric{}
		for _, m := range metrics {
			byName[m.Name] = m
		}
		fw := model.DefaultFramework()
		units, periods, disciplines := map[string]bool{}, map[model.Period]bool{}, map[string]bool{}
		seen := map[string]string{}
		for _, r := range rows {
			units[r.unit], periods[r.period], disciplines[r.discipline] = true, true, true
			m, ok := byName[r.metric]
			if !ok {
				t.Fatalf("Scores!%s: metric %q is not in the catalogue", r.cell, r.metric)
			}
			if d, _ := fw.Discipline(m.Discipline); d.Name != r.discipline {
				t.Errorf("Scores!%s: %s is in %q, the catalogue says %q", r.cell, r.metric, r.discipline, d.Name)
			}
			key := r.period.String() + "|" + r.unit + "|" + r.metric
			if prev, dup := seen[key]; dup {
				t.Errorf("Scores!%s repeats Scores!%s", r.cell, prev)
			}
			seen[key] = r.cell
			v, err := strconv.ParseFloat(r.value, 64)
			if err != nil {
				t.Fatalf("Scores!%s: value %q: %v", r.cell, r.value, err)
			}
			checkRealistic(t, r, m, v)
			outage := r.unit == "Online" && r.period == gen.OutagePeriod
			hit := outage && slices.Contains([]string{"CSAT %", "FCR %", "Churn %"}, r.metric)
			if hit && r.note != gen.NoteOutage || !outage && r.note == gen.NoteOutage {
				t.Errorf("Scores!%s: note %q on %s %s %s", r.cell, r.note, r.unit, r.period, r.metric)
			}
		}
		if len(units) != 3 || len(periods) != 12 || len(disciplines) != 6 {
			t.Errorf("%d units, %d periods, %d disciplines; want 3, 12, 6", len(units), len(periods), len(disciplines))
		}
		if want := len(units) * len(periods) * len(metrics); len(rows) != want {
			t.Errorf("Scores has %d data rows, want every metric for every unit and quarter: %d", len(rows), want)
		}
		first, last := model.QuarterPeriod(2023, 4), model.QuarterPeriod(2026, 3)
		for p := first; ; p = p.Next() {
			if !periods[p] {
				t.Errorf("quarter %s missing", p)
			}
			if p == last {
				break
			}
		}
	})
}

// checkRealistic checks a value against what such a metric looks like in
// real companies.
func checkRealistic(t *testing.T, r demoRow, m model.Metric, v float64) {
	t.Helper()
	ranges := map[string][2]float64{
		"NPS": {-10, 55}, "CSAT %": {70, 90}, "Churn %": {6, 18}, "Retention %": {70, 95},
		"FCR %": {50, 90}, "CES": {3, 6.5},
	}
	switch rg, known := ranges[m.Name]; {
	case m.Scale == model.ScaleLevel:
		if v < 1 || v > 5 || v*2 != math.Round(v*2) {
			t.Errorf("Scores!%s: %s = %v, want 1..5 in half points", r.cell, m.Name, v)
		}
	case known && (v < rg[0] || v > rg[1]):
		t.Errorf("Scores!%s: %s = %v, want %v..%v", r.cell, m.Name, v, rg[0], rg[1])
	}
}

// TestDemoStory checks that the demo tells the story its Read me sheet
// promises, scored by the real scoring rules.
func TestDemoStory(t *testing.T) {
	f := openDemo(t)
	metrics := demoCatalogue(t, f)
	var values []model.Value
	for _, r := range demoScores(t, f) {
		v, _ := strconv.ParseFloat(r.value, 64)
		values = append(values, model.Value{Metric: r.metric, Unit: r.unit, Period: r.period, Sum: v, Count: 1, BatchID: 1})
	}
	nps := map[model.Period]float64{}
	for key, tl := range surveyTallies(t, f) {
		if key.unit == "Online" {
			e, _ := tl.Estimate(model.AggregationNPS)
			nps[key.period] = e.Value
		}
	}
	s := model.NewScorer(model.DefaultFramework(), metrics, values)
	periods := s.Periods(model.Quarter)
	first, last := periods[0], periods[len(periods)-1]

	t.Run("improves overall", func(t *testing.T) {
		for _, unit := range append(slices.Clone(gen.Units), model.AllUnits) {
			a, b := s.Summary(unit, first).Overall, s.Summary(unit, last).Overall
			if b.Score-a.Score < 0.3 || a.Coverage != 1 {
				t.Errorf("%s: overall %.2f -> %.2f (coverage %.2f), want a clear rise with all disciplines", unit, a.Score, b.Score, a.Coverage)
			}
		}
	})
	t.Run("measurement strong, governance lagging", func(t *testing.T) {
		for _, p := range []model.Period{first, last} {
			ds := s.Summary(model.AllUnits, p).Disciplines
			best := slices.MaxFunc(ds, func(a, b model.DisciplineScore) int { return cmpFloat(a.Score, b.Score) })
			worst := slices.MinFunc(ds, func(a, b model.DisciplineScore) int { return cmpFloat(a.Score, b.Score) })
			if best.Key != model.Measurement || worst.Key != model.Governance {
				t.Errorf("%s: strongest %s, weakest %s; want measurement and governance", p, best.Key, worst.Key)
			}
		}
	})
	t.Run("outage dips online", func(t *testing.T) {
		before, during := gen.OutagePeriod.Prev(), gen.OutagePeriod
		if nps[during] > nps[before]-8 {
			t.Errorf("Online NPS %v -> %v in the outage, want a clear dip", nps[before], nps[during])
		}
		a, b := s.Summary("Online", before).Overall.Score, s.Summary("Online", during).Overall.Score
		if b >= a {
			t.Errorf("Online overall %.2f -> %.2f in the outage, want a dip", a, b)
		}
	})
}

// surveyKey is a unit and quarter of the demo's survey.
type surveyKey struct {
	unit   string
	period model.Period
}

// surveyTallies reads the Survey responses sheet: its header, ids, dates
// and answers, tallied per unit and quarter.
func surveyTallies(t *testing.T, f *excelize.File) map[surveyKey]*model.Tally {
	t.Helper()
	rows := mustRows(t, f, gen.SheetSurvey)
	if len(rows) == 0 || !slices.Equal(rows[0], gen.SurveyHeader) {
		t.Fatalf("Survey responses header = %q, want %q", rows[0], gen.SurveyHeader)
	}
	out := map[surveyKey]*model.Tally{}
	ids := map[string]bool{}
	for i, row := range rows[1:] {
		row = append(row, make([]string, len(gen.SurveyHeader)-len(row))...)
		cell := strconv.Itoa(i + 2)
		if ids[row[0]] || row[0] == "" {
			t.Fatalf("Survey responses!A%s: response id %q missing or repeated", cell, row[0])
		}
		ids[row[0]] = true
		at, err := time.Parse("2006-01-02 15:04", row[1])
		if err != nil {
			t.Fatalf("Survey responses!B%s: %v", cell, err)
		}
		score, err := strconv.Atoi(row[3])
		if err != nil || score < 0 || score > 10 {
			t.Fatalf("Survey responses!D%s: %q is not a 0-10 answer", cell, row[3])
		}
		p, _ := model.PeriodOf(at).Rollup(model.Quarter)
		key := surveyKey{row[2], p}
		if out[key] == nil {
			out[key] = &model.Tally{}
		}
		out[key].Add(float64(score), model.NPSCutoffs())
	}
	return out
}

// TestDemoSurveyMetrics: LoadDemo defines the survey's metrics as the
// generator does.
func TestDemoSurveyMetrics(t *testing.T) {
	if got, want := assets.DemoSurveyMetrics(), gen.SurveyMetrics(); !reflect.DeepEqual(got, want) {
		t.Errorf("assets.DemoSurveyMetrics() = %+v, the generator's %+v", got, want)
	}
}

// TestDemoSurvey checks the survey batch: a few hundred answers per unit
// and quarter, every unit and quarter of the scorecard, and an NPS inside
// the demo's realistic range.
func TestDemoSurvey(t *testing.T) {
	f := openDemo(t)
	tallies := surveyTallies(t, f)
	if len(tallies) != len(gen.Units)*gen.Quarters {
		t.Errorf("the survey covers %d unit-quarters, want %d", len(tallies), len(gen.Units)*gen.Quarters)
	}
	for key, tl := range tallies {
		e, ok := tl.Estimate(model.AggregationNPS)
		if !ok || e.N < 200 || e.N > 400 {
			t.Errorf("%s %s: %d answers, want a few hundred", key.unit, key.period, e.N)
		}
		if e.Value < -10 || e.Value > 55 {
			t.Errorf("%s %s: NPS %.1f, want -10..55", key.unit, key.period, e.Value)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestGeneratedAssetsAreCurrent regenerates the demo and the icon into a
// temporary directory: the bytes must match what is embedded, so the
// generators are deterministic and `go generate ./assets` has been run.
func TestGeneratedAssetsAreCurrent(t *testing.T) {
	tests := []struct {
		name     string
		embedded []byte
		write    func(io.Writer) error
	}{
		{"demo.xlsx", assets.DemoWorkbook, gen.WriteDemo},
		{"icon.png", assets.Icon, gen.WriteIcon},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.name)
			if err := gen.WriteFile(path, tt.write); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.embedded) {
				t.Errorf("regenerated %s (%d bytes) differs from the embedded one (%d bytes): run go generate ./assets",
					tt.name, len(got), len(tt.embedded))
			}
		})
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.xlsx")
	boom := errors.New("boom")
	err := gen.WriteFile(path, func(w io.Writer) error {
		if _, err := w.Write([]byte("half a workbook")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WriteFile error = %v, want %v", err, boom)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("a failed write left %d files, e.g. %s", len(entries), entries[0].Name())
	}
}

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(assets.Icon))
	if err != nil {
		t.Fatalf("decode icon: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Fatalf("icon is %dx%d, want 256x256", b.Dx(), b.Dy())
	}
	alpha := func(x, y int) uint32 { _, _, _, a := img.At(x, y).RGBA(); return a >> 8 }
	if a := alpha(1, 1); a != 0 {
		t.Errorf("corner alpha %d, want transparent (rounded square)", a)
	}
	if a := alpha(128, 20); a != 255 {
		t.Errorf("edge alpha %d, want opaque", a)
	}
	r, g, b, _ := img.At(40, 128).RGBA()
	if !(g > r && b > r) { // teal: green and blue over red
		t.Errorf("background colour %d,%d,%d is not teal", r>>8, g>>8, b>>8)
	}
}

func TestECharts(t *testing.T) {
	if len(assets.EChartsJS) < 1_000_000 {
		t.Errorf("echarts.min.js is %d bytes, want the full build", len(assets.EChartsJS))
	}
	if !bytes.Contains(assets.EChartsJS, []byte(`version="6.1.0"`)) || !strings.Contains(assets.EChartsVersion, "echarts 6.1.0") {
		t.Errorf("echarts.min.js and ECHARTS_VERSION (%q) must both be 6.1.0", assets.EChartsVersion)
	}
	for _, name := range []string{"echarts.LICENSE", "echarts.NOTICE"} {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("the Apache-2.0 licence needs %s beside echarts.min.js: %v", name, err)
		}
	}
}

// TestDemoImports reads the demo as `cxdash demo` does: every value is
// taken, the Read me sheet is skipped, nothing is a problem.
func TestDemoImports(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.xlsx")
	if err := os.WriteFile(path, assets.DemoWorkbook, 0o600); err != nil {
		t.Fatal(err)
	}
	var sink importerstest.Recorder
	// The survey's unit column is mapped, as workspace.LoadDemo maps it.
	mapping := map[string]importers.Mapping{assets.DemoSurveySheet: {1: importers.RolePeriod, 2: importers.RoleUnit,
		3: importers.RoleNPS}}
	rep, err := importers.Read(context.Background(), path, importers.Options{Overrides: mapping}, &sink)
	if err != nil || !rep.OK() {
		t.Fatalf("import: %v, problems %v", err, rep.Problems[:min(5, len(rep.Problems))])
	}
	layouts := map[string]importers.Layout{}
	for _, s := range rep.Sheets {
		layouts[s.Name] = s.Layout
	}
	want := map[string]importers.Layout{gen.SheetReadMe: importers.LayoutSkipped,
		gen.SheetCatalogue: importers.LayoutCatalogue, gen.SheetScores: importers.LayoutLong,
		gen.SheetSurvey: importers.LayoutSurvey}
	if !maps.Equal(layouts, want) {
		t.Errorf("sheets read as %v, want %v", layouts, want)
	}
	f := openDemo(t)
	answers := 0
	for _, tl := range surveyTallies(t, f) {
		answers += tl.N
	}
	if got, want := len(sink.Observations), len(demoScores(t, f))+answers; got != want || rep.Skipped != 0 {
		t.Errorf("imported %d values (%d skipped), want all %d", got, rep.Skipped, want)
	}
	units := map[string]bool{}
	for _, o := range sink.Observations {
		if o.Metric == "NPS" {
			units[o.Unit] = true
		}
	}
	if len(units) != len(gen.Units) {
		t.Errorf("NPS answers of units %v, want each of %v", slices.Sorted(maps.Keys(units)), gen.Units)
	}
	catalogue := demoCatalogue(t, f)
	if len(sink.Metrics) != len(catalogue)+1 {
		t.Fatalf("imported %d metrics, want the catalogue's %d and NPS", len(sink.Metrics), len(catalogue))
	}
	for _, m := range sink.Metrics {
		if m.Name == "NPS" {
			if m.Aggregation != model.AggregationNPS || !m.FromAnswers() {
				t.Errorf("NPS imported as %+v, want computed from answers", m)
			}
			continue
		}
		i := slices.IndexFunc(catalogue, func(c model.Metric) bool { return c.Name == m.Name })
		if i < 0 || catalogue[i].Discipline != m.Discipline || catalogue[i].Thresholds != m.Thresholds ||
			catalogue[i].Scale != m.Scale || catalogue[i].Direction != m.Direction {
			t.Errorf("imported metric %+v differs from the catalogue", m)
		}
	}
}
