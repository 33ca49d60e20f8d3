// This file words a KPI computed from answers for the screens: what it
// rests on (n and margin of error) and whether a change is beyond it
// (DESIGN.md, "Respondent-level data").

package screen

import (
	"cxdash/charts"
	"cxdash/model"
)

// SampleText says what a KPI computed from answers rests on, in the KPI's
// own decimals and without its unit (the margin is in points for NPS and
// percentage points for a share): "n 1,204 · ±3.1". With fewer than two
// answers there is no margin to show, only "n 1".
func SampleText(e model.Estimate, f charts.Format) string {
	s := "n " + model.FormatCount(e.N)
	if e.HasMOE() {
		s += " · ±" + charts.Format{Decimals: f.Decimals}.String(e.MOE)
	}
	return s
}

// ValueWithMargin is a value and its margin, as a table cell shows it:
// "21.3 ±5.2", "27.6% ±2.1", or the value alone when the margin is
// unknown. A unit of measure longer than "%" ("points") is left out, as
// the KPI tiles move it to their title: a narrow cell keeps the numbers.
func ValueWithMargin(e model.Estimate, f charts.Format) string {
	if len([]rune(f.Unit)) > 2 {
		f.Unit = ""
	}
	s := f.String(e.Value)
	if e.HasMOE() {
		s += " ±" + charts.Format{Decimals: f.Decimals}.String(e.MOE)
	}
	return s
}

// NoSignificantChange is how a change within its margin of error reads
// wherever a KPI from answers is compared with its previous period.
const NoSignificantChange = "no significant change"

// ChangeSentence says how a KPI computed from answers moved from prev to
// cur, and whether that is beyond the two margins combined:
// "+5.0 against Q1 2026, within the combined margin of ±24.4: no
// significant change". An untested change (a period with fewer than two
// answers) is a plain difference.
func ChangeSentence(prev, cur model.Estimate, f charts.Format, against model.Period) string {
	c := model.Compare(prev, cur)
	s := charts.Format{Decimals: f.Decimals}.Signed(c.Delta) + " against " + against.Label()
	margin := charts.Format{Decimals: f.Decimals}.String(c.MOE)
	switch {
	case !c.Tested():
		return s + " (too few answers to test it)"
	case c.Significant:
		return s + ", beyond the combined margin of ±" + margin + ": a significant change"
	}
	return s + ", within the combined margin of ±" + margin + ": " + NoSignificantChange
}

// MarginSentence says what the value rests on: "120 answers; 95% margin
// of error ±17.1: the true value lies between 2.9 and 37.1 for 95% of
// samples.", with a warning when the margin is rough.
func MarginSentence(e model.Estimate, f charts.Format) string {
	n := model.FormatCount(e.N) + " answers"
	if e.N == 1 {
		n = "1 answer"
	}
	if !e.HasMOE() {
		return n + "; too few for a margin of error."
	}
	m := charts.Format{Decimals: f.Decimals}
	s := n + "; 95% margin of error ±" + m.String(e.MOE) + ": the true value lies between " +
		m.String(e.Value-e.MOE) + " and " + m.String(e.Value+e.MOE) + " for 95% of samples."
	if e.Weak {
		s += " The margin is rough: few answers, or nearly all alike."
	}
	return s
}
