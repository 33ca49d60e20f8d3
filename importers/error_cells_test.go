package importers_test

import (
	"strings"
	"testing"

	"cxdash/importers"
)

// TestFormulaErrorCells: #N/A means "not available" and is skipped like a
// blank; #DIV/0! is a broken formula and is reported at its cell.
func TestFormulaErrorCells(t *testing.T) {
	is := func(ref, s string) string {
		return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>`
	}
	row := func(n, period, metric, value string) string {
		return `<row r="` + n + `">` + is("A"+n, period) + is("B"+n, "Strategy") + is("C"+n, metric) + value + `</row>`
	}
	sheet := worksheet(
		`<row r="1">` + is("A1", "Period") + is("B1", "Discipline") + is("C1", "Metric") + is("D1", "Value") + `</row>` +
			row("2", "2024-Q1", "Vision", `<c r="D2"><v>3</v></c>`) +
			row("3", "2024-Q1", "Roadmap", `<c r="D3" t="e"><f>VLOOKUP(1,X1:X2,2)</f><v>#N/A</v></c>`) +
			row("4", "2024-Q1", "Budget", `<c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c>`))
	parts := xlsxPackage([]pkgSheet{{name: "Scores", xml: sheet}}, "", `<xf numFmtId="0"/>`, nil)
	rep, _ := semRead(t, writeZip(t, "errors.xlsx", parts), importers.Options{})
	if rep.Skipped != 1 {
		t.Errorf("skipped %d cells, want 1 (#N/A)", rep.Skipped)
	}
	got := semProblems(rep)
	if len(got) != 1 || !strings.Contains(got[0], "errors.xlsx: Scores!D4:") || !strings.Contains(got[0], "#DIV/0!") {
		t.Errorf("problems %q, want one at Scores!D4 naming #DIV/0!", got)
	}
}
