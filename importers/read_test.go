package importers_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"cxdash/importers"
	"cxdash/model"
)

// TestReadProblemsWithCells: every problem is listed, each at its cell,
// and nothing after the first problem reaches the sink.
func TestReadProblemsWithCells(t *testing.T) {
	path := semXLSX(t, "bad.xlsx", semXSheet{name: "Data", rows: [][]any{
		{"Scores"},
		{"Period", "Unit", "Discipline", "Metric", "Value"},
		{"2024-Q1", "North", "Design", "Journey maps", 3},
		{"2024-Q1", "North", "Design", "Journey maps", "abc"},
		{"2024-13", "North", "Design", "Journey maps", 3},
		{"2024-Q2", "North", "Marketing", "Journey maps", 3},
		{"2024-Q2", "North", "", "Foo", 2},
		{"2024-Q2", "North", "", "Foo", 3},
		{"2024-Q2", "North", "Design", "Calls", 250},
		{"2024-Q2", "North", "Design", "", 4},
		{nil, "South", "Design", "Journey maps", 4},
		{"2024-Q3", "North", "Design", "Journey maps", true},
		{"2024-Q3", "North", "Design", "Journey maps", "n/a"},
		{"2024-Q3", "North", "Design", "Journey maps", "-"},
		{"2024-Q3", "North", "Design", "Journey maps", nil},
		{"2024-Q3", "North", "Design", "Journey maps", "#N/A"},
	}})
	rep, sink := semRead(t, path, importers.Options{})
	want := []string{
		`bad.xlsx: Data!E4: Value "abc" is not a number`,
		`bad.xlsx: Data!A5: Period "2024-13" is not a period: month 13 does not exist`,
		`bad.xlsx: Data!C6: Discipline "Marketing" is not one of Strategy, Customer understanding, Design, Measurement, Governance, Culture`,
		`bad.xlsx: Data!E9: metric "Calls" is not in the catalogue, so it would be added as a 1..5 maturity level, but its value is 250: ` +
			`it looks like a KPI that needs thresholds; define it in a catalogue sheet (Metric, Discipline, Direction, Scale, t1..t5)`,
		`bad.xlsx: Data!D10: Metric is empty`,
		`bad.xlsx: Data!A11: Period is empty`,
		`bad.xlsx: Data!E12: Value TRUE is TRUE/FALSE, not a number`,
		`bad.xlsx: Data!D7: metric "Foo" is not in the catalogue and its Discipline cell is empty: ` +
			`fill in its discipline or add it to a catalogue sheet (Metric, Discipline, Direction, Scale, t1..t5) (and 1 more rows)`,
	}
	if got := semProblems(rep); !slices.Equal(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
	s := semSheetResult(t, rep, "Data")
	if len(s.Problems) != len(want) {
		t.Errorf("sheet lists %d problems, want %d", len(s.Problems), len(want))
	}
	if rep.Skipped != 4 {
		t.Errorf("skipped %d, want 4 (n/a, -, empty, #N/A)", rep.Skipped)
	}
	if got := semObsList(sink.Observations); !slices.Equal(got, []string{"Journey maps|North|2024-Q1|3|Data!E3"}) {
		t.Errorf("written %q, want only the row before the first problem", got)
	}
	if rep.OK() {
		t.Error("report OK despite problems")
	}
}

// TestReadDryRunMatchesRealRun: a dry run writes nothing and finds what a
// real run finds.
func TestReadDryRunMatchesRealRun(t *testing.T) {
	good := semCSV(t, "good.csv", "Period,Metric,Discipline,Value\n2024-Q1,NPS,,30\n2024-Q1,Vision,Strategy,3\n2024-Q2,Vision,Strategy,n/a\n")
	bad := semCSV(t, "bad.csv", "Period,Metric,Value\n2024-Q1,NPS,30\n2024-Q1,Mystery,3\nlater,NPS,x\n")
	for _, path := range []string{good, bad} {
		dry, err := importers.Read(context.Background(), path, importers.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		real, sink := semRead(t, path, importers.Options{})
		if !slices.Equal(semProblems(dry), semProblems(real)) {
			t.Errorf("%s: dry run problems %q, real run %q", path, semProblems(dry), semProblems(real))
		}
		if dry.Values != real.Values || dry.Skipped != real.Skipped || !slices.Equal(dry.NewMetrics, real.NewMetrics) {
			t.Errorf("dry run counts %d/%d/%q, real %d/%d/%q", dry.Values, dry.Skipped, dry.NewMetrics, real.Values, real.Skipped, real.NewMetrics)
		}
		if real.OK() && len(sink.Observations) != real.Values {
			t.Errorf("real run wrote %d observations, report says %d", len(sink.Observations), real.Values)
		}
	}
	rep, _ := semRead(t, good, importers.Options{})
	if !rep.OK() || rep.Values != 2 || rep.Skipped != 1 {
		t.Errorf("good.csv: %v values %d skipped %d", semProblems(rep), rep.Values, rep.Skipped)
	}
	rep, _ = semRead(t, bad, importers.Options{})
	if len(rep.Problems) != 3 {
		t.Errorf("bad.csv: problems %q, want 3", semProblems(rep))
	}
}

// TestReadMetricOrderDoesNotMatter: a metric's discipline given on a later
// row places the rows above it too.
func TestReadMetricOrderDoesNotMatter(t *testing.T) {
	path := semCSV(t, "late.csv", "Period,Metric,Discipline,Value,Target\n2024-Q1,Vision,,2,\n2024-Q2,Vision,Strategy,3,4\n")
	rep, sink := semRead(t, path, importers.Options{})
	if !rep.OK() {
		t.Fatalf("problems: %q", semProblems(rep))
	}
	want := []string{"Vision|All|2024-Q2|3|!line 3, column Value", "Vision|All|2024-Q1|2|!line 2, column Value"}
	if got := semObsList(sink.Observations); !slices.Equal(got, want) {
		t.Errorf("observations %q, want %q", got, want)
	}
	v := sink.metrics["vision"]
	if v.Discipline != model.Strategy || v.Target == nil || *v.Target != 4 {
		t.Errorf("Vision %+v", v)
	}
}

func TestReadOverridesAndRememberedMapping(t *testing.T) {
	rows := [][]any{
		{"When", "Where", "What", "How much", "Checked by"},
		{"2024-Q1", "North", "NPS", 31, "Ann"},
		{"2024-Q2", "North", "NPS", 33, "Bob"},
	}
	mapping := importers.Mapping{0: importers.RolePeriod, 1: importers.RoleUnit, 2: importers.RoleMetric, 3: importers.RoleValue}
	want := []string{"NPS|North|2024-Q1|31|Data!D2", "NPS|North|2024-Q2|33|Data!D3"}
	path := semXLSX(t, "odd.xlsx", semXSheet{name: "Data", rows: rows})

	t.Run("not recognised without a mapping", func(t *testing.T) {
		rep, _ := semRead(t, path, importers.Options{})
		if s := semSheetResult(t, rep, "Data"); s.Layout != importers.LayoutSkipped {
			t.Errorf("layout %s, want skipped", s.Layout)
		}
		if got := semProblems(rep); len(got) != 1 || !strings.Contains(got[0], "no data sheet found") {
			t.Errorf("problems %q", got)
		}
	})
	t.Run("override from the preview", func(t *testing.T) {
		rep, sink := semRead(t, path, importers.Options{Overrides: map[string]importers.Mapping{"Data": mapping}})
		if got := semObsList(sink.Observations); !rep.OK() || !slices.Equal(got, want) {
			t.Errorf("problems %q observations %q", semProblems(rep), got)
		}
		s := semSheetResult(t, rep, "Data")
		if s.HeaderRow != 1 || !strings.Contains(s.Reason, "preview") {
			t.Errorf("header %d reason %q", s.HeaderRow, s.Reason)
		}
	})
	t.Run("remembered by header signature", func(t *testing.T) {
		sig := importers.HeaderSignature([]string{"when", " WHERE", "What", "How-much", "Checked by"})
		opts := importers.Options{RememberedMapping: func(s string) (importers.Mapping, bool) {
			return mapping, s == sig
		}}
		rep, sink := semRead(t, path, opts)
		if got := semObsList(sink.Observations); !rep.OK() || !slices.Equal(got, want) {
			t.Errorf("problems %q observations %q", semProblems(rep), got)
		}
	})
	t.Run("override beats detection", func(t *testing.T) {
		p := semCSV(t, "scores.csv", "Period,Metric,Value,Adjusted\n2024-Q1,NPS,30,32\n")
		m := importers.Mapping{0: importers.RolePeriod, 1: importers.RoleMetric, 3: importers.RoleValue}
		rep, sink := semRead(t, p, importers.Options{Overrides: map[string]importers.Mapping{"scores": m}})
		if got := semObsList(sink.Observations); !rep.OK() || !slices.Equal(got, []string{"NPS|All|2024-Q1|32|!line 2, column Adjusted"}) {
			t.Errorf("problems %q observations %q (sheets %+v)", semProblems(rep), got, rep.Sheets)
		}
	})
	t.Run("unusable override is a problem", func(t *testing.T) {
		bad := importers.Mapping{0: importers.RolePeriod, 3: importers.RoleValue}
		rep, _ := semRead(t, path, importers.Options{Overrides: map[string]importers.Mapping{"Data": bad}})
		if got := semProblems(rep); len(got) == 0 || !strings.Contains(got[0], "has no Metric column") {
			t.Errorf("problems %q", got)
		}
	})
}

func TestReadMaxProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("Period,Metric,Value\n")
	for i := range 30 {
		fmt.Fprintf(&b, "2024-Q1,NPS,bad%d\n", i)
	}
	rep, _ := semRead(t, semCSV(t, "many.csv", b.String()), importers.Options{MaxProblems: 10})
	got := semProblems(rep)
	if len(got) != 11 || got[10] != "many.csv: ... and 20 more problems" || !strings.Contains(got[0], `"bad0"`) {
		t.Errorf("problems (%d) %q", len(got), got)
	}
}

func TestReadNoDataSheet(t *testing.T) {
	tests := []struct {
		name, path string
	}{
		{"instructions only", semXLSX(t, "notes.xlsx", semXSheet{name: "Notes", rows: [][]any{{"Nothing to see"}, {"Really"}}})},
		{"unrelated csv", semCSV(t, "people.csv", "first,last,age\nAnn,Lee,31\n")},
		{"empty csv", semCSV(t, "empty.csv", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, sink := semRead(t, tt.path, importers.Options{})
			got := semProblems(rep)
			if len(got) != 1 || (!strings.Contains(got[0], "no data sheet found: expected columns Period, Metric, Value") &&
				!strings.Contains(got[0], "empty")) {
				t.Errorf("problems %q", got)
			}
			if len(sink.Observations)+len(sink.order()) != 0 {
				t.Error("something was written")
			}
		})
	}
}

func TestReadBrokenFiles(t *testing.T) {
	ole := semCSV(t, "secret.xlsx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of an OLE container")
	rep, _ := semRead(t, ole, importers.Options{})
	if got := semProblems(rep); len(got) != 1 || !strings.HasPrefix(got[0], "secret.xlsx: ") || !strings.Contains(got[0], "encrypted or legacy") {
		t.Errorf("problems %q", got)
	}
	rep, _ = semRead(t, "/nonexistent/file.xlsx", importers.Options{})
	if got := semProblems(rep); len(got) != 1 || !strings.HasPrefix(got[0], "file.xlsx: ") {
		t.Errorf("problems %q", got)
	}
}

func TestReadCancelAndSinkError(t *testing.T) {
	var b strings.Builder
	b.WriteString("Period,Metric,Value\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "2024-Q1,NPS,%d\n", i%100)
	}
	path := semCSV(t, "big.csv", b.String())

	ctx, cancel := context.WithCancel(context.Background())
	var calls []int64
	opts := importers.Options{Progress: func(done, total int64) {
		calls = append(calls, done)
		if done >= 2000 {
			cancel()
		}
	}}
	_, err := importers.Read(ctx, path, opts, newSemSink(t))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled read: err %v, want context.Canceled", err)
	}
	if len(calls) < 2 || calls[0] != 1000 {
		t.Errorf("progress calls %v", calls)
	}

	sink := newSemSink(t)
	sink.failAt = 10
	if _, err := importers.Read(context.Background(), path, importers.Options{}, sink); !errors.Is(err, errSemSink) {
		t.Errorf("sink failure: err %v, want it wrapped", err)
	}

	var last [2]int64
	rep, _ := semRead(t, path, importers.Options{Progress: func(done, total int64) { last = [2]int64{done, total} }})
	if !rep.OK() || rep.Values != 5000 || last[0] != 5000 {
		t.Errorf("values %d, last progress %v, problems %q", rep.Values, last, semProblems(rep))
	}
}

func TestReadPreviewRows(t *testing.T) {
	path := semCSV(t, "p.csv", "Period,Unit,Metric,Value,Note\n2024-01,N,NPS,1,a\n2024-02,N,NPS,2,b\n2024-03,N,NPS,3,c\n2024-04,N,NPS,4,d\n")
	rep, err := importers.Read(context.Background(), path, importers.Options{PreviewRows: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Jan 2024", "N", "NPS", "1", "a"}, {"Feb 2024", "N", "NPS", "2", "b"}}
	if got := rep.Sheets[0].Preview; len(got) != 2 || !slices.Equal(got[0], want[0]) || !slices.Equal(got[1], want[1]) {
		t.Errorf("preview %q, want %q", got, want)
	}
	if cols := importers.PreviewColumns(importers.LayoutLong); len(cols) != len(want[0]) {
		t.Errorf("PreviewColumns %q", cols)
	}
}

// TestReadWorkspaceCatalogue: metrics already in the workspace are not
// written again unless a catalogue sheet or Target changes them, and a row's
// discipline never moves a catalogued metric.
func TestReadWorkspaceCatalogue(t *testing.T) {
	vision := model.NewLevelMetric("Vision", model.Strategy)
	nps, _ := model.KnownKPI("NPS")
	opts := importers.Options{Catalogue: semCatalogue(vision, nps)}
	path := semCSV(t, "w.csv", "Period,Discipline,Metric,Value,Target\n2024-Q1,Culture,vision,3,\n2024-Q1,,NPS,20,30\n")
	rep, sink := semRead(t, path, opts)
	if !rep.OK() || len(rep.NewMetrics) != 0 {
		t.Fatalf("problems %q new %q", semProblems(rep), rep.NewMetrics)
	}
	if !slices.Equal(sink.order(), []string{"NPS"}) || sink.metrics["nps"].Target == nil || *sink.metrics["nps"].Target != 30 {
		t.Errorf("metrics written %q (%+v), want only NPS with its new target", sink.order(), sink.metrics["nps"])
	}
	if got := semObsList(sink.Observations); !slices.Equal(got, []string{"Vision|All|2024-Q1|3|!line 2, column Value", "NPS|All|2024-Q1|20|!line 3, column Value"}) {
		t.Errorf("observations %q", got)
	}
}

type panicSink struct{}

func (panicSink) PutMetric(context.Context, model.Metric) error           { panic("boom") }
func (panicSink) AddObservation(context.Context, model.Observation) error { return nil }

// TestReadRecoversPanics: a panic anywhere below Read becomes a file-level
// problem, never a crash.
func TestReadRecoversPanics(t *testing.T) {
	path := semCSV(t, "p.csv", "Period,Metric,Value\n2024-Q1,NPS,30\n")
	rep, err := importers.Read(context.Background(), path, importers.Options{}, panicSink{})
	if err != nil {
		t.Fatalf("err %v, want nil", err)
	}
	got := semProblems(rep)
	if len(got) != 1 || !strings.HasPrefix(got[0], "p.csv: internal error") || !strings.Contains(got[0], "boom") {
		t.Errorf("problems %q", got)
	}
}
