package discipline

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/charts"
	"cxdash/model"
)

// The screen's background results wait in a queue until a test runs them,
// as the desktop driver's event loop runs them on its one UI goroutine.
func TestMain(m *testing.M) {
	screentest.Install()
	os.Exit(m.Run())
}

// testScreen is the discipline view alone in a window the size of the
// app's, on a workspace with the demo data when demo is set, settled.
func testScreen(t *testing.T, demo bool) (*Screen, *screen.Session) {
	t.Helper()
	var d *Screen
	s := screentest.Session(t, screentest.DemoWorkspace(t, demo), fyne.NewSize(1240, 780), func(s *screen.Session) fyne.CanvasObject {
		d = New(s)
		return d.Content()
	})
	settle(t, d)
	return d, s
}

// settle waits until the view shows its latest data and the observations
// of the metric it selects.
func settle(t *testing.T, d *Screen) {
	t.Helper()
	screentest.Wait(t, "the discipline view", d.Idle(), 30*time.Second)
}

// current is what the model says now under the session's filters.
func current(t *testing.T, s *screen.Session) model.Summary {
	t.Helper()
	p, ok := s.State().Current(s.Filters())
	if !ok {
		t.Fatal("no current period")
	}
	return s.State().Scorer.Summary(s.Filters().Unit, p)
}

// score is what the model says about discipline key under the session's
// filters now.
func score(t *testing.T, s *screen.Session, key string) model.DisciplineScore {
	t.Helper()
	for _, ds := range current(t, s).Disciplines {
		if ds.Key == key {
			return ds
		}
	}
	t.Fatalf("the model has no discipline %s", key)
	return model.DisciplineScore{}
}

// selectMetric selects the row of the metric named name, as a tap on the
// table does, and waits for its observations.
func selectMetric(t *testing.T, d *Screen, name string) {
	t.Helper()
	for i, r := range d.metrics.rows {
		if r.score.Metric == name {
			d.metrics.table.Select(widget.TableCellID{Row: i, Col: 0})
			settle(t, d)
			return
		}
	}
	t.Fatalf("the metrics table has no %s", name)
}

// assertMatchesModel checks the header and every metric row against the
// model's numbers for the session's filters.
func assertMatchesModel(t *testing.T, d *Screen, s *screen.Session, key string) {
	t.Helper()
	ds := score(t, s, key)
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
		value, rows := f.String(ms.Value), strconv.Itoa(ms.Rows)
		if ms.Answers { // the demo's NPS: its margin of error and its answers
			value, rows = screen.ValueWithMargin(ms.Estimate, f), model.FormatCount(ms.Estimate.N)
		}
		for col, want := range map[int]string{0: ms.Metric, 1: value,
			2: charts.ScoreFormat.String(ms.Score), 5: rows} {
			if got := d.metrics.cell(i, col); got != want {
				t.Errorf("row %d (%s) column %s shows %q, want %q", i, ms.Metric, metricColumns[col].Title, got, want)
			}
		}
	}
}

// hasText reports whether a label in obj's tree shows text.
func hasText(obj fyne.CanvasObject, text string) bool {
	switch x := obj.(type) {
	case *widget.Label:
		return x.Text == text
	case *fyne.Container:
		for _, c := range x.Objects {
			if hasText(c, text) {
				return true
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if hasText(c, text) {
				return true
			}
		}
	}
	return false
}

// button finds the button labelled text in obj's tree.
func button(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(obj)
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}
