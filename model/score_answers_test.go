package model_test

import (
	"math"
	"testing"

	"cxdash/model"
)

// answersNPS is NPS computed from 0-10 answers.
func answersNPS() model.Metric {
	m, _ := model.KnownKPI("NPS")
	m.Aggregation, m.Answers, m.Cutoffs = model.AggregationNPS, true, model.NPSCutoffs()
	return m
}

// tallied is the stored value of answers in one unit and month.
func tallied(unit, month string, answers ...float64) model.Value {
	var t model.Tally
	for _, a := range answers {
		t.Add(a, model.NPSCutoffs())
	}
	p, _ := model.ParsePeriod(month)
	return model.Value{Metric: "NPS", Unit: unit, Period: p, Sum: t.Sum, Count: t.N, SumSq: t.SumSq, Top: t.Top, Bottom: t.Bottom}
}

// TestScorerPoolsAnswers: a KPI computed from answers is the KPI of all the
// answers of a quarter (months pooled) and, for all units, of every unit's
// answers pooled; never a mean of month or unit values. Its score for all
// units stays the mean of the unit scores (rule 5).
func TestScorerPoolsAnswers(t *testing.T) {
	m := answersNPS()
	values := []model.Value{
		// North, 2026-Q1: January 9, 10, 3 and February 10: 3 promoters,
		// 1 detractor of 4 = +50. The months alone: +33.3 and +100.
		tallied("North", "2026-01", 9, 10, 3),
		tallied("North", "2026-02", 10),
		// South, 2026-Q1: 0, 0, 9: 1 promoter, 2 detractors of 3 = -33.3.
		tallied("South", "2026-03", 0, 0, 9),
	}
	sc := model.NewScorer(model.DefaultFramework(), []model.Metric{m}, values)
	q1, _ := model.ParsePeriod("2026-Q1")
	metricOf := func(unit string) model.MetricScore {
		t.Helper()
		for _, d := range sc.Summary(unit, q1).Disciplines {
			for _, ms := range d.Metrics {
				if ms.Metric == "NPS" {
					return ms
				}
			}
		}
		t.Fatalf("no NPS for %s", unit)
		return model.MetricScore{}
	}
	north, south, all := metricOf("North"), metricOf("South"), metricOf(model.AllUnits)
	if !near(north.Value, 50) || north.Rows != 4 || !north.Answers || north.Estimate.N != 4 {
		t.Errorf("North Q1: %+v, want NPS +50 of 4 answers (months pooled, not the mean +66.7 of +33.3 and +100)", north)
	}
	if !near(south.Value, -100.0/3) || south.Rows != 3 {
		t.Errorf("South Q1: %+v, want -33.3 of 3", south)
	}
	// All units: 4 promoters and 3 detractors of 7 = +14.29, not the mean
	// of +50 and -33.3 (+8.3).
	if !near(all.Value, 100.0/7) || all.Estimate.N != 7 {
		t.Errorf("all units Q1: %+v, want +14.29 of 7 pooled answers", all)
	}
	if !near(all.Score, (north.Score+south.Score)/2) {
		t.Errorf("all units score %.4f, want the mean of the unit scores %.4f", all.Score, (north.Score+south.Score)/2)
	}
	// The margin of error: p+ = 4/7, p- = 3/7, 1.96*100*sqrt((1 - (1/7)^2)/7) = 73.26.
	if want := 1.96 * 100 * math.Sqrt((1-1.0/49)/7); math.Abs(all.Estimate.MOE-want) > 1e-9 {
		t.Errorf("all units MOE %.4f, want %.4f", all.Estimate.MOE, want)
	}
	rows := sc.MetricValues(model.Quarter, "", "NPS")
	if len(rows) != 3 || rows[2].Unit != model.AllUnits || rows[2].N != 7 || !near(rows[2].MOE, all.Estimate.MOE) {
		t.Errorf("MetricValues: %+v", rows)
	}
}

// TestMeanMetricsKeepTheirRule: a metric that is not computed from answers
// is still the mean of its observations, with no margin of error.
func TestMeanMetricsKeepTheirRule(t *testing.T) {
	m := model.NewLevelMetric("Vision", model.Strategy)
	p, _ := model.ParsePeriod("2026-Q1")
	sc := model.NewScorer(model.DefaultFramework(), []model.Metric{m}, []model.Value{{Metric: "Vision", Unit: "North", Period: p, Sum: 7, Count: 2, SumSq: 25}})
	rows := sc.MetricValues(model.Quarter, "North", "")
	if len(rows) != 1 || rows[0].Value != 3.5 || rows[0].N != 2 || !math.IsNaN(rows[0].MOE) {
		t.Errorf("Vision: %+v, want 3.5 of 2 with no MOE", rows)
	}
}
