package importers_test

import (
	"testing"

	"cxdash/importers"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in           string
		decimalComma bool
		want         float64
		percent      bool
		wantErr      bool
	}{
		{in: "3", want: 3},
		{in: " 3 ", want: 3},
		{in: "\t-3.25\n", want: -3.25},
		{in: "+3", want: 3},
		{in: "−3", want: -3}, // U+2212 minus sign
		{in: "0", want: 0},
		{in: "007", want: 7},
		{in: ".5", want: 0.5},
		{in: "1,234.5", want: 1234.5},
		{in: "1,234", want: 1234},
		{in: "1,234,567", want: 1234567},
		{in: "1,234,567.89", want: 1234567.89},
		{in: "1.234,5", want: 1234.5},
		{in: "1.234.567,89", want: 1234567.89},
		{in: "1.234.567", want: 1234567},
		{in: "3,5", want: 3.5},
		{in: "3,14159", want: 3.14159},
		{in: "0,123", want: 0.123}, // a leading zero group cannot be thousands
		{in: "1234,567", want: 1234.567},
		{in: "3,5", decimalComma: true, want: 3.5},
		{in: "1,234", decimalComma: true, want: 1.234},
		{in: "1.234", decimalComma: true, want: 1234},
		{in: "1.234,5", decimalComma: true, want: 1234.5},
		{in: "3.5", decimalComma: true, want: 3.5},
		{in: "0.123", decimalComma: true, want: 0.123},
		{in: "1.234", want: 1.234},
		{in: "1 234,5", want: 1234.5},
		{in: "1\u00a0234,5", want: 1234.5},
		{in: "1\u202f234\u202f567", want: 1234567},
		{in: "1\u2009234.5", want: 1234.5},
		{in: "1'234.5", want: 1234.5},
		{in: "45%", want: 45, percent: true},
		{in: "45 %", want: 45, percent: true},
		{in: "12,5%", want: 12.5, percent: true},
		{in: "-0.5%", want: -0.5, percent: true},
		{in: "(12)", want: -12},
		{in: "(1,234.50)", want: -1234.5},
		{in: "(4%)", want: -4, percent: true},
		{in: "$12", want: 12},
		{in: "€ 1.234,50", want: 1234.5},
		{in: "1.234,50 €", want: 1234.5},
		{in: "£3", want: 3},
		{in: "-$12", want: -12},
		{in: "$-12", want: -12},
		{in: "($12)", want: -12},
		{in: "1.5E3", want: 1500},
		{in: "2e-3", want: 0.002},
		{in: "1,5E3", decimalComma: true, want: 1500},

		{in: "", wantErr: true},
		{in: "   ", wantErr: true},
		{in: "abc", wantErr: true},
		{in: "3..4", wantErr: true},
		{in: "1,2,3", wantErr: true},
		{in: "12,34,567", wantErr: true},
		{in: "1,23.4", wantErr: true},
		{in: "1.234.5", wantErr: true},
		{in: "12 34", wantErr: true},
		{in: "1,234.567,8", wantErr: true},
		{in: "3.", wantErr: true},
		{in: "3,", wantErr: true},
		{in: ",", wantErr: true},
		{in: "-", wantErr: true},
		{in: "%", wantErr: true},
		{in: "--3", wantErr: true},
		{in: "(-3)", wantErr: true},
		{in: "(3", wantErr: true},
		{in: "$12%", wantErr: true},
		{in: "12abc", wantErr: true},
		{in: "1e", wantErr: true},
		{in: "1e99999", wantErr: true},
		{in: "1,234e3", wantErr: true},
		{in: "NaN", wantErr: true},
		{in: "Inf", wantErr: true},
		{in: "0x10", wantErr: true},
		{in: "1_000", wantErr: true},
		{in: "2024-01-15", wantErr: true},
		{in: "Q1 2024", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, percent, err := importers.ParseNumber(tt.in, tt.decimalComma)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseNumber(%q, %v) = %v, %v, want an error", tt.in, tt.decimalComma, got, percent)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseNumber(%q, %v): %v", tt.in, tt.decimalComma, err)
			}
			if got != tt.want || percent != tt.percent {
				t.Errorf("ParseNumber(%q, %v) = %v, %v; want %v, %v", tt.in, tt.decimalComma, got, percent, tt.want, tt.percent)
			}
		})
	}
}

func TestIsBlank(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true}, {"   ", true}, {"\u00a0", true},
		{"-", true}, {" - ", true}, {"--", true}, {"–", true}, {"—", true},
		{".", true}, {"...", true}, {"…", true},
		{"n/a", true}, {"N/A", true}, {"NA", true}, {"n.a.", true}, {"#N/A", true},
		{"null", true}, {"NULL", true}, {"None", true}, {"NaN", true}, {"TBD", true},
		{"0", false}, {"0%", false}, {"-3", false}, {"x", false}, {"no", false},
		{"North", false}, {"n/a please", false}, {"#DIV/0!", false}, {"#VALUE!", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := importers.IsBlank(tt.in); got != tt.want {
				t.Errorf("IsBlank(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
