package importerstest_test

import (
	"context"
	"testing"

	"cxdash/importers"
	"cxdash/importers/importerstest"
	"cxdash/model"
)

var (
	_ importers.Sink           = (*importerstest.Recorder)(nil)
	_ importers.Sink           = (*importerstest.GovernanceRecorder)(nil)
	_ importers.GovernanceSink = (*importerstest.GovernanceRecorder)(nil)
	_ importers.Sink           = importerstest.Discard
)

// TestGovernanceSinks: only GovernanceRecorder takes governance records;
// for Recorder and Discard a real import of governance sheets must fail.
func TestGovernanceSinks(t *testing.T) {
	for name, s := range map[string]importers.Sink{"Recorder": &importerstest.Recorder{}, "Discard": importerstest.Discard} {
		if _, ok := s.(importers.GovernanceSink); ok {
			t.Errorf("%s is a GovernanceSink", name)
		}
	}
}

func TestGovernanceRecorder(t *testing.T) {
	ctx := context.Background()
	var r importerstest.GovernanceRecorder
	for _, err := range []error{
		r.PutMetric(ctx, model.Metric{Name: "NPS"}),
		r.AddObservation(ctx, model.Observation{Metric: "NPS", Value: 30}),
		r.AddObservation(ctx, model.Observation{Metric: "NPS", Value: 40}),
		r.PutOwnership(ctx, model.Ownership{Owner: "Ana"}),
		r.PutAction(ctx, model.Action{Title: "Fix"}),
		r.PutIssue(ctx, model.CXIssue{Description: "Down"}),
		r.PutEvent(ctx, model.Event{Title: "Outage"}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(r.Metrics) != 1 || len(r.Observations) != 2 || r.Observations[1].Value != 40 || r.Records() != 4 ||
		r.Ownerships[0].Owner != "Ana" || r.Actions[0].Title != "Fix" || r.Issues[0].Description != "Down" || r.Events[0].Title != "Outage" {
		t.Errorf("recorded %+v", r)
	}
}
