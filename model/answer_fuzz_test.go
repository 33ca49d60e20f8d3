package model_test

import (
	"math"
	"strings"
	"testing"

	"cxdash/model"
)

// fuzzScales are the scales FuzzReadAnswer reads on: every preset, every
// family, a scale with its own labels and one with a not-applicable code.
func fuzzScales() []model.AnswerScale {
	s := []model.AnswerScale{model.Scale0To10(), model.Scale1To5(), model.Scale1To7(), model.Scale1To10(),
		model.Scale0To100(), model.ScaleYesNo(), model.ScaleFFT(),
		{Min: 1, Max: 5, Integer: true, Labels: []string{"Not very impressive", "A bit impressive", "Quite impressive",
			"Very impressive", "Extremely impressive"}},
		{Min: 1, Max: 5, Integer: true, NA: []string{"6", "skipped"}},
	}
	for _, f := range model.LabelFamilies() {
		s = append(s, model.FamilyScale(f))
	}
	return s
}

// FuzzReadAnswer checks the answer reader on any text: it never panics, an
// answer lies on the scale (a whole number on an integer scale) and every
// other status gives 0, the canonical label of an answer reads back as the
// same answer, and spaces around a cell, a trailing full stop and ASCII case
// do not change what it reads as. Scales are the presets, or any integer
// scale from lo to lo+span.
func FuzzReadAnswer(f *testing.F) {
	for _, c := range []string{"9", " 4 ", "4.0", "4,5", "85%", "9 - Extremely likely", "1 - Not very impressive",
		"5 = Very satisfied", "10 (Extremely likely)", "Extremely likely - 10", "Muito satisfeito(a)", "Très satisfait",
		"Stimme voll zu", "Tout à fait d’accord", "Don't know", "N/A", "Sí", "maybe", "11", "3.5", "-", "", "1,000",
		"0-6 months ago", "6 (N/A)", "Weiß nicht", "İ", "\xff", "99999999999999999999999999", "skipped", "6"} {
		for pick := range uint8(len(fuzzScales()) + 1) {
			f.Add(c, pick, int8(0), uint8(10))
		}
	}
	scales := fuzzScales()
	f.Fuzz(func(t *testing.T, cell string, pick uint8, lo int8, span uint8) {
		s := model.AnswerScale{Min: float64(lo), Max: float64(lo) + float64(span), Integer: true}
		if int(pick) < len(scales) {
			s = scales[pick]
		}
		v, st := model.ReadAnswer(cell, s)
		switch st {
		case model.Answered:
			if math.IsNaN(v) || !s.Contains(v) {
				t.Fatalf("ReadAnswer(%q, %s) = %v, not on the scale", cell, s, v)
			}
			label := s.Label(v)
			if back, bst := model.ReadAnswer(label, s); back != v || bst != model.Answered {
				t.Fatalf("ReadAnswer(%q, %s) = %v, but its label %q reads as %v, %s", cell, s, v, label, back, bst)
			}
		case model.AnswerBlank, model.AnswerNA, model.AnswerInvalid:
			if v != 0 {
				t.Fatalf("ReadAnswer(%q, %s) = %v with status %s", cell, s, v, st)
			}
		default:
			t.Fatalf("ReadAnswer(%q, %s): unknown status %d", cell, s, st)
		}
		upper := strings.Map(func(r rune) rune {
			if 'a' <= r && r <= 'z' {
				return r - 'a' + 'A'
			}
			return r
		}, cell)
		for _, variant := range []string{" " + cell + " ", "\t" + cell + ".", upper} {
			if v2, st2 := model.ReadAnswer(variant, s); v2 != v || st2 != st {
				t.Fatalf("ReadAnswer(%q, %s) = %v, %s but ReadAnswer(%q) = %v, %s", cell, s, v, st, variant, v2, st2)
			}
		}
	})
}

// FuzzDetectScale checks scale detection on any question and answers: it
// never panics, a detected scale is valid, and every answer it was detected
// from reads on it (as an answer, blank or not applicable).
func FuzzDetectScale(f *testing.F) {
	f.Add("How likely are you to recommend us?", "10", "0 - Not at all likely", "")
	f.Add("Impressiveness", "1 - Not very impressive", "5 - Extremely impressive", "3 - Quite impressive")
	f.Add("rating", "Extremely likely", "Don't know", "Very good")
	f.Add("Q (1-7)", "Strongly agree", "Agree", "Somewhat agree")
	f.Add("0 = not at all likely, 10 = extremely likely", "7", "85%", "N/A")
	f.Add("Resolved?", "Yes.", "Não", "Muito satisfeita")
	f.Add("slider", "62.5", "100", "0")
	f.Fuzz(func(t *testing.T, question, a, b, c string) {
		answers := []string{a, b, c}
		s, ok := model.DetectScale(question, answers)
		if !ok {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("DetectScale(%q, %q) = %#v: %v", question, answers, s, err)
		}
		for _, x := range answers {
			if _, st := model.ReadAnswer(x, s); st == model.AnswerInvalid {
				t.Fatalf("DetectScale(%q, %q) = %s, but %q is not an answer of it", question, answers, s, x)
			}
		}
	})
}
