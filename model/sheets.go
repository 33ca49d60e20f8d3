package model

// The governance sheets as cxdash's Excel report and template write them.
// The importer recognises a sheet by its header row, never by its name, and
// takes each canonical header among its synonyms; so a report read back as
// a workbook restores its records. A new column needs its header here, a
// role and synonyms in the importer (which checks, when the program starts,
// that every header names a field), and its cells in the report.
const (
	SheetOwners  = "Owners"
	SheetActions = "Actions"
	SheetIssues  = "Issues"
	SheetEvents  = "Events"
)

// The governance sheets' canonical headers, column by column.
var (
	OwnersHeader = []string{"Type", "Name", "Owner", "Target", "Target date", "Review cadence",
		"Last reviewed"}
	ActionsHeader = []string{"Title", "Description", "Discipline", "Metric", "Unit", "Owner", "Due",
		"Status", "Gap", "Created", "Closed"}
	IssuesHeader = []string{"Date", "Touchpoint", "Unit", "Severity", "Description", "Root cause",
		"Status", "Discipline", "Action", "Resolved"}
	EventsHeader = []string{"Date", "Unit", "Title", "Description"}
)

// ReportCategory marks a workbook written by cxdash's Excel report, in its
// document properties (Category). The report writes it; the importer looks
// for it and imports only such a workbook's governance sheets: the other
// sheets derive from values already in some workspace.
const ReportCategory = "cxdash report"
