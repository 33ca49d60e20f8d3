package store_test

import (
	"context"
	"reflect"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

func TestObservations(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	importBatch(t, s, "a.xlsx",
		[]model.Metric{level("Vision", model.Strategy), kpi(t, "NPS"), level("Journey maps", model.Design)},
		row{"Vision", "North", "2024-01", 1},
		row{"Vision", "South", "2024-02", 2},
		row{"NPS", "North", "2024-Q1", 10},
		row{"NPS", "North", "2024", 20},
		row{"Journey maps", "South", "2023-12", 3},
		row{"Vision", "North", "2024-Q2", 4})
	b2 := importBatch(t, s, "b.csv", nil,
		row{"Vision", "North", "2024-01", 5}, // replaces the first row's value
		row{"NPS", "South", "2024-03", 30})

	tests := []struct {
		name string
		f    store.ObservationFilter
		want []float64 // values, in order
	}{
		{"all in import order", store.ObservationFilter{}, []float64{1, 2, 10, 20, 3, 4, 5, 30}},
		{"unit, any case", store.ObservationFilter{Unit: "north"}, []float64{1, 10, 20, 4, 5}},
		{"unknown unit", store.ObservationFilter{Unit: "East"}, nil},
		{"discipline by name", store.ObservationFilter{Discipline: "Measurement"}, []float64{10, 20, 30}},
		{"discipline by key", store.ObservationFilter{Discipline: model.Design}, []float64{3}},
		{"metric, any spelling", store.ObservationFilter{Metric: " VISION "}, []float64{1, 2, 4, 5}},
		{"year holds its quarters and months", store.ObservationFilter{Period: model.YearPeriod(2024)}, []float64{1, 2, 10, 20, 4, 5, 30}},
		{"quarter holds its months", store.ObservationFilter{Period: model.QuarterPeriod(2024, 1)}, []float64{1, 2, 10, 5, 30}},
		{"month", store.ObservationFilter{Period: model.MonthPeriod(2024, 1)}, []float64{1, 5}},
		{"batch", store.ObservationFilter{BatchID: b2.ID}, []float64{5, 30}},
		{"only current", store.ObservationFilter{OnlyCurrent: true}, []float64{2, 10, 20, 3, 4, 5, 30}},
		{"combined", store.ObservationFilter{Unit: "North", Metric: "Vision", OnlyCurrent: true}, []float64{4, 5}},
		{"by value, descending, first page", store.ObservationFilter{OrderBy: "value", Desc: true, Limit: 3}, []float64{30, 20, 10}},
		{"by value, descending, second page", store.ObservationFilter{OrderBy: "value", Desc: true, Limit: 3, Offset: 3}, []float64{5, 4, 3}},
		{"by value, last page", store.ObservationFilter{OrderBy: "value", Offset: 6}, []float64{20, 30}},
		{"by metric", store.ObservationFilter{OrderBy: "metric"}, []float64{3, 10, 20, 30, 1, 2, 4, 5}},
		{"by unit", store.ObservationFilter{OrderBy: "unit"}, []float64{1, 10, 20, 4, 5, 2, 3, 30}},
		{"by period text", store.ObservationFilter{OrderBy: "period"}, []float64{3, 20, 1, 5, 2, 30, 10, 4}},
		{"by batch, descending", store.ObservationFilter{OrderBy: "batch", Desc: true}, []float64{30, 5, 4, 3, 20, 10, 2, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			obs, err := s.Observations(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []float64
			for _, o := range obs {
				got = append(got, o.Value)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("values = %v, want %v", got, tc.want)
			}
			all := tc.f
			all.Limit, all.Offset = 0, 0
			n, err := s.CountObservations(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if unpaged, _ := s.Observations(ctx, all); n != len(unpaged) {
				t.Errorf("CountObservations = %d, want %d", n, len(unpaged))
			}
		})
	}

	t.Run("source", func(t *testing.T) {
		obs, err := s.Observations(ctx, store.ObservationFilter{BatchID: b2.ID, Metric: "nps"})
		if err != nil || len(obs) != 1 {
			t.Fatalf("Observations = %+v, %v", obs, err)
		}
		want := model.Observation{Metric: "NPS", Unit: "South", Period: model.MonthPeriod(2024, 3), Value: 30,
			Source: model.Source{BatchID: b2.ID, File: "b.csv", Sheet: "Data", Cell: "C3"}}
		if obs[0] != want {
			t.Errorf("observation = %+v, want %+v", obs[0], want)
		}
	})
	t.Run("unknown order", func(t *testing.T) {
		if _, err := s.Observations(ctx, store.ObservationFilter{OrderBy: "value; DROP TABLE units"}); err == nil {
			t.Error("Observations accepted an unknown order")
		}
	})
}
