package store_test

import (
	"context"
	"math"
	"testing"

	"cxdash/model"
)

// TestValuesScore feeds Values into model.NewScorer and checks scores worked
// out by hand from DESIGN.md's rules.
func TestValuesScore(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	csat := kpi(t, "CSAT %") // thresholds 60/70/80/85/90
	csat.Weight = 2
	nps := kpi(t, "NPS") // thresholds -20/0/20/40/60
	importBatch(t, s, "q1.xlsx", []model.Metric{level("Vision", model.Strategy), nps, csat},
		row{"Vision", "North", "2024-Q1", 3}, row{"Vision", "North", "2024-Q1", 4}, // mean 3.5 -> 3.5
		row{"NPS", "North", "2024-Q1", 30},      // 3 + (30-20)/20 = 3.5
		row{"CSAT %", "North", "2024-Q1", 87.5}, // 4 + (87.5-85)/5 = 4.5
	)
	q1 := model.QuarterPeriod(2024, 1)
	score := func(t *testing.T) model.Summary {
		t.Helper()
		fw, err := s.Framework(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := s.Metrics(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := s.Values(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return model.NewScorer(fw, ms, vs).Summary("North", q1)
	}
	near := func(t *testing.T, what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	disc := func(sum model.Summary, key string) model.DisciplineScore {
		for _, d := range sum.Disciplines {
			if d.Key == key {
				return d
			}
		}
		return model.DisciplineScore{}
	}

	t.Run("first import", func(t *testing.T) {
		sum := score(t)
		near(t, "strategy", disc(sum, model.Strategy).Score, 3.5)
		near(t, "measurement", disc(sum, model.Measurement).Score, (3.5*1+4.5*2)/3.0)
		near(t, "overall", sum.Overall.Score, (3.5+(3.5+9)/3.0)/2)
		near(t, "coverage", sum.Overall.Coverage, 2.0/6)
	})
	t.Run("a later batch replaces NPS", func(t *testing.T) {
		importBatch(t, s, "q1-nps.xlsx", nil, row{"nps", "north", "2024-Q1", 50}) // 4 + 10/20 = 4.5
		sum := score(t)
		near(t, "measurement", disc(sum, model.Measurement).Score, 4.5)
		near(t, "overall", sum.Overall.Score, 4.0)
	})
	t.Run("saved discipline weights", func(t *testing.T) {
		fw, err := s.Framework(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fw.Disciplines[0].Weight = 3 // strategy
		if err := s.SaveFramework(ctx, fw); err != nil {
			t.Fatal(err)
		}
		near(t, "overall", score(t).Overall.Score, (3.5*3+4.5)/4)
	})
}
