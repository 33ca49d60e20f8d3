package importers

import (
	"fmt"
	"strings"

	"cxdash/model"
)

// maxCache bounds the per-text caches, so that a sheet of a million distinct
// strings does not keep them all.
const maxCache = 1 << 14

// metricOrigin says where a metric's definition came from.
type metricOrigin int

const (
	fromWorkspace      metricOrigin = iota // Options.Catalogue
	fromCatalogueSheet                     // a catalogue sheet of this file
	fromData                               // added from a data row of this file
)

// metricEntry is a metric as this import knows it.
type metricEntry struct {
	m       model.Metric
	origin  metricOrigin
	written bool   // in the sink (or needs no writing)
	dirty   bool   // its target changed after it was written
	defined string // catalogue sheet cell that defined it, for duplicates

	levelProblem int // index of the out-of-range problem, -1 none yet
	levelMore    int // further out-of-range values
}

// lookupMetric finds a metric in this file's catalogue sheets or the
// workspace's catalogue, or returns nil.
func (r *run) lookupMetric(name string) *metricEntry {
	if e := r.byText[name]; e != nil {
		return e
	}
	key := model.MetricKey(name)
	e := r.metrics[key]
	if e == nil && r.opts.Catalogue != nil {
		if m, ok := r.opts.Catalogue(strings.TrimSpace(name)); ok {
			e = &metricEntry{m: m, origin: fromWorkspace, written: true, levelProblem: -1}
			r.metrics[key] = e
		}
	}
	if e != nil && len(r.byText) < maxCache {
		r.byText[name] = e
	}
	return e
}

// newMetric adds a metric that no catalogue defines. A known KPI keeps its
// default thresholds (in the row's discipline if it has one, else
// Measurement); anything else needs a discipline and becomes a 1..5 level.
// It returns nil when the metric cannot be placed.
func (r *run) newMetric(name, disc string) *metricEntry {
	m, kpi := model.KnownKPI(name)
	switch {
	case kpi && disc != "":
		m.Discipline = disc
	case kpi:
	case disc != "":
		m = model.NewLevelMetric(name, disc)
	default:
		return nil
	}
	e := &metricEntry{m: m, origin: fromData, levelProblem: -1}
	r.metrics[model.MetricKey(name)] = e
	r.byText[name] = e
	r.res.NewMetrics = append(r.res.NewMetrics, m.Name)
	return e
}

// use writes e to the sink before its first observation.
func (r *run) use(e *metricEntry) error {
	if e.written || !r.writing() {
		return nil
	}
	e.written, e.dirty = true, false
	if err := r.sink.PutMetric(r.ctx, e.m); err != nil {
		return fmt.Errorf("importers: %s: save metric %q: %w", r.res.File, e.m.Name, err)
	}
	return nil
}

// setTarget records a Target cell: the last one read wins.
func (r *run) setTarget(e *metricEntry, v float64) {
	if e.m.Target != nil && *e.m.Target == v {
		return
	}
	e.m.Target = &v // a new pointer: the workspace's metric is not ours to change
	if e.written && !e.dirty {
		e.dirty = true
		r.written = append(r.written, e)
	}
}

// flushTargets writes metrics whose target changed after they were written.
func (r *run) flushTargets() error {
	for _, e := range r.written {
		if !e.dirty || !r.writing() {
			continue
		}
		e.dirty = false
		if err := r.sink.PutMetric(r.ctx, e.m); err != nil {
			return fmt.Errorf("importers: %s: save metric %q: %w", r.res.File, e.m.Name, err)
		}
	}
	return nil
}

// checkLevel reports a value outside 1..5 for a metric this import added as
// a level: such a metric is most likely a KPI that needs thresholds.
func (r *run) checkLevel(s *sheetScan, e *metricEntry, v float64, ref func() string) {
	if e.origin != fromData || e.m.Scale != model.ScaleLevel || (v >= 1 && v <= 5) {
		return
	}
	if e.levelProblem >= 0 || e.levelMore > 0 {
		e.levelMore++
		return
	}
	e.levelProblem = r.sheetProblem(s, ref(), fmt.Sprintf(
		"metric %s is not in the catalogue, so it would be added as a 1..5 maturity level, but its value is %s: "+
			"it looks like a KPI that needs thresholds; define it in a catalogue sheet (Metric, Discipline, Direction, Scale, t1..t5)",
		quoteCell(e.m.Name), formatValue(v)))
	if e.levelProblem < 0 {
		e.levelMore++
	}
}

// noteLevelCounts adds "and N more values" to out-of-range problems.
func (r *run) noteLevelCounts() {
	for _, e := range r.metrics {
		if e.levelProblem >= 0 && e.levelMore > 0 {
			r.problems.items[e.levelProblem].Message += fmt.Sprintf(" (and %d more values outside 1..5)", e.levelMore)
		}
	}
}

// maxHeld bounds the values kept for metrics not yet placed.
const maxHeld = 200_000

// pendingMetric is a metric that no catalogue defines and whose rows so far
// had no discipline. Its values wait for the end of the file: a later row
// may give its discipline, and the outcome must not depend on row order.
type pendingMetric struct {
	name    string
	hasDisc bool       // the sheet where it was first seen has a Discipline column
	sheet   *sheetScan // where it was first seen
	ref     string     // the first cell naming it
	rows    int
	held    []heldValue
	dropped int
	target  *float64
}

// heldValue is an observation waiting for its metric.
type heldValue struct {
	s *sheetScan
	o model.Observation
}

// hold keeps a value of a metric not placed yet; o is nil for a row that
// has other problems and only counts.
func (r *run) hold(s *sheetScan, name string, hasDisc bool, metricRef string, o *model.Observation) {
	key := model.MetricKey(name)
	pm := r.pending[key]
	if pm == nil && len(r.pending) >= maxCache {
		// Thousands of unknown names: not a catalogue gap but the wrong
		// column; report each at once rather than keep them all.
		r.sheetProblem(s, metricRef, unknownMetricMessage(name, hasDisc))
		return
	}
	if pm == nil {
		pm = &pendingMetric{name: name, hasDisc: hasDisc, sheet: s, ref: metricRef}
		r.pending[key] = pm
		r.pendingOrder = append(r.pendingOrder, key)
	}
	pm.rows++
	if o == nil {
		return
	}
	if r.heldCount >= maxHeld {
		pm.dropped++
		return
	}
	r.heldCount++
	pm.held = append(pm.held, heldValue{s: s, o: *o})
}

// settlePending writes the held values of metrics that a later row placed,
// and reports the rest, once per metric.
func (r *run) settlePending() error {
	for _, key := range r.pendingOrder {
		pm := r.pending[key]
		e := r.metrics[key]
		if e == nil {
			idx := r.sheetProblem(pm.sheet, pm.ref, unknownMetricMessage(pm.name, pm.hasDisc))
			if idx >= 0 && pm.rows > 1 {
				r.problems.items[idx].Message += fmt.Sprintf(" (and %d more rows)", pm.rows-1)
			}
			continue
		}
		if pm.dropped > 0 {
			r.sheetProblem(pm.sheet, pm.ref, fmt.Sprintf("metric %s has too many values before the first row that gives its discipline: give it on its first row or in a catalogue sheet", quoteCell(pm.name)))
		}
		if pm.target != nil {
			r.setTarget(e, *pm.target)
		}
		for _, h := range pm.held {
			h.o.Metric = e.m.Name
			r.checkLevel(h.s, e, h.o.Value, func() string { return h.o.Source.Cell })
			h.s.sr.Values++
			if len(h.s.sr.Preview) < r.opts.PreviewRows {
				h.s.sr.Preview = append(h.s.sr.Preview, previewRow(h.o))
			}
			if err := r.write(e, h.o); err != nil {
				return err
			}
		}
		r.res.Values += len(pm.held)
	}
	return nil
}

// write sends an observation to the sink, its metric first.
func (r *run) write(e *metricEntry, o model.Observation) error {
	if !r.writing() {
		return nil
	}
	if err := r.use(e); err != nil {
		return err
	}
	if err := r.sink.AddObservation(r.ctx, o); err != nil {
		return fmt.Errorf("importers: %s: save value from %s: %w", r.res.File, o.Source.Cell, err)
	}
	return nil
}

// unknownMetricMessage explains how to make a metric known.
func unknownMetricMessage(name string, hasDisciplineColumn bool) string {
	if hasDisciplineColumn {
		return fmt.Sprintf("metric %s is not in the catalogue and its Discipline cell is empty: "+
			"fill in its discipline or add it to a catalogue sheet (Metric, Discipline, Direction, Scale, t1..t5)", quoteCell(name))
	}
	return fmt.Sprintf("metric %s is not in the catalogue and the sheet has no Discipline column: "+
		"add a Discipline column or a catalogue sheet (Metric, Discipline, Direction, Scale, t1..t5)", quoteCell(name))
}
