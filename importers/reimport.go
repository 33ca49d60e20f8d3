package importers

import (
	"strings"

	"cxdash/model"
)

// reportSkipReason is why a cxdash report's sheet is not imported.
const reportSkipReason = "a cxdash report's own summary of the workspace: only a report's " +
	"Owners, Actions, Issues and Events sheets are imported (import the original workbooks for the values)"

// isCxdashReport reads the document properties of a workbook. Reports
// written before the Category was set say so in their Description.
func isCxdashReport(category, description string) bool {
	return strings.EqualFold(strings.TrimSpace(category), model.ReportCategory) ||
		strings.HasPrefix(description, "Written by cxdash.")
}

// reportBook says whether book is a cxdash Excel report. A consultant sends
// the report out; the client edits its action plan, issue log, events and
// owners and sends it back. Those sheets import; the rest (Summary, a sheet
// per discipline, Trend, Units, Data, Imports) derive from values already in
// some workspace, and reading them as data would store scores as values and
// count every observation twice.
func reportBook(b Book) bool {
	rb, ok := b.(interface{ CxdashReport() bool })
	return ok && rb.CxdashReport()
}

// reportWithoutRecords is the problem of a cxdash report whose governance
// sheets are empty: importing it would add an empty batch.
const reportWithoutRecords = "a cxdash report: only its Owners, Actions, Issues and Events sheets " +
	"are imported, and they hold no records; import the original workbooks for the values"

// skipReportSheets skips every recognised sheet of a cxdash report but the
// governance ones.
func skipReportSheets(r *run, scans []*sheetScan) {
	for _, s := range scans {
		if s == nil || (s.lay != nil && isGovernance(s.lay.layout)) {
			continue
		}
		s.lay, s.hint = nil, ""
		r.release(s)
		r.skip(s, reportSkipReason)
		s.sr.HeaderRow, s.sr.Columns, s.sr.Signature, s.sr.Preview = 0, nil, "", nil
	}
}
