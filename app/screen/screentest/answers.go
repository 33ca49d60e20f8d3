package screentest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"cxdash/model"
	"cxdash/store"
	"cxdash/workspace"
)

// NPSMetric is NPS computed from 0-10 answers, as the catalogue knows it:
// thresholds -20/0/20/40/60, in the measurement discipline.
func NPSMetric() model.Metric {
	m, _ := model.KnownKPI("NPS")
	m.Aggregation, m.Answers, m.Cutoffs = model.AggregationNPS, true, model.NPSCutoffs()
	return m
}

// NPSAnswers are n answers of metric in unit and period: promoters answer
// 10, detractors 0 and the others 8 (passive), each from its own row of a
// response sheet.
func NPSAnswers(metric, unit string, p model.Period, n, promoters, detractors int) []model.Observation {
	out := make([]model.Observation, n)
	for i := range out {
		v := 8.0
		switch {
		case i < promoters:
			v = 10
		case i < promoters+detractors:
			v = 0
		}
		out[i] = model.Observation{Metric: metric, Unit: unit, Period: p, Value: v,
			Source: model.Source{Sheet: "Responses", Cell: fmt.Sprintf("D%d", i+2)}}
	}
	return out
}

// AnswersWorkspace is a new workspace file named name holding metrics and
// one observation per answer, imported as one batch the way the
// respondent-level importer stores them, then opened.
func AnswersWorkspace(tb testing.TB, name string, metrics []model.Metric, answers ...[]model.Observation) *workspace.Workspace {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), name)
	st, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tx, err := st.BeginBatch(ctx, store.BatchInfo{File: "responses.csv", Path: "/data/responses.csv", SHA256: name, User: "ann"})
	if err != nil {
		tb.Fatal(err)
	}
	for _, m := range metrics {
		if err := tx.PutMetric(ctx, m); err != nil {
			tb.Fatal(err)
		}
	}
	for _, set := range answers {
		for _, o := range set {
			if err := tx.AddObservation(ctx, o); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if _, err := tx.Commit(0); err != nil {
		tb.Fatal(err)
	}
	if err := st.Close(); err != nil {
		tb.Fatal(err)
	}
	ws, err := workspace.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ws.Close() })
	return ws
}

// DrawnTexts lists every text under o as drawn: Texts' widgets' words and
// the canvas texts of custom widgets such as tiles.
func DrawnTexts(o fyne.CanvasObject) []string {
	out := Texts(o)
	Visit(o, func(x fyne.CanvasObject) {
		if t, ok := x.(*canvas.Text); ok && t.Text != "" {
			out = append(out, t.Text)
		}
	})
	return out
}
