package model

// AllUnits is the business unit of rows that name none, and the label of the
// all-units view.
const AllUnits = "All"

// Source says where a value was read: batch, file, sheet and cell.
type Source struct {
	BatchID int64
	File    string
	Sheet   string
	Cell    string // A1 reference, or "line 12, column Value" for csv
}

// Observation is one value read from a spreadsheet.
type Observation struct {
	Metric string // metric name as in the catalogue
	Unit   string // business unit; AllUnits when the row names none
	Period Period
	Value  float64
	Note   string
	Source Source
}

// Value is what scoring needs of one metric in one unit and period: the sum
// and count of the observations that count there (those of the latest batch
// that has any, DESIGN.md rule 1). Sum and count, not a mean, so that months
// roll up to quarters as the mean of all their observations.
type Value struct {
	Metric  string
	Unit    string
	Period  Period
	Sum     float64
	Count   int
	BatchID int64
	// What answers need beside Sum and Count (0 for other metrics): the
	// sum of squares, and the answers at or beyond the metric's top and
	// bottom cut-offs.
	SumSq       float64
	Top, Bottom int
}

// Tally is the value's answers' sufficient statistics.
func (v Value) Tally() Tally {
	return Tally{N: v.Count, Sum: v.Sum, SumSq: v.SumSq, Top: v.Top, Bottom: v.Bottom}
}

// Mean is the metric value: the mean of the observations.
func (v Value) Mean() float64 {
	if v.Count == 0 {
		return 0
	}
	return v.Sum / float64(v.Count)
}
