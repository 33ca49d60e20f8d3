// Package importerstest provides importers.Sink implementations for tests,
// as net/http/httptest does for net/http: a Recorder that keeps what an
// import writes, and Discard.
//
// It imports no package of ours but model, so that the importers
// package's own internal tests can use it too.
package importerstest

import (
	"context"

	"cxdash/model"
)

// Recorder is an importers.Sink that keeps what it is given, in order.
//
// It is not an importers.GovernanceSink: a real import of a workbook with
// governance sheets into it fails, as into any Sink that cannot take them.
// GovernanceRecorder takes them.
type Recorder struct {
	Metrics      []model.Metric
	Observations []model.Observation
}

// PutMetric records m.
func (r *Recorder) PutMetric(_ context.Context, m model.Metric) error {
	r.Metrics = append(r.Metrics, m)
	return nil
}

// AddObservation records o.
func (r *Recorder) AddObservation(_ context.Context, o model.Observation) error {
	r.Observations = append(r.Observations, o)
	return nil
}

// GovernanceRecorder is a Recorder that is also an importers.GovernanceSink
// and keeps the governance records it is given, in order.
type GovernanceRecorder struct {
	Recorder
	Ownerships []model.Ownership
	Actions    []model.Action
	Issues     []model.CXIssue
	Events     []model.Event
}

// PutOwnership records o.
func (r *GovernanceRecorder) PutOwnership(_ context.Context, o model.Ownership) error {
	r.Ownerships = append(r.Ownerships, o)
	return nil
}

// PutAction records a.
func (r *GovernanceRecorder) PutAction(_ context.Context, a model.Action) error {
	r.Actions = append(r.Actions, a)
	return nil
}

// PutIssue records i.
func (r *GovernanceRecorder) PutIssue(_ context.Context, i model.CXIssue) error {
	r.Issues = append(r.Issues, i)
	return nil
}

// PutEvent records e.
func (r *GovernanceRecorder) PutEvent(_ context.Context, e model.Event) error {
	r.Events = append(r.Events, e)
	return nil
}

// Records counts the governance records given: ownerships, actions, issues
// and events.
func (r *GovernanceRecorder) Records() int {
	return len(r.Ownerships) + len(r.Actions) + len(r.Issues) + len(r.Events)
}

// Discard is an importers.Sink that takes every metric and observation and
// keeps nothing, as io.Discard does for writes. Like Recorder, it is not
// an importers.GovernanceSink.
var Discard discard

type discard struct{}

func (discard) PutMetric(context.Context, model.Metric) error           { return nil }
func (discard) AddObservation(context.Context, model.Observation) error { return nil }
