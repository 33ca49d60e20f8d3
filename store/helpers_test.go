package store_test

import (
	"context"
	"fmt"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

func mustOpen(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), testLocation(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// row is an observation in test shorthand.
type row struct {
	metric, unit, period string
	value                float64
}

func period(t testing.TB, s string) model.Period {
	t.Helper()
	p, err := model.ParsePeriod(s)
	if err != nil {
		t.Fatalf("period %q: %v", s, err)
	}
	return p
}

// importBatch commits one batch that puts metrics, then adds rows; cells are
// C2, C3... on sheet "Data".
func importBatch(t testing.TB, s *store.Store, file string, metrics []model.Metric, rows ...row) store.Batch {
	t.Helper()
	ctx := context.Background()
	tx, err := s.BeginBatch(ctx, store.BatchInfo{File: file, Path: "/data/" + file, SHA256: "sha-" + file})
	if err != nil {
		t.Fatalf("BeginBatch %s: %v", file, err)
	}
	defer tx.Rollback()
	for _, m := range metrics {
		if err := tx.PutMetric(ctx, m); err != nil {
			t.Fatalf("PutMetric %s: %v", m.Name, err)
		}
	}
	for i, r := range rows {
		o := model.Observation{Metric: r.metric, Unit: r.unit, Period: period(t, r.period), Value: r.value,
			Source: model.Source{File: file, Sheet: "Data", Cell: fmt.Sprintf("C%d", i+2)}}
		if err := tx.AddObservation(ctx, o); err != nil {
			t.Fatalf("AddObservation %+v: %v", r, err)
		}
	}
	b, err := tx.Commit(0)
	if err != nil {
		t.Fatalf("Commit %s: %v", file, err)
	}
	return b
}

// valueMap is Values by "metric|unit|period".
func valueMap(t testing.TB, s *store.Store) map[string]model.Value {
	t.Helper()
	vs, err := s.Values(context.Background())
	if err != nil {
		t.Fatalf("Values: %v", err)
	}
	m := map[string]model.Value{}
	for _, v := range vs {
		m[v.Metric+"|"+v.Unit+"|"+v.Period.String()] = v
	}
	return m
}

func counts(t testing.TB, s *store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	return c
}

func level(name, discipline string) model.Metric { return model.NewLevelMetric(name, discipline) }

func kpi(t testing.TB, name string) model.Metric {
	t.Helper()
	m, ok := model.KnownKPI(name)
	if !ok {
		t.Fatalf("KnownKPI %q", name)
	}
	return m
}

func ptr(f float64) *float64 { return &f }
