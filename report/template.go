package report

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

// The template's sheets. The importer recognises sheets by their headers,
// not these names; Instructions has no header and is skipped, Lists is
// hidden and skipped.
const (
	sheetInstructions = "Instructions"
	sheetCatalogue    = "Catalogue"
	sheetData         = "Data"
	sheetLists        = "Lists"
)

// catalogueHeader and longHeader are the columns of a catalogue sheet and
// of a long data sheet, as the demo workbook has them.
var (
	catalogueHeader = []string{"Metric", "Discipline", "Measure unit", "Direction", "Scale",
		"t1", "t2", "t3", "t4", "t5", "Weight", "Target", "Owner"}
	longHeader = []string{"Period", "Business unit", "Discipline", "Metric", "Value", "Note"}
)

// catalogueListRows is how far down the Catalogue sheet the Data sheet's
// metric drop-down looks, so that metrics added later appear in it too.
const catalogueListRows = 1000

// WriteTemplate writes a blank import workbook to w: instructions, a
// catalogue pre-filled with metrics (a default set when there are none),
// an empty Data sheet in the long layout with drop-downs for discipline,
// business unit (units; any value when there are none) and metric, and
// empty Owners, Actions, Issues and Events sheets with drop-downs for
// their types, statuses, severities, cadences and disciplines.
func WriteTemplate(w io.Writer, metrics []model.Metric, units []string) (err error) {
	if len(metrics) == 0 {
		metrics = defaultTemplateMetrics()
	}
	units = cleanUnits(units)
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	st, err := newTemplateStyles(f)
	if err != nil {
		return fmt.Errorf("template: styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", sheetInstructions); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	// The sheets are made first, in reading order, so that the hidden
	// Lists sheet, made when a list needs it, comes last.
	for _, sheet := range []string{sheetCatalogue, sheetData, model.SheetOwners, model.SheetActions, model.SheetIssues, model.SheetEvents} {
		if _, err := f.NewSheet(sheet); err != nil {
			return fmt.Errorf("template: sheet %s: %w", sheet, err)
		}
	}
	steps := []struct {
		sheet string
		write func() error
	}{
		{sheetInstructions, func() error { return writeInstructions(f, st, metrics, units) }},
		{sheetCatalogue, func() error { return writeTemplateCatalogue(f, st, metrics) }},
		{sheetData, func() error { return writeTemplateData(f, st, units) }},
		{"governance", func() error { return writeTemplateGovernance(f, st, metrics, units) }},
	}
	for _, s := range steps {
		if err := s.write(); err != nil {
			return fmt.Errorf("template: sheet %s: %w", s.sheet, err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// WriteTemplateFile writes the template to path. It writes a temporary
// file in the same directory and renames it into place, so a failed write
// leaves nothing under path.
func WriteTemplateFile(path string, metrics []model.Metric, units []string) error {
	return writeFile(path, func(w io.Writer) error { return WriteTemplate(w, metrics, units) })
}

// defaultTemplateMetrics is the catalogue of a workspace with none: the
// well-known KPIs and one assessment item per discipline.
func defaultTemplateMetrics() []model.Metric {
	var out []model.Metric
	for _, name := range []string{"NPS", "CSAT %", "CES", "Churn %", "Retention %", "FCR %"} {
		m, _ := model.KnownKPI(name)
		out = append(out, m)
	}
	items := map[string]string{
		model.Strategy:      "CX vision documented and communicated",
		model.Understanding: "Journey maps maintained for top journeys",
		model.Design:        "Journeys redesigned with customers",
		model.Measurement:   "Closed-loop feedback process",
		model.Governance:    "CX steering committee meets monthly",
		model.Culture:       "Employees trained in CX",
	}
	for _, d := range model.DisciplineKeys {
		out = append(out, model.NewLevelMetric(items[d], d))
	}
	return out
}

// cleanUnits trims units and drops blanks and repeats, keeping the order.
func cleanUnits(units []string) []string {
	var out []string
	for _, u := range units {
		u = strings.TrimSpace(u)
		if u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// writeInstructions writes the Instructions sheet: text in one column, so
// the importer never takes it for data. The example row is shown here, as
// text, and not in the Data sheet where it could be imported by mistake.
func writeInstructions(f *excelize.File, st templateStyles, metrics []model.Metric, units []string) error {
	unitNote := "Leave the business unit blank for " + model.AllUnits + ", or name any unit."
	exampleUnit := "Retail"
	if len(units) > 0 {
		unitNote = "Business units of this workspace: " + strings.Join(units, ", ") +
			". A new name is fine; blank means " + model.AllUnits + "."
		exampleUnit = units[0]
	}
	m := metrics[0]
	discipline := m.Discipline
	if d, ok := model.DefaultFramework().Discipline(m.Discipline); ok {
		discipline = d.Name
	}
	exampleValue := "3"
	if m.Scale == model.ScaleThresholds {
		exampleValue = strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", m.Thresholds[2]), "0"), ".")
	}
	const h = "#" // marks a heading
	lines := []string{
		"cxdash import template",
		"",
		h + "How to use this workbook",
		"1. Check the Catalogue sheet: one row per metric. Edit, add or remove rows; it is imported with the data.",
		"2. Enter the values in the Data sheet, one per row: period, business unit, discipline, metric, value and an optional note.",
		"3. Import the workbook into cxdash: drop it on the window, or run `cxdash import FILE.xlsx`. Every problem is listed with its cell.",
		"",
		h + "Sheets",
		"Instructions: this text. It is never imported.",
		"Catalogue: the metrics. Metric; Discipline; Measure unit (%, points, level...); Direction: higher or lower is better; " +
			"Scale: level or thresholds; t1..t5: the values at which levels 1..5 are reached (scale thresholds only, " +
			"falling when lower is better); Weight (default 1); Target, in the metric's unit; Owner.",
		"Data: the values. The discipline may be left blank for metrics of the Catalogue.",
		"Owners, Actions, Issues, Events: governance, optional (see below). Leave a sheet empty when you have nothing for it.",
		"",
		h + "Periods",
		"Write 2024-Q1, Q1 2024, Jan 2024, 2024-01 or 2024, or enter a date: a date stands for its month.",
		"",
		h + "Disciplines",
		strings.Join(disciplineNames(), ", ") + ". Common other names (Insight, VoC, KPIs, People...) are understood too.",
		"",
		h + "Business units",
		unitNote,
		"",
		h + "Values",
		"Numbers. Percentages are in percent points: 45% is stored as 45 (typing 45% in a cell is fine too).",
		"Blank cells, n/a and - are skipped and counted. Anything else that is not a number is reported with its cell.",
		"Scale level: the value already is a 1..5 maturity score. Scale thresholds: 1 at t1 or worse, 5 at t5 or better, linear in between.",
		"",
		h + "Example",
		"A Data row looks like this (shown only here, so that it is never imported by mistake):",
		fmt.Sprintf("EXAMPLE   Period: 2024-Q1   Business unit: %s   Discipline: %s   Metric: %s   Value: %s   Note: after the spring campaign",
			exampleUnit, discipline, m.Name, exampleValue),
	}
	lines = append(lines, governanceInstructions(h, exampleUnit, m.Name)...)
	if err := f.SetColWidth(sheetInstructions, "A", "A", 130); err != nil {
		return err
	}
	for i, line := range lines {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		style := 0
		switch {
		case i == 0:
			style = st.title
		case strings.HasPrefix(line, h):
			line, style = line[len(h):], st.heading
		}
		if err := f.SetCellStr(sheetInstructions, cell, line); err != nil {
			return err
		}
		if style != 0 {
			if err := f.SetCellStyle(sheetInstructions, cell, cell, style); err != nil {
				return err
			}
		}
	}
	return nil
}

type templateStyles struct{ title, heading, header, text, day int }

func newTemplateStyles(f *excelize.File) (templateStyles, error) {
	var s templateStyles
	var err error
	if s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "0B5563"}}); err != nil {
		return s, err
	}
	if s.heading, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "0B5563"}}); err != nil {
		return s, err
	}
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B5563"}},
		Border: []excelize.Border{{Type: "bottom", Color: "083D44", Style: 1}},
	}); err != nil {
		return s, err
	}
	// Text format (built-in 49) keeps "2024-01" and "Jan 2024" as typed
	// instead of letting Excel turn them into dates.
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return s, err
	}
	day := "yyyy-mm-dd"
	s.day, err = f.NewStyle(&excelize.Style{CustomNumFmt: &day})
	return s, err
}

func writeTemplateCatalogue(f *excelize.File, st templateStyles, metrics []model.Metric) error {
	if _, err := f.NewSheet(sheetCatalogue); err != nil {
		return err
	}
	if err := writeHeader(f, sheetCatalogue, catalogueHeader, st.header,
		[]float64{42, 24, 13, 10, 11, 7, 7, 7, 7, 7, 8, 8, 28}); err != nil {
		return err
	}
	fw := model.DefaultFramework()
	for i, m := range metrics {
		discipline := m.Discipline
		if d, ok := fw.Discipline(m.Discipline); ok {
			discipline = d.Name
		}
		row := []any{m.Name, discipline, m.Unit, string(m.Direction), string(m.Scale)}
		for _, t := range m.Thresholds {
			if m.Scale == model.ScaleThresholds {
				row = append(row, t)
			} else {
				row = append(row, nil)
			}
		}
		var target any
		if m.Target != nil {
			target = *m.Target
		}
		row = append(row, m.EffectiveWeight(), target, m.Owner)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheetCatalogue, cell, &row); err != nil {
			return err
		}
	}
	lists := []struct {
		col    string
		values []string
		prompt string
	}{
		{"B", disciplineNames(), "One of the six CX disciplines."},
		{"D", []string{string(model.HigherBetter), string(model.LowerBetter)}, "Is a higher or a lower value better?"},
		{"E", []string{string(model.ScaleLevel), string(model.ScaleThresholds)},
			"level: the value already is a 1..5 score. thresholds: scored through t1..t5."},
	}
	for _, l := range lists {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = l.col + "2:" + l.col + "1048576"
		if err := dv.SetDropList(l.values); err != nil {
			return err
		}
		dv.SetInput(catalogueHeader[colIndex(l.col)], l.prompt)
		dv.SetError(excelize.DataValidationErrorStyleStop, catalogueHeader[colIndex(l.col)],
			"Choose one of: "+strings.Join(l.values, ", ")+".")
		if err := f.AddDataValidation(sheetCatalogue, dv); err != nil {
			return err
		}
	}
	return nil
}

func writeTemplateData(f *excelize.File, st templateStyles, units []string) error {
	if _, err := f.NewSheet(sheetData); err != nil {
		return err
	}
	// The column style comes first: setting it restyles every cell of the
	// column, the header included.
	if err := f.SetColStyle(sheetData, "A", st.text); err != nil {
		return err
	}
	if err := writeHeader(f, sheetData, longHeader, st.header, []float64{12, 16, 24, 42, 10, 36}); err != nil {
		return err
	}
	var dvs []*excelize.DataValidation

	period := excelize.NewDataValidation(true)
	period.Sqref = "A2:A1048576"
	period.SetInput("Period", "2024-Q1, Q1 2024, Jan 2024, 2024-01, 2024 or a date.")
	dvs = append(dvs, period)

	unit := excelize.NewDataValidation(true)
	unit.Sqref = "B2:B1048576"
	if len(units) == 0 {
		unit.SetInput("Business unit", "Any name; leave blank for "+model.AllUnits+".")
	} else {
		if err := setList(f, unit, units, 1); err != nil {
			return err
		}
		unit.SetInput("Business unit", "Pick a business unit, or leave blank for "+model.AllUnits+".")
		unit.SetError(excelize.DataValidationErrorStyleWarning, "Business unit",
			"This business unit is new to the workspace. Keep it?")
	}
	dvs = append(dvs, unit)

	discipline := excelize.NewDataValidation(true)
	discipline.Sqref = "C2:C1048576"
	if err := discipline.SetDropList(disciplineNames()); err != nil {
		return err
	}
	discipline.SetInput("Discipline", "Optional when the metric is in the Catalogue.")
	discipline.SetError(excelize.DataValidationErrorStyleWarning, "Discipline",
		"Not one of the six disciplines. cxdash understands common other names; keep it?")
	dvs = append(dvs, discipline)

	metric := excelize.NewDataValidation(true)
	metric.Sqref = "D2:D1048576"
	metric.SetSqrefDropList(fmt.Sprintf("%s!$A$2:$A$%d", sheetCatalogue, catalogueListRows+1))
	metric.SetInput("Metric", "A metric of the Catalogue sheet.")
	metric.SetError(excelize.DataValidationErrorStyleWarning, "Metric",
		"This metric is not in the Catalogue sheet; it will be added as a new metric. Keep it?")
	dvs = append(dvs, metric)

	value := excelize.NewDataValidation(true)
	value.Sqref = "E2:E1048576"
	value.SetInput("Value", "A number; 45% is stored as 45. Blank, n/a and - are skipped.")
	dvs = append(dvs, value)

	for _, dv := range dvs {
		if err := f.AddDataValidation(sheetData, dv); err != nil {
			return err
		}
	}
	return nil
}

// setList makes dv a drop-down of values. Excel keeps an inline list to 255
// characters and splits it at commas, so longer lists, and lists whose
// values hold commas or quotes, go to column col of the hidden Lists sheet.
func setList(f *excelize.File, dv *excelize.DataValidation, values []string, col int) error {
	inline := !slices.ContainsFunc(values, func(v string) bool { return strings.ContainsAny(v, `,"`) })
	if inline {
		err := dv.SetDropList(values)
		if err == nil {
			return nil
		}
		if !errors.Is(err, excelize.ErrDataValidationFormulaLength) {
			return err
		}
	}
	if idx, _ := f.GetSheetIndex(sheetLists); idx < 0 {
		if _, err := f.NewSheet(sheetLists); err != nil {
			return err
		}
		if err := f.SetSheetVisible(sheetLists, false); err != nil {
			return err
		}
	}
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(col, i+1)
		if err := f.SetCellStr(sheetLists, cell, v); err != nil {
			return err
		}
	}
	letter, _ := excelize.ColumnNumberToName(col)
	dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$1:$%s$%d", sheetLists, letter, letter, len(values)))
	return nil
}

// writeHeader writes a styled header row, sets column widths and freezes
// the header.
func writeHeader(f *excelize.File, sheet string, header []string, style int, widths []float64) error {
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	if err := f.SetCellStyle(sheet, "A1", last, style); err != nil {
		return err
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

func disciplineNames() []string {
	var out []string
	for _, d := range model.DefaultFramework().Disciplines {
		out = append(out, d.Name)
	}
	return out
}

// colIndex is the 0-based index of a column letter.
func colIndex(letter string) int {
	n, _ := excelize.ColumnNameToNumber(letter)
	return n - 1
}
