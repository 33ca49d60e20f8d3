package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"cxdash/importers"
	"cxdash/model"
	"cxdash/store"
)

// BatchTx is what importers write into.
var _ importers.Sink = (*store.BatchTx)(nil)

// TestImportCSV runs a real csv through importers.Read into a batch.
func TestImportCSV(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	path := filepath.Join(t.TempDir(), "scores.csv")
	csv := "Period,Unit,Discipline,Metric,Value\n" +
		"2024-Q1,North,Strategy,Vision,3\n" +
		"2024-Q1,North,Strategy,Vision,4\n" +
		"2024-Q1,North,Measurement,NPS,30\n" +
		"2024-Q1,South,Strategy,Vision,n/a\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	tx, err := s.BeginBatch(ctx, store.BatchInfo{Path: path, SHA256: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	catalogue := func(name string) (model.Metric, bool) {
		m, err := s.Metric(ctx, name)
		return m, err == nil
	}
	rep, err := importers.Read(ctx, path, importers.Options{Catalogue: catalogue}, tx)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	for _, p := range rep.Problems {
		t.Errorf("problem: %v", p)
	}
	b, err := tx.Commit(rep.Skipped)
	if err != nil {
		t.Fatal(err)
	}
	if b.Rows != 3 || b.Skipped != 1 || b.Metrics != 2 || b.File != "scores.csv" {
		t.Errorf("batch = %+v, want 3 rows, 1 skipped, 2 metrics", b)
	}
	vs := valueMap(t, s)
	if v := vs["Vision|North|2024-Q1"]; v.Sum != 7 || v.Count != 2 {
		t.Errorf("Vision North = %+v, want 7 of 2", v)
	}
	if v := vs["NPS|North|2024-Q1"]; v.Sum != 30 || v.Count != 1 {
		t.Errorf("NPS North = %+v, want 30", v)
	}
	if m, err := s.Metric(ctx, "NPS"); err != nil || m.Scale != model.ScaleThresholds {
		t.Errorf("NPS in the catalogue = %+v, %v; want the known KPI", m, err)
	}
}
