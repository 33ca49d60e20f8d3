package discipline

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
	"cxdash/workspace"
)

// answersScreen is the measurement discipline on a workspace whose NPS is
// computed from answers (the same figures as the dashboard's tests):
//
//	North, Q1 2026: 100 answers, 45 promoters, 30 detractors: +15 ±16.7;
//	North, Q2 2026: 100 answers, 50 promoters, 30 detractors: +20 ±17.1,
//	  ±1.96·100·√((0.5+0.3−0.2²)/100); +5 is within √(16.7²+17.1²) = ±23.9.
//	South, Q1 2026: 400 answers, 120/160: −10 ±8.1; Q2: 400, 240/80: +40
//	  ±7.8; +50 is beyond √(8.1²+7.8²) = ±11.3.
//	All units, Q2: the 500 answers pooled, 290/110: +36,
//	  ±1.96·100·√((0.58+0.22−0.36²)/500) = ±7.2.
func answersScreen(t *testing.T, unit string) (*Screen, *screen.Session) {
	t.Helper()
	q1, q2 := model.QuarterPeriod(2026, 1), model.QuarterPeriod(2026, 2)
	ws := screentest.AnswersWorkspace(t, "answers.db", []model.Metric{screentest.NPSMetric()},
		screentest.NPSAnswers("NPS", "North", q1, 100, 45, 30),
		screentest.NPSAnswers("NPS", "North", q2, 100, 50, 30),
		screentest.NPSAnswers("NPS", "South", q1, 400, 120, 160),
		screentest.NPSAnswers("NPS", "South", q2, 400, 240, 80))
	var d *Screen
	s := screentest.Session(t, ws, fyne.NewSize(1240, 780), func(s *screen.Session) fyne.CanvasObject {
		d = New(s)
		return d.Content()
	})
	settle(t, d)
	if unit != model.AllUnits {
		s.SetFilters(workspace.Filters{Unit: unit, Gran: model.Quarter})
		settle(t, d)
	}
	d.Show(model.Measurement)
	settle(t, d)
	return d, s
}

func TestDisciplineAnswerMetric(t *testing.T) {
	for _, c := range []struct {
		unit, value, n string
		explain        []string
	}{
		{unit: "North", value: "20.0 ±17.1", n: "100", explain: []string{
			"NPS of 100 answers (% of 50 promoters minus % of 30 detractors) = 20",
			"100 answers; 95% margin of error ±17.1: the true value lies between 2.9 and 37.1 for 95% of samples.",
			"+5.0 against Q1 2026, within the combined margin of ±23.9: no significant change.",
		}},
		{unit: "South", value: "40.0 ±7.8", n: "400", explain: []string{
			"NPS of 400 answers (% of 240 promoters minus % of 80 detractors) = 40",
			"+50.0 against Q1 2026, beyond the combined margin of ±11.3: a significant change.",
		}},
		{unit: model.AllUnits, value: "36.0 ±7.2", n: "500", explain: []string{
			"NPS across all units: nps of the 2 units' 500 answers pooled = 36",
			"500 answers; 95% margin of error ±7.2",
			"  North: NPS: NPS of 100 answers",
			"  South: NPS: NPS of 400 answers",
			// Q1 pooled: 500 answers, 165/190: −5 ±7.4; +41 is beyond √(7.4²+7.2²) = ±10.3.
			"+41.0 against Q1 2026, beyond the combined margin of ±10.3: a significant change.",
		}},
	} {
		t.Run(c.unit, func(t *testing.T) {
			d, _ := answersScreen(t, c.unit)
			if len(d.metrics.rows) != 1 {
				t.Fatalf("%d metric rows, want NPS alone", len(d.metrics.rows))
			}
			if got := d.metrics.cell(0, 1); got != c.value {
				t.Errorf("value cell %q, want %q", got, c.value)
			}
			if got := d.metrics.cell(0, 5); got != c.n {
				t.Errorf("n cell %q, want %q", got, c.n)
			}
			selectMetric(t, d, "NPS")
			if want := c.n + " answers, "; !strings.Contains(d.obs.title.Text(), want) {
				t.Errorf("observations title %q lacks %q", d.obs.title.Text(), want)
			}
			screentest.Button(t, d.Content(), "How is it made?").OnTapped()
			texts := screentest.DialogTexts(d.h.Window())
			for _, want := range c.explain {
				if !screentest.HasText(texts, want) {
					t.Errorf("the explanation lacks %q:\n%s", want, strings.Join(texts, "\n"))
				}
			}
		})
	}
}
