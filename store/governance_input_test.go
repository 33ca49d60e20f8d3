package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

// TestGovernanceBadInput: every bad record is refused with a message that
// says what is wrong, and nothing is written.
func TestGovernanceBadInput(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	existing := saveAction(t, s, model.Action{Title: "Existing"})
	if _, err := s.SaveEvent(ctx, model.Event{Date: date(t, "2025-01-01"), Title: "Outage"}); err != nil {
		t.Fatal(err)
	}
	before := govCounts(t, s)
	tests := []struct {
		name string
		do   func() error
		want string
		is   error
	}{
		{"action without title", func() error { _, err := s.SaveAction(ctx, model.Action{Title: "  "}); return err }, "needs a title", nil},
		{"action status not in the list", func() error {
			_, err := s.SaveAction(ctx, model.Action{Title: "X", Status: "maybe"})
			return err
		}, `action status "maybe" is not one of`, nil},
		{"action unknown discipline", func() error {
			_, err := s.SaveAction(ctx, model.Action{Title: "X", Discipline: "astrology"})
			return err
		}, `unknown discipline "astrology"`, nil},
		{"action two owners", func() error { _, err := s.SaveAction(ctx, model.Action{Title: "X", Owner: "Ana; Bob"}); return err }, "more than one person", nil},
		{"action closed before created", func() error {
			_, err := s.SaveAction(ctx, model.Action{Title: "X", Status: model.ActionDone, Created: date(t, "2025-02-01"), Closed: date(t, "2025-01-01")})
			return err
		}, "cannot close before it was created", nil},
		{"action same title", func() error { _, err := s.SaveAction(ctx, model.Action{Title: "EXISTING"}); return err }, `an action titled "EXISTING" already exists`, store.ErrDuplicate},
		{"action unknown id", func() error { _, err := s.SaveAction(ctx, model.Action{ID: 999, Title: "X"}); return err }, "not found", store.ErrNotFound},
		{"issue without date", func() error {
			_, err := s.SaveIssue(ctx, model.CXIssue{Description: "x", Severity: model.SeverityLow})
			return err
		}, "needs the date", nil},
		{"issue bad severity", func() error {
			_, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2025-01-01"), Description: "x", Severity: "awful"})
			return err
		}, `severity "awful"`, nil},
		{"issue bad status", func() error {
			_, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2025-01-01"), Description: "x", Severity: model.SeverityLow, Status: "parked"})
			return err
		}, `issue status "parked"`, nil},
		{"issue unknown action", func() error {
			_, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2025-01-01"), Description: "x", Severity: model.SeverityLow, ActionTitle: "Nope"})
			return err
		}, `no action is titled "Nope"`, nil},
		{"issue unknown action id", func() error {
			_, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2025-01-01"), Description: "x", Severity: model.SeverityLow, ActionID: existing.ID + 100})
			return err
		}, "does not exist", nil},
		{"issue resolved before it happened", func() error {
			_, err := s.SaveIssue(ctx, model.CXIssue{Date: date(t, "2025-01-10"), Description: "x", Severity: model.SeverityLow,
				Status: model.IssueResolved, Resolved: date(t, "2025-01-01")})
			return err
		}, "resolved before it happened", nil},
		{"event without title", func() error { _, err := s.SaveEvent(ctx, model.Event{Date: date(t, "2025-01-01")}); return err }, "needs a title", nil},
		{"event without date", func() error { _, err := s.SaveEvent(ctx, model.Event{Title: "x"}); return err }, "needs a date", nil},
		{"event twice", func() error {
			_, err := s.SaveEvent(ctx, model.Event{Date: date(t, "2025-01-01"), Unit: "all", Title: "outage"})
			return err
		}, "already exists", store.ErrDuplicate},
		{"ownership of nothing", func() error { return s.PutOwnership(ctx, model.Ownership{Kind: "team", Key: "x"}) }, "not a discipline or a metric", nil},
		{"ownership of unknown discipline", func() error {
			return s.PutOwnership(ctx, model.Ownership{Kind: model.SubjectDiscipline, Key: "astrology"})
		}, `unknown discipline "astrology"`, nil},
		{"discipline target off the scale", func() error {
			return s.PutOwnership(ctx, model.Ownership{Kind: model.SubjectDiscipline, Key: model.Strategy, Target: ptr(7)})
		}, "not a maturity score from 1 to 5", nil},
		{"owner that is a number", func() error {
			return s.PutOwnership(ctx, model.Ownership{Kind: model.SubjectMetric, Key: "NPS", Owner: "12345"})
		}, "owner", nil},
		{"cadence not in the list", func() error {
			return s.PutOwnership(ctx, model.Ownership{Kind: model.SubjectMetric, Key: "NPS", Cadence: "fortnightly"})
		}, `review cadence "fortnightly"`, nil},
		{"delete unknown event", func() error { return s.DeleteEvent(ctx, 999) }, "not found", store.ErrNotFound},
		{"delete unknown action", func() error { return s.DeleteAction(ctx, 999) }, "not found", store.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if got := govCounts(t, s); got != before {
				t.Errorf("counts after refused write = %+v, want %+v", got, before)
			}
		})
	}
}
