package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

// workspaceContents is everything a person can read from a workspace.
type workspaceContents struct {
	Batches      []store.Batch
	Observations []model.Observation
	Values       map[string]model.Value
	Metrics      []model.Metric
	Gov          govSnapshot
	Audit        []model.AuditEntry
	Framework    model.Framework
	Setting      string
}

func contents(t testing.TB, s *store.Store) workspaceContents {
	t.Helper()
	ctx := context.Background()
	bs, err := s.Batches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	obs, err := s.Observations(ctx, store.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := s.Framework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Setting(ctx, "client")
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	return workspaceContents{bs, obs, valueMap(t, s), ms, snapshot(t, s), audit(t, s, store.AuditFilter{}), fw, v}
}

// fillWorkspace imports three batches (one undone, so that ids have a gap),
// governance records by hand and by import, and settings.
func fillWorkspace(t testing.TB, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	importBatch(t, s, "q1.xlsx", []model.Metric{level("Vision", model.Strategy), kpi(t, "NPS")},
		row{"Vision", "North", "2024-Q1", 3}, row{"Vision", "South", "2024-Q1", 2.5}, row{"NPS", "", "2024-Q1", 31})
	undone := importBatch(t, s, "draft.xlsx", nil, row{"Vision", "North", "2024-Q2", 1})
	importBatch(t, s, "q2.xlsx", nil, row{"Vision", "North", "2024-Q2", 4}, row{"NPS", "", "2024-Q2", -12.75})
	if _, err := s.Undo(ctx, undone.ID); err != nil {
		t.Fatal(err)
	}
	importGov(t, s, "gov.xlsx", "2024-Q2",
		putOwner(model.Ownership{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Ana Souza", Target: ptr(4)}),
		putEvent(model.Event{Date: date(t, "2024-04-02"), Title: "New <b>IVR</b> & chat", Unit: "North"}))
	a := saveAction(t, s, model.Action{Title: "Map the journey", Owner: "Ben", Status: model.ActionOpen,
		Discipline: model.Design, Due: date(t, "2024-09-30")})
	if _, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2024-05-01"), Touchpoint: "Call centre",
		Severity: model.SeverityHigh, Description: "Long waits", Status: model.IssueOpen, ActionID: a.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "client", "Acme ünïcode 客户"); err != nil {
		t.Fatal(err)
	}
}

// TestCopyRoundTrip copies a workspace file to a team workspace and back
// to a file, and finds everything in each, ids and source cells included;
// a batch imported afterwards gets an id no batch ever had.
func TestCopyRoundTrip(t *testing.T) {
	ctx := context.Background()
	file, err := store.Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	fillWorkspace(t, file)
	want := contents(t, file)

	server, err := store.Open(ctx, needPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	var calls int
	counts, err := file.CopyTo(ctx, server, func(string, int64, int64) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Error("CopyTo never reported progress")
	}
	byTable := map[string]int64{}
	for _, c := range counts {
		byTable[c.Table] = c.Rows
	}
	if byTable["observations"] != 6 || byTable["batches"] != 3 || byTable["audit"] == 0 {
		t.Errorf("counts = %+v", counts)
	}
	if got := contents(t, server); !reflect.DeepEqual(got, want) {
		t.Errorf("on the server:\n got %+v\nwant %+v", got, want)
	}

	back, err := store.Open(ctx, filepath.Join(t.TempDir(), "back.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := server.CopyTo(ctx, back, nil); err != nil {
		t.Fatal(err)
	}
	if got := contents(t, back); !reflect.DeepEqual(got, want) {
		t.Errorf("copied back:\n got %+v\nwant %+v", got, want)
	}

	// The undone batch was 2 and the last is 4: the next is 5 everywhere.
	for _, s := range []*store.Store{file, server, back} {
		b := importBatch(t, s, "q3.xlsx", nil, row{"Vision", "North", "2024-Q3", 5})
		if b.ID != 5 {
			t.Errorf("%s: next batch id = %d, want 5", s.Engine(), b.ID)
		}
	}
}

// TestCopyRefusesNonEmptyDestination: a copy never merges into a workspace
// that has records, and leaves it as it was.
func TestCopyRefusesNonEmptyDestination(t *testing.T) {
	ctx := context.Background()
	src := mustOpen(t)
	fillWorkspace(t, src)
	for _, loc := range []string{filepath.Join(t.TempDir(), "b.db"), needPostgres(t)} {
		dst, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		importBatch(t, dst, "mine.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "West", "2023-Q4", 2})
		before := contents(t, dst)
		_, err = src.CopyTo(ctx, dst, nil)
		if !errors.Is(err, store.ErrNotEmpty) {
			t.Errorf("%s: CopyTo into a workspace with a batch: %v, want ErrNotEmpty", dst.Engine(), err)
		}
		t.Logf("refused: %v", err)
		if got := contents(t, dst); !reflect.DeepEqual(got, before) {
			t.Errorf("%s: destination changed by a refused copy", dst.Engine())
		}
		dst.Close()
	}
}

// TestCopyOfSparseWorkspace: tables that never had a row (no action, issue
// or event yet) copy too, and their ids start at 1 in the copy.
func TestCopyOfSparseWorkspace(t *testing.T) {
	ctx := context.Background()
	src := mustOpen(t)
	importBatch(t, src, "q1.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "North", "2024-Q1", 3})
	for _, loc := range []string{filepath.Join(t.TempDir(), "b.db"), needPostgres(t)} {
		dst, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer dst.Close()
		if _, err := src.CopyTo(ctx, dst, nil); err != nil {
			t.Fatalf("%s: %v", dst.Engine(), err)
		}
		if a := saveAction(t, dst, model.Action{Title: "First", Status: model.ActionOpen}); a.ID != 1 {
			t.Errorf("%s: first action in the copy has id %d, want 1", dst.Engine(), a.ID)
		}
	}
}
