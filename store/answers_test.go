package store_test

import (
	"context"
	"testing"

	"cxdash/model"
)

// npsMetric is NPS computed from 0-10 answers.
func npsMetric() model.Metric {
	m, _ := model.KnownKPI("NPS")
	m.Aggregation, m.Answers, m.Cutoffs = model.AggregationNPS, true, model.NPSCutoffs()
	return m
}

// TestAnswersAggregate: a metric computed from answers keeps, per
// (metric, unit, period), the sums and the answers at or beyond its
// cut-offs; a later batch replaces them and its undo brings them back; the
// catalogue keeps the aggregation and cut-offs through an undo of a change.
func TestAnswersAggregate(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	nps := npsMetric()
	// 10 and 9 are promoters, 8 passive, 5 and 0 detractors.
	importBatch(t, s, "q1.csv", []model.Metric{nps},
		row{"NPS", "North", "2026-Q1", 10}, row{"NPS", "North", "2026-Q1", 9}, row{"NPS", "North", "2026-Q1", 8},
		row{"NPS", "North", "2026-Q1", 5}, row{"NPS", "North", "2026-Q1", 0})
	want1 := model.Value{Metric: "NPS", Unit: "North", Sum: 32, Count: 5, SumSq: 100 + 81 + 64 + 25, Top: 2, Bottom: 2}
	checkValue(t, s, want1)

	changed := nps
	changed.Cutoffs = model.Cutoffs{Top: ptr(10), Bottom: ptr(6)} // a stricter definition, put by batch 2
	b2 := importBatch(t, s, "q1-again.csv", []model.Metric{changed},
		row{"NPS", "North", "2026-Q1", 10}, row{"NPS", "North", "2026-Q1", 9})
	checkValue(t, s, model.Value{Metric: "NPS", Unit: "North", Sum: 19, Count: 2, SumSq: 181, Top: 1, Bottom: 0})

	if _, err := s.Undo(ctx, b2.ID); err != nil {
		t.Fatal(err)
	}
	checkValue(t, s, want1)
	m, err := s.Metric(ctx, "NPS")
	if err != nil {
		t.Fatal(err)
	}
	if m.Aggregation != model.AggregationNPS || !m.Answers || m.Cutoffs.Top == nil || *m.Cutoffs.Top != 9 || m.Cutoffs.Bottom == nil || *m.Cutoffs.Bottom != 6 {
		t.Errorf("after the undo the metric is %+v (cut-offs %v, %v), want NPS answers 9 / 6", m, m.Cutoffs.Top, m.Cutoffs.Bottom)
	}
}

// TestMeanMetricsHaveNoCounts: a metric that is not computed from answers
// reads back with the zero aggregation and no cut-offs, and counts no top
// or bottom answers.
func TestMeanMetricsHaveNoCounts(t *testing.T) {
	s := mustOpen(t)
	vision := model.NewLevelMetric("Vision", model.Strategy)
	importBatch(t, s, "a.csv", []model.Metric{vision}, row{"Vision", "North", "2026-Q1", 3}, row{"Vision", "North", "2026-Q1", 4})
	checkValue(t, s, model.Value{Metric: "Vision", Unit: "North", Sum: 7, Count: 2, SumSq: 25})
	m, err := s.Metric(context.Background(), "Vision")
	if err != nil {
		t.Fatal(err)
	}
	if m != vision {
		t.Errorf("metric read back as %+v, want %+v", m, vision)
	}
}

func checkValue(t *testing.T, s interface {
	Values(context.Context) ([]model.Value, error)
}, want model.Value) {
	t.Helper()
	vs, err := s.Values(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Metric != want.Metric || v.Unit != want.Unit {
			continue
		}
		v.Period, v.BatchID = model.Period{}, 0
		if v != want {
			t.Errorf("value %+v, want %+v", v, want)
		}
		return
	}
	t.Errorf("no value of %s in %s: %+v", want.Metric, want.Unit, vs)
}
