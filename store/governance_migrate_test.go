package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

// TestV1WorkspaceMigrates: a workspace written before governance (schema 1,
// built here from migration 0001 alone) opens, keeps its data and gains the
// governance tables.
func TestV1WorkspaceMigrates(t *testing.T) {
	onlySQLite(t, "a schema 1 file")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	v1, err := os.ReadFile(filepath.Join("migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
		string(v1),
		`INSERT INTO schema_version VALUES (1, '2024-06-01T00:00:00Z')`,
		`INSERT INTO settings VALUES ('theme', 'dark')`,
		`INSERT INTO metrics(key, name, discipline, direction, scale, owner) VALUES ('nps', 'NPS', 'measurement', 'higher', 'nps', 'Ana')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("building v1 workspace: %v", err)
		}
	}
	db.Close()

	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open v1: %v", err)
	}
	// The file as it was is kept beside it, still at schema 1.
	bak, err := sql.Open("sqlite", store.BackupPath(path, 1))
	if err != nil {
		t.Fatal(err)
	}
	var bv int
	var theme string
	if err := bak.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&bv); err != nil || bv != 1 {
		t.Errorf("backup schema version = %d, %v; want 1", bv, err)
	}
	if err := bak.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'theme'`).Scan(&theme); err != nil || theme != "dark" {
		t.Errorf("backup setting = %q, %v", theme, err)
	}
	bak.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v != store.SchemaLatest() {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, store.SchemaLatest())
	}
	if v, err := s.Setting(ctx, "theme"); err != nil || v != "dark" {
		t.Errorf("setting kept: %q, %v", v, err)
	}
	if m, err := s.Metric(ctx, "nps"); err != nil || m.Owner != "Ana" {
		t.Errorf("metric kept: %+v, %v", m, err)
	}
	if got := snapshot(t, s); !reflect.DeepEqual(got, govSnapshot{}) {
		t.Errorf("new tables not empty: %+v", got)
	}
	if err := s.PutOwnership(ctx, model.Ownership{Kind: model.SubjectMetric, Key: "nps", Owner: "Ana"}); err != nil {
		t.Fatal(err)
	}
	saveAction(t, s, model.Action{Title: "Raise NPS", Metric: "nps"})
	s.Close()

	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := snapshot(t, s)
	if len(got.Ownerships) != 1 || got.Ownerships[0].Key != "NPS" || len(got.Actions) != 1 || got.Actions[0].Metric != "NPS" {
		t.Errorf("after reopen: %+v", got)
	}
	if n := len(audit(t, s, store.AuditFilter{})); n != 2 {
		t.Errorf("audit entries = %d, want 2", n)
	}
}
