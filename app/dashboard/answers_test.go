package dashboard

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
	"cxdash/workspace"
)

// answersScreen is the dashboard on a workspace whose only metric is NPS
// computed from answers, in two units and two quarters:
//
//	North, Q1 2026: 100 answers, 45 promoters and 30 detractors: NPS +15,
//	  ±1.96·100·√((0.45+0.30−0.15²)/100) = ±16.7;
//	North, Q2 2026: 100 answers, 50 promoters and 30 detractors: NPS +20,
//	  ±1.96·100·√((0.50+0.30−0.20²)/100) = ±17.1. The change, +5, is within
//	  √(16.7²+17.1²) = ±23.9: no significant change.
//	South, Q1 2026: 400 answers, 120 promoters, 160 detractors: NPS −10,
//	  ±1.96·100·√((0.3+0.4−0.1²)/400) = ±8.1;
//	South, Q2 2026: 400 answers, 240 promoters, 80 detractors: NPS +40,
//	  ±1.96·100·√((0.6+0.2−0.4²)/400) = ±7.8. The change, +50, is beyond
//	  √(8.1²+7.8²) = ±11.3: significant.
//	All units pool the answers: Q2 500 answers, 290 promoters, 110
//	  detractors: NPS +36, ±1.96·100·√((0.58+0.22−0.36²)/500) = ±7.2.
func answersScreen(t *testing.T, unit string) *Screen {
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
	return d
}

func TestDashboardAnswerTiles(t *testing.T) {
	for _, c := range []struct {
		unit          string
		value, sample string
		change        tileChange
		gone          []string // texts that must not show on the tile
	}{
		{unit: "North", value: "20.0", sample: "n 100 · ±17.1",
			change: tileChange{note: "no significant change vs Q1 2026"}, gone: []string{"+5.0"}},
		{unit: "South", value: "40.0", sample: "n 400 · ±7.8",
			change: tileChange{delta: "+50.0", note: "vs Q1 2026", arrow: 1, good: true}},
		{unit: model.AllUnits, value: "36.0", sample: "n 500 · ±7.2",
			// Q1 pooled: 500 answers, 165 promoters, 190 detractors: −5,
			// ±1.96·100·√((0.33+0.38−0.05²)/500) = ±7.4; +41 is beyond √(7.4²+7.2²) = ±10.3.
			change: tileChange{delta: "+41.0", note: "vs Q1 2026", arrow: 1, good: true}},
	} {
		t.Run(c.unit, func(t *testing.T) {
			d := answersScreen(t, c.unit)
			a := d.answerTiles[0]
			if !a.Visible() || d.kpis[0].Visible() {
				t.Fatalf("the first tile is not the answer tile (answer tile visible %v, chart tile visible %v)", a.Visible(), d.kpis[0].Visible())
			}
			title, value, _, ch, sample := a.texts()
			if title != "NPS (points)" || value != c.value || sample != c.sample || ch != c.change {
				t.Errorf("tile %q %q %q %+v, want NPS (points) %q %q %+v", title, value, sample, ch, c.value, c.sample, c.change)
			}
			drawn := screentest.DrawnTexts(d.Content())
			for _, want := range []string{c.value, c.sample, c.change.note} {
				if !screentest.HasText(drawn, want) {
					t.Errorf("the dashboard does not show %q: %q", want, drawn)
				}
			}
			for _, gone := range c.gone {
				if screentest.HasText(drawn, gone) {
					t.Errorf("the dashboard shows %q: %q", gone, drawn)
				}
			}
			if a.renderer().arrow.Hidden != (c.change.arrow == 0) {
				t.Errorf("arrow hidden %v, want an arrow %v", a.renderer().arrow.Hidden, c.change.arrow != 0)
			}
		})
	}
}

func TestDashboardAnswerTileExplains(t *testing.T) {
	d := answersScreen(t, "North")
	d.explainKPI(0)
	texts := screentest.DialogTexts(d.h.Window())
	for _, want := range []string{
		"NPS of 100 answers (% of 50 promoters minus % of 30 detractors)",
		"100 answers; 95% margin of error ±17.1: the true value lies between 2.9 and 37.1",
		"+5.0 against Q1 2026, within the combined margin of ±23.9: no significant change.",
	} {
		if !screentest.HasText(texts, want) {
			t.Errorf("the explanation lacks %q: %q", want, texts)
		}
	}
}

// renderer is the tile's renderer, as the test driver made it.
func (t *answerTile) renderer() *answerRenderer {
	return test.WidgetRenderer(t).(*answerRenderer)
}

// TestDemoTiles: the demo's NPS comes from its survey answers, so its tile
// is the answer tile with n and the margin of error; the other headline
// KPIs are reported values, shown by chart tiles.
func TestDemoTiles(t *testing.T) {
	d, _ := testScreen(t, true)
	for i, a := range d.answerTiles {
		if a.Visible() != (i == 0) || (i > 0 && !d.kpis[i].Visible()) {
			t.Errorf("tile %d of the demo: answer tile visible %v, chart tile visible %v; want only NPS (tile 0) from answers",
				i, a.Visible(), d.kpis[i].Visible())
		}
	}
	title, _, _, _, sample := d.answerTiles[0].texts()
	if title != "NPS (points)" || !strings.HasPrefix(sample, "n ") || !strings.Contains(sample, " · ±") {
		t.Errorf("the demo's NPS tile is %q with %q, want NPS (points) with n and ±", title, sample)
	}
}
