package store_test

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"cxdash/model"
	"cxdash/store"
)

func TestBatchCommit(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	before := time.Now().UTC()
	tx, err := s.BeginBatch(ctx, store.BatchInfo{Path: "/in/scorecard.xlsx", SHA256: "abc"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, m := range []model.Metric{level("Vision", model.Strategy), kpi(t, "NPS")} {
		if err := tx.PutMetric(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	rows := []model.Observation{
		{Metric: "Vision", Unit: "North", Period: model.QuarterPeriod(2024, 1), Value: 2},
		{Metric: "vision", Unit: " north ", Period: model.QuarterPeriod(2024, 1), Value: 4},
		{Metric: "NPS", Unit: "", Period: model.MonthPeriod(2024, 3), Value: 31.5, Note: "panel"},
	}
	for _, o := range rows {
		if err := tx.AddObservation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	b, err := tx.Commit(7)
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if b.ID == 0 || b.File != "scorecard.xlsx" || b.Path != "/in/scorecard.xlsx" || b.SHA256 != "abc" ||
		b.Rows != 3 || b.Skipped != 7 || b.Metrics != 2 || b.User == "" {
		t.Errorf("Commit returned %+v", b)
	}
	if b.ImportedAt.Before(before.Add(-time.Second)) || b.ImportedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("ImportedAt = %v, not now", b.ImportedAt)
	}
	got, err := s.Batch(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.ImportedAt.Equal(b.ImportedAt) {
		t.Errorf("stored ImportedAt = %v, want %v", got.ImportedAt, b.ImportedAt)
	}
	got.ImportedAt = b.ImportedAt
	if got != b {
		t.Errorf("Batch(%d) = %+v, want %+v", b.ID, got, b)
	}
	if c := counts(t, s); c != (store.Counts{Batches: 1, Observations: 3, Metrics: 2, Units: 2, Values: 2}) {
		t.Errorf("Counts = %+v", c)
	}
	units, err := s.Units(ctx)
	if err != nil || !reflect.DeepEqual(units, []string{model.AllUnits, "North"}) {
		t.Errorf("Units = %q, %v; want [All North]", units, err)
	}
	vs := valueMap(t, s)
	if v := vs["Vision|North|2024-Q1"]; v.Sum != 6 || v.Count != 2 || v.BatchID != b.ID {
		t.Errorf("Vision North value = %+v, want sum 6 of 2 from batch %d", v, b.ID)
	}
	if v := vs["NPS|All|2024-03"]; v.Sum != 31.5 || v.Count != 1 {
		t.Errorf("NPS All value = %+v", v)
	}

	// After Commit the batch is closed.
	if err := tx.Rollback(); err != nil {
		t.Errorf("Rollback after Commit = %v, want nil", err)
	}
	if err := tx.AddObservation(ctx, rows[0]); !errors.Is(err, sql.ErrTxDone) {
		t.Errorf("AddObservation after Commit = %v, want ErrTxDone", err)
	}
	if _, err := tx.Commit(0); !errors.Is(err, sql.ErrTxDone) {
		t.Errorf("second Commit = %v, want ErrTxDone", err)
	}
}

func TestBatchRollbackLeavesNothing(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	importBatch(t, s, "q1.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "North", "2024-Q1", 3})
	want := counts(t, s)
	wantValues := valueMap(t, s)

	tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "bad.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.PutMetric(ctx, level("Culture pulse", model.Culture)); err != nil {
		t.Fatal(err)
	}
	// More rows than one multi-row insert, so some reached the database.
	for i := 0; i < 250; i++ {
		o := model.Observation{Metric: "Culture pulse", Unit: "South", Period: model.QuarterPeriod(2024, 1), Value: 5}
		if err := tx.AddObservation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Errorf("second Rollback = %v", err)
	}
	if _, err := tx.Commit(0); err == nil {
		t.Error("Commit after Rollback succeeded")
	}
	if got := counts(t, s); got != want {
		t.Errorf("Counts after rollback = %+v, want %+v", got, want)
	}
	if got := valueMap(t, s); !reflect.DeepEqual(got, wantValues) {
		t.Errorf("Values after rollback = %v", got)
	}
	if _, err := s.Metric(ctx, "Culture pulse"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("metric of a rolled-back batch: %v, want ErrNotFound", err)
	}
	// The writer slot was released.
	importBatch(t, s, "q2.xlsx", nil, row{"Vision", "North", "2024-Q2", 4})
}

func TestAddObservationRejects(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	src := model.Source{File: "q1.xlsx", Sheet: "Scores", Cell: "D12"}
	ok := model.Observation{Metric: "Vision", Unit: "North", Period: model.QuarterPeriod(2024, 1), Value: 3, Source: src}
	tests := []struct {
		name string
		edit func(*model.Observation)
		want string
		is   error
	}{
		{"unknown metric", func(o *model.Observation) { o.Metric = "Mystery" }, `q1.xlsx: Scores!D12: metric "Mystery" is not in the catalogue`, store.ErrNotFound},
		{"NaN", func(o *model.Observation) { o.Value = math.NaN() }, "q1.xlsx: Scores!D12: value NaN", nil},
		{"infinite", func(o *model.Observation) { o.Value = math.Inf(1) }, "value +Inf", nil},
		{"no period", func(o *model.Observation) { o.Period = model.Period{} }, "q1.xlsx: Scores!D12: period", nil},
		{"month 13", func(o *model.Observation) { o.Period = model.MonthPeriod(2024, 13) }, "period", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "q1.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if err := tx.PutMetric(ctx, level("Vision", model.Strategy)); err != nil {
				t.Fatal(err)
			}
			o := ok
			tc.edit(&o)
			err = tx.AddObservation(ctx, o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("AddObservation error = %v, want one containing %q", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			// The batch stays usable: the importer lists every problem.
			if err := tx.AddObservation(ctx, ok); err != nil {
				t.Errorf("AddObservation after a rejected row: %v", err)
			}
		})
	}

	t.Run("invalid metric", func(t *testing.T) {
		tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "cat.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		m := kpi(t, "NPS")
		m.Thresholds = [5]float64{60, 40, 20, 0, -20} // falling, but higher is better
		if err := tx.PutMetric(ctx, m); !errors.Is(err, model.ErrInvalidMetric) {
			t.Errorf("PutMetric error = %v, want ErrInvalidMetric", err)
		}
	})
}

func TestCancelledImportRollsBack(t *testing.T) {
	s := mustOpen(t)
	want := counts(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "big.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.PutMetric(ctx, level("Vision", model.Strategy)); err != nil {
		t.Fatal(err)
	}
	o := model.Observation{Metric: "Vision", Period: model.YearPeriod(2024), Value: 3}
	cancel()
	var addErr error
	for i := 0; i < 5000 && addErr == nil; i++ {
		addErr = tx.AddObservation(ctx, o)
	}
	if !errors.Is(addErr, context.Canceled) {
		t.Fatalf("AddObservation after cancel = %v, want context.Canceled", addErr)
	}
	if _, err := tx.Commit(0); err == nil {
		t.Error("Commit of a cancelled batch succeeded")
	}
	tx.Rollback()
	if got := counts(t, s); got != want {
		t.Errorf("Counts = %+v, want %+v", got, want)
	}
	importBatch(t, s, "next.xlsx", []model.Metric{level("Vision", model.Strategy)})
}

func TestBatchLookups(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	b1 := importBatch(t, s, "a.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "", "2024", 3})
	b2 := importBatch(t, s, "b.xlsx", nil, row{"Vision", "", "2025", 4})

	got, err := s.BatchBySHA(ctx, "sha-a.xlsx")
	if err != nil || got.ID != b1.ID {
		t.Errorf("BatchBySHA(a) = %+v, %v; want batch %d", got, err, b1.ID)
	}
	for _, sha := range []string{"sha-c.xlsx", ""} {
		if _, err := s.BatchBySHA(ctx, sha); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("BatchBySHA(%q) error = %v, want ErrNotFound", sha, err)
		}
	}
	if _, err := s.Batch(ctx, b2.ID+10); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Batch(unknown) error = %v, want ErrNotFound", err)
	}
	bs, err := s.Batches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].ID != b2.ID || bs[1].ID != b1.ID {
		t.Errorf("Batches = %+v, want b then a", bs)
	}
	// Ids are not reused after an undo: the newest batch stays the highest.
	if _, err := s.Undo(ctx, b2.ID); err != nil {
		t.Fatal(err)
	}
	if b3 := importBatch(t, s, "c.xlsx", nil, row{"Vision", "", "2026", 5}); b3.ID <= b2.ID {
		t.Errorf("batch after undo got id %d, not above the undone %d", b3.ID, b2.ID)
	}
}

// TestReadersDuringImport: WAL readers see the last committed state while a
// batch is open and do not wait for it; a second writer waits.
func TestReadersDuringImport(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	importBatch(t, s, "q1.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "North", "2024-Q1", 3})
	before := counts(t, s)

	tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "q2.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for i := 0; i < 1000; i++ {
		o := model.Observation{Metric: "Vision", Unit: "North", Period: model.QuarterPeriod(2024, 2), Value: 4}
		if err := tx.AddObservation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}

	// A reader that had to wait for the writer would hit this deadline.
	rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			c, err := s.Counts(rctx)
			if err == nil && c != before {
				err = errors.New("reader saw uncommitted rows")
			}
			if err == nil {
				_, err = s.Values(rctx)
			}
			if err == nil {
				_, err = s.Observations(rctx, store.ObservationFilter{Limit: 10})
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Errorf("reader during import: %v", err)
		}
	}

	// Writers wait for the open batch, until their context gives up.
	wctx, wcancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer wcancel()
	if err := s.SetSetting(wctx, "k", "v"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("SetSetting during import = %v, want it to wait until its deadline", err)
	}
	if _, err := s.BeginBatch(wctx, store.BatchInfo{File: "other.xlsx"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second BeginBatch = %v, want it to wait until its deadline", err)
	}

	if _, err := tx.Commit(0); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, s); got.Observations != before.Observations+1000 || got.Batches != 2 {
		t.Errorf("Counts after commit = %+v", got)
	}
	if err := s.SetSetting(ctx, "k", "v"); err != nil {
		t.Errorf("SetSetting after commit: %v", err)
	}
}
