package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

// Summary sheet layout: the headline block, then the discipline table at
// summaryTableRow, then the charts from summaryChartRow.
const (
	summaryTableRow = 13
	summaryChartRow = summaryTableRow + 8
)

var summaryHeader = []string{"Discipline", "Score", "Level", "Level name", "Previous period",
	"Change", "Target", "Gap to target", "Observations"}

// Columns of the discipline table the charts read.
const (
	colScore    = 2
	colLevel    = 3
	colPrevious = 5
	colTarget   = 7
)

func (x *xlsxReport) writeSummary() error {
	const sh = sheetSummary
	d, o := x.d, x.d.Summary.Overall
	if err := x.widths(sh, []float64{30, 17, 9, 16, 12, 10, 10, 12, 13}); err != nil {
		return err
	}
	if err := x.f.SetCellStr(sh, "A1", d.title()); err != nil {
		return err
	}
	if err := x.f.SetCellStyle(sh, "A1", "A1", x.st.title); err != nil {
		return err
	}
	coverage := fmt.Sprintf("%d of %d disciplines have data", int(o.Coverage*float64(len(model.DisciplineKeys))+0.5), len(model.DisciplineKeys))
	var score, level, levelName any = nil, nil, "no data in this period"
	if o.Present {
		score, level, levelName = num(o.Score), o.Level, o.LevelName
	}
	rows := []struct {
		label string
		value any
		style int
		extra any
	}{
		{"Business unit", model.UnitLabel(d.Unit), x.st.text, nil},
		{"Period", d.Period.Label(), x.st.text, nil},
		{"Generated", d.generated(), x.st.date, nil},
		{},
		{"Overall index (1–5)", score, x.st.scoreBold, nil},
		{"Level", level, x.st.integer, levelName},
		{"Change vs previous period", optNum(o.Delta), x.st.delta, nil},
		{"Target", optNum(o.Target), x.st.score, nil},
		{"Gap to target", optNum(o.Gap), x.st.score, nil},
		{"Coverage", num(o.Coverage), x.st.pct, coverage},
	}
	for i, r := range rows {
		row := i + 2
		if r.label == "" {
			continue
		}
		if err := x.setRow(sh, row, []any{r.label, r.value, r.extra}); err != nil {
			return err
		}
		if err := x.style(sh, 1, row, 1, row, x.st.label); err != nil {
			return err
		}
		if err := x.style(sh, 2, row, 2, row, r.style); err != nil {
			return err
		}
	}
	if err := x.levelFormat(sh, "B7"); err != nil {
		return err
	}
	if err := x.header(sh, summaryTableRow, summaryHeader, nil, false); err != nil {
		return err
	}
	first := summaryTableRow + 1
	for i, ds := range d.Summary.Disciplines {
		row := first + i
		values := []any{ds.Name, nil, nil, "no data", nil, nil, optNum(ds.Target), nil, ds.Rows}
		if ds.Present {
			values[1], values[2], values[3] = num(ds.Score), ds.Level, ds.LevelName
			values[5], values[7] = optNum(ds.Delta), optNum(ds.Gap)
			if p, ok := previous(ds); ok {
				values[4] = num(p)
			}
		}
		if err := x.setRow(sh, row, values); err != nil {
			return err
		}
	}
	last := first + len(d.Summary.Disciplines) - 1
	if last < first {
		return nil
	}
	for _, c := range []struct{ col, style int }{
		{colScore, x.st.score}, {colLevel, x.st.integer}, {colPrevious, x.st.score}, {6, x.st.delta},
		{colTarget, x.st.score}, {8, x.st.score}, {9, x.st.integer},
	} {
		if err := x.style(sh, c.col, first, c.col, last, c.style); err != nil {
			return err
		}
	}
	if err := x.levelFormat(sh, fmt.Sprintf("C%d:C%d", first, last)); err != nil {
		return err
	}
	if err := x.scoreScale(sh, fmt.Sprintf("B%d:B%d", first, last)); err != nil {
		return err
	}
	return x.printSetup(sh, 0)
}

// writeTrend writes the unit's overall index and discipline scores per
// period: what the line chart draws.
func (x *xlsxReport) writeTrend() error {
	const sh = sheetTrend
	head := []string{"Period", "Overall index"}
	widths := []float64{12, 14}
	for _, ds := range x.d.Summary.Disciplines {
		head = append(head, ds.Name)
		widths = append(widths, 16)
	}
	head = append(head, "Coverage")
	widths = append(widths, 11)
	if err := x.header(sh, 1, head, widths, true); err != nil {
		return err
	}
	for i, s := range x.d.Trend {
		values := []any{s.Period.Label(), nil}
		if s.Overall.Present {
			values[1] = num(s.Overall.Score)
		}
		for _, ds := range s.Disciplines {
			if ds.Present {
				values = append(values, num(ds.Score))
			} else {
				values = append(values, nil)
			}
		}
		values = append(values, num(s.Overall.Coverage))
		if err := x.setRow(sh, i+2, values); err != nil {
			return err
		}
	}
	return x.finishTable(sh, len(head), len(x.d.Trend), 2, len(head)-1)
}

// writeUnits writes every unit's index and discipline scores in the period:
// what the bar chart compares.
func (x *xlsxReport) writeUnits() error {
	const sh = sheetUnits
	head := []string{"Business unit", "Overall index", "Level", "Level name"}
	widths := []float64{22, 14, 8, 14}
	for _, ds := range x.d.Summary.Disciplines {
		head = append(head, ds.Name)
		widths = append(widths, 16)
	}
	head = append(head, "Coverage")
	widths = append(widths, 11)
	if err := x.header(sh, 1, head, widths, true); err != nil {
		return err
	}
	for i, s := range x.d.Units {
		values := []any{s.Unit, nil, nil, "no data"}
		if s.Overall.Present {
			values[1], values[2], values[3] = num(s.Overall.Score), s.Overall.Level, s.Overall.LevelName
		}
		for _, ds := range s.Disciplines {
			if ds.Present {
				values = append(values, num(ds.Score))
			} else {
				values = append(values, nil)
			}
		}
		values = append(values, num(s.Overall.Coverage))
		if err := x.setRow(sh, i+2, values); err != nil {
			return err
		}
	}
	n := len(x.d.Units)
	if n > 0 {
		if err := x.style(sh, 3, 2, 3, n+1, x.st.integer); err != nil {
			return err
		}
		if err := x.levelFormat(sh, fmt.Sprintf("C2:C%d", n+1)); err != nil {
			return err
		}
		if err := x.style(sh, 5, 2, len(head)-1, n+1, x.st.score); err != nil {
			return err
		}
		if err := x.scoreScale(sh, fmt.Sprintf("E2:%s", cellName(len(head)-1, n+1))); err != nil {
			return err
		}
	}
	return x.finishTable(sh, len(head), n, 2, 2)
}

// finishTable formats a table of n data rows under a header in row 1:
// scores in columns scoreFrom..scoreTo, coverage in the last column, an
// autofilter and the print set-up.
func (x *xlsxReport) finishTable(sh string, cols, n, scoreFrom, scoreTo int) error {
	if n > 0 {
		if err := x.style(sh, scoreFrom, 2, scoreTo, n+1, x.st.score); err != nil {
			return err
		}
		if err := x.style(sh, cols, 2, cols, n+1, x.st.pct); err != nil {
			return err
		}
		if err := x.scoreScale(sh, fmt.Sprintf("%s:%s", cellName(scoreFrom, 2), cellName(scoreTo, n+1))); err != nil {
			return err
		}
	}
	if err := x.f.AutoFilter(sh, fmt.Sprintf("A1:%s", cellName(cols, max(n, 1)+1)), nil); err != nil {
		return err
	}
	return x.printSetup(sh, 1)
}

// addCharts puts three native charts on the Summary sheet, each reading
// cells of this workbook: a radar of the disciplines (now, previous period,
// target), the unit's maturity over time, and the units compared.
func (x *xlsxReport) addCharts() error {
	n := len(x.d.Summary.Disciplines)
	if n == 0 {
		return nil
	}
	first, last := summaryTableRow+1, summaryTableRow+n
	cats := absRange(sheetSummary, 1, first, 1, last)
	var radar []excelize.ChartSeries
	for _, col := range []int{colScore, colPrevious, colTarget} {
		radar = append(radar, excelize.ChartSeries{
			Name:       absCell(sheetSummary, col, summaryTableRow),
			Categories: cats,
			Values:     absRange(sheetSummary, col, first, col, last),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
		})
	}
	lo, hi := 0.0, 5.0
	if err := x.f.AddChart(sheetSummary, cellName(1, summaryChartRow), &excelize.Chart{
		Type:      excelize.Radar,
		Series:    radar,
		Title:     chartTitle("Disciplines: now, previous period and target"),
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorUnit: 1, MajorGridLines: true},
		Dimension: excelize.ChartDimension{Width: 520, Height: 360},
		Format:    excelize.GraphicOptions{AltText: "Radar chart of the six disciplines' scores", OffsetX: 4, OffsetY: 4},
	}); err != nil {
		return fmt.Errorf("radar chart: %w", err)
	}
	barHeight, lineRow, _ := x.chartRows()
	if len(x.d.Units) > 0 {
		rows := len(x.d.Units) + 1
		if err := x.f.AddChart(sheetSummary, cellName(6, summaryChartRow), &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name:       absCell(sheetUnits, 2, 1),
				Categories: absRange(sheetUnits, 1, 2, 1, rows),
				Values:     absRange(sheetUnits, 2, 2, 2, rows),
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B5563"}},
			}},
			Title:     chartTitle("Business units: overall index, " + x.d.Period.Label()),
			Legend:    excelize.ChartLegend{Position: "none"},
			XAxis:     excelize.ChartAxis{ReverseOrder: true},
			YAxis:     excelize.ChartAxis{Minimum: &lo, Maximum: &hi, MajorUnit: 1, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.00"}},
			Dimension: excelize.ChartDimension{Width: 500, Height: uint(barHeight)},
			Format:    excelize.GraphicOptions{AltText: "Bar chart of each business unit's overall index", OffsetX: 4, OffsetY: 4},
		}); err != nil {
			return fmt.Errorf("units chart: %w", err)
		}
	}
	if len(x.d.Trend) == 0 {
		return nil
	}
	rows := len(x.d.Trend) + 1
	var lines []excelize.ChartSeries
	for col := 2; col <= n+2; col++ {
		s := excelize.ChartSeries{
			Name:       absCell(sheetTrend, col, 1),
			Categories: absRange(sheetTrend, 1, 2, 1, rows),
			Values:     absRange(sheetTrend, col, 2, col, rows),
			Line:       excelize.LineOptions{Width: 1.75},
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 4},
		}
		if col == 2 { // the overall index stands out
			s.Line = excelize.LineOptions{Width: 3.5}
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"222222"}}
			s.Marker = excelize.ChartMarker{Symbol: "none"}
		}
		lines = append(lines, s)
	}
	lo1 := 1.0
	if err := x.f.AddChart(sheetSummary, cellName(1, lineRow), &excelize.Chart{
		Type:         excelize.Line,
		Series:       lines,
		Title:        chartTitle("Maturity over time: " + model.UnitLabel(x.d.Unit)),
		Legend:       excelize.ChartLegend{Position: "right"},
		YAxis:        excelize.ChartAxis{Minimum: &lo1, Maximum: &hi, MajorUnit: 1, MajorGridLines: true},
		ShowBlanksAs: "gap",
		Dimension:    excelize.ChartDimension{Width: 1020, Height: lineHeight},
		Format:       excelize.GraphicOptions{AltText: "Line chart of the overall index and discipline scores per period", OffsetX: 4, OffsetY: 4},
	}); err != nil {
		return fmt.Errorf("trend chart: %w", err)
	}
	return nil
}

// lineHeight is the trend chart's height in pixels.
const lineHeight = 380

// chartRows lays out the Summary's charts: the units chart grows with the
// units; the line chart goes below the taller of it and the radar; below
// is the first row free of charts. Rows are taken as 17 px, LibreOffice's
// default (Excel's are 20), so that nothing overlaps in either.
func (x *xlsxReport) chartRows() (barHeight, lineRow, free int) {
	barHeight = max(360, 80+24*len(x.d.Units))
	lineRow = summaryChartRow + barHeight/17 + 2
	free = lineRow
	if len(x.d.Trend) > 0 {
		free = lineRow + lineHeight/17 + 2
	}
	return barHeight, lineRow, free
}

func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Size: 12, Bold: true, Color: "0B5563"}}}}
}
