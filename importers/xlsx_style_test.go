package importers

import (
	"testing"
	"time"
)

func TestClassifyFormat(t *testing.T) {
	tests := []struct {
		code  string
		class numClass
		text  string // dateText of 2024-03-15 14:30 in this format
	}{
		{"General", numPlain, ""},
		{"0", numPlain, ""},
		{"#,##0.00", numPlain, ""},
		{"0.00E+00", numPlain, ""},
		{`#,##0 "days"`, numPlain, ""},
		{`0.0\m`, numPlain, ""},
		{`[$€-407] #,##0.00`, numPlain, ""},
		{`[Red]0.00;[Blue]-0.00`, numPlain, ""},
		{`_-* #,##0_-;-* #,##0_-`, numPlain, ""},
		{"[h]:mm:ss", numPlain, ""}, // a duration
		{"[mm]:ss", numPlain, ""},
		{"@", numPlain, ""},
		{"0%", numPercent, ""},
		{"0.00%", numPercent, ""},
		{`0.0" %"`, numPlain, ""},
		{"yyyy-mm-dd", numDate, "2024-03-15 14:30"},
		{"dd/mm/yyyy", numDate, "2024-03-15 14:30"},
		{"d-mmm-yy", numDate, "2024-03-15 14:30"},
		{"mmm yy", numDate, "2024-03"},
		{`mmmm" "yyyy`, numDate, "2024-03"},
		{"yyyy", numDate, "2024"},
		{`[$-409]mmmm" "d", "yyyy`, numDate, "2024-03-15 14:30"},
		{`[$-411]ggge"年"m"月"d"日";@`, numDate, "2024-03-15 14:30"},
		{"yyyy-mm-dd hh:mm", numDate, "2024-03-15 14:30"},
		{"h:mm AM/PM", numDate, "14:30"},
		{"hh:mm:ss", numDate, "14:30"},
		{"mm:ss", numDate, "14:30"},
		{"YYYY-MM-DD", numDate, "2024-03-15 14:30"},
	}
	at := time.Date(2024, 3, 15, 14, 30, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			st := classifyFormat(tt.code)
			if st.class != tt.class {
				t.Fatalf("classifyFormat(%q) = class %d, want %d", tt.code, st.class, tt.class)
			}
			if tt.class == numDate {
				if got := dateText(at, st); got != tt.text {
					t.Errorf("dateText in %q = %q, want %q", tt.code, got, tt.text)
				}
			}
		})
	}
}

func TestBuiltinFormats(t *testing.T) {
	for id := 0; id < 164; id++ {
		st, ok := builtinFormat(id)
		var want numClass
		switch {
		case id == 9 || id == 10:
			want = numPercent
		case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
			want = numDate
		}
		if ok != (want != numPlain) || st.class != want {
			t.Errorf("builtinFormat(%d) = %v, %v; want class %v", id, st.class, ok, want)
		}
	}
	if st, _ := builtinFormat(17); dateText(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), st) != "2024-03" {
		t.Error("format 17 (mmm-yy) is not shown as a month")
	}
}

func TestSerialToTime(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		serial   float64
		date1904 bool
		want     time.Time
	}{
		{1, false, day(1900, 1, 1)},
		{59, false, day(1900, 2, 28)},
		{61, false, day(1900, 3, 1)},
		{45292, false, day(2024, 1, 1)},
		{45292.5, false, time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)},
		{45292.999999999, false, day(2024, 1, 2)}, // float noise rounds up
		{0.5, false, time.Date(1899, 12, 30, 12, 0, 0, 0, time.UTC)},
		{0, true, day(1904, 1, 1)},
		{43830, true, day(2024, 1, 1)},
		{2958465, false, day(9999, 12, 31)},
	}
	for _, tt := range tests {
		got, ok := serialToTime(tt.serial, tt.date1904)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("serialToTime(%v, %v) = %v, %v; want %v", tt.serial, tt.date1904, got, ok, tt.want)
		}
		if tt.serial != 45292.999999999 {
			if back := timeToSerial(got, tt.date1904); back != tt.serial {
				t.Errorf("timeToSerial(%v, %v) = %v, want %v", got, tt.date1904, back, tt.serial)
			}
		}
	}
	for _, bad := range []float64{-1, 2958466, 1e300} {
		if _, ok := serialToTime(bad, false); ok {
			t.Errorf("serialToTime(%v) accepted", bad)
		}
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := columnName(col); got != want {
			t.Errorf("columnName(%d) = %q, want %q", col, got, want)
		}
		if c, _, ok := parseCellRef([]byte(want + "7")); !ok || c != col {
			t.Errorf("parseCellRef(%s7) = %d, %v; want %d", want, c, ok, col)
		}
	}
}
