package store_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"cxdash/model"
	"cxdash/store"
)

// openTwice is two clients of one workspace, each with its own connections,
// as two people's cxdash would be.
func openTwice(t *testing.T, loc string) (*store.Store, *store.Store) {
	t.Helper()
	var ss [2]*store.Store
	for i := range ss {
		s, err := store.Open(context.Background(), loc)
		if err != nil {
			t.Fatal(err)
		}
		s.SetBusyWait(time.Minute, nil)
		t.Cleanup(func() { s.Close() })
		ss[i] = s
	}
	return ss[0], ss[1]
}

// bigImport commits one batch of n rows: "Vision" for unit in 2024-Q1 (a
// key both clients write) and "Reach <unit>" in 2024-Q2 (only this one's).
func bigImport(ctx context.Context, s *store.Store, file, unit string, value float64, n int) (store.Batch, error) {
	tx, err := s.BeginBatch(ctx, store.BatchInfo{File: file})
	if err != nil {
		return store.Batch{}, err
	}
	defer tx.Rollback()
	own := "Reach " + unit
	for _, m := range []model.Metric{model.NewLevelMetric("Vision", model.Strategy), model.NewLevelMetric(own, model.Culture)} {
		if err := tx.PutMetric(ctx, m); err != nil {
			return store.Batch{}, err
		}
	}
	for i := range n {
		o := model.Observation{Metric: "Vision", Unit: "Shared", Period: model.QuarterPeriod(2024, 1), Value: value,
			Source: model.Source{File: file, Sheet: "Data", Cell: fmt.Sprintf("B%d", i+2)}}
		if i%2 == 1 {
			o.Metric, o.Unit, o.Period = own, unit, model.QuarterPeriod(2024, 2)
		}
		if err := tx.AddObservation(ctx, o); err != nil {
			return store.Batch{}, err
		}
	}
	return tx.Commit(0)
}

// TestConcurrentImportsLandWhole: two clients import into one workspace at
// the same moment. Both batches land with every row; the shared key holds
// the newer batch's value; undo of either leaves the other's values whole.
func TestConcurrentImportsLandWhole(t *testing.T) {
	for _, undoFirst := range []bool{true, false} {
		t.Run(fmt.Sprintf("undo first=%v", undoFirst), func(t *testing.T) {
			ctx := context.Background()
			a, b := openTwice(t, testLocation(t))
			n := 6000
			if onPostgres() {
				n = 30000 // more than one COPY chunk
			}
			var wg sync.WaitGroup
			var ba, bb store.Batch
			var ea, eb error
			start := make(chan struct{})
			wg.Add(2)
			go func() { defer wg.Done(); <-start; ba, ea = bigImport(ctx, a, "north.xlsx", "North", 2, n) }()
			go func() { defer wg.Done(); <-start; bb, eb = bigImport(ctx, b, "south.xlsx", "South", 4, n) }()
			close(start)
			wg.Wait()
			if ea != nil || eb != nil {
				t.Fatalf("imports: %v, %v", ea, eb)
			}
			for _, s := range []*store.Store{a, b} {
				c := counts(t, s)
				if c.Batches != 2 || c.Observations != 2*n {
					t.Errorf("%s: counts %+v, want 2 batches of %d rows", s.Engine(), c, n)
				}
			}
			newer, older := bb, ba
			if ba.ID > bb.ID {
				newer, older = ba, bb
			}
			v := valueMap(t, a)
			if got := v["Vision|Shared|2024-Q1"]; got.BatchID != newer.ID || got.Count != n/2 {
				t.Errorf("shared key = %+v, want batch %d with %d rows", got, newer.ID, n/2)
			}
			undone, kept := newer, older
			if undoFirst {
				undone, kept = older, newer
			}
			if _, err := b.Undo(ctx, undone.ID); err != nil {
				t.Fatal(err)
			}
			v = valueMap(t, a)
			keptUnit := "North"
			if kept.File == "south.xlsx" {
				keptUnit = "South"
			}
			own := v["Reach "+keptUnit+"|"+keptUnit+"|2024-Q2"]
			if own.BatchID != kept.ID || own.Count != n/2 {
				t.Errorf("after undo of %d: the kept batch's own key = %+v", undone.ID, own)
			}
			if got := v["Vision|Shared|2024-Q1"]; got.BatchID != kept.ID || got.Count != n/2 {
				t.Errorf("after undo of %d: shared key = %+v, want batch %d", undone.ID, got, kept.ID)
			}
			if c := counts(t, a); c.Batches != 1 || c.Observations != n {
				t.Errorf("after undo: counts %+v", c)
			}
		})
	}
}

// TestSnapshotIsConsistent: a snapshot (what a report reads from) sees the
// workspace as it was when taken while another client imports and undoes,
// and refuses writes.
func TestSnapshotIsConsistent(t *testing.T) {
	ctx := context.Background()
	a, b := openTwice(t, testLocation(t))
	first, err := bigImport(ctx, a, "north.xlsx", "North", 2, 1000)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := a.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	wantCounts, wantValues := counts(t, snap), valueMap(t, snap)

	done := make(chan error, 1)
	go func() {
		_, err := bigImport(ctx, b, "south.xlsx", "South", 4, 20000)
		if err == nil {
			_, err = b.Undo(ctx, first.ID)
		}
		done <- err
	}()
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if got := counts(t, snap); got != wantCounts {
				t.Errorf("snapshot counts after the import = %+v, want %+v", got, wantCounts)
			}
			if got := valueMap(t, snap); !reflect.DeepEqual(got, wantValues) {
				t.Errorf("snapshot values changed")
			}
			obs, err := snap.Observations(ctx, store.ObservationFilter{})
			if err != nil || len(obs) != 1000 {
				t.Errorf("snapshot observations = %d, %v; want 1000", len(obs), err)
			}
			if c := counts(t, a); c.Batches != 1 || c.Observations != 20000 {
				t.Errorf("live counts = %+v, want the new batch only", c)
			}
			if err := snap.SetSetting(ctx, "k", "v"); err == nil {
				t.Error("a write through a snapshot succeeded")
			}
			return
		default:
			// Read while the other client writes: never a part of a batch.
			if got := counts(t, snap); got != wantCounts {
				t.Fatalf("snapshot counts during the import = %+v, want %+v", got, wantCounts)
			}
		}
	}
}

// TestBatchRecordsOSUser: each batch and each governance change names the
// OS user who made it, on the shared server as in a file.
func TestBatchRecordsOSUser(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	b := importBatch(t, s, "q1.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "", "2024-Q1", 3})
	if b.User == "" || b.User != osUser() {
		t.Errorf("batch user = %q, want %q", b.User, osUser())
	}
	saveAction(t, s, model.Action{Title: "Fix onboarding", Status: model.ActionOpen})
	got, err := s.Batch(ctx, b.ID)
	if err != nil || got.User != osUser() {
		t.Errorf("stored batch user = %q, %v", got.User, err)
	}
	for _, e := range audit(t, s, store.AuditFilter{}) {
		if e.User != osUser() {
			t.Errorf("audit entry %+v: user %q, want %q", e, e.User, osUser())
		}
	}
}
