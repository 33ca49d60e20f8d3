// Package importers reads CX data from spreadsheets. The source layer
// (OpenBook) streams the sheets of an xlsx or csv file as typed cells; the
// semantic layer (Read) finds each sheet's layout and turns its rows into
// metrics and observations for a Sink, with every problem tied to its cell.
package importers

import (
	"context"
	"fmt"

	"cxdash/model"
)

// Problem is one thing wrong with the input, with its place.
type Problem struct {
	File    string // base name of the file
	Sheet   string // "" for csv and for file-level problems
	Cell    string // "C12" for xlsx; "line 12, column Value" for csv; "" for sheet- or file-level
	Message string
}

// Error formats the problem as DESIGN.md asks: "file: Sheet!C12: message",
// "file: line 12, column Value: message" for csv, "file: message" for the
// whole file.
func (p Problem) Error() string {
	switch {
	case p.Sheet != "" && p.Cell != "":
		return fmt.Sprintf("%s: %s!%s: %s", p.File, p.Sheet, p.Cell, p.Message)
	case p.Sheet != "":
		return fmt.Sprintf("%s: %s: %s", p.File, p.Sheet, p.Message)
	case p.Cell != "":
		return fmt.Sprintf("%s: %s: %s", p.File, p.Cell, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// Layout is what a sheet was recognised as.
type Layout string

// Layouts (DESIGN.md, "Import formats").
const (
	LayoutLong       Layout = "long"
	LayoutWidePeriod Layout = "wide-by-period"
	LayoutWideMetric Layout = "wide-by-metric"
	LayoutCatalogue  Layout = "catalogue"
	LayoutSkipped    Layout = "skipped" // no data: instructions, charts, empty, hidden

	// Governance sheets (governance.go).
	LayoutOwners  Layout = "owners"
	LayoutActions Layout = "actions"
	LayoutIssues  Layout = "issues"
	LayoutEvents  Layout = "events"
)

// Role is what a column means.
type Role string

// Column roles. Catalogue sheets use the metric attribute roles.
const (
	RoleIgnore     Role = "ignore"
	RolePeriod     Role = "period"
	RoleUnit       Role = "unit"
	RoleDiscipline Role = "discipline"
	RoleMetric     Role = "metric"
	RoleValue      Role = "value"
	RoleTarget     Role = "target"
	RoleNote       Role = "note"
	// RolePeriodValues: a wide-by-period column; Column.Period says which period.
	RolePeriodValues Role = "period-values"
	// RoleMetricValues: a wide-by-metric column; Column.Metric names the metric.
	RoleMetricValues Role = "metric-values"
	RoleMeasureUnit  Role = "measure-unit"
	RoleDirection    Role = "direction"
	RoleScale        Role = "scale"
	RoleT1           Role = "t1"
	RoleT2           Role = "t2"
	RoleT3           Role = "t3"
	RoleT4           Role = "t4"
	RoleT5           Role = "t5"
	RoleWeight       Role = "weight"
	RoleOwner        Role = "owner"
)

// Column is one mapped column of a sheet.
type Column struct {
	Index  int    // 0-based
	Letter string // "C"
	Header string // header text as found
	Role   Role
	Period model.Period // for RolePeriodValues
	Metric string       // for RoleMetricValues
}

// Mapping is a sheet's column roles, by 0-based column index. A user's
// override is remembered per header signature.
type Mapping map[int]Role

// Sink receives what an import writes. The store's batch transaction
// implements it. PutMetric comes before the first observation of a metric.
type Sink interface {
	PutMetric(ctx context.Context, m model.Metric) error
	AddObservation(ctx context.Context, o model.Observation) error
}

// GovernanceSink receives the governance sheets of a workbook (Owners,
// Actions, Issues, Events). A Sink that also implements it gets them; a
// Sink that does not gets an error for a workbook that holds such sheets.
type GovernanceSink interface {
	PutOwnership(ctx context.Context, o model.Ownership) error
	PutAction(ctx context.Context, a model.Action) error
	PutIssue(ctx context.Context, i model.CXIssue) error
	PutEvent(ctx context.Context, e model.Event) error
}

// Options steer a read.
type Options struct {
	// Catalogue looks up a metric already in the workspace by name.
	Catalogue func(name string) (model.Metric, bool)
	// RememberedMapping returns a mapping the user chose before for a header
	// signature.
	RememberedMapping func(signature string) (Mapping, bool)
	// Overrides are mappings chosen in the preview, by sheet name.
	Overrides map[string]Mapping
	// Progress is called now and then with rows done and the total (-1 when
	// unknown).
	Progress func(done, total int64)
	// PreviewRows is how many parsed rows each SheetResult keeps (default 10).
	PreviewRows int
	// TempDir is where excelize may unpack large sheets ("" = os.TempDir()).
	TempDir string
	// MaxProblems stops listing problems after this many (default 1000).
	MaxProblems int
	// Period is the period of rows that state none: a survey sheet without
	// a response date (DESIGN.md, "Batches").
	Period model.Period
	// Unit is the business unit of rows that name none, instead of All.
	Unit string
}
