package charts

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestLineChartLegendTap taps each series' name in the legend: the chart
// reports the series with index -1; the target's entry reports nothing.
func TestLineChartLegendTap(t *testing.T) {
	data := LineData{Labels: []string{"Q1 2025", "Q2 2025"}, Min: 1, Max: 5, Format: ScoreFormat,
		Series: []Series{
			{Name: "Strategy", Points: []Point{Pt(2, 1), Pt(3, 1)}},
			{Name: "Design", Points: []Point{Pt(4, 1), Pt(1, 1)}},
		},
		Target: &Band{Lo: 4, Hi: 4, Label: "Target 4.00"}}
	c := NewLineChart(data)
	type tap struct{ s, i int }
	var got []tap
	c.OnTapped = func(s, i int) { got = append(got, tap{s, i}) }
	showIn(t, c, fyne.NewSize(500, 300))
	texts := c.ren.legend.texts.used()
	if len(texts) != 3 {
		t.Fatalf("%d legend entries, want 2 series and the target", len(texts))
	}
	for i, x := range texts {
		mid := x.Position().AddXY(x.Size().Width/2, x.Size().Height/2)
		got = nil
		test.TapAt(c, mid)
		switch {
		case i < 2 && (len(got) != 1 || got[0] != tap{i, -1}):
			t.Errorf("tap on legend name %q reported %v, want series %d index -1", x.Text, got, i)
		case i == 2 && len(got) != 0:
			t.Errorf("tap on the target's legend entry reported %v, want nothing", got)
		}
	}
}
