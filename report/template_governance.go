package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

// The template's governance sheets hold the same canonical headers as the
// report's (model.OwnersHeader and the others), under which people enter
// owners, actions, CX issues and events. They are left empty: the examples
// are in the Instructions, as text, because a row here would be imported.

// templateListRows is how far down a sheet another sheet's drop-down
// looks (the Issues sheet's Action column lists the Actions sheet's titles).
const templateListRows = 1000

// validation makes the validation of column col (a letter), whose header
// is title: its prompt and its error carry the column's title.
type validation func(col, title string) (*excelize.DataValidation, error)

// govColumn is one governance column of the template: its width, whether
// it holds days, and its validation (nil: none).
type govColumn struct {
	width float64
	day   bool
	dv    validation
}

// governanceSheets writes the Owners, Actions, Issues and Events sheets.
func writeTemplateGovernance(f *excelize.File, st templateStyles, metrics []model.Metric, units []string) error {
	subjects := disciplineNames()
	for _, m := range metrics {
		subjects = append(subjects, m.Name)
	}
	unit := func(col, title string) (*excelize.DataValidation, error) {
		dv := newValidation(col)
		if len(units) == 0 {
			dv.SetInput(title, "A business unit; leave blank for all units.")
			return dv, nil
		}
		if err := setList(f, dv, units, 1); err != nil {
			return nil, err
		}
		dv.SetInput(title, "Pick a business unit, or leave blank for all units.")
		dv.SetError(excelize.DataValidationErrorStyleWarning, title, "This business unit is new to the workspace. Keep it?")
		return dv, nil
	}
	prompt := func(msg string) validation {
		return func(col, title string) (*excelize.DataValidation, error) {
			dv := newValidation(col)
			dv.SetInput(title, msg)
			return dv, nil
		}
	}
	owner := prompt("One person or team: a name, an e-mail address, or both as Name <name@example.com>.")
	discipline := dropDown(disciplineNames(), excelize.DataValidationErrorStyleWarning,
		"Not one of the six disciplines. cxdash understands common other names; keep it?")
	metric := func(col, title string) (*excelize.DataValidation, error) {
		dv := newValidation(col)
		dv.SetSqrefDropList(fmt.Sprintf("%s!$A$2:$A$%d", sheetCatalogue, catalogueListRows+1))
		dv.SetInput(title, "A metric of the Catalogue sheet, or blank.")
		dv.SetError(excelize.DataValidationErrorStyleWarning, title, "This metric is not in the Catalogue sheet. Keep it?")
		return dv, nil
	}
	sheets := []struct {
		name   string
		header []string
		cols   []govColumn
	}{
		{model.SheetOwners, model.OwnersHeader, []govColumn{
			{12, false, dropDown([]string{"Discipline", "Metric"}, excelize.DataValidationErrorStyleStop,
				"Discipline or Metric: what the row gives an owner and a target to.")},
			{34, false, func(col, title string) (*excelize.DataValidation, error) {
				dv := newValidation(col)
				if err := setList(f, dv, subjects, 2); err != nil {
					return nil, err
				}
				dv.SetInput(title, "The discipline, or the metric as the Catalogue names it.")
				dv.SetError(excelize.DataValidationErrorStyleWarning, title, "Neither a discipline nor a metric of the Catalogue. Keep it?")
				return dv, nil
			}},
			{28, false, owner},
			{10, false, prompt("A discipline: the maturity score to reach, 1 to 5. A metric: the value to reach, in its unit.")},
			{12, true, dateCheck("When the target should be reached, such as 2025-12-31.")},
			{15, false, dropDown(cadenceNames(), excelize.DataValidationErrorStyleStop,
				"How often the owner reviews it; blank for no review.")},
			{13, true, dateCheck("The day of the last review, such as 2025-03-31.")},
		}},
		{model.SheetActions, model.ActionsHeader, []govColumn{
			{36, false, prompt("What is to be done, in a few words. Titles are unique: importing a title again updates the action.")},
			{44, false, nil},
			{22, false, discipline},
			{28, false, metric},
			{14, false, unit},
			{24, false, owner},
			{11, true, dateCheck("The day the action is due, such as 2025-06-30.")},
			{12, false, dropDown(statusNames(model.ActionStatuses), excelize.DataValidationErrorStyleStop,
				"Open, In progress, Done or Dropped; blank is Open.")},
			{8, false, prompt("Optional: the gap to target the action closes, as a number.")},
			{11, true, dateCheck("The day the action was agreed; blank is the import day.")},
			{11, true, dateCheck("The day it was done or dropped.")},
		}},
		{model.SheetIssues, model.IssuesHeader, []govColumn{
			{11, true, dateCheck("The day the issue happened, such as 2025-03-31.")},
			{16, false, dropDown(model.Touchpoints, excelize.DataValidationErrorStyleWarning,
				"Not a usual touchpoint. Keep it?")},
			{14, false, unit},
			{10, false, dropDown(statusNames(model.Severities), excelize.DataValidationErrorStyleStop,
				"Low, Medium, High or Critical (or 1 to 4, 1 the worst).")},
			{44, false, prompt("What happened to customers.")},
			{34, false, nil},
			{13, false, dropDown(statusNames(model.IssueStatuses), excelize.DataValidationErrorStyleStop,
				"Open, Investigating or Resolved; blank is Open.")},
			{22, false, discipline},
			{30, false, func(col, title string) (*excelize.DataValidation, error) {
				dv := newValidation(col)
				dv.SetSqrefDropList(fmt.Sprintf("%s!$A$2:$A$%d", model.SheetActions, templateListRows+1))
				dv.SetInput(title, "The title of the action that fixes it, from the Actions sheet, or blank.")
				dv.SetError(excelize.DataValidationErrorStyleWarning, title, "No action has this title. Keep it?")
				return dv, nil
			}},
			{11, true, dateCheck("The day the issue was resolved.")},
		}},
		{model.SheetEvents, model.EventsHeader, []govColumn{
			{11, true, dateCheck("The day of the event, such as 2025-03-31.")},
			{16, false, unit},
			{36, false, prompt("A few words: Outage, Relaunch, Reorganisation...")},
			{60, false, nil},
		}},
	}
	for _, s := range sheets {
		if err := writeTemplateGovSheet(f, st, s.name, s.header, s.cols); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	return nil
}

func writeTemplateGovSheet(f *excelize.File, st templateStyles, sheet string, header []string, cols []govColumn) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	var widths []float64
	for i, c := range cols {
		widths = append(widths, c.width)
		if c.day {
			// Before the header: a column style restyles every cell of it.
			letter, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetColStyle(sheet, letter, st.day); err != nil {
				return err
			}
		}
	}
	if err := writeHeader(f, sheet, header, st.header, widths); err != nil {
		return err
	}
	for i, c := range cols {
		if c.dv == nil {
			continue
		}
		letter, _ := excelize.ColumnNumberToName(i + 1)
		dv, err := c.dv(letter, header[i])
		if err != nil {
			return fmt.Errorf("%s: %w", header[i], err)
		}
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return fmt.Errorf("%s: %w", header[i], err)
		}
	}
	return nil
}

// newValidation is a validation of column col below the header.
func newValidation(col string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = col + "2:" + col + "1048576"
	return dv
}

// dropDown is a drop-down of values; style says whether other values are
// refused (stop) or only questioned (warning).
func dropDown(values []string, style excelize.DataValidationErrorStyle, msg string) validation {
	return func(col, title string) (*excelize.DataValidation, error) {
		dv := newValidation(col)
		if err := dv.SetDropList(values); err != nil {
			return nil, err
		}
		dv.SetInput(title, msg)
		dv.SetError(style, title, "Choose one of: "+strings.Join(values, ", ")+".")
		return dv, nil
	}
}

// dateCheck asks for a date; a text that is none is questioned, not
// refused, since the importer reads more forms than Excel does.
func dateCheck(msg string) validation {
	return func(col, title string) (*excelize.DataValidation, error) {
		dv := newValidation(col)
		// Excel's date serials: 1900-01-01 to 9999-12-31.
		if err := dv.SetRange(1, 2958465, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return nil, err
		}
		dv.SetInput(title, msg)
		dv.SetError(excelize.DataValidationErrorStyleWarning, title, "This is not a date Excel knows. Write it as 2025-03-31. Keep it?")
		return dv, nil
	}
}

func cadenceNames() []string {
	var out []string
	for _, c := range model.Cadences {
		if c != model.CadenceNone {
			out = append(out, capitalised(string(c)))
		}
	}
	return out
}

// statusNames capitalises a list of statuses or severities for a drop-down.
func statusNames[S ~string](values []S) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = capitalised(string(v))
	}
	return out
}

// governanceInstructions explains the governance sheets, with an example
// row of each shown as text (h marks a heading).
func governanceInstructions(h, unit, metric string) []string {
	return []string{
		"",
		h + "Governance sheets",
		"Owners: who owns each discipline and metric, its target and when it is reviewed. Type: Discipline or Metric; " +
			"Name: the discipline, or the metric as the Catalogue names it; Target: a score 1 to 5 for a discipline, a value in the metric's unit for a metric; " +
			"Review cadence: Monthly, Quarterly or Yearly.",
		"Actions: what is being done about a gap. Title (unique: importing a title again updates that action); Status: Open, In progress, Done or Dropped; " +
			"Due, Created and Closed are dates; Gap: the gap to target the action closes.",
		"Issues: the CX issue log, one customer-experience failure per row. Severity: Low, Medium, High or Critical; Status: Open, Investigating or Resolved; " +
			"Action: the title of the action that fixes it.",
		"Events: dated annotations (an outage, a relaunch, a reorganisation) drawn on every trend chart. Leave Unit blank, or write All, for every unit.",
		"Owners are one person or team each: a name, an e-mail address, or Name <name@example.com>. Dates: 2025-03-31, 31 Mar 2025, or a date cell.",
		"The examples below are shown only here, so that they are never imported by mistake:",
		"EXAMPLE   Owners: Discipline | Strategy | Ana Souza <ana@example.com> | 4 | 2025-12-31 | Quarterly | 2025-03-31",
		fmt.Sprintf("EXAMPLE   Actions: Publish the CX vision | One page, signed by the board | Strategy | %s | %s | Ana Souza | 2025-06-30 | In progress | 0.5 | 2025-01-15 |",
			metric, unit),
		fmt.Sprintf("EXAMPLE   Issues: 2025-03-04 | Call centre | %s | High | Long waits on Mondays | Understaffed after the reorganisation | Resolved | Measurement | Publish the CX vision | 2025-03-11",
			unit),
		"EXAMPLE   Events: 2025-02-01 | All | App relaunch | New checkout flow",
	}
}
