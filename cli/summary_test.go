package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

// answer is n answers of one metric in a unit and quarter of 2026: top of
// them answer topValue, bottom answer bottomValue and the rest restValue.
type answer struct {
	metric, unit                   string
	quarter, n, top, bottom        int
	topValue, bottomValue, restVal float64
}

// answersDB writes metrics and their answers, one observation each, as one
// batch into a new workspace file, as the respondent-level importer stores
// them.
func answersDB(t *testing.T, metrics []model.Metric, answers []answer) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "answers.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tx, err := st.BeginBatch(ctx, store.BatchInfo{File: "responses.csv", SHA256: "responses", User: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, m := range metrics {
		if err := tx.PutMetric(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range answers {
		for i := range a.n {
			v := a.restVal
			switch {
			case i < a.top:
				v = a.topValue
			case i < a.top+a.bottom:
				v = a.bottomValue
			}
			o := model.Observation{Metric: a.metric, Unit: a.unit, Period: model.QuarterPeriod(2026, a.quarter), Value: v,
				Source: model.Source{Sheet: "Responses", Cell: fmt.Sprintf("C%d", i+2)}}
			if err := tx.AddObservation(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := tx.Commit(0); err != nil {
		t.Fatal(err)
	}
	return db
}

func answerMetrics() []model.Metric {
	nps, _ := model.KnownKPI("NPS")
	nps.Aggregation, nps.Answers, nps.Cutoffs = model.AggregationNPS, true, model.NPSCutoffs()
	csat, _ := model.KnownKPI("CSAT %")
	csat.Aggregation, csat.Answers, csat.Cutoffs = model.AggregationTopBox, true, model.TopBoxCutoffs(5, 2)
	return []model.Metric{nps, csat}
}

// TestSummaryAnswerKPIs: after its table, the text summary has one line
// per KPI computed from answers, with n, margin of error and whether the
// change since the period before exceeds the two margins combined; the
// JSON keeps its shape.
func TestSummaryAnswerKPIs(t *testing.T) {
	db := answersDB(t, answerMetrics(), []answer{
		// NPS, North: Q1 100 answers, 45 promoters, 30 detractors: +15,
		// ±1.96·100·√((0.45+0.30−0.15²)/100) = ±16.7; Q2 100 answers,
		// 50/30: +20, ±1.96·100·√((0.5+0.3−0.2²)/100) = ±17.1. The
		// change, +5, is within √(16.7²+17.1²) = ±23.9.
		{"NPS", "North", 1, 100, 45, 30, 10, 0, 8},
		{"NPS", "North", 2, 100, 50, 30, 10, 0, 8},
		// CSAT % (4-5 on 1-5), North: Q1 400 answers, 200 top: 50%,
		// ±1.96·100·√(0.5·0.5/400) = ±4.9; Q2 400 answers, 300 top: 75%,
		// ±1.96·100·√(0.75·0.25/400) = ±4.2. +25 is beyond
		// √(4.9²+4.24²) = ±6.5.
		{"CSAT %", "North", 1, 400, 200, 0, 5, 1, 2},
		{"CSAT %", "North", 2, 400, 300, 0, 5, 1, 2},
		// NPS, South: Q1 400 answers, 240/80: +40 ±7.8; Q2 400, 120/160:
		// −10 ±8.1. −50 is beyond √(7.8²+8.1²) = ±11.3.
		{"NPS", "South", 1, 400, 240, 80, 10, 0, 8},
		{"NPS", "South", 2, 400, 120, 160, 10, 0, 8},
		// NPS, East: one answer in Q1 (no margin), 2 in Q2 (a promoter
		// and a detractor: 0, ±1.96·100·√(1/2) = ±138.6): untested.
		{"NPS", "East", 1, 1, 1, 0, 10, 0, 8},
		{"NPS", "East", 2, 2, 1, 1, 10, 0, 8},
	})
	for _, c := range []struct {
		unit string
		want []string
	}{
		{"North", []string{
			"CSAT % 75.0% (n 400, ±4.2), up 25.0 since Q1 2026, beyond its margin (±6.5)",
			"NPS 20.0 (n 100, ±17.1), no significant change since Q1 2026 (+5.0, within ±23.9)",
		}},
		{"South", []string{"NPS -10.0 (n 400, ±8.1), down 50.0 since Q1 2026, beyond its margin (±11.3)"}},
		{"East", []string{"NPS 0.0 (n 2, ±138.6), down 100.0 since Q1 2026 (too few answers to test it)"}},
	} {
		t.Run(c.unit, func(t *testing.T) {
			out := mustRun(t, "summary", "--db", db, "--unit", c.unit, "--period", "2026-Q2")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			table := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Culture") })
			if table < 0 {
				t.Fatalf("no discipline table:\n%s", out)
			}
			if got := lines[table+1:]; !slices.Equal(got, c.want) {
				t.Errorf("after the table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}

	// A period with no period before: the KPI says so.
	out := mustRun(t, "summary", "--db", db, "--unit", "North", "--period", "2026-Q1")
	if want := "NPS 15.0 (n 100, ±16.7), no answers in Q4 2025\n"; !strings.HasSuffix(out, want) {
		t.Errorf("Q1 summary ends\n%s\nwant %q", out, want)
	}

	// The JSON is DESIGN.md's object, answers or not.
	var s map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "summary", "--db", db, "--unit", "North", "--json")), &s); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(s)); !slices.Equal(got, []string{"disciplines", "overall", "period", "unit"}) {
		t.Errorf("summary --json keys %v", got)
	}
	for _, d := range s["disciplines"].([]any) {
		keys := slices.Sorted(maps.Keys(d.(map[string]any)))
		if want := []string{"delta", "gap", "key", "level", "level_name", "name", "score", "target"}; !slices.Equal(keys, want) {
			t.Errorf("discipline keys %v, want %v", keys, want)
		}
	}
}
