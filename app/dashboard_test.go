package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"cxdash/model"
)

func newTestUI(t *testing.T, demo bool) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ws.db")
	if demo {
		ws, err := OpenWorkspace(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ws.LoadDemo(ctx, false); err != nil {
			t.Fatal(err)
		}
		ws.Close()
	}
	u, err := NewUI(ctx, a, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.ws.Close() })
	waitFor(t, u.loaded)
	return u
}

func waitFor(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		t.Fatal("the dashboard did not load")
	}
}

func TestDashboardShowsLatestScores(t *testing.T) {
	u := newTestUI(t, true)
	d := u.dash
	want, err := u.ws.Summary(context.Background(), "", model.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.overallScore.Text; got != fmt.Sprintf("%.2f", want.Overall.Score) {
		t.Errorf("overall shows %q, want %.2f", got, want.Overall.Score)
	}
	if !strings.Contains(d.overallLevel.Text, want.Overall.LevelName) {
		t.Errorf("level shows %q, want %s", d.overallLevel.Text, want.Overall.LevelName)
	}
	if d.period.Selected != want.Period.Label() || d.unit.Selected != allUnitsLabel {
		t.Errorf("filters show %q / %q, want latest period %s, all units", d.period.Selected, d.unit.Selected, want.Period.Label())
	}
	if len(d.rows.Objects) != 7 {
		t.Fatalf("%d discipline rows, want a header and 6", len(d.rows.Objects))
	}

	// Choosing a unit rescores for that unit.
	unit := d.scorer.Units()[0]
	d.unit.SetSelected(unit)
	wantUnit, _ := u.ws.Summary(context.Background(), unit, want.Period)
	if got := d.overallScore.Text; got != fmt.Sprintf("%.2f", wantUnit.Overall.Score) {
		t.Errorf("%s overall shows %q, want %.2f", unit, got, wantUnit.Overall.Score)
	}
	if !strings.HasPrefix(d.disciplines.Subtitle, unit) {
		t.Errorf("heading %q does not name %s", d.disciplines.Subtitle, unit)
	}
	if got := d.radar.Data().Series[0].Points[0].Value; fmt.Sprintf("%.4f", got) != fmt.Sprintf("%.4f", wantUnit.Disciplines[0].Score) {
		t.Errorf("radar shows strategy %v for %s, want %v", got, unit, wantUnit.Disciplines[0].Score)
	}

	// Year granularity lists years and scores the latest one.
	d.gran.SetSelected("Year")
	if !strings.HasPrefix(d.period.Selected, "20") || len(d.period.Selected) != 4 {
		t.Errorf("year granularity selected period %q", d.period.Selected)
	}
}

func TestDashboardEmptyStateThenDemo(t *testing.T) {
	u := newTestUI(t, false)
	if u.dash.stack.Objects[0] != u.dash.empty {
		t.Fatal("an empty workspace does not show the empty state")
	}
	if _, err := u.ws.LoadDemo(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, u.dash.refresh())
	if u.dash.stack.Objects[0] != u.dash.body || u.dash.overallScore.Text == "–" {
		t.Fatal("after loading the demo the dashboard still shows no scores")
	}
}
