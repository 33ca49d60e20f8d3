package imports

import (
	"image/color"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// variant fixes the default theme to one variant, as the charts' golden
// tests do.
type variant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// scorecardWorkbook is a workbook as people send them: a read-me sheet,
// then a scorecard with quarters across and one cell that is not a number.
func scorecardWorkbook(t *testing.T) string {
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
	return writeWorkbook(t, filepath.Join(t.TempDir(), "north-scorecard.xlsx"),
		testSheet{"Read me", readme}, testSheet{"Scorecard", rows})
}

func TestImportGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(c.name, func(t *testing.T) {
			i, s := testScreen(t)
			s.App().Settings().SetTheme(variant{theme.DefaultTheme(), c.v})
			path := scorecardWorkbook(t)
			i.AddFiles([]string{path})
			waitIdle(t, i)
			if p := i.preview; p == nil || len(p.sheets) != 2 || p.tabs.SelectedIndex() != 1 {
				t.Fatal("the preview does not open on the scorecard sheet")
			}
			test.AssertImageMatches(t, "import_"+c.name+".png", s.Window().Canvas().Capture())
		})
	}
}
