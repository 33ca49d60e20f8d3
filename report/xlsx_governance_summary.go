package report

import (
	"fmt"

	"cxdash/model"
)

// writeSummaryGovernance adds the governance block to the Summary, under
// its charts: open and overdue actions, open issues by severity, the
// overdue actions in red and the next events. It says so when there is
// nothing to show, so a reader knows governance was not forgotten.
func (x *xlsxReport) writeSummaryGovernance() error {
	const sh = sheetSummary
	g := x.gov
	_, _, row := x.chartRows()
	if err := x.setRow(sh, row, []any{"Governance on " + g.asOf.Format("2 January 2006")}); err != nil {
		return err
	}
	if err := x.style(sh, 1, row, 1, row, x.st.title); err != nil {
		return err
	}
	row++
	type count struct {
		label string
		n     int
		warn  bool // shown in red
	}
	counts := []count{
		{"Open actions", g.open, false},
		{"Overdue actions", len(g.overdue), len(g.overdue) > 0},
		{"Open CX issues", g.openIssues, false},
	}
	for i := len(model.Severities) - 1; i >= 0; i-- {
		n := g.openBySeverity[i]
		counts = append(counts, count{"Open issues: " + string(model.Severities[i]), n, n > 0 && model.Severities[i] == model.SeverityCritical})
	}
	counts = append(counts, count{"Events on the timeline", len(g.events), false})
	for _, c := range counts {
		if err := x.setRow(sh, row, []any{c.label, c.n}); err != nil {
			return err
		}
		if err := x.style(sh, 1, row, 1, row, x.st.label); err != nil {
			return err
		}
		style := x.st.integer
		if c.warn {
			style = x.st.warn
		}
		if err := x.style(sh, 2, row, 2, row, style); err != nil {
			return err
		}
		row++
	}

	row++
	if len(g.overdue) == 0 {
		if err := x.setRow(sh, row, []any{"No overdue actions."}); err != nil {
			return err
		}
	} else {
		if err := x.header(sh, row, []string{"Overdue action", "Due", "Days late", "Owner", "Status", "Unit"}, nil, false); err != nil {
			return err
		}
		for i, a := range g.overdue[:min(len(g.overdue), summaryOverdueRows)] {
			r := row + 1 + i
			if err := x.setRow(sh, r, []any{text(a.Title), day(a.Due), g.daysLate(a), text(a.Owner), actionStatus(a), text(a.Unit)}); err != nil {
				return err
			}
			if err := x.style(sh, 1, r, 6, r, x.st.late); err != nil {
				return err
			}
			if err := x.style(sh, 2, r, 2, r, x.st.lateDay); err != nil {
				return err
			}
		}
		row += 1 + min(len(g.overdue), summaryOverdueRows)
		if more := len(g.overdue) - summaryOverdueRows; more > 0 {
			if err := x.setRow(sh, row, []any{fmt.Sprintf("… and %d more: see the Actions sheet.", more)}); err != nil {
				return err
			}
			row++
		}
	}

	row++
	if len(g.upcoming) == 0 {
		return x.setRow(sh, row, []any{"No upcoming events."})
	}
	if err := x.header(sh, row, []string{"Next event", "Date", "Unit", "Description"}, nil, false); err != nil {
		return err
	}
	for i, e := range g.upcoming {
		r := row + 1 + i
		if err := x.setRow(sh, r, []any{text(e.Title), day(e.Date), model.UnitLabel(e.Unit), text(e.Description)}); err != nil {
			return err
		}
		if err := x.style(sh, 2, r, 2, r, x.st.day); err != nil {
			return err
		}
	}
	return nil
}
