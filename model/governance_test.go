package model_test

import (
	"strings"
	"testing"
	"time"

	"cxdash/model"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		order   model.DateOrder
		want    time.Time
		wantErr string
	}{
		{"2024-03-31", model.DateOrderUnknown, date(2024, 3, 31), ""},
		{"2024/3/1", model.DateOrderUnknown, date(2024, 3, 1), ""},
		{"2024-03-31T10:15:00Z", model.DateOrderUnknown, date(2024, 3, 31), ""},
		{"31/03/2024", model.DateOrderUnknown, date(2024, 3, 31), ""},
		{"03/31/2024", model.DateOrderUnknown, date(2024, 3, 31), ""},
		{"03/04/2024", model.DayFirst, date(2024, 4, 3), ""},
		{"03/04/2024", model.MonthFirst, date(2024, 3, 4), ""},
		{"05.05.24", model.DateOrderUnknown, date(2024, 5, 5), ""},
		{"03/04/2024", model.DateOrderUnknown, time.Time{}, "write it as 2024-04-03"},
		{"31 Mar 2024", model.DateOrderUnknown, date(2024, 3, 31), ""},
		{"March 31, 2024", model.DateOrderUnknown, date(2024, 3, 31), ""},
		{"1-Sep-24", model.DateOrderUnknown, date(2024, 9, 1), ""},
		{"45382", model.DateOrderUnknown, date(2024, 3, 31), ""},
		{"31/02/2024", model.DayFirst, time.Time{}, "February has no day 31"},
		{"2024-13-01", model.DateOrderUnknown, time.Time{}, "not a date"},
		{"soon", model.DateOrderUnknown, time.Time{}, "not a date"},
		{"", model.DateOrderUnknown, time.Time{}, "blank"},
		{"-3", model.DateOrderUnknown, time.Time{}, "not a date"},
		{"0/5/2024", model.DateOrderUnknown, time.Time{}, "not a date"},
		{"13/13/2024", model.DayFirst, time.Time{}, "not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := model.ParseDate(tt.in, tt.order)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDate(%q) = %v, %v; want error with %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseOwner(t *testing.T) {
	ok := map[string]string{
		"  Ana   Souza ":              "Ana Souza",
		"ana@example.com":             "ana@example.com",
		"Ana Souza <ana@example.com>": "Ana Souza <ana@example.com>",
		"Ana Souza (Head of CX)":      "Ana Souza (Head of CX)",
		"Souza, Ana":                  "Souza, Ana",
		"":                            "",
		"José Álvarez-Núñez":          "José Álvarez-Núñez",
		"Customer Experience Office":  "Customer Experience Office",
	}
	for in, want := range ok {
		if got, err := model.ParseOwner(in); err != nil || got != want {
			t.Errorf("ParseOwner(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"Ana; Bob":               "more than one person",
		"a@x.com, b@x.com":       "more than one",
		"Ana, Bob, Chen":         "more than one person",
		"12345":                  "not a name",
		"ana@":                   "not a valid e-mail",
		"ana@@example.com":       "more than one e-mail",
		"Ana\x00":                "control character",
		strings.Repeat("x", 130): "longer than 120",
	}
	for in, want := range bad {
		if got, err := model.ParseOwner(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseOwner(%q) = %q, %v; want error with %q", in, got, err, want)
		}
	}
}

func TestParseStatusesAndSeverities(t *testing.T) {
	actions := map[string]model.ActionStatus{"": model.ActionOpen, "In Progress": model.ActionInProgress,
		"WIP": model.ActionInProgress, "Closed": model.ActionDone, "cancelled": model.ActionDropped}
	for in, want := range actions {
		if got, err := model.ParseActionStatus(in); err != nil || got != want {
			t.Errorf("ParseActionStatus(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := model.ParseActionStatus("finished-ish"); err == nil || !strings.Contains(err.Error(), "open, in progress, done, dropped") {
		t.Errorf("bad action status: %v", err)
	}
	sev := map[string]model.Severity{"P1": model.SeverityCritical, "Sev 2": model.SeverityHigh, "3": model.SeverityMedium,
		"minor": model.SeverityLow, "HIGH": model.SeverityHigh}
	for in, want := range sev {
		if got, err := model.ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := model.ParseSeverity("5"); err == nil {
		t.Error("severity 5 accepted")
	}
	if got, err := model.ParseIssueStatus("Fixed"); err != nil || got != model.IssueResolved {
		t.Errorf("ParseIssueStatus(Fixed) = %q, %v", got, err)
	}
	if _, err := model.ParseIssueStatus("maybe"); err == nil {
		t.Error("issue status maybe accepted")
	}
	cad := map[string]model.Cadence{"Quarterly": model.CadenceQuarterly, "every month": model.CadenceMonthly,
		"annual": model.CadenceYearly, "": model.CadenceNone}
	for in, want := range cad {
		if got, err := model.ParseCadence(in); err != nil || got != want {
			t.Errorf("ParseCadence(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := model.ParseCadence("fortnightly"); err == nil {
		t.Error("cadence fortnightly accepted")
	}
	if got := model.NormalizeTouchpoint("contact center"); got != "Call centre" {
		t.Errorf("NormalizeTouchpoint = %q", got)
	}
	if got := model.NormalizeTouchpoint("  Kiosk  hall "); got != "Kiosk hall" {
		t.Errorf("NormalizeTouchpoint kept unknown as %q", got)
	}
}

func TestActionOverdueAndValidate(t *testing.T) {
	now := date(2026, 11, 23)
	tests := []struct {
		name string
		a    model.Action
		want bool
	}{
		{"due yesterday, open", model.Action{Title: "x", Status: model.ActionOpen, Due: date(2026, 11, 22)}, true},
		{"due today", model.Action{Title: "x", Status: model.ActionInProgress, Due: now.Add(15 * time.Hour)}, false},
		{"due yesterday, done", model.Action{Title: "x", Status: model.ActionDone, Due: date(2026, 11, 22)}, false},
		{"no due date", model.Action{Title: "x", Status: model.ActionOpen}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Overdue(now); got != tt.want {
			t.Errorf("%s: Overdue = %v", tt.name, got)
		}
	}
	bad := []model.Action{
		{Title: " ", Status: model.ActionOpen},
		{Title: "x", Status: "later"},
		{Title: "x", Status: model.ActionOpen, Discipline: "marketing"},
		{Title: "x", Status: model.ActionOpen, Owner: "Ana; Bob"},
		{Title: "x", Status: model.ActionDone, Created: date(2026, 2, 1), Closed: date(2026, 1, 1)},
	}
	for _, a := range bad {
		if err := a.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil", a)
		}
	}
	if err := (model.Action{Title: "Fix IVR", Status: model.ActionOpen, Discipline: model.Design}).Validate(); err != nil {
		t.Errorf("good action: %v", err)
	}
	if a, b := (model.Action{Title: "Fix  the IVR"}).Key(), (model.Action{Title: "fix the ivr"}).Key(); a != b {
		t.Errorf("keys differ: %q %q", a, b)
	}
}

func TestIssueAndEvent(t *testing.T) {
	i := model.CXIssue{Date: date(2026, 3, 1), Description: "Billing run sent double invoices",
		Severity: model.SeverityHigh, Status: model.IssueResolved, Resolved: date(2026, 3, 11)}
	if err := i.Validate(); err != nil {
		t.Fatal(err)
	}
	if d, ok := i.TimeToResolve(); !ok || d != 10*24*time.Hour {
		t.Errorf("TimeToResolve = %v, %v", d, ok)
	}
	open := i
	open.Status = model.IssueOpen
	if _, ok := open.TimeToResolve(); ok {
		t.Error("open issue has a time to resolve")
	}
	early := i
	early.Resolved = date(2026, 2, 1)
	if err := early.Validate(); err == nil {
		t.Error("resolved before it happened accepted")
	}
	if err := (model.CXIssue{Description: "x", Severity: model.SeverityLow}).Validate(); err == nil {
		t.Error("issue without date accepted")
	}
	e := model.Event{Date: date(2025, 2, 14), Title: "Outage"}
	if got := e.Period(model.Quarter); got != model.QuarterPeriod(2025, 1) {
		t.Errorf("event period = %v", got)
	}
	if err := (model.Event{Date: date(2025, 2, 14)}).Validate(); err == nil {
		t.Error("event without title accepted")
	}
}

func TestOwnershipReviewAndStale(t *testing.T) {
	o := model.Ownership{Kind: model.SubjectDiscipline, Key: model.Culture, Cadence: model.CadenceQuarterly,
		LastReviewed: date(2026, 7, 1)}
	if due, ok := o.ReviewDue(); !ok || !due.Equal(date(2026, 10, 1)) {
		t.Errorf("ReviewDue = %v, %v", due, ok)
	}
	if !o.ReviewOverdue(date(2026, 11, 23)) || o.ReviewOverdue(date(2026, 9, 30)) {
		t.Error("ReviewOverdue wrong")
	}
	target := 6.0
	o.Target = &target
	if err := o.Validate(); err == nil {
		t.Error("discipline target 6 accepted")
	}
	if err := (model.Ownership{Kind: "team", Key: "x"}).Validate(); err == nil {
		t.Error("unknown kind accepted")
	}
	q := model.QuarterPeriod
	tests := []struct {
		last, now model.Period
		n         int
		want      bool
	}{
		{q(2026, 1), q(2026, 3), 2, false},
		{q(2026, 1), q(2026, 4), 2, true},
		{q(2026, 3), q(2026, 3), 0, false},
		{model.Period{}, q(2026, 3), 4, true},
		{q(2025, 4), q(2026, 1), 1, false},
	}
	for _, tt := range tests {
		if got := model.Stale(tt.last, tt.now, tt.n); got != tt.want {
			t.Errorf("Stale(%v, %v, %d) = %v", tt.last, tt.now, tt.n, got)
		}
	}
}
