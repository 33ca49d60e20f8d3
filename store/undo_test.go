package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

// TestSupersedeAndUndo follows one workspace through imports and undos and
// checks every value after each step.
func TestSupersedeAndUndo(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	ms := []model.Metric{level("Vision", model.Strategy), kpi(t, "NPS")}
	b1 := importBatch(t, s, "q1.xlsx", ms,
		row{"Vision", "North", "2024-Q1", 2}, row{"Vision", "North", "2024-Q1", 4},
		row{"Vision", "South", "2024-Q1", 1},
		row{"NPS", "North", "2024-01", 10})
	b2 := importBatch(t, s, "q1-fixed.xlsx", nil,
		row{"Vision", "North", "2024-Q1", 5},
		row{"NPS", "North", "2024-02", 20})
	type val struct {
		sum   float64
		count int
		batch int64
	}
	check := func(t *testing.T, want map[string]val) {
		t.Helper()
		got := map[string]val{}
		for k, v := range valueMap(t, s) {
			got[k] = val{v.Sum, v.Count, v.BatchID}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("values\n got %v\nwant %v", got, want)
		}
	}

	t.Run("batch 2 replaces batch 1 only where it has rows", func(t *testing.T) {
		check(t, map[string]val{
			"Vision|North|2024-Q1": {5, 1, b2.ID},
			"Vision|South|2024-Q1": {1, 1, b1.ID},
			"NPS|North|2024-01":    {10, 1, b1.ID},
			"NPS|North|2024-02":    {20, 1, b2.ID},
		})
	})
	t.Run("undo of batch 2 brings batch 1 back", func(t *testing.T) {
		got, err := s.Undo(ctx, b2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != b2.ID || got.File != "q1-fixed.xlsx" || got.Rows != 2 {
			t.Errorf("Undo returned %+v", got)
		}
		check(t, map[string]val{
			"Vision|North|2024-Q1": {6, 2, b1.ID},
			"Vision|South|2024-Q1": {1, 1, b1.ID},
			"NPS|North|2024-01":    {10, 1, b1.ID},
		})
		if c := counts(t, s); c.Batches != 1 || c.Observations != 4 {
			t.Errorf("Counts = %+v", c)
		}
		if _, err := s.Undo(ctx, b2.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second Undo = %v, want ErrNotFound", err)
		}
	})
	t.Run("undo of the last batch empties the workspace", func(t *testing.T) {
		if _, err := s.Undo(ctx, b1.ID); err != nil {
			t.Fatal(err)
		}
		check(t, map[string]val{})
		if c := counts(t, s); c != (store.Counts{}) {
			t.Errorf("Counts = %+v, want zero", c)
		}
		if units, err := s.Units(ctx); err != nil || len(units) != 0 {
			t.Errorf("Units = %q, %v", units, err)
		}
	})
}

// TestUndoOfSupersededBatchKeepsScores: undoing an older batch whose every
// value a later batch replaced changes nothing that is scored.
func TestUndoOfSupersededBatchKeepsScores(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	ms := []model.Metric{level("Vision", model.Strategy), kpi(t, "NPS")}
	b1 := importBatch(t, s, "draft.xlsx", ms,
		row{"Vision", "North", "2024-Q1", 1}, row{"NPS", "South", "2024-Q1", -30})
	importBatch(t, s, "final.xlsx", nil,
		row{"Vision", "North", "2024-Q1", 4}, row{"NPS", "South", "2024-Q1", 45}, row{"NPS", "South", "2024-Q2", 50})
	summaries := func() []model.Summary {
		fw, err := s.Framework(ctx)
		if err != nil {
			t.Fatal(err)
		}
		metrics, err := s.Metrics(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := s.Values(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sc := model.NewScorer(fw, metrics, vs)
		var out []model.Summary
		for _, u := range append(sc.Units(), model.AllUnits) {
			for _, p := range sc.Periods(model.Quarter) {
				out = append(out, sc.Summary(u, p))
			}
		}
		return out
	}
	before, beforeValues := summaries(), valueMap(t, s)
	if _, err := s.Undo(ctx, b1.ID); err != nil {
		t.Fatal(err)
	}
	if after := summaries(); !reflect.DeepEqual(after, before) {
		t.Errorf("scores changed\nbefore %+v\n after %+v", before, after)
	}
	if after := valueMap(t, s); !reflect.DeepEqual(after, beforeValues) {
		t.Errorf("values changed\nbefore %v\n after %v", beforeValues, after)
	}
	// The metrics batch 1 created stay: batch 2 observes them.
	if m, err := s.Metrics(ctx); err != nil || len(m) != 2 {
		t.Errorf("Metrics = %v, %v; want both kept", m, err)
	}
}

// TestUndoRestoresCatalogue: each undo brings back the definition the batch
// replaced, unless a later batch stated the metric since.
func TestUndoRestoresCatalogue(t *testing.T) {
	ctx := context.Background()
	withT := func(t1 float64) model.Metric {
		m := kpi(t, "NPS")
		m.Thresholds[0] = t1
		return m
	}
	a, b, c := withT(-50), withT(-40), withT(-30)
	type step struct {
		undo int     // index of the batch to undo
		want float64 // NPS t1 afterwards; 0: NPS gone
	}
	tests := []struct {
		name  string
		puts  []model.Metric // one batch each, putting NPS with one row
		steps []step
	}{
		{"undo newest first", []model.Metric{a, b, c}, []step{{2, -40}, {1, -50}, {0, 0}}},
		{"undo middle: later definition stays, then its undo skips the middle", []model.Metric{a, b, c}, []step{{1, -30}, {2, -50}, {0, 0}}},
		{"undo oldest first: creation passes to the next batch", []model.Metric{a, b}, []step{{0, -40}, {1, 0}}},
		{"same definition stated again", []model.Metric{a, a}, []step{{0, -50}, {1, 0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			var ids []int64
			for i, m := range tc.puts {
				// Different periods: each batch's rows stay current, so a
				// metric lives exactly as long as some batch that observes it.
				b := importBatch(t, s, "cat.xlsx", []model.Metric{m}, row{"nps", "", []string{"2024-Q1", "2024-Q2", "2024-Q3"}[i], 10})
				ids = append(ids, b.ID)
			}
			for _, st := range tc.steps {
				if _, err := s.Undo(ctx, ids[st.undo]); err != nil {
					t.Fatal(err)
				}
				m, err := s.Metric(ctx, "NPS")
				switch {
				case st.want == 0 && !errors.Is(err, store.ErrNotFound):
					t.Errorf("after undo of batch %d: Metric = %+v, %v; want ErrNotFound", st.undo+1, m, err)
				case st.want != 0 && (err != nil || m.Thresholds[0] != st.want):
					t.Errorf("after undo of batch %d: t1 = %v (%v), want %v", st.undo+1, m.Thresholds[0], err, st.want)
				}
			}
		})
	}
}

func TestUndoRemovesCreatedMetric(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	old := importBatch(t, s, "old.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "", "2023", 3})
	b := importBatch(t, s, "new.xlsx", []model.Metric{level("Culture pulse", model.Culture), level("Empty one", model.Design)},
		row{"Culture pulse", "", "2024", 4}, row{"Vision", "", "2024", 5})
	if c := counts(t, s); c.Metrics != 3 {
		t.Fatalf("Counts = %+v, want 3 metrics", c)
	}
	if _, err := s.Undo(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Name != "Vision" {
		t.Errorf("Metrics after undo = %+v, want only Vision", ms)
	}

	// A created metric that another batch observes stays.
	b3 := importBatch(t, s, "adds.xlsx", []model.Metric{level("Journey maps", model.Design)}, row{"Journey maps", "", "2024", 2})
	importBatch(t, s, "uses.xlsx", nil, row{"journey MAPS", "", "2025", 3})
	if _, err := s.Undo(ctx, b3.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Metric(ctx, "Journey maps"); err != nil {
		t.Errorf("metric observed by a later batch: %v", err)
	}
	if _, err := s.Undo(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Metric(ctx, "Vision"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Vision after undo of its only batch: %v, want ErrNotFound", err)
	}
}

// TestUndoTakesLatestRemainingBatch: the value that comes back is the one of
// the newest remaining batch that has the key, however far back it is, and
// never a mix of batches.
func TestUndoTakesLatestRemainingBatch(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	b1 := importBatch(t, s, "1.xlsx", []model.Metric{level("Vision", model.Strategy)},
		row{"Vision", "North", "2024", 1}, row{"Vision", "South", "2024", 1})
	b2 := importBatch(t, s, "2.xlsx", nil, row{"Vision", "North", "2024", 2}, row{"Vision", "North", "2024", 3})
	importBatch(t, s, "3.xlsx", nil, row{"Vision", "East", "2024", 9})
	b4 := importBatch(t, s, "4.xlsx", nil, row{"Vision", "North", "2024", 4}, row{"Vision", "South", "2024", 4})
	if _, err := s.Undo(ctx, b4.ID); err != nil {
		t.Fatal(err)
	}
	vs := valueMap(t, s)
	if v := vs["Vision|North|2024"]; v.BatchID != b2.ID || v.Sum != 5 || v.Count != 2 {
		t.Errorf("North = %+v, want batch %d's sum 5 of 2", v, b2.ID)
	}
	if v := vs["Vision|South|2024"]; v.BatchID != b1.ID || v.Sum != 1 || v.Count != 1 {
		t.Errorf("South = %+v, want batch %d's 1", v, b1.ID)
	}
	if v := vs["Vision|East|2024"]; v.Sum != 9 {
		t.Errorf("East = %+v, want 9 untouched", v)
	}
	if len(vs) != 3 {
		t.Errorf("values = %v, want 3", vs)
	}
}
