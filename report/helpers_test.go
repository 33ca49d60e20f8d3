package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"iter"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
	"cxdash/report"
)

// evil is a name that breaks out of a script element and runs code if any
// writer forgets to escape it. It sets an attribute rather than calling
// alert(), which would hang headless Chromium's --dump-dom.
const evil = `</script><img src=x onerror="document.body.setAttribute('data-pwned','1')">`

// fixture is a small workspace: units, metrics, two batches of
// observations (the second corrects one value of the first), scored like
// the app scores them.
type fixture struct {
	fw      model.Framework
	metrics []model.Metric
	obs     []model.Observation
	units   []string
	periods []model.Period
}

// newFixture builds two units (three with hostile, whose unit, metric and
// one discipline name are evil) over eight quarters.
func newFixture(hostile bool) fixture {
	fx := fixture{fw: model.DefaultFramework(), units: []string{"North", "South"}}
	if hostile {
		fx.units = append(fx.units, evil)
		fx.fw.Disciplines[5].Name = "Culture " + evil
	}
	for _, key := range model.DisciplineKeys {
		m := model.NewLevelMetric("Practice "+key, key)
		target := 4.0
		m.Target = &target
		fx.metrics = append(fx.metrics, m)
	}
	nps, _ := model.KnownKPI("NPS")
	fx.metrics = append(fx.metrics, nps)
	if hostile {
		fx.metrics = append(fx.metrics, model.NewLevelMetric(evil, model.Culture))
	}
	for q := 0; q < 8; q++ {
		fx.periods = append(fx.periods, model.QuarterPeriod(2024+q/4, q%4+1))
	}
	row := 2
	for pi, p := range fx.periods {
		for ui, u := range fx.units {
			for mi, m := range fx.metrics {
				v := 1.5 + float64((pi+ui+mi)%7)*0.5
				if m.Name == "NPS" {
					v = float64(pi*8 - 20 + ui*5) // negative early on
				}
				fx.obs = append(fx.obs, model.Observation{Metric: m.Name, Unit: u, Period: p, Value: v,
					Note: "note " + u, Source: model.Source{BatchID: 1, File: "scores.xlsx", Sheet: "Q", Cell: cellRef(5, row)}})
				row++
			}
		}
	}
	// Batch 2 corrects North's first practice in the last quarter.
	last := fx.periods[len(fx.periods)-1]
	fx.obs = append(fx.obs, model.Observation{Metric: fx.metrics[0].Name, Unit: "North", Period: last, Value: 5,
		Note: "corrected", Source: model.Source{BatchID: 2, File: "fix.csv", Sheet: "fix", Cell: "line 2, column Value"}})
	return fx
}

func cellRef(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// values applies DESIGN.md rule 1: the latest batch with observations of a
// (metric, unit, period) supplies its value.
func (fx fixture) values() []model.Value {
	type key struct {
		metric, unit string
		period       model.Period
	}
	byKey := map[key]*model.Value{}
	var order []key
	for _, o := range fx.obs {
		k := key{o.Metric, o.Unit, o.Period}
		v, ok := byKey[k]
		switch {
		case !ok:
			byKey[k] = &model.Value{Metric: o.Metric, Unit: o.Unit, Period: o.Period, BatchID: o.Source.BatchID}
			order = append(order, k)
			v = byKey[k]
		case o.Source.BatchID > v.BatchID:
			*v = model.Value{Metric: o.Metric, Unit: o.Unit, Period: o.Period, BatchID: o.Source.BatchID}
		case o.Source.BatchID < v.BatchID:
			continue
		}
		v.Sum += o.Value
		v.Count++
	}
	out := make([]model.Value, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	return out
}

// data scores the fixture for unit, as workspace.Workspace.ReportData does.
func (fx fixture) data(unit string) report.Data {
	values := fx.values()
	sc := model.NewScorer(fx.fw, fx.metrics, values)
	d := report.Data{
		Workspace:        "Acme Retail",
		Unit:             unit,
		Generated:        time.Date(2026, 1, 15, 9, 30, 0, 0, time.Local),
		Framework:        fx.fw,
		Metrics:          fx.metrics,
		Values:           values,
		Observations:     seq(fx.obs),
		ObservationCount: len(fx.obs),
		Batches: []report.Batch{
			{ID: 2, File: "fix.csv", ImportedAt: time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC), User: "ana", Rows: 1, Metrics: 1, SHA256: "bb"},
			{ID: 1, File: "scores.xlsx", ImportedAt: time.Date(2026, 1, 2, 8, 0, 0, 0, time.UTC), User: "ana", Rows: len(fx.obs) - 1, Skipped: 3, Metrics: len(fx.metrics), SHA256: "aa"},
		},
	}
	for _, p := range sc.Periods(model.Quarter) {
		d.Trend = append(d.Trend, sc.Summary(unit, p))
	}
	d.Period = d.Trend[len(d.Trend)-1].Period
	d.Summary = d.Trend[len(d.Trend)-1]
	for _, u := range sc.Units() {
		d.Units = append(d.Units, sc.Summary(u, d.Period))
	}
	return d
}

// seq yields obs one by one.
func seq(obs []model.Observation) iter.Seq2[model.Observation, error] {
	return func(yield func(model.Observation, error) bool) {
		for _, o := range obs {
			if !yield(o, nil) {
				return
			}
		}
	}
}

// openXLSX opens a written workbook for reading back.
func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, ref, err)
	}
	return v
}

// zipParts returns the workbook's parts by name.
func zipParts(t *testing.T, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := io.Copy(&b, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		parts[zf.Name] = b.String()
	}
	return parts
}

// chartParts lists the chart parts (xl/charts/chart*.xml) of a workbook.
func chartParts(parts map[string]string) map[string]string {
	out := map[string]string{}
	for name, body := range parts {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.HasSuffix(name, ".xml") {
			out[name] = body
		}
	}
	return out
}
