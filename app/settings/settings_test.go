package settings

import (
	"context"
	"errors"
	"image/color"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
	"cxdash/model"
	"cxdash/workspace"
)

// TestMain queues the screen's UI updates so that tests run them on their
// own goroutine while they wait, as the desktop driver's event loop would.
func TestMain(m *testing.M) {
	screentest.Install()
	os.Exit(m.Run())
}

func wait(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	screentest.Wait(t, "the settings screen", ch, 60*time.Second)
}

// screenOn builds the settings screen alone in a 1100×720 window, on a new
// workspace named acme.db with the demo data when demo is set, and waits
// until the workspace's default unit is applied.
func screenOn(t *testing.T, demo bool) (*Screen, *screen.Session) {
	t.Helper()
	var r *Screen
	s := screentest.Session(t, screentest.Workspace(t, "acme.db", demo), fyne.NewSize(1100, 720), func(s *screen.Session) fyne.CanvasObject {
		r = New(s)
		return r.Content()
	})
	wait(t, r.unitLoaded)
	return r, s
}

func (r *Screen) row(t *testing.T, key string) *disciplineRow {
	t.Helper()
	for _, row := range r.discs {
		if row.key == key {
			return row
		}
	}
	t.Fatalf("no row for %s", key)
	return nil
}

func TestWeightsAndTargetsRescore(t *testing.T) {
	r, s := screenOn(t, true)
	ctx := context.Background()
	before, err := s.Workspace().Summary(ctx, "Online", model.Period{})
	if err != nil {
		t.Fatal(err)
	}
	weights := map[string]float64{model.Governance: 3, model.Measurement: 0.5}
	for key, w := range weights {
		r.row(t, key).weight.SetText(screen.FormatSetting(w))
	}
	r.row(t, model.Strategy).target.SetText("4,5")
	wait(t, r.save())
	if r.message.Importance != widget.SuccessImportance {
		t.Fatalf("save refused: %s", r.message.Text)
	}

	after, err := s.Workspace().Summary(ctx, "Online", model.Period{})
	if err != nil {
		t.Fatal(err)
	}
	// The overall index is the weighted mean of the discipline scores.
	var sum, total float64
	for _, d := range after.Disciplines {
		w := 1.0
		if x, ok := weights[d.Key]; ok {
			w = x
		}
		sum += w * d.Score
		total += w
		if d.Key == model.Strategy && (d.Target == nil || *d.Target != 4.5) {
			t.Errorf("strategy target %v, want 4.5", d.Target)
		}
	}
	if want := sum / total; math.Abs(after.Overall.Score-want) > 1e-9 {
		t.Errorf("overall %.4f, want the weighted mean %.4f", after.Overall.Score, want)
	}
	if math.Abs(after.Overall.Score-before.Overall.Score) < 1e-6 {
		t.Errorf("overall unchanged at %.4f", after.Overall.Score)
	}

	// Every screen reads the reloaded snapshot: it scores as the store does.
	p, _ := s.State().Current(s.Filters())
	if got := s.State().Scorer.Summary("Online", p).Overall.Score; got != after.Overall.Score {
		t.Errorf("snapshot scores %.4f, workspace %.4f", got, after.Overall.Score)
	}
	if got := r.row(t, model.Strategy).now.Text; !strings.Contains(got, "target 4.50") {
		t.Errorf("strategy now shows %q", got)
	}
	if got := r.row(t, model.Strategy).target.Text; got != "4.5" {
		t.Errorf("the form shows target %q after reload", got)
	}
}

func TestRejectsBadInput(t *testing.T) {
	r, s := screenOn(t, true)
	cases := []struct {
		name string
		set  func()
		want string
	}{
		{"negative weight", func() { r.row(t, model.Design).weight.SetText("-1") }, "Design: weight -1 must be above 0"},
		{"zero weight", func() { r.row(t, model.Design).weight.SetText("0") }, "Design: weight 0 must be above 0"},
		{"text weight", func() { r.row(t, model.Culture).weight.SetText("heavy") }, `Culture: weight "heavy" is not a number`},
		{"target above 5", func() { r.row(t, model.Strategy).target.SetText("7") }, "Strategy: target 7 must be a maturity score from 1 to 5"},
		{"target below 1", func() { r.row(t, model.Strategy).target.SetText("0.5") }, "target 0.5 must be a maturity score from 1 to 5"},
		{"text target", func() { r.row(t, model.Governance).target.SetText("high") }, `Governance: target "high" is not a number`},
		{"infinite target", func() { r.row(t, model.Governance).target.SetText("Inf") }, `target "Inf" is not a number`},
		{"empty level", func() { r.levels[2].SetText("  ") }, "Level 3: the name is empty."},
		{"duplicate level", func() { r.levels[3].SetText("developing") }, `Levels 2 and 4 are both called "developing"`},
		{"long level", func() { r.levels[0].SetText(strings.Repeat("x", 41)) }, "Level 1: the name is longer than 40 characters."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r.fill(r.fw)
			c.set()
			wait(t, r.save())
			if !r.message.Visible() || r.message.Importance != widget.DangerImportance || !strings.Contains(r.message.Text, c.want) {
				t.Errorf("message %q (importance %v), want %q", r.message.Text, r.message.Importance, c.want)
			}
			if _, err := screentest.OpenStore(t, s.Workspace()).Setting(context.Background(), "framework"); !errors.Is(err, workspace.ErrNotFound) {
				t.Errorf("bad input was saved (%v)", err)
			}
		})
	}
}

func TestFormParsesWhatPeopleType(t *testing.T) {
	base := model.DefaultFramework()
	form := form{Levels: base.LevelNames,
		Weights: []string{" 2 ", "", "1,5", "1", "1", "1"},
		Targets: []string{"", " 3.25", "5", "1", "", ""}}
	fw, err := form.framework(base)
	if err != nil {
		t.Fatal(err)
	}
	wantW := []float64{2, 1, 1.5, 1, 1, 1}
	wantT := []float64{0, 3.25, 5, 1, 0, 0}
	for i, d := range fw.Disciplines {
		got := 0.0
		if d.Target != nil {
			got = *d.Target
		}
		if d.Weight != wantW[i] || got != wantT[i] {
			t.Errorf("%s: weight %v target %v, want %v and %v", d.Key, d.Weight, got, wantW[i], wantT[i])
		}
	}
	if base.Disciplines[0].Weight != 1 {
		t.Error("the form changed the framework it started from")
	}
	form.Weights[0], form.Targets[0] = "-2", "9"
	_, err = form.framework(base)
	if err == nil || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("want both problems, one per line: %v", err)
	}
}

func TestDefaultUnitAppliesWhenTheWorkspaceOpens(t *testing.T) {
	r, s := screenOn(t, true)
	ctx := context.Background()
	if got := s.Workspace().DefaultUnit(ctx); got != model.AllUnits {
		t.Errorf("a new workspace's default unit is %q", got)
	}
	r.unit.SetSelected("Online")
	wait(t, r.save())
	if got := s.Workspace().DefaultUnit(ctx); got != "Online" {
		t.Fatalf("stored default unit %q", got)
	}
	if s.Filters().Unit != model.AllUnits {
		t.Error("saving the default changed the current filter")
	}

	// Opening the workspace again starts on its default unit.
	path := s.Workspace().Path()
	ws, err := workspace.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	s.SwitchTo(ws)
	wait(t, s.Reload())
	wait(t, r.unitLoaded)
	if s.Filters().Unit != "Online" || r.unit.Selected != "Online" {
		t.Errorf("after opening: filter %q, settings show %q", s.Filters().Unit, r.unit.Selected)
	}
}

func TestThemeAppliesAtOnce(t *testing.T) {
	r, s := screenOn(t, false)
	a := s.App()
	bg := func() color.Color {
		return a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant())
	}
	cases := []struct {
		Label, Pref string
		want        color.Color
	}{
		{"Dark", screen.ThemeDark, theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)},
		{"Light", screen.ThemeLight, theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)},
		{"Same as the system", screen.ThemeSystem, nil},
	}
	for _, c := range cases {
		t.Run(c.Pref, func(t *testing.T) {
			r.theme.SetSelected(c.Label)
			if got := a.Preferences().String(screen.PrefTheme); got != c.Pref {
				t.Errorf("preference %q", got)
			}
			if c.want == nil {
				if a.Settings().Theme() != theme.DefaultTheme() {
					t.Errorf("theme %T, want the default theme", a.Settings().Theme())
				}
				return
			}
			if got := bg(); got != c.want {
				t.Errorf("background %v, want %v", got, c.want)
			}
		})
	}

	// At start-up the stored preference is applied.
	b := test.NewTempApp(t)
	b.Preferences().SetString(screen.PrefTheme, screen.ThemeDark)
	screen.ApplyThemePreference(b)
	if got, want := b.Settings().Theme().Color(theme.ColorNameForeground, theme.VariantLight),
		theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantDark); got != want {
		t.Errorf("start-up foreground %v, want dark %v", got, want)
	}
}

func TestCatalogueListsTheMetrics(t *testing.T) {
	r, s := screenOn(t, true)
	if got, want := len(r.catalog.rows), len(s.State().Metrics); got != want || got == 0 {
		t.Fatalf("%d rows for %d metrics", got, want)
	}
	var nps []string
	for _, row := range r.catalog.rows {
		if row[0] == "NPS" {
			nps = row
		}
	}
	if nps == nil || nps[1] != "Strategy" || nps[2] != "thresholds" || nps[3] != "-20 / 0 / 20 / 40 / 60" || nps[6] != "40 points" {
		t.Errorf("NPS row %q", nps)
	}
	empty, _ := screenOn(t, false)
	if !empty.catalog.empty.Visible() {
		t.Error("no hint for an empty catalogue")
	}
}

func TestGolden(t *testing.T) {
	for _, v := range []string{screen.ThemeLight, screen.ThemeDark} {
		t.Run(v, func(t *testing.T) {
			_, s := screenOn(t, true)
			s.App().Settings().SetTheme(screen.ThemeFor(v))
			test.AssertImageMatches(t, "settings_"+v+".png", s.Window().Canvas().Capture())
		})
	}
}
