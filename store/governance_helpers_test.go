package store_test

import (
	"context"
	"os"
	"os/user"
	"strings"
	"testing"
	"time"

	"cxdash/model"
	"cxdash/store"
)

// date is an ISO date in test shorthand.
func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("date %q: %v", s, err)
	}
	return d
}

// today is the date the store stamps: the local calendar day.
func today() time.Time { return model.Day(time.Now()) }

// osUser is who the audit trail should name.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

func audit(t testing.TB, s *store.Store, f store.AuditFilter) []model.AuditEntry {
	t.Helper()
	es, err := s.Audit(context.Background(), f)
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	return es
}

// auditLines are entries as "entity record change: detail", newest first.
func auditLines(t testing.TB, s *store.Store, f store.AuditFilter) []string {
	t.Helper()
	var out []string
	for _, e := range audit(t, s, f) {
		out = append(out, e.Entity+" "+e.Record+" "+e.Change+": "+e.Detail)
	}
	return out
}

func actions(t testing.TB, s *store.Store, f store.ActionFilter) []model.Action {
	t.Helper()
	as, err := s.Actions(context.Background(), f)
	if err != nil {
		t.Fatalf("Actions: %v", err)
	}
	return as
}

func titles(as []model.Action) string {
	var ts []string
	for _, a := range as {
		ts = append(ts, a.Title)
	}
	return strings.Join(ts, ", ")
}

func issues(t testing.TB, s *store.Store, f store.IssueFilter) []model.CXIssue {
	t.Helper()
	is, err := s.Issues(context.Background(), f)
	if err != nil {
		t.Fatalf("Issues: %v", err)
	}
	return is
}

func events(t testing.TB, s *store.Store, unit string) []model.Event {
	t.Helper()
	es, err := s.Events(context.Background(), unit)
	if err != nil {
		t.Fatalf("Events(%q): %v", unit, err)
	}
	return es
}

func ownerships(t testing.TB, s *store.Store) []model.Ownership {
	t.Helper()
	ows, err := s.Ownerships(context.Background())
	if err != nil {
		t.Fatalf("Ownerships: %v", err)
	}
	return ows
}

func saveAction(t testing.TB, s *store.Store, a model.Action) model.Action {
	t.Helper()
	got, err := s.SaveAction(context.Background(), a)
	if err != nil {
		t.Fatalf("SaveAction %q: %v", a.Title, err)
	}
	return got
}

// governanceCounts counts every governance table and the audit trail.
type governanceCounts struct{ ownerships, actions, issues, events, audit int }

func govCounts(t testing.TB, s *store.Store) governanceCounts {
	t.Helper()
	return governanceCounts{len(ownerships(t, s)), len(actions(t, s, store.ActionFilter{})),
		len(issues(t, s, store.IssueFilter{})), len(events(t, s, "")), len(audit(t, s, store.AuditFilter{}))}
}
