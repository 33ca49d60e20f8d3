package report_test

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"cxdash/model"
	"cxdash/report"
)

// answersData is a report of unit on a workspace whose NPS is computed from
// answers, beside a practice scored as a level:
//
//	North, Q1 2026: 100 answers, 45 promoters (10), 30 detractors (0), 25
//	  passives (8): NPS +15, ±1.96·100·√((0.45+0.30−0.15²)/100) = ±16.72;
//	North, Q2 2026: 100 answers, 50/30: +20, ±1.96·100·√((0.5+0.3−0.2²)/100) = ±17.09;
//	South, Q2 2026: 400 answers, 240/80: +40, ±1.96·100·√((0.6+0.2−0.4²)/400) = ±7.84;
//	all units, Q2 2026: the 500 answers pooled, 290/110: +36,
//	  ±1.96·100·√((0.58+0.22−0.36²)/500) = ±7.19.
func answersData(unit string) report.Data {
	nps, _ := model.KnownKPI("NPS")
	nps.Aggregation, nps.Answers, nps.Cutoffs = model.AggregationNPS, true, model.NPSCutoffs()
	practice := model.NewLevelMetric("Practice measurement", model.Measurement)
	metrics := []model.Metric{practice, nps}
	q1, q2 := model.QuarterPeriod(2026, 1), model.QuarterPeriod(2026, 2)
	answers := func(u string, p model.Period, n, top, bottom int) model.Value {
		rest := n - top - bottom
		return model.Value{Metric: "NPS", Unit: u, Period: p, BatchID: 1, Count: n, Top: top, Bottom: bottom,
			Sum: float64(10*top + 8*rest), SumSq: float64(100*top + 64*rest)}
	}
	values := []model.Value{
		{Metric: practice.Name, Unit: "North", Period: q1, BatchID: 1, Sum: 3, Count: 1},
		{Metric: practice.Name, Unit: "North", Period: q2, BatchID: 1, Sum: 4, Count: 1},
		answers("North", q1, 100, 45, 30),
		answers("North", q2, 100, 50, 30),
		answers("South", q2, 400, 240, 80),
	}
	fw := model.DefaultFramework()
	sc := model.NewScorer(fw, metrics, values)
	d := report.Data{Workspace: "Acme Retail", Unit: unit, Period: q2, Framework: fw, Metrics: metrics, Values: values,
		Generated: time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC), Observations: seq(nil)}
	for _, p := range []model.Period{q1, q2} {
		d.Trend = append(d.Trend, sc.Summary(unit, p))
	}
	d.Summary = d.Trend[1]
	for _, u := range sc.Units() {
		d.Units = append(d.Units, sc.Summary(u, q2))
	}
	return d
}

// npsMOE is the 95% margin of error of an NPS of n answers, top promoters
// and bottom detractors.
func npsMOE(n, top, bottom int) float64 {
	p, q := float64(top)/float64(n), float64(bottom)/float64(n)
	return 1.96 * 100 * math.Sqrt((p+q-(p-q)*(p-q))/float64(n))
}

// TestXLSXAnswerBlocks: a discipline sheet with a metric computed from
// answers carries, below the discipline score, a block of n per period and
// one of margins of error; the level metric is in neither.
func TestXLSXAnswerBlocks(t *testing.T) {
	f := openXLSX(t, writeXLSX(t, answersData("North")))
	const sh = "Measurement"
	// Rows 1-3 values (header, practice, NPS), 5-8 scores and the
	// discipline score, then from row 10 the answer blocks.
	for ref, want := range map[string]string{
		"A1": "Metric", "E1": "Q1 2026", "F1": "Q2 2026", "A3": "NPS",
		"A8":  "Discipline score",
		"A10": "Answers (n)", "E10": "Q1 2026", "F10": "Q2 2026", "A11": "NPS", "E11": "100", "F11": "100", "A12": "",
		"A13": "± margin of error (95%)", "F13": "Q2 2026", "A14": "NPS", "A15": "",
	} {
		if got := cell(t, f, sh, ref); got != want {
			t.Errorf("%s!%s = %q, want %q", sh, ref, got, want)
		}
	}
	for ref, want := range map[string]float64{"E3": 15, "F3": 20, "E14": npsMOE(100, 45, 30), "F14": npsMOE(100, 50, 30)} {
		if got := number(t, f, sh, ref); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s!%s = %v, want %v", sh, ref, got, want)
		}
	}
	if got := math.Round(number(t, f, sh, "F14")*10) / 10; got != 17.1 {
		t.Errorf("the Q2 margin rounds to %v, want 17.1", got)
	}
	// A discipline without answers ends at its score, as before.
	rows, err := f.GetRows("Strategy")
	if err != nil {
		t.Fatal(err)
	}
	if last := rows[len(rows)-1]; len(last) == 0 || last[0] != "Discipline score" {
		t.Errorf("Strategy ends with %q", last)
	}
}

// TestHTMLAnswerMargins: the metric table shows a value computed from
// answers with its margin of error and its n, and says what they mean.
func TestHTMLAnswerMargins(t *testing.T) {
	for _, c := range []struct {
		unit, row string
	}{
		{"North", `<tr><td class="name">NPS</td><td class="n">20 <span class="moe">±17.1</span></td><td class="n">3.00</td><td class="n">–</td><td class="n">100</td></tr>`},
		// All units: the value pools the 500 answers; the score is the
		// mean of North's 3.00 and South's 4.00 (rule 5).
		{model.AllUnits, `<tr><td class="name">NPS</td><td class="n">36 <span class="moe">±7.2</span></td><td class="n">3.50</td><td class="n">–</td><td class="n">500</td></tr>`},
	} {
		t.Run(c.unit, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.WriteHTML(context.Background(), &b, answersData(c.unit), nil); err != nil {
				t.Fatal(err)
			}
			html := b.String()
			for _, want := range []string{c.row, "± is the 95% margin of error of a value computed from respondents' answers",
				`<tr><td class="name">Practice measurement</td><td class="n">4</td>`} {
				if !strings.Contains(html, want) {
					t.Errorf("the report lacks %s", want)
				}
			}
		})
	}
	// Without answers, no note.
	var b bytes.Buffer
	if err := report.WriteHTML(context.Background(), &b, newFixture(false).data(model.AllUnits), nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "margin of error") || strings.Contains(b.String(), `class="moe"`) {
		t.Error("a report without answers mentions margins of error")
	}
}
