package report

import (
	"fmt"
	"iter"
	"strings"
	"time"

	"cxdash/model"
)

// Data is everything a report shows. The caller gathers it (workspace.Workspace
// does, from the store), so report needs no database and tests build it by
// hand.
type Data struct {
	Workspace string       // client or workspace name, shown in titles
	Unit      string       // business unit, or model.AllUnits
	Period    model.Period // the period Summary scores
	Generated time.Time    // when the data was read; zero means now

	Framework model.Framework
	Summary   model.Summary   // Unit in Period
	Trend     []model.Summary // Unit in every period of Period's granularity, oldest first
	Units     []model.Summary // every business unit in Period, by name
	Metrics   []model.Metric  // the catalogue
	// Values are the current values: an observation counts when its batch
	// is the one its (metric, unit, period) value comes from.
	Values []model.Value

	// Observations yields the observations the report lists (those of Unit,
	// or all), in import order. An error ends the sequence.
	Observations iter.Seq2[model.Observation, error]
	// ObservationCount is how many Observations yields, for progress; 0
	// when unknown.
	ObservationCount int

	Batches []Batch // the import log, newest first

	// Governance: who owns what, the actions on the gaps, the CX issue log
	// and the timeline events. Actions come in due-date order, issues
	// newest first and events in date order, as the store lists them.
	Ownerships []model.Ownership
	Actions    []model.Action
	Issues     []model.CXIssue
	Events     []model.Event
	// AsOf is the day an action is judged overdue and an event upcoming;
	// zero means today.
	AsOf time.Time
}

// Batch is one import, as the report's import log lists it.
type Batch struct {
	ID         int64
	File       string
	ImportedAt time.Time
	User       string
	Rows       int // observations
	Skipped    int // blank, n/a and - cells
	Metrics    int
	SHA256     string
}

// Progress is told how many of total steps are done; total is 0 when
// unknown. It is called from the writing goroutine.
type Progress func(done, total int)

// progressEvery is how many observations pass between progress reports and
// context checks: often enough to feel live, rarely enough to cost nothing.
const progressEvery = 1000

func (p Progress) report(done, total int) {
	if p != nil {
		p(done, total)
	}
}

// normalised fills what a caller may leave out: the framework, the unit
// and the six disciplines of an empty summary, so writers index safely.
func (d Data) normalised() Data {
	if len(d.Framework.Disciplines) == 0 {
		d.Framework = model.DefaultFramework()
	}
	if strings.TrimSpace(d.Unit) == "" {
		d.Unit = model.AllUnits
	}
	if len(d.Summary.Disciplines) == 0 {
		for _, ds := range d.Framework.Disciplines {
			d.Summary.Disciplines = append(d.Summary.Disciplines, model.DisciplineScore{Key: ds.Key, Name: ds.Name})
		}
	}
	if d.Period.IsZero() {
		d.Period = d.Summary.Period
	}
	return d
}

// generated is d.Generated, or now.
func (d Data) generated() time.Time {
	if d.Generated.IsZero() {
		return time.Now()
	}
	return d.Generated
}

// title is the report's title line.
func (d Data) title() string {
	if strings.TrimSpace(d.Workspace) == "" {
		return "CX maturity report"
	}
	return "CX maturity report: " + d.Workspace
}

// valueKey identifies a current value. Metric is model.MetricKey; unit
// names compare case-insensitively, as the store compares them.
type valueKey struct {
	metric, unit string
	period       model.Period
}

// counter tells whether an observation counts in scoring and, when not,
// which batch replaced it.
type counter map[valueKey]int64

func newCounter(values []model.Value) counter {
	c := make(counter, len(values))
	for _, v := range values {
		c[valueKey{model.MetricKey(v.Metric), strings.ToLower(v.Unit), v.Period}] = v.BatchID
	}
	return c
}

// status is "yes" for an observation that counts, else what replaced it.
func (c counter) status(o model.Observation) string {
	unit := o.Unit
	if strings.TrimSpace(unit) == "" {
		unit = model.AllUnits
	}
	id, ok := c[valueKey{model.MetricKey(o.Metric), strings.ToLower(unit), o.Period}]
	switch {
	case !ok:
		return "no"
	case id == o.Source.BatchID:
		return "yes"
	}
	return fmt.Sprintf("no: replaced by batch %d", id)
}

// disciplines names each metric's discipline as the framework calls it.
type disciplines struct {
	byMetric map[string]string // MetricKey -> display name
}

func newDisciplines(fw model.Framework, metrics []model.Metric) disciplines {
	d := disciplines{byMetric: make(map[string]string, len(metrics))}
	for _, m := range metrics {
		name := m.Discipline
		if ds, ok := fw.Discipline(m.Discipline); ok {
			name = ds.Name
		}
		d.byMetric[model.MetricKey(m.Name)] = name
	}
	return d
}

func (d disciplines) of(metric string) string { return d.byMetric[model.MetricKey(metric)] }

// observationHeader is the columns of the Data sheet and of the CSV export.
var observationHeader = []string{"Period", "Business unit", "Discipline", "Metric", "Value", "Note",
	"Counts", "Batch", "File", "Sheet", "Cell"}

// previous is a discipline's score in the period before, when known.
func previous(ds model.DisciplineScore) (float64, bool) {
	if !ds.Present || ds.Delta == nil {
		return 0, false
	}
	return ds.Score - *ds.Delta, true
}

// metricRow is one metric of a discipline across the trend: its catalogue
// entry and its value and score per period (nil where it has no data).
type metricRow struct {
	name   string
	unit   string
	dir    model.Direction
	target *float64
	values []*float64
	scores []*float64
	// estimates hold, for a metric computed from answers, each period's n
	// and 95% margin of error (nil where it has no answers).
	estimates []*model.Estimate
}

// fromAnswers reports whether the metric's values are computed from
// answers in any period of the trend.
func (r metricRow) fromAnswers() bool {
	for _, e := range r.estimates {
		if e != nil {
			return true
		}
	}
	return false
}

// disciplineMetrics lists the catalogue metrics of discipline key, and any
// metric that has scores there, with their values over the trend.
func disciplineMetrics(d Data, key string) []metricRow {
	var rows []metricRow
	index := map[string]int{}
	add := func(name string) int {
		k := model.MetricKey(name)
		if i, ok := index[k]; ok {
			return i
		}
		index[k] = len(rows)
		rows = append(rows, metricRow{name: name, values: make([]*float64, len(d.Trend)), scores: make([]*float64, len(d.Trend)),
			estimates: make([]*model.Estimate, len(d.Trend))})
		return len(rows) - 1
	}
	for _, m := range d.Metrics {
		if m.Discipline != key {
			continue
		}
		r := &rows[add(m.Name)]
		r.unit, r.dir, r.target = m.Unit, m.Direction, m.Target
	}
	for p, s := range d.Trend {
		for _, ds := range s.Disciplines {
			if ds.Key != key {
				continue
			}
			for _, ms := range ds.Metrics {
				r := &rows[add(ms.Metric)]
				v, sc := ms.Value, ms.Score
				r.values[p], r.scores[p] = &v, &sc
				if ms.Answers {
					e := ms.Estimate
					r.estimates[p] = &e
				}
				if r.target == nil {
					r.target = ms.Target
				}
			}
		}
	}
	return rows
}
