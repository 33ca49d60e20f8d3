package model_test

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"cxdash/model"
)

// FuzzParseDiscipline checks the discipline-name parser: whatever it
// accepts maps to one of the six keys, every key parses to itself, and
// case, spacing and punctuation around a name do not change the answer.
func FuzzParseDiscipline(f *testing.F) {
	for _, s := range []string{"Customer Understanding", "CU", " GOVERNANCE ", "Voice of the customer",
		"CX-Strategy", "Design (service)", "kpi's", "Cultura", "", "İnsight"} {
		f.Add(s)
	}
	fw := model.DefaultFramework()
	f.Fuzz(func(t *testing.T, s string) {
		key, ok := model.ParseDiscipline(s)
		if !ok {
			if key != "" {
				t.Fatalf("ParseDiscipline(%q) = %q but not ok", s, key)
			}
			return
		}
		if !slices.Contains(model.DisciplineKeys, key) {
			t.Fatalf("ParseDiscipline(%q) = %q, not a discipline key", s, key)
		}
		if back, ok := model.ParseDiscipline(key); !ok || back != key {
			t.Fatalf("key %q parses to %q, %v", key, back, ok)
		}
		d, _ := fw.Discipline(key)
		if back, ok := model.ParseDiscipline(d.Name); !ok || back != key {
			t.Fatalf("display name %q parses to %q, %v", d.Name, back, ok)
		}
		for _, v := range []string{" " + s + " ", "\t" + s + ".", "(" + s + ")"} {
			if back, ok := model.ParseDiscipline(v); !ok || back != key {
				t.Fatalf("ParseDiscipline(%q) = %q but ParseDiscipline(%q) = %q, %v", s, key, v, back, ok)
			}
		}
	})
}

// FuzzParseDate checks the date parser: an accepted date is a midnight-UTC
// day whose ISO form parses back to the same day in every date order, and
// a date accepted without an order reads the same in both orders.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-31", "31/03/2024", "03/04/2024", "3.4.24", "45382", "31 Mar 2024",
		"March 31, 2024", "Sept 5 2024", "2024-02-30", "2024-03-31T10:00:00Z", "29/02/2023", "Mon, 2 Jan 2006",
		"2958465", "2 Jan 0001", ""} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, o uint8) {
		order := model.DateOrder(o % 3)
		d, err := model.ParseDate(s, order)
		if err != nil {
			if err.Error() == "" || !utf8.ValidString(err.Error()) {
				t.Fatalf("ParseDate(%q): unclear error %q", s, err)
			}
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not midnight UTC", s, d)
		}
		if order == model.DateOrderUnknown {
			// Accepted without an order means it reads one way only.
			for _, o := range []model.DateOrder{model.DayFirst, model.MonthFirst} {
				if other, err := model.ParseDate(s, o); err != nil || !other.Equal(d) {
					t.Fatalf("ParseDate(%q) = %v without an order but %v, %v with order %d", s, d, other, err, o)
				}
			}
		}
		iso := d.Format("2006-01-02")
		for _, o := range []model.DateOrder{model.DateOrderUnknown, model.DayFirst, model.MonthFirst} {
			back, err := model.ParseDate(iso, o)
			if err != nil || !back.Equal(d) {
				t.Fatalf("ParseDate(%q) = %s, which parses back (order %d) as %v, %v", s, iso, o, back, err)
			}
		}
	})
}

// FuzzParseOwner checks the owner parser: a tidied owner is accepted
// again unchanged (idempotent), white space around the text changes
// nothing, and the owner has single spaces, at most 120 bytes, a letter
// and at most one e-mail address.
func FuzzParseOwner(f *testing.F) {
	for _, s := range []string{"Ana Souza", "  Ana   Souza ", "ana@example.com", "Ana Souza <ana@example.com>",
		"Ana Souza (Head of CX)", "Souza, Ana", "Ana; Bob", "Ana, Bob, Chen", "12345", "ana@", "a@b@c",
		"CX team", "Zoë O'Brien-Müller", "Ana\x00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := model.ParseOwner(s)
		if err != nil {
			if got != "" || err.Error() == "" {
				t.Fatalf("ParseOwner(%q) = %q, %v", s, got, err)
			}
			return
		}
		if padded, err := model.ParseOwner(" \t" + s + "\n "); err != nil || padded != got {
			t.Fatalf("ParseOwner(%q) = %q, but padded gives %q, %v", s, got, padded, err)
		}
		again, err := model.ParseOwner(got)
		if err != nil || again != got {
			t.Fatalf("ParseOwner(%q) = %q, but again gives %q, %v", s, got, again, err)
		}
		if got == "" {
			if len(strings.Fields(s)) > 0 {
				t.Fatalf("ParseOwner(%q) = blank for non-blank text", s)
			}
			return
		}
		if got != strings.Join(strings.Fields(got), " ") || len(got) > 120 || strings.Count(got, "@") > 1 {
			t.Fatalf("ParseOwner(%q) = %q: not tidy", s, got)
		}
	})
}

// FuzzParseEnums runs every enum parser of user text on the same input:
// an accepted value is one of the parser's own values, and that value,
// written out, parses back to itself.
func FuzzParseEnums(f *testing.F) {
	for _, s := range []string{"In progress", "WIP", "Closed", "Cancelled", "P1", "Sev 2", "crit", "minor",
		"every quarter", "Annual", "Q", "RCA", "resolved", "higher is better", "-", "thresholds", "1-5",
		"Quarterly", "Call center", "  web shop ", "", "n/a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := model.ParseSeverity(s); err == nil {
			check(t, "severity", s, string(v), slices.Contains(model.Severities, v), func() (string, error) {
				b, err := model.ParseSeverity(string(v))
				return string(b), err
			})
			if v.Rank() < 1 {
				t.Fatalf("severity %q has no rank", v)
			}
		}
		if v, err := model.ParseActionStatus(s); err == nil {
			check(t, "action status", s, string(v), slices.Contains(model.ActionStatuses, v), func() (string, error) {
				b, err := model.ParseActionStatus(string(v))
				return string(b), err
			})
		}
		if v, err := model.ParseIssueStatus(s); err == nil {
			check(t, "issue status", s, string(v), slices.Contains(model.IssueStatuses, v), func() (string, error) {
				b, err := model.ParseIssueStatus(string(v))
				return string(b), err
			})
		}
		if v, err := model.ParseCadence(s); err == nil {
			check(t, "cadence", s, string(v), slices.Contains(model.Cadences, v), func() (string, error) {
				b, err := model.ParseCadence(string(v))
				return string(b), err
			})
		}
		if v, err := model.ParseDirection(s); err == nil {
			check(t, "direction", s, string(v), v == model.HigherBetter || v == model.LowerBetter, func() (string, error) {
				b, err := model.ParseDirection(string(v))
				return string(b), err
			})
		}
		if v, err := model.ParseScale(s); err == nil {
			check(t, "scale", s, string(v), v == model.ScaleLevel || v == model.ScaleThresholds, func() (string, error) {
				b, err := model.ParseScale(string(v))
				return string(b), err
			})
		}
		if g, err := model.ParseGranularity(s); err == nil {
			check(t, "granularity", s, g.String(), g == model.Month || g == model.Quarter || g == model.Year, func() (string, error) {
				b, err := model.ParseGranularity(g.String())
				return b.String(), err
			})
		}
		tp := model.NormalizeTouchpoint(s)
		if again := model.NormalizeTouchpoint(tp); again != tp {
			t.Fatalf("NormalizeTouchpoint(%q) = %q, then %q", s, tp, again)
		}
	})
}

// check fails when an accepted enum value is not one of the parser's own
// values or its written form does not parse back to it.
func check(t *testing.T, what, s, v string, known bool, reparse func() (string, error)) {
	t.Helper()
	if !known {
		t.Fatalf("%s %q parses to unknown value %q", what, s, v)
	}
	if back, err := reparse(); err != nil || back != v {
		t.Fatalf("%s %q parses to %q, which parses back to %q, %v", what, s, v, back, err)
	}
}
