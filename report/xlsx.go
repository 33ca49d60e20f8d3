package report

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

// The Excel report's fixed sheets; one sheet per discipline sits between
// Units and Data.
const (
	sheetSummary = "Summary"
	sheetTrend   = "Trend"
	sheetUnits   = "Units"
	sheetObs     = "Data"
	sheetImports = "Imports"
)

// WriteXLSX writes the Excel report to w: a Summary sheet with native Excel
// charts over the workbook's own cells (so the client can restyle them),
// Trend and Units sheets the charts read, a sheet per discipline (metrics ×
// periods), the governance sheets (Owners, Actions, Issues, Events, with
// the importer's headers so that they import again, and Issue trends with
// a stacked chart of the issues when there are some), a Data sheet with
// every observation and its source, and an Imports sheet with the import
// log. The Summary ends with a governance block: open and overdue actions,
// open issues by severity, next events. User text is always written as
// text, never as a formula. progress counts observations written.
func WriteXLSX(ctx context.Context, w io.Writer, d Data, progress Progress) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("excel report: %w", cerr)
		}
	}()
	x := &xlsxReport{ctx: ctx, f: f, d: d.normalised(), progress: progress}
	x.gov = newGovernance(x.d)
	if err := x.write(); err != nil {
		return fmt.Errorf("excel report: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("excel report: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("excel report: %w", err)
	}
	return nil
}

// WriteXLSXFile writes the Excel report to path through a temporary file,
// so a failed or cancelled export leaves nothing under path.
func WriteXLSXFile(ctx context.Context, path string, d Data, progress Progress) error {
	return writeFile(path, func(w io.Writer) error { return WriteXLSX(ctx, w, d, progress) })
}

type xlsxReport struct {
	ctx      context.Context
	f        *excelize.File
	d        Data
	progress Progress
	st       xlsxStyles
	gov      *governance
	// disciplineSheets are the per-discipline sheet names, in framework order.
	disciplineSheets []string
}

func (x *xlsxReport) write() error {
	var err error
	if x.st, err = newXLSXStyles(x.f); err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	if err := x.f.SetSheetName("Sheet1", sheetSummary); err != nil {
		return err
	}
	used := map[string]bool{}
	gov := []string{model.SheetOwners, model.SheetActions, model.SheetIssues, model.SheetEvents}
	if len(x.gov.issues) > 0 {
		gov = append(gov, sheetIssueTrends)
	}
	for _, s := range append([]string{sheetSummary, sheetTrend, sheetUnits, sheetObs, sheetImports}, gov...) {
		used[strings.ToLower(s)] = true
	}
	for _, ds := range x.d.Summary.Disciplines {
		x.disciplineSheets = append(x.disciplineSheets, sheetName(ds.Name, used))
	}
	// Sheets are created first so that the tabs are in reading order.
	order := append(append(append([]string{sheetTrend, sheetUnits}, x.disciplineSheets...), gov...), sheetObs, sheetImports)
	for _, s := range order {
		if _, err := x.f.NewSheet(s); err != nil {
			return fmt.Errorf("sheet %s: %w", s, err)
		}
	}
	steps := []struct {
		sheet string
		write func() error
	}{
		{sheetSummary, x.writeSummary},
		{sheetTrend, x.writeTrend},
		{sheetUnits, x.writeUnits},
		{"disciplines", x.writeDisciplines},
		{"governance", x.writeGovernanceSheets},
		{sheetImports, x.writeImports},
		{sheetObs, x.writeObservations},
		{sheetSummary, x.addCharts},
		{sheetSummary, x.writeSummaryGovernance},
	}
	for _, s := range steps {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		if err := s.write(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.sheet, err)
		}
	}
	x.f.SetActiveSheet(0)
	return x.f.SetDocProps(&excelize.DocProperties{
		Title:       x.d.title(),
		Subject:     "CX maturity, " + model.UnitLabel(x.d.Unit) + ", " + x.d.Period.Label(),
		Creator:     "cxdash",
		Category:    model.ReportCategory, // importing the report back takes only its governance sheets
		Description: "Written by cxdash. Charts read the Summary, Trend and Units sheets.",
	})
}

type xlsxStyles struct {
	title, label, header, text          int
	score, scoreBold, delta, pct, value int
	integer, date                       int
	levels                              [5]int // conditional formats, level 1..5
	// Governance: calendar days, and overdue rows in red (text, days).
	day, late, lateDay, warn int
}

// levelColours fill levels 1..5 from red to green: the same scale as the
// HTML report.
var levelColours = [5]string{"F4CCCC", "FCE5CD", "FFF2CC", "D9EAD3", "B6D7A8"}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	fmtScore, fmtDelta, fmtDate, fmtValue := "0.00", "+0.00;-0.00;0.00", "yyyy-mm-dd hh:mm", "#,##0.00"
	fmtDay := "yyyy-mm-dd"
	lateFont, lateFill := &excelize.Font{Color: "9C0006"}, excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "0B5563"}}},
		{&s.label, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.header, excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B5563"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "083D44", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		}},
		{&s.text, excelize.Style{NumFmt: 49}},
		{&s.score, excelize.Style{CustomNumFmt: &fmtScore}},
		{&s.scoreBold, excelize.Style{CustomNumFmt: &fmtScore, Font: &excelize.Font{Bold: true}}},
		{&s.delta, excelize.Style{CustomNumFmt: &fmtDelta}},
		{&s.pct, excelize.Style{NumFmt: 9}},
		{&s.value, excelize.Style{CustomNumFmt: &fmtValue}},
		{&s.integer, excelize.Style{NumFmt: 3}},
		{&s.date, excelize.Style{CustomNumFmt: &fmtDate}},
		{&s.day, excelize.Style{CustomNumFmt: &fmtDay}},
		{&s.late, excelize.Style{Font: lateFont, Fill: lateFill}},
		{&s.lateDay, excelize.Style{Font: lateFont, Fill: lateFill, CustomNumFmt: &fmtDay}},
		{&s.warn, excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}}},
	}
	for _, def := range defs {
		id, err := f.NewStyle(&def.style)
		if err != nil {
			return s, err
		}
		*def.id = id
	}
	for i, c := range levelColours {
		id, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}})
		if err != nil {
			return s, err
		}
		s.levels[i] = id
	}
	return s, nil
}

// levelFormat colours cells holding a level 1..5.
func (x *xlsxReport) levelFormat(sheet, ref string) error {
	var opts []excelize.ConditionalFormatOptions
	for i := range x.st.levels {
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==",
			Value: fmt.Sprint(i + 1), Format: &x.st.levels[i]})
	}
	return x.f.SetConditionalFormat(sheet, ref, opts)
}

// scoreScale shades 1..5 scores from red through yellow to green.
func (x *xlsxReport) scoreScale(sheet, ref string) error {
	return x.f.SetConditionalFormat(sheet, ref, []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=",
		MinType: "num", MinValue: "1", MinColor: "#E06666",
		MidType: "num", MidValue: "3", MidColor: "#FFD966",
		MaxType: "num", MaxValue: "5", MaxColor: "#93C47D",
	}})
}

// header writes a styled header row at row, sets column widths and, when
// freeze, freezes the rows above and including it.
func (x *xlsxReport) header(sheet string, row int, cols []string, widths []float64, freeze bool) error {
	cell := cellName(1, row)
	if err := x.f.SetSheetRow(sheet, cell, &cols); err != nil {
		return err
	}
	if err := x.f.SetCellStyle(sheet, cell, cellName(len(cols), row), x.st.header); err != nil {
		return err
	}
	// Two lines, so that long discipline names wrap instead of hiding.
	if err := x.f.SetRowHeight(sheet, row, 30); err != nil {
		return err
	}
	if err := x.widths(sheet, widths); err != nil {
		return err
	}
	if !freeze {
		return nil
	}
	top := cellName(2, row+1)
	return x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: row, TopLeftCell: top,
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}})
}

func (x *xlsxReport) widths(sheet string, widths []float64) error {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

// printSetup prints sheet landscape, fitted to the page width, with the
// rows up to titleRows repeated on every page. The Summary, titleRows 0,
// is fitted on one page.
func (x *xlsxReport) printSetup(sheet string, titleRows int) error {
	landscape, wide, tall, fit := "landscape", 1, 0, true
	if titleRows == 0 {
		tall = 1
	}
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if titleRows == 0 {
		return nil
	}
	return x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("%s!$1:$%d", quoteSheet(sheet), titleRows)})
}

// setRow writes values from column 1 of row.
func (x *xlsxReport) setRow(sheet string, row int, values []any) error {
	return x.f.SetSheetRow(sheet, cellName(1, row), &values)
}

// style applies style to a rectangle of cells.
func (x *xlsxReport) style(sheet string, col1, row1, col2, row2, style int) error {
	return x.f.SetCellStyle(sheet, cellName(col1, row1), cellName(col2, row2), style)
}

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// absRange is an absolute reference such as Trend!$B$2:$B$9, for charts
// and defined names.
func absRange(sheet string, col1, row1, col2, row2 int) string {
	a, _ := excelize.CoordinatesToCellName(col1, row1, true)
	b, _ := excelize.CoordinatesToCellName(col2, row2, true)
	return quoteSheet(sheet) + "!" + a + ":" + b
}

func absCell(sheet string, col, row int) string {
	a, _ := excelize.CoordinatesToCellName(col, row, true)
	return quoteSheet(sheet) + "!" + a
}

// quoteSheet quotes a sheet name for a formula when it needs it.
func quoteSheet(name string) string {
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// sheetName makes a discipline name a valid, unused sheet name: Excel
// forbids : \ / ? * [ ], a leading or trailing apostrophe and more than 31
// characters, and compares names ignoring case.
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(strings.Join(strings.Fields(name), " "), "'")
	if name == "" || strings.EqualFold(name, "History") {
		name = "Discipline"
	}
	base := truncate(name, 31)
	name = base
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		name = truncate(base, 31-len(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// truncate cuts s to at most n characters.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}

// num is a number for a cell, or nil (an empty cell) for a missing or
// non-finite value, which Excel cannot store.
func num(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}

func optNum(f *float64) any {
	if f == nil {
		return nil
	}
	return num(*f)
}
