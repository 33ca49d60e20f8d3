package app

import (
	"context"
	"image/png"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"cxdash/model"
)

// Temporary: captures of the dashboard at several sizes (not committed).
func TestDashFoldCaptures(t *testing.T) {
	for _, c := range []struct {
		name    string
		w, h    float32
		overdue bool
		dark    bool
	}{{"1240x780", 1240, 780, false, false}, {"1600x1000", 1600, 1000, false, false}, {"1024x700", 1024, 700, false, false},
		{"1240x1600", 1240, 1600, false, false}, {"1240x780_overdue", 1240, 780, true, false}, {"1024x700_dark", 1024, 700, false, true},
		{"1600x1000_dark", 1600, 1000, true, true}, {"1240x780_bottom", 1240, 780, false, false}, {"1240x780_online", 1240, 780, false, false}} {
		t.Run(c.name, func(t *testing.T) {
			u := dashTestUI(t, true)
			v := theme.VariantLight
			if c.dark {
				v = theme.VariantDark
			}
			u.s.app.Settings().SetTheme(dashVariant{theme.DefaultTheme(), v})
			if c.overdue {
				day := time.Date(2020, 9, 1, 0, 0, 0, 0, time.UTC)
				for _, a := range []model.Action{{Title: "Publish the CX governance charter", Owner: "Ana Souza", Due: day, Status: model.ActionInProgress, Created: day},
					{Title: "Call back every detractor", Owner: "Joana", Due: day, Status: model.ActionOpen, Created: day}} {
					if _, err := u.s.ws.Store.SaveAction(context.Background(), a); err != nil {
						t.Fatal(err)
					}
				}
				dashWait(t, u.s.reload())
				dashWait(t, dashOf(u).overdue.idle())
				dashSettle(t, u)
			}
			u.s.win.Resize(fyne.NewSize(c.w, c.h))
			if c.name == "1240x780_online" {
				u.filters.unit.SetSelected("Online")
				dashSettle(t, u)
				dashOf(u).board.(*container.Scroll).ScrollToBottom()
			}
			if c.name == "1240x780_bottom" {
				dashOf(u).board.(*container.Scroll).ScrollToBottom()
			}
			img := u.s.win.Canvas().Capture()
			f, err := os.Create("/tmp/dashcap/" + c.name + ".png")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			png.Encode(f, img)
			d := dashOf(u)
			t.Logf("canvas %v gaps %v@%v radar %v trend %v", u.s.win.Canvas().Size(), d.gaps.Size(), fyne.CurrentApp().Driver().AbsolutePositionForObject(d.gaps), d.radar.Size(), d.trend.Size())
		})
	}
}

func TestDashFoldMins(t *testing.T) {
	u := dashTestUI(t, true)
	d := dashOf(u)
	t.Logf("overall %v kpi %v tiles %v top %v gapsHead %v", d.overall.MinSize(), d.kpis[0].MinSize(), d.tiles.MinSize(), d.top.MinSize(), d.gapsHead.MinSize())
}
