package app

import (
	"context"
	"path/filepath"
	"testing"

	"cxdash/app/screen"
	"cxdash/workspace"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// importTestScreen shows the import screen alone in a window of the
// golden images' size, on the demo workspace, so that its images do not
// change when other screens add tabs.
func importTestScreen(t *testing.T) *importScreen {
	t.Helper()
	importTestClock(t)
	a := test.NewTempApp(t)
	dashInstallQueue(t)
	ctx, cancel := context.WithCancel(context.Background())
	ws, err := workspace.Open(ctx, dashTestDB(t, true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	t.Cleanup(cancel)
	s := screen.NewSession(ctx, a, test.NewTempWindow(t, widget.NewLabel("")), ws)
	s.Window().Resize(fyne.NewSize(1240, 780))
	var i *importScreen
	dataTestAct(func() {
		i = newImportScreen(s)
		s.Window().SetContent(i.content())
	})
	dashWait(t, s.Reload())
	importTestIdle(t, i)
	t.Cleanup(func() { importTestIdle(t, i) })
	return i
}

// importTestScorecard is a workbook as people send them: a read-me sheet,
// then a scorecard with quarters across and one cell that is not a number.
func importTestScorecard(t *testing.T) string {
	t.Helper()
	rows := [][]any{
		{"Acme Group — CX scorecard, north region"},
		{},
		{"Metric", "Area", "Region", "Q1 2026", "Q2 2026", "Q3 2026"},
		{"CX vision documented and communicated", "Strategy", "North", 2.5, 3, 3.5},
		{"Journey maps maintained for top journeys", "Customer understanding", "North", 2, 2.5, "tbc"},
		{"NPS", "Strategy", "North", 12, 18, 21},
		{"CSAT %", "Measurement", "North", "78%", "80%", "83%"},
		{"Churn %", "Governance", "North", 14.5, 13.9, "n/a"},
	}
	readme := [][]any{{"How to fill in this workbook"}, {"One row per metric, one column per quarter."}}
	return importTestWorkbook(t, filepath.Join(t.TempDir(), "north-scorecard.xlsx"),
		importTestSheet{"Read me", readme}, importTestSheet{"Scorecard", rows})
}

func TestImportGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(c.name, func(t *testing.T) {
			i := importTestScreen(t)
			i.s.App().Settings().SetTheme(dashVariant{theme.DefaultTheme(), c.v})
			path := importTestScorecard(t)
			dataTestAct(func() { i.importFiles([]string{path}) })
			importTestIdle(t, i)
			if p := i.preview; p == nil || len(p.sheets) != 2 || p.tabs.SelectedIndex() != 1 {
				t.Fatal("the preview does not open on the scorecard sheet")
			}
			test.AssertImageMatches(t, "import_"+c.name+".png", i.s.Window().Canvas().Capture())
		})
	}
}
