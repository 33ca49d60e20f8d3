package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type valueRow struct {
	Metric     string   `json:"metric"`
	Unit       string   `json:"unit"`
	Touchpoint *string  `json:"touchpoint"`
	Period     string   `json:"period"`
	Value      float64  `json:"value"`
	N          int      `json:"n"`
	MOE        *float64 `json:"moe"`
	Score      float64  `json:"score"`
}

// TestValuesCommand: `values --json` lists each metric's value, n and
// score per unit and period, plus the all-units rows, at the granularity
// asked; the figures are worked out here from the rows imported.
func TestValuesCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	csv := filepath.Join(dir, "scores.csv")
	rows := "Period,Unit,Discipline,Metric,Value\n" +
		"2026-01,North,Strategy,Vision,2\n" +
		"2026-02,North,Strategy,Vision,4\n" + // North Q1: (2+4)/2 = 3, n 2
		"2026-03,South,Strategy,Vision,5\n" + // South Q1: 5, n 1
		"2026-04,North,Strategy,Vision,1\n" // North Q2: 1
	if err := os.WriteFile(csv, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "import", "--db", db, csv)

	got := values(t, db, "--granularity", "quarter")
	want := []valueRow{
		{Metric: "Vision", Unit: "North", Period: "2026-Q1", Value: 3, N: 2, Score: 3},
		{Metric: "Vision", Unit: "South", Period: "2026-Q1", Value: 5, N: 1, Score: 5},
		{Metric: "Vision", Unit: "All", Period: "2026-Q1", Value: 4, N: 3, Score: 4}, // mean of unit values (3+5)/2
		{Metric: "Vision", Unit: "North", Period: "2026-Q2", Value: 1, N: 1, Score: 1},
		{Metric: "Vision", Unit: "All", Period: "2026-Q2", Value: 1, N: 1, Score: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Metric != w.Metric || g.Unit != w.Unit || g.Period != w.Period || g.Value != w.Value || g.N != w.N || g.Score != w.Score {
			t.Errorf("row %d: got %+v, want %+v", i, g, w)
		}
		if g.Touchpoint == nil || *g.Touchpoint != "" || g.MOE != nil {
			t.Errorf("row %d: touchpoint %v and moe %v, want \"\" and null", i, g.Touchpoint, g.MOE)
		}
	}

	year := values(t, db, "--granularity", "year", "--unit", "North")
	if len(year) != 1 || year[0].Period != "2026" || year[0].Value != 7.0/3 && year[0].Value != 2.3333 || year[0].N != 3 {
		t.Errorf("North in 2026: %+v, want (2+4+1)/3 from 3 observations", year)
	}
	if all := values(t, db, "--unit", "all", "--metric", "vision"); len(all) != 2 || all[0].Unit != "All" || all[1].Unit != "All" {
		t.Errorf("--unit all: %+v", all)
	}
	for _, args := range [][]string{
		{"values", "--db", db, "--unit", "Mars"},
		{"values", "--db", db, "--metric", "Churn"},
	} {
		if code, _, errOut := cxdash(t, args...); code != 1 || !strings.Contains(errOut, "no ") {
			t.Errorf("cxdash %v: exit %d %q", args, code, errOut)
		}
	}
	if code, _, errOut := cxdash(t, "values", "--db", db, "--granularity", "week"); code != 2 || !strings.Contains(errOut, "Usage") {
		t.Errorf("values --granularity week: exit %d %q", code, errOut)
	}
}

func values(t *testing.T, db string, extra ...string) []valueRow {
	t.Helper()
	out := mustRun(t, append([]string{"values", "--db", db, "--json"}, extra...)...)
	var rows []valueRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("values --json: %v\n%s", err, out)
	}
	return rows
}
