// Package report writes what cxdash hands out: the Excel report (styled,
// with native Excel charts), the offline interactive HTML report, and the
// blank import template, a workbook people fill in and import again.
//
// Writers take an io.Writer; the *File variants write a temporary file in
// the target's directory and rename it into place, so a failed export never
// leaves a half-written file under the name the user chose.
package report
