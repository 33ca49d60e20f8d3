// Package report writes what cxdash hands out: the Excel report (styled,
// with native Excel charts), the offline interactive HTML report, the CSV
// export of observations, and the blank import template, a workbook people
// fill in and import again.
//
// Reports take plain Data, gathered by the caller (workspace.Workspace), never
// the store. Writers take an io.Writer, a context (checked every
// progressEvery observations) and an optional Progress callback; the *File
// variants write a temporary file in the target's directory and rename it
// into place, so a failed or cancelled export never leaves a half-written
// file under the name the user chose.
//
// User text is data, never code: the workbooks hold it as text cells, never
// formulas; the CSV neutralises cells a spreadsheet would run (Neutralise);
// the HTML escapes it for HTML and, inside <script>, as JSON with <, > and &
// escaped.
package report
