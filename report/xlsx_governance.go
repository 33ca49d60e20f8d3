package report

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

// The governance sheets (model.SheetOwners and the others) carry exactly
// the canonical headers (model.OwnersHeader and the others), so that a
// report read back as a workbook restores the records.

// sheetIssueTrends holds the issue counts by month and their chart.
const sheetIssueTrends = "Issue trends"

// summaryOverdueRows is how many overdue actions the Summary lists; the
// Actions sheet has them all.
const summaryOverdueRows = 15

// day is a date for a cell: a real Excel date, or an empty cell.
func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return model.Day(t)
}

// writeGovernanceSheets writes the Owners, Actions, Issues and Events
// sheets, and the issue counts with their chart when there are issues.
func (x *xlsxReport) writeGovernanceSheets() error {
	for _, s := range []struct {
		sheet string
		write func() error
	}{
		{model.SheetOwners, x.writeOwners}, {model.SheetActions, x.writeActions},
		{model.SheetIssues, x.writeIssues}, {model.SheetEvents, x.writeEvents},
		{sheetIssueTrends, x.writeIssueTrends},
	} {
		if err := s.write(); err != nil {
			return fmt.Errorf("sheet %s: %w", s.sheet, err)
		}
	}
	return nil
}

// govTable finishes a governance sheet of n rows: day columns (1-based)
// as dates, an autofilter and the print set-up.
func (x *xlsxReport) govTable(sh string, cols, n int, days ...int) error {
	if n > 0 {
		for _, c := range days {
			if err := x.style(sh, c, 2, c, n+1, x.st.day); err != nil {
				return err
			}
		}
	}
	if err := x.f.AutoFilter(sh, fmt.Sprintf("A1:%s", cellName(cols, n+1)), nil); err != nil {
		return err
	}
	return x.printSetup(sh, 1)
}

func (x *xlsxReport) writeOwners() error {
	const sh = model.SheetOwners
	if err := x.header(sh, 1, model.OwnersHeader, []float64{12, 34, 28, 10, 12, 15, 13}, true); err != nil {
		return err
	}
	for i, o := range x.gov.ownerships {
		row := []any{kindLabel(o.Kind), text(ownedName(x.d.Framework, o)), text(o.Owner), optNum(o.Target),
			day(o.TargetDate), text(capitalised(string(o.Cadence))), day(o.LastReviewed)}
		if err := x.setRow(sh, i+2, row); err != nil {
			return err
		}
	}
	return x.govTable(sh, len(model.OwnersHeader), len(x.gov.ownerships), 5, 7)
}

func (x *xlsxReport) writeActions() error {
	const sh = model.SheetActions
	if err := x.header(sh, 1, model.ActionsHeader, []float64{36, 44, 22, 28, 14, 24, 11, 12, 8, 11, 11}, true); err != nil {
		return err
	}
	fw := x.d.Framework
	for i, a := range x.gov.actions {
		row := []any{text(a.Title), text(a.Description), text(disciplineName(fw, a.Discipline)), text(a.Metric),
			text(a.Unit), text(a.Owner), day(a.Due), actionStatus(a), optNum(a.Gap),
			day(a.Created), day(a.Closed)}
		if err := x.setRow(sh, i+2, row); err != nil {
			return err
		}
	}
	if err := x.govTable(sh, len(model.ActionsHeader), len(x.gov.actions), 7, 10, 11); err != nil {
		return err
	}
	// Overdue actions in red, as the report's day judges them.
	for i, a := range x.gov.actions {
		if !a.Overdue(x.gov.asOf) {
			continue
		}
		if err := x.style(sh, 1, i+2, len(model.ActionsHeader), i+2, x.st.late); err != nil {
			return err
		}
		for _, c := range []int{7, 10, 11} {
			if err := x.style(sh, c, i+2, c, i+2, x.st.lateDay); err != nil {
				return err
			}
		}
	}
	return nil
}

func (x *xlsxReport) writeIssues() error {
	const sh = model.SheetIssues
	if err := x.header(sh, 1, model.IssuesHeader, []float64{11, 16, 14, 10, 44, 34, 13, 22, 30, 11}, true); err != nil {
		return err
	}
	fw := x.d.Framework
	for i, is := range x.gov.issues {
		row := []any{day(is.Date), text(is.Touchpoint), text(is.Unit), text(capitalised(string(is.Severity))),
			text(is.Description), text(is.RootCause), issueStatus(is),
			text(disciplineName(fw, is.Discipline)), text(x.gov.actionTitle(is)), day(is.Resolved)}
		if err := x.setRow(sh, i+2, row); err != nil {
			return err
		}
	}
	return x.govTable(sh, len(model.IssuesHeader), len(x.gov.issues), 1, 10)
}

func (x *xlsxReport) writeEvents() error {
	const sh = model.SheetEvents
	if err := x.header(sh, 1, model.EventsHeader, []float64{11, 16, 36, 60}, true); err != nil {
		return err
	}
	for i, e := range x.gov.events {
		// A blank unit is every unit, as the importer reads it.
		if err := x.setRow(sh, i+2, []any{day(e.Date), text(e.Unit), text(e.Title), text(e.Description)}); err != nil {
			return err
		}
	}
	return x.govTable(sh, len(model.EventsHeader), len(x.gov.events), 1)
}

// Issue trends layout: a chart at the top, the tables under it.
const (
	trendsChartRow = 4
	trendsTableRow = 26
)

// writeIssueTrends writes the issues opened per period by touchpoint (the
// stacked column chart reads them), by severity, and the time to resolve.
// The header cells name no period, metric or value, so the importer skips
// the sheet.
func (x *xlsxReport) writeIssueTrends() error {
	const sh = sheetIssueTrends
	g := x.gov
	if len(g.issues) == 0 {
		return nil
	}
	if err := x.f.SetCellStr(sh, "A1", "CX issues opened per "+g.gran.String()+", by touchpoint"); err != nil {
		return err
	}
	if err := x.style(sh, 1, 1, 1, 1, x.st.title); err != nil {
		return err
	}
	if err := x.f.SetCellStr(sh, "A2", "Counted by the day each issue happened. The chart reads the table under it."); err != nil {
		return err
	}
	widths := []float64{14}
	for range g.touchpoints {
		widths = append(widths, 13)
	}
	if err := x.widths(sh, append(widths, 9)); err != nil {
		return err
	}

	// By touchpoint.
	head := append(append([]string{"Opened in"}, g.touchpoints...), "Total")
	top := trendsTableRow
	if err := x.header(sh, top, head, nil, false); err != nil {
		return err
	}
	for i, p := range g.periods {
		row, total := []any{p.Label()}, 0
		for _, n := range g.counts[i] {
			row, total = append(row, n), total+n
		}
		if err := x.setRow(sh, top+1+i, append(row, total)); err != nil {
			return err
		}
	}
	first, last := top+1, top+len(g.periods)
	if err := x.style(sh, 2, first, len(head), last, x.st.integer); err != nil {
		return err
	}
	if err := x.style(sh, len(head), first, len(head), last, x.st.label); err != nil {
		return err
	}

	// By severity.
	sev := last + 2
	sevHead := []string{"Opened in"}
	for _, s := range model.Severities {
		sevHead = append(sevHead, capitalised(string(s)))
	}
	if err := x.header(sh, sev, append(sevHead, "Total"), nil, false); err != nil {
		return err
	}
	for i, p := range g.periods {
		row, total := []any{p.Label()}, 0
		for _, n := range g.bySeverity[i] {
			row, total = append(row, n), total+n
		}
		if err := x.setRow(sh, sev+1+i, append(row, total)); err != nil {
			return err
		}
	}

	// Time to resolve.
	res := sev + len(g.periods) + 2
	if err := x.header(sh, res, []string{"Touchpoint", "Resolved", "Still open", "Median days to resolve", "Longest (days)"}, nil, false); err != nil {
		return err
	}
	for i, r := range g.resolve {
		row := []any{r.touchpoint, r.resolved, r.open, nil, nil}
		if r.resolved > 0 {
			row[3], row[4] = r.median, r.longest
		}
		if err := x.setRow(sh, res+1+i, row); err != nil {
			return err
		}
	}
	if end := res + len(g.resolve); len(g.resolve) > 0 {
		if err := x.style(sh, 4, res+1, 5, end, x.st.score); err != nil {
			return err
		}
		if err := x.style(sh, 1, end, 1, end, x.st.label); err != nil {
			return err
		}
	}
	if err := x.printSetup(sh, 0); err != nil {
		return err
	}
	return x.issuesChart(sh, top, len(g.touchpoints), len(g.periods))
}

// issuesChart is a stacked column chart of the issues opened per period,
// one series per touchpoint, over the table whose header is at row top.
func (x *xlsxReport) issuesChart(sh string, top, touchpoints, periods int) error {
	first, last := top+1, top+periods
	var series []excelize.ChartSeries
	for c := 2; c <= touchpoints+1; c++ {
		series = append(series, excelize.ChartSeries{
			Name:       absCell(sh, c, top),
			Categories: absRange(sh, 1, first, 1, last),
			Values:     absRange(sh, c, first, c, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{touchpointColours[(c-2)%len(touchpointColours)][1:]}},
		})
	}
	zero := 0.0
	return x.f.AddChart(sh, cellName(1, trendsChartRow), &excelize.Chart{
		Type:      excelize.ColStacked,
		Series:    series,
		Title:     chartTitle("CX issues per " + x.gov.gran.String() + " by touchpoint"),
		Legend:    excelize.ChartLegend{Position: "right"},
		YAxis:     excelize.ChartAxis{Minimum: &zero, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		Dimension: excelize.ChartDimension{Width: 820, Height: 340},
		Format:    excelize.GraphicOptions{AltText: "Stacked column chart of CX issues per period by touchpoint", OffsetX: 4, OffsetY: 4},
	})
}
