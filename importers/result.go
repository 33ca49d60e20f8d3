package importers

// SheetResult is what was found in one sheet.
type SheetResult struct {
	Name      string
	Layout    Layout
	Reason    string // why the sheet was skipped, or how it was recognised
	HeaderRow int    // 1-based; 0 when skipped
	Columns   []Column
	Signature string     // identity of the header layout, for remembered mappings
	Preview   [][]string // the first rows as parsed: period, unit, metric, value, note
	Rows      int        // data rows read
	Values    int        // values taken; records taken for a governance sheet
	Skipped   int        // blank, n/a and - cells
	// Survey is set for a respondent-level sheet (LayoutSurvey, or one
	// skipped for want of a KPI question): responses, KPIs with n and margin
	// of error, and the columns not stored (personal data, free text).
	Survey   *SurveySummary
	Problems []Problem
}

// Result is the outcome of reading one file.
type Result struct {
	File       string // base name
	Path       string
	Format     string // xlsx or csv
	Sheets     []SheetResult
	Problems   []Problem // every problem, in file order, file-level ones included
	Values     int
	Skipped    int
	NewMetrics []string // metrics the file adds to the catalogue
	Records    int      // governance records taken: owners, actions, issues, events
}

// OK reports whether the file can be imported: no problems.
func (r Result) OK() bool { return len(r.Problems) == 0 }

// Mapping is the sheet's column roles as found, the starting point for a
// user's changes (an override replaces the whole mapping).
func (s SheetResult) Mapping() Mapping {
	m := Mapping{}
	for _, c := range s.Columns {
		if c.Role != "" && c.Role != RoleIgnore {
			m[c.Index] = c.Role
		}
	}
	return m
}
