package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

func TestOpenMigratesAndReopenKeepsData(t *testing.T) {
	onlySQLite(t, "file paths")
	ctx := context.Background()
	// Parent directories are created; '?', '#' and '%' must not be read as
	// DSN syntax.
	path := filepath.Join(t.TempDir(), "client a", "q?#%", "ws.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if s.Path() != path {
		t.Errorf("Path = %q, want %q", s.Path(), path)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("SchemaVersion = %d, %v; want >= 1", v, err)
	}
	importBatch(t, s, "q1.xlsx", []model.Metric{level("Vision", model.Strategy)},
		row{"Vision", "North", "2024-Q1", 3}, row{"Vision", "", "2024-Q1", 4})
	if err := s.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	wantCounts := counts(t, s)
	wantValues := valueMap(t, s)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("workspace file: %v", err)
	}

	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if v2, err := s.SchemaVersion(ctx); err != nil || v2 != v {
		t.Errorf("SchemaVersion after reopen = %d, %v; want %d", v2, err, v)
	}
	if got := counts(t, s); got != wantCounts {
		t.Errorf("Counts after reopen = %+v, want %+v", got, wantCounts)
	}
	if got := valueMap(t, s); !reflect.DeepEqual(got, wantValues) {
		t.Errorf("Values after reopen = %v, want %v", got, wantValues)
	}
	if got, err := s.Setting(ctx, "k"); err != nil || got != "v" {
		t.Errorf("Setting after reopen = %q, %v", got, err)
	}

}

// TestWAL: the journal mode is persistent and readers do not wait for an
// import (see TestReadersDuringImport).
func TestWAL(t *testing.T) {
	onlySQLite(t, "journal mode")
	path := filepath.Join(t.TempDir(), "ws.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	onlySQLite(t, "edits the file directly; postgres_test.go has its own")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ws.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_version(version, applied_at) VALUES (?, 'future')`, v+1); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err = store.Open(ctx, path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a newer schema succeeded")
	}
	t.Logf("refused: %v", err)
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("error %v is not ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestOpenRejectsNonDatabase(t *testing.T) {
	onlySQLite(t, "not a database file")
	path := filepath.Join(t.TempDir(), "report.xlsx")
	if err := os.WriteFile(path, []byte(strings.Repeat("this is not a database\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a text file succeeded")
	}
	if !strings.Contains(err.Error(), "report.xlsx") {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.Setting(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Setting(missing) error = %v, want ErrNotFound", err)
	}
	for _, v := range []string{"first", "second", ""} {
		if err := s.SetSetting(ctx, "mapping:abc", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx, "mapping:abc"); err != nil || got != v {
			t.Errorf("Setting = %q, %v; want %q", got, err, v)
		}
	}
}

func TestFramework(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	fw, err := s.Framework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fw, model.DefaultFramework()) {
		t.Errorf("Framework of a new workspace = %+v, want the default", fw)
	}

	fw.Disciplines[0].Weight = 2.5
	fw.Disciplines[0].Target = ptr(4)
	fw.Disciplines[1].Name = "Insight"
	fw.LevelNames[4] = "Leading"
	if err := s.SaveFramework(ctx, fw); err != nil {
		t.Fatalf("SaveFramework: %v", err)
	}
	got, err := s.Framework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fw) {
		t.Errorf("Framework = %+v, want %+v", got, fw)
	}

	bad := []struct {
		name string
		edit func(*model.Framework)
	}{
		{"negative weight", func(f *model.Framework) { f.Disciplines[2].Weight = -1 }},
		{"target above 5", func(f *model.Framework) { f.Disciplines[2].Target = ptr(7) }},
		{"unknown discipline", func(f *model.Framework) { f.Disciplines[2].Key = "finance" }},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			f := model.DefaultFramework()
			tc.edit(&f)
			if err := s.SaveFramework(ctx, f); err == nil {
				t.Error("SaveFramework accepted it")
			}
			if got, _ := s.Framework(ctx); !reflect.DeepEqual(got, fw) {
				t.Errorf("a refused save changed the framework to %+v", got)
			}
		})
	}

	t.Run("corrupt setting", func(t *testing.T) {
		if err := s.SetSetting(ctx, "framework", "{not json"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Framework(ctx); err == nil {
			t.Error("Framework read a corrupt setting without error")
		}
	})
}

func TestMetrics(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	nps := kpi(t, "Net Promoter Score")
	nps.Target, nps.Owner, nps.Weight = ptr(35), "CX office", 2
	ms := []model.Metric{
		level("Journey maps", model.Design),
		nps,
		level("vision statement", model.Strategy),
		level("CX roadmap", model.Strategy),
		kpi(t, "churn"),
	}
	importBatch(t, s, "catalogue.xlsx", ms)

	got, err := s.Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range got {
		names = append(names, m.Name)
	}
	want := []string{"CX roadmap", "vision statement", "Journey maps", "churn", "Net Promoter Score"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Metrics order = %q, want %q", names, want)
	}

	m, err := s.Metric(ctx, "  net promoter   SCORE ")
	if err != nil {
		t.Fatalf("Metric by another spelling: %v", err)
	}
	if !reflect.DeepEqual(m, nps) {
		t.Errorf("Metric = %+v, want %+v", m, nps)
	}
	if _, err := s.Metric(ctx, "CES"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Metric(CES) error = %v, want ErrNotFound", err)
	}
}
