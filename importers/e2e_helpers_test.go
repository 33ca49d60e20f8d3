package importers_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cxdash/importers"
	"cxdash/importers/importerstest"
	"cxdash/model"

	"github.com/xuri/excelize/v2"
)

// semXSheet describes one worksheet to write with excelize.
type semXSheet struct {
	name   string
	rows   [][]any // from A1; nil values are left empty
	hidden bool
	merges [][2]string       // ranges to merge, e.g. {"B1", "E1"}
	styles map[string]string // cell range "C2:C9" -> "pct" or "date"
	chart  bool              // a chart sheet (rows ignored)
}

// semPct is a value written into a percent-formatted cell (0.45 shows 45%).
type semPct float64

// semXLSX writes a workbook with excelize and returns its path.
func semXLSX(t testing.TB, file string, sheets ...semXSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	if err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	first := true
	// Charts last: SetSheetVisible fails once a chart sheet exists.
	for _, s := range sheets {
		if s.chart {
			continue
		}
		if first {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if p, ok := v.(semPct); ok {
					v = float64(p)
					if err := f.SetCellStyle(s.name, ref, ref, pctStyle); err != nil {
						t.Fatal(err)
					}
				}
				if err := f.SetCellValue(s.name, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for rng, kind := range s.styles {
			a, b, _ := strings.Cut(rng, ":")
			st := pctStyle
			if kind == "date" {
				st = dateStyle
			}
			if err := f.SetCellStyle(s.name, a, b, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range sheets {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Charts last: SetSheetVisible fails once a chart sheet exists.
	for _, s := range sheets {
		if s.chart {
			semChartSheet(t, f, s.name, sheets[0].name)
		}
	}
	path := filepath.Join(t.TempDir(), file)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func semChartSheet(t testing.TB, f *excelize.File, name, dataSheet string) {
	t.Helper()
	err := f.AddChartSheet(name, &excelize.Chart{
		Type:   excelize.Col,
		Series: []excelize.ChartSeries{{Name: "'" + dataSheet + "'!$A$1", Categories: "'" + dataSheet + "'!$A$2:$A$3", Values: "'" + dataSheet + "'!$B$2:$B$3"}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// semCSV writes a csv file and returns its path.
func semCSV(t testing.TB, file, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), file)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// semSink is a Recorder that checks each metric it is given and can fail
// an observation.
type semSink struct {
	importerstest.Recorder
	t       testing.TB
	metrics map[string]model.Metric // by model.MetricKey: the last one given
	failAt  int                     // fail the n-th AddObservation (1-based); 0 never
}

func newSemSink(t testing.TB) *semSink {
	return &semSink{t: t, metrics: map[string]model.Metric{}}
}

func (s *semSink) PutMetric(ctx context.Context, m model.Metric) error {
	if err := m.Validate(); err != nil {
		s.t.Errorf("PutMetric(%q): invalid: %v", m.Name, err)
	}
	s.metrics[model.MetricKey(m.Name)] = m
	return s.Recorder.PutMetric(ctx, m)
}

var errSemSink = errors.New("disk full")

func (s *semSink) AddObservation(ctx context.Context, o model.Observation) error {
	if s.failAt > 0 && len(s.Observations)+1 == s.failAt {
		return errSemSink
	}
	return s.Recorder.AddObservation(ctx, o)
}

// order names the metrics given, in order.
func (s *semSink) order() []string {
	names := make([]string, len(s.Metrics))
	for i, m := range s.Metrics {
		names[i] = m.Name
	}
	return names
}

// semCatalogue is a workspace catalogue for Options.Catalogue.
func semCatalogue(ms ...model.Metric) func(string) (model.Metric, bool) {
	byKey := map[string]model.Metric{}
	for _, m := range ms {
		byKey[model.MetricKey(m.Name)] = m
	}
	return func(name string) (model.Metric, bool) {
		m, ok := byKey[model.MetricKey(name)]
		return m, ok
	}
}

// semRead reads path with a recording sink and fails on a returned error.
func semRead(t testing.TB, path string, opts importers.Options) (importers.Result, *semSink) {
	t.Helper()
	sink := newSemSink(t)
	rep, err := importers.Read(context.Background(), path, opts, sink)
	if err != nil {
		t.Fatalf("Read(%s): %v", filepath.Base(path), err)
	}
	return rep, sink
}

// semProblems lists a report's problems as strings.
func semProblems(rep importers.Result) []string {
	var out []string
	for _, p := range rep.Problems {
		out = append(out, p.Error())
	}
	return out
}

// semObs is an observation in a comparable short form:
// "metric|unit|period|value|sheet!cell".
func semObs(o model.Observation) string {
	return strings.Join([]string{o.Metric, o.Unit, o.Period.String(),
		strconv.FormatFloat(o.Value, 'f', -1, 64), o.Source.Sheet + "!" + o.Source.Cell}, "|")
}

func semObsList(obs []model.Observation) []string {
	out := make([]string, len(obs))
	for i, o := range obs {
		out[i] = semObs(o)
	}
	return out
}

func semSheetResult(t testing.TB, rep importers.Result, name string) importers.SheetResult {
	t.Helper()
	for _, s := range rep.Sheets {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no sheet %q in the result", name)
	return importers.SheetResult{}
}

var semMarch = time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
