package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cxdash/importers"
	"cxdash/model"
	"cxdash/report"
)

func TestNeutralise(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"North", "North"},
		{"=1+1", "'=1+1"},
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+31 6 1234", "'+31 6 1234"},
		{"-5 points", "'-5 points"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"＝1+1", "'＝1+1"},
		{"a=b", "a=b"},
		{" =1", " =1"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := report.Neutralise(tc.in); got != tc.want {
				t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Error("no UTF-8 byte-order mark: Excel would misread accents")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCSV(t *testing.T) {
	fx := newFixture(false)
	fx.obs[0].Note = "=cmd|' /C calc'!A0"
	fx.obs[1].Note = "-2 after the outage"
	fx.obs[2].Unit = "@North"
	d := fx.data(model.AllUnits)
	var buf bytes.Buffer
	if err := report.WriteCSV(context.Background(), &buf, d, nil); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	if want := []string{"Period", "Business unit", "Discipline", "Metric", "Value", "Note", "Counts", "Batch", "File", "Sheet", "Cell"}; !slices.Equal(recs[0], want) {
		t.Fatalf("header %q", recs[0])
	}
	if len(recs) != len(fx.obs)+1 {
		t.Fatalf("%d records, want %d and a header", len(recs)-1, len(fx.obs))
	}
	for _, tc := range []struct {
		row, col int
		want     string
	}{
		{1, 5, "'=cmd|' /C calc'!A0"},
		{2, 5, "'-2 after the outage"},
		{3, 1, "'@North"},
		{1, 0, "2024-Q1"},
		{1, 2, "Strategy"},
		{1, 4, "1.5"},
		{1, 6, "yes"},
		{1, 7, "1"},
		{1, 8, "scores.xlsx"},
		{1, 10, "E2"},
	} {
		if got := recs[tc.row][tc.col]; got != tc.want {
			t.Errorf("record %d, %s = %q, want %q", tc.row, recs[0][tc.col], got, tc.want)
		}
	}
	// Negative numbers are numbers, not neutralised text.
	negative := 0
	for _, r := range recs[1:] {
		if strings.HasPrefix(r[4], "-") {
			negative++
		}
		if strings.HasPrefix(r[4], "'") {
			t.Errorf("value %q was neutralised", r[4])
		}
	}
	if negative == 0 {
		t.Error("the fixture's negative NPS values are missing")
	}
	last := recs[len(recs)-1]
	if last[5] != "corrected" || last[6] != "yes" || last[7] != "2" {
		t.Errorf("the correcting observation: %q", last)
	}
}

// TestCSVReimports checks that an export is itself an import file: the
// importer reads it as a long sheet with every value.
func TestCSVReimports(t *testing.T) {
	fx := newFixture(false)
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := report.WriteCSVFile(context.Background(), path, fx.data(model.AllUnits), nil); err != nil {
		t.Fatal(err)
	}
	catalogue := map[string]model.Metric{}
	for _, m := range fx.metrics {
		catalogue[model.MetricKey(m.Name)] = m
	}
	rep, err := importers.Read(context.Background(), path, importers.Options{
		Catalogue: func(name string) (model.Metric, bool) { m, ok := catalogue[model.MetricKey(name)]; return m, ok },
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Values != len(fx.obs) {
		t.Errorf("re-import: ok %v, %d values (want %d), problems %v", rep.OK(), rep.Values, len(fx.obs), rep.Problems)
	}
}

func TestCSVUnitFilterIsTheCallers(t *testing.T) {
	// The writer lists what Observations yields: app filters by unit.
	fx := newFixture(false)
	d := fx.data("North")
	var north []model.Observation
	for _, o := range fx.obs {
		if o.Unit == "North" {
			north = append(north, o)
		}
	}
	d.Observations, d.ObservationCount = seq(north), len(north)
	path := filepath.Join(t.TempDir(), "north.csv")
	var last [2]int
	if err := report.WriteCSVFile(context.Background(), path, d, func(done, total int) { last = [2]int{done, total} }); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, b)
	if len(recs) != len(north)+1 || last != [2]int{len(north), len(north)} {
		t.Errorf("%d records, last progress %v; want %d", len(recs)-1, last, len(north))
	}
}
