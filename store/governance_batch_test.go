package store_test

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"cxdash/importers"
	"cxdash/model"
	"cxdash/store"
)

// BatchTx takes the governance sheets of a workbook.
var _ importers.GovernanceSink = (*store.BatchTx)(nil)

// govSnapshot is every governance record, for before/after comparisons.
type govSnapshot struct {
	Ownerships []model.Ownership
	Actions    []model.Action
	Issues     []model.CXIssue
	Events     []model.Event
}

func snapshot(t testing.TB, s *store.Store) govSnapshot {
	t.Helper()
	return govSnapshot{ownerships(t, s), actions(t, s, store.ActionFilter{}), issues(t, s, store.IssueFilter{}), events(t, s, "")}
}

// govPut is one governance record put in a batch.
type govPut = func(ctx context.Context, tx *store.BatchTx) error

func putOwner(o model.Ownership) govPut {
	return func(ctx context.Context, tx *store.BatchTx) error { return tx.PutOwnership(ctx, o) }
}
func putAction(a model.Action) govPut {
	return func(ctx context.Context, tx *store.BatchTx) error { return tx.PutAction(ctx, a) }
}
func putIssue(i model.CXIssue) govPut {
	return func(ctx context.Context, tx *store.BatchTx) error { return tx.PutIssue(ctx, i) }
}
func putEvent(e model.Event) govPut {
	return func(ctx context.Context, tx *store.BatchTx) error { return tx.PutEvent(ctx, e) }
}

// importGov commits one batch with an NPS row in period p and the puts.
func importGov(t testing.TB, s *store.Store, file, p string, puts ...govPut) store.Batch {
	t.Helper()
	ctx := context.Background()
	tx, err := s.BeginBatch(ctx, store.BatchInfo{File: file})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.PutMetric(ctx, kpi(t, "NPS")); err != nil {
		t.Fatal(err)
	}
	if err := tx.AddObservation(ctx, model.Observation{Metric: "NPS", Period: period(t, p), Value: 10}); err != nil {
		t.Fatal(err)
	}
	for i, p := range puts {
		if err := p(ctx, tx); err != nil {
			t.Fatalf("%s: put %d: %v", file, i, err)
		}
	}
	b, err := tx.Commit(0)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportUpsertsAndUndoRestores: a batch updates the records it names
// by natural key and creates the others; undoing it brings back exactly
// what was there before, and the audit trail tells both stories.
func TestImportUpsertsAndUndoRestores(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	day := today().Format("2006-01-02")
	if err := s.PutOwnership(ctx, model.Ownership{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Ana", Target: ptr(3)}); err != nil {
		t.Fatal(err)
	}
	ivr := saveAction(t, s, model.Action{Title: "Fix IVR", Description: "menu", Owner: "Ana", Due: date(t, "2025-03-01"),
		Created: date(t, "2025-01-01")})
	if _, err := s.SaveEvent(ctx, model.Event{Date: date(t, "2025-01-01"), Unit: "North", Title: "Outage"}); err != nil {
		t.Fatal(err)
	}
	site, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2025-01-05"), Touchpoint: "Web", Severity: model.SeverityHigh,
		Description: "Site down", ActionID: ivr.ID})
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	auditBefore := len(audit(t, s, store.AuditFilter{}))

	b := importGov(t, s, "plan.xlsx", "2025-01",
		putOwner(model.Ownership{Kind: model.SubjectDiscipline, Key: "Strategy", Owner: "Bob", Target: ptr(4)}),
		putOwner(model.Ownership{Kind: model.SubjectMetric, Key: "nps", Owner: "Chen"}),
		putAction(model.Action{ID: 77, Title: "fix  IVR", Owner: "Bob", Due: date(t, "2025-03-01"), Status: model.ActionDone}),
		putAction(model.Action{Title: "Redesign site", Discipline: model.Design}),
		putIssue(model.CXIssue{Date: date(t, "2025-01-05"), Touchpoint: "website", Severity: model.SeverityCritical,
			Description: "site down", Status: model.IssueInvestigating, ActionTitle: "redesign site"}),
		putIssue(model.CXIssue{Date: date(t, "2025-01-07"), Touchpoint: "Store", Severity: model.SeverityLow, Description: "Queue"}),
		putEvent(model.Event{Date: date(t, "2025-01-01"), Unit: "north", Title: "OUTAGE", Description: "power cut"}),
		putEvent(model.Event{Date: date(t, "2025-02-01"), Unit: "All", Title: "Relaunch"}),
	)

	got := snapshot(t, s)
	if len(got.Ownerships) != 2 || len(got.Actions) != 2 || len(got.Issues) != 2 || len(got.Events) != 2 {
		t.Fatalf("after import: %+v", got)
	}
	a, err := s.Action(ctx, ivr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "fix IVR" || a.Owner != "Bob" || a.Description != "" || a.Status != model.ActionDone ||
		!a.Created.Equal(ivr.Created) || !a.Closed.Equal(today()) {
		t.Errorf("upserted action = %+v (created kept from %v, closed today)", a, ivr.Created)
	}
	redesign := actions(t, s, store.ActionFilter{Discipline: model.Design})[0]
	is := issues(t, s, store.IssueFilter{Touchpoint: "Web"})
	if len(is) != 1 || is[0].ID != site.ID || is[0].ActionID != redesign.ID || is[0].Severity != model.SeverityCritical {
		t.Errorf("upserted issue = %+v, want id %d linked to action %d", is, site.ID, redesign.ID)
	}
	if es := events(t, s, "North"); es[0].Description != "power cut" || es[0].Unit != "north" {
		t.Errorf("upserted event = %+v", es[0])
	}
	prefix := "batch " + strconv.FormatInt(b.ID, 10) + " (plan.xlsx): "
	wantImported := []string{
		"ownership discipline:strategy imported: " + prefix + "owner: Ana → Bob; target: 3 → 4",
		"ownership metric:nps imported: " + prefix + "new; owner: Chen",
		"action 1 imported: " + prefix + "title: Fix IVR → fix IVR; description: menu →; owner: Ana → Bob; status: open → done; closed: → " + day,
		"action 2 imported: " + prefix + "new; title: Redesign site; discipline: design; status: open; created: " + day,
		// The issue named "Fix IVR", renamed "fix IVR" by this batch just before.
		"issue 1 imported: " + prefix + "severity: high → critical; description: Site down → site down; status: open → investigating; action: fix IVR → Redesign site",
		"issue 2 imported: " + prefix + "new; date: 2025-01-07; touchpoint: Store; severity: low; description: Queue; status: open",
		"event 1 imported: " + prefix + "unit: North → north; title: Outage → OUTAGE; description: → power cut",
		"event 2 imported: " + prefix + "new; date: 2025-02-01; title: Relaunch",
	}
	entries := audit(t, s, store.AuditFilter{})
	if got := auditLines(t, s, store.AuditFilter{Limit: len(wantImported)}); !reflect.DeepEqual(reverse(got), wantImported) {
		t.Errorf("import audit\n got %q\nwant %q", reverse(got), wantImported)
	}
	if entries[0].User != b.User || b.User != osUser() {
		t.Errorf("import audit user %q, batch user %q, want %q", entries[0].User, b.User, osUser())
	}

	if _, err := s.Undo(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("after undo\n got %+v\nwant %+v", after, before)
	}
	if c := counts(t, s); c.Batches != 0 || c.Observations != 0 {
		t.Errorf("Counts after undo = %+v", c)
	}
	undone := audit(t, s, store.AuditFilter{})[:len(entries)-auditBefore]
	var lines []string
	for _, e := range undone {
		if e.Change == "undone" {
			lines = append(lines, e.Entity+" "+e.Record+": "+e.Detail)
			if e.User != osUser() {
				t.Errorf("undo audit user %q, want %q", e.User, osUser())
			}
		}
	}
	wantUndone := []string{
		"action 1: " + prefix + "title: fix IVR → Fix IVR; description: → menu; owner: Bob → Ana; status: done → open; closed: " + day + " →",
		"event 1: " + prefix + "unit: north → North; title: OUTAGE → Outage; description: power cut →",
		"issue 1: " + prefix + "severity: critical → high; description: site down → Site down; status: investigating → open; action: Redesign site → Fix IVR",
		"ownership discipline:strategy: " + prefix + "owner: Bob → Ana; target: 4 → 3",
		"action 2: " + prefix + "removed; title: Redesign site; discipline: design; status: open; created: " + day,
		"event 2: " + prefix + "removed; date: 2025-02-01; title: Relaunch",
		"issue 2: " + prefix + "removed; date: 2025-01-07; touchpoint: Store; severity: low; description: Queue; status: open",
		"ownership metric:nps: " + prefix + "removed; owner: Chen",
	}
	if !reflect.DeepEqual(reverse(lines), wantUndone) {
		t.Errorf("undo audit\n got %q\nwant %q", reverse(lines), wantUndone)
	}
}

func reverse(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[len(ss)-1-i] = s
	}
	return out
}

// TestGovernanceUndoChain: undoing a batch restores what it replaced unless
// a later batch stated the record since; then the later batch inherits the
// memory, as for the catalogue (TestUndoRestoresCatalogue).
func TestGovernanceUndoChain(t *testing.T) {
	ctx := context.Background()
	type step struct {
		undo int    // index of the batch to undo
		want string // owner of the ownership and the action afterwards; "": gone
	}
	tests := []struct {
		name    string
		initial string // owner set by hand before the batches; "" none
		owners  []string
		steps   []step
	}{
		{"undo newest first", "Zed", []string{"Ana", "Bob", "Chen"}, []step{{2, "Bob"}, {1, "Ana"}, {0, "Zed"}}},
		{"undo middle first", "Zed", []string{"Ana", "Bob", "Chen"}, []step{{1, "Chen"}, {2, "Ana"}, {0, "Zed"}}},
		{"undo oldest first", "Zed", []string{"Ana", "Bob"}, []step{{0, "Bob"}, {1, "Zed"}}},
		{"created by a batch, oldest undone first", "", []string{"Ana", "Bob"}, []step{{0, "Bob"}, {1, ""}}},
		{"created by a batch, newest undone first", "", []string{"Ana", "Bob"}, []step{{1, "Ana"}, {0, ""}}},
		{"same record stated again", "Zed", []string{"Ana", "Ana"}, []step{{0, "Ana"}, {1, "Zed"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			own := func(owner string) model.Ownership {
				return model.Ownership{Kind: model.SubjectDiscipline, Key: model.Culture, Owner: owner}
			}
			act := func(owner string) model.Action { return model.Action{Title: "Plan", Owner: owner} }
			if tc.initial != "" {
				if err := s.PutOwnership(ctx, own(tc.initial)); err != nil {
					t.Fatal(err)
				}
				saveAction(t, s, act(tc.initial))
			}
			var ids []int64
			for i, o := range tc.owners {
				b := importGov(t, s, "owners.xlsx", []string{"2024-01", "2024-02", "2024-03"}[i],
					putOwner(own(o)), putAction(act(o)))
				ids = append(ids, b.ID)
			}
			for _, st := range tc.steps {
				if _, err := s.Undo(ctx, ids[st.undo]); err != nil {
					t.Fatal(err)
				}
				var gotOwn, gotAct string
				if ows := ownerships(t, s); len(ows) == 1 {
					gotOwn = ows[0].Owner
				} else if len(ows) > 1 {
					t.Fatalf("ownerships %+v", ows)
				}
				if as := actions(t, s, store.ActionFilter{}); len(as) == 1 {
					gotAct = as[0].Owner
				} else if len(as) > 1 {
					t.Fatalf("actions %+v", as)
				}
				if gotOwn != st.want || gotAct != st.want {
					t.Errorf("after undo of batch %d: ownership owner %q, action owner %q; want %q",
						st.undo+1, gotOwn, gotAct, st.want)
				}
			}
		})
	}
}

// TestGovernanceRollbackLeavesNothing: a batch rolled back, after a failed
// put or on purpose, leaves no record, no audit entry and no change to what
// was there.
func TestGovernanceRollbackLeavesNothing(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		puts    []govPut
		wantErr string // of the last put; "" all succeed
	}{
		{"rolled back on purpose", []govPut{
			putOwner(model.Ownership{Kind: model.SubjectMetric, Key: "NPS", Owner: "Ana"}),
			putAction(model.Action{Title: "Existing", Owner: "Bob", Status: model.ActionDone}),
			putAction(model.Action{Title: "New"}),
			putIssue(model.CXIssue{Date: date(t, "2025-01-01"), Description: "x", Severity: model.SeverityLow, ActionTitle: "New"}),
			putEvent(model.Event{Date: date(t, "2025-01-01"), Title: "Outage"}),
		}, ""},
		{"unknown action title", []govPut{
			putAction(model.Action{Title: "Existing", Owner: "Bob"}),
			putIssue(model.CXIssue{Date: date(t, "2025-01-01"), Description: "x", Severity: model.SeverityLow, ActionTitle: "Missing"}),
		}, `issue "x": no action is titled "Missing"`},
		{"status not in the list", []govPut{
			putEvent(model.Event{Date: date(t, "2025-01-01"), Title: "Outage"}),
			putAction(model.Action{Title: "Bad", Status: "someday"}),
		}, `action "Bad": action status "someday" is not one of`},
		{"ownership with two owners", []govPut{
			putOwner(model.Ownership{Kind: model.SubjectDiscipline, Key: model.Strategy, Owner: "Ana, Bob, Chen"}),
		}, "more than one person"},
		{"event without a date", []govPut{putEvent(model.Event{Title: "Undated"})}, `event "Undated": an event needs a date`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			saveAction(t, s, model.Action{Title: "Existing", Owner: "Ana"})
			before, beforeCounts, beforeAudit := snapshot(t, s), counts(t, s), govCounts(t, s)
			tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "bad.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			if err := tx.PutMetric(ctx, kpi(t, "NPS")); err != nil {
				t.Fatal(err)
			}
			if err := tx.AddObservation(ctx, model.Observation{Metric: "NPS", Period: period(t, "2025-01"), Value: 1}); err != nil {
				t.Fatal(err)
			}
			for i, p := range tc.puts {
				err := p(ctx, tx)
				last := i == len(tc.puts)-1
				switch {
				case last && tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
					t.Errorf("last put: %v, want an error containing %q", err, tc.wantErr)
				case (!last || tc.wantErr == "") && err != nil:
					t.Fatalf("put %d: %v", i, err)
				}
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			if got := snapshot(t, s); !reflect.DeepEqual(got, before) {
				t.Errorf("after rollback\n got %+v\nwant %+v", got, before)
			}
			if got := counts(t, s); got != beforeCounts {
				t.Errorf("Counts after rollback = %+v, want %+v", got, beforeCounts)
			}
			if got := govCounts(t, s); got != beforeAudit {
				t.Errorf("governance after rollback = %+v, want %+v", got, beforeAudit)
			}
			if err := tx.PutEvent(ctx, model.Event{Date: date(t, "2025-01-01"), Title: "Late"}); !errors.Is(err, sql.ErrTxDone) {
				t.Errorf("PutEvent after Rollback = %v, want sql.ErrTxDone", err)
			}
		})
	}
}

// TestUndoOfRecordPutTwiceInABatch: a workbook that names a record twice
// (two rows with one title) is undone to the record before the batch, not to
// the batch's first row.
func TestUndoOfRecordPutTwiceInABatch(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	saveAction(t, s, model.Action{Title: "Plan", Owner: "Zed"})
	if _, err := s.SaveEvent(ctx, model.Event{Date: date(t, "2025-01-01"), Title: "Outage", Description: "before"}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	b := importGov(t, s, "twice.xlsx", "2025-01",
		putAction(model.Action{Title: "Plan", Owner: "Ana"}), putAction(model.Action{Title: "PLAN", Owner: "Bob"}),
		putEvent(model.Event{Date: date(t, "2025-01-01"), Title: "Outage", Description: "first"}),
		putEvent(model.Event{Date: date(t, "2025-01-01"), Title: "outage", Description: "second"}),
		putEvent(model.Event{Date: date(t, "2025-03-01"), Title: "New", Description: "first"}),
		putEvent(model.Event{Date: date(t, "2025-03-01"), Title: "New", Description: "second"}))
	if as := actions(t, s, store.ActionFilter{}); len(as) != 1 || as[0].Owner != "Bob" {
		t.Errorf("after import: %+v, want one action owned by Bob", as)
	}
	if _, err := s.Undo(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, s); !reflect.DeepEqual(got, before) {
		t.Errorf("after undo\n got %+v\nwant %+v", got, before)
	}
}
