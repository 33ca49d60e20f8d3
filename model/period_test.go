package model_test

import (
	"errors"
	"testing"
	"time"

	"cxdash/model"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"2024-Q1", "2024-Q1"},
		{"2024Q1", "2024-Q1"},
		{"Q1 2024", "2024-Q1"},
		{"q3-2024", "2024-Q3"},
		{"Q4'24", "2024-Q4"},
		{"2024 Q1", "2024-Q1"},
		{"FY2024 Q2", "2024-Q2"},
		{"3rd quarter 2025", "2025-Q3"},
		{"Jan 2024", "2024-01"},
		{"January 2024", "2024-01"},
		{"Sept. 2024", "2024-09"},
		{"Dec-24", "2024-12"},
		{"2024-01", "2024-01"},
		{"2024/1", "2024-01"},
		{"01/2024", "2024-01"},
		{"2024", "2024"},
		{"FY2025", "2025"},
		{"  2024-Q2  ", "2024-Q2"},
		{"2024-03-31", "2024-03"},
		{"2024-03-31T00:00:00Z", "2024-03"},
		{"2024-03-31 12:00:00", "2024-03"},
		{"31/03/2024", "2024-03"},
		{"01/03/2024", "2024-03"}, // day first
		{"03/31/2024", "2024-03"}, // month first only when day first is impossible
		{"31.03.2024", "2024-03"},
		{"45382", "2024-03"}, // Excel serial for 2024-03-31
		{"202403", "2024-03"},
		{"März 2024", "2024-03"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := model.ParsePeriod(tt.in)
			if err != nil {
				t.Fatalf("ParsePeriod(%q): %v", tt.in, err)
			}
			if p.String() != tt.want {
				t.Errorf("ParsePeriod(%q) = %s, want %s", tt.in, p, tt.want)
			}
		})
	}
}

func TestParsePeriodRejects(t *testing.T) {
	for _, in := range []string{"", "Q5 2024", "2024-13", "foo", "13/13/2024", "Qtr", "1800", "2024-Q0", "Smarch 2024", "12.5"} {
		t.Run(in, func(t *testing.T) {
			if p, err := model.ParsePeriod(in); err == nil {
				t.Fatalf("ParsePeriod(%q) = %v, want an error", in, p)
			} else if !errors.Is(err, model.ErrPeriod) {
				t.Errorf("error %v does not wrap ErrPeriod", err)
			}
		})
	}
}

func TestPeriodFromNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{2024, "2024"},
		{202401, "2024-01"},
		{45292, "2024-01"},   // 2024-01-01
		{45382.5, "2024-03"}, // a date with a time
		{36526, "2000-01"},
	}
	for _, tt := range tests {
		p, err := model.PeriodFromNumber(tt.in)
		if err != nil || p.String() != tt.want {
			t.Errorf("PeriodFromNumber(%v) = %v, %v; want %s", tt.in, p, err, tt.want)
		}
	}
	for _, bad := range []float64{0, -1, 12.5, 1e12} {
		if p, err := model.PeriodFromNumber(bad); err == nil {
			t.Errorf("PeriodFromNumber(%v) = %v, want error", bad, p)
		}
	}
}

func TestExcelSerialToTime(t *testing.T) {
	for serial, want := range map[float64]string{1: "1900-01-01", 59: "1900-02-28", 61: "1900-03-01", 45382: "2024-03-31"} {
		got, err := model.ExcelSerialToTime(serial)
		if err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("ExcelSerialToTime(%v) = %v, %v; want %s", serial, got, err, want)
		}
	}
}

func TestPeriodRollupPrevNext(t *testing.T) {
	m := model.MonthPeriod(2024, 5)
	if q, ok := m.Rollup(model.Quarter); !ok || q.String() != "2024-Q2" {
		t.Errorf("May rolls up to %v", q)
	}
	if y, ok := m.Rollup(model.Year); !ok || y.String() != "2024" {
		t.Errorf("May rolls up to %v", y)
	}
	if _, ok := model.YearPeriod(2024).Rollup(model.Month); ok {
		t.Error("a year cannot roll down to a month")
	}
	cases := map[model.Period][2]string{
		model.MonthPeriod(2024, 1):   {"2023-12", "2024-02"},
		model.QuarterPeriod(2024, 1): {"2023-Q4", "2024-Q2"},
		model.QuarterPeriod(2024, 4): {"2024-Q3", "2025-Q1"},
		model.YearPeriod(2024):       {"2023", "2025"},
	}
	for p, want := range cases {
		if p.Prev().String() != want[0] || p.Next().String() != want[1] {
			t.Errorf("%v: prev %v next %v, want %v", p, p.Prev(), p.Next(), want)
		}
	}
	if !model.MonthPeriod(2024, 3).Before(model.QuarterPeriod(2024, 2)) {
		t.Error("March is before Q2")
	}
}

func TestPeriodKeyRoundTrip(t *testing.T) {
	for _, p := range []model.Period{model.MonthPeriod(2024, 9), model.QuarterPeriod(2023, 4), model.YearPeriod(2022)} {
		got, err := model.PeriodKey(p.String())
		if err != nil || got != p {
			t.Errorf("PeriodKey(%q) = %v, %v", p.String(), got, err)
		}
	}
	if _, err := model.PeriodKey("Q1 2024"); err == nil {
		t.Error("PeriodKey accepts a non-canonical form")
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2024-Q1", "Q1 2024", "Jan 2024", "2024-01", "2024", "31/03/2024", "45382", "Q4'24", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := model.ParsePeriod(s)
		if err != nil {
			return
		}
		// Whatever parses must print to a canonical key that parses back to itself.
		back, err := model.PeriodKey(p.String())
		if err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %#v; canonical %q does not round-trip: %v", s, p, p.String(), err)
		}
	})
}
