package workspace_test

import (
	"context"
	"path/filepath"
	"testing"

	"cxdash/model"
	"cxdash/workspace"
)

// benchWorkspace is a workspace holding the long-format benchmark file of
// n rows (bench_test.go: 30 metrics, 10 units, 24 months), imported once
// per benchmark.
func benchWorkspace(b *testing.B, n int) *workspace.Workspace {
	b.Helper()
	if testing.Short() {
		b.Skip("imports a large file: not in -short")
	}
	path := benchFile(b, n, "csv")
	ws := openBenchWorkspace(b)
	b.Cleanup(func() { ws.Close() })
	res, resErr := ws.ImportFile(context.Background(), path, workspace.ImportOptions{})
	if resErr != nil || !res.OK() {
		b.Fatalf("import: %v %v", resErr, res.Problems)
	}
	return ws
}

// BenchmarkScore150k scores a workspace of 150,000 observations (the
// README's target: under 50 ms). "summary" is what `cxdash summary` and
// the dashboard's headline do: read the values (SQLite aggregates the
// observations per metric, unit and month), index them and score the
// latest quarter across all units. "trend" adds every unit's score in
// every quarter, as the dashboard's charts need.
func BenchmarkScore150k(b *testing.B) {
	const n = 150_000
	ws := benchWorkspace(b, n)
	ctx := context.Background()
	for _, trend := range []bool{false, true} {
		name := "summary"
		if trend {
			name = "trend"
		}
		b.Run(name, func(b *testing.B) {
			measure(b, n, func(b *testing.B) (func(), func()) {
				return func() {
					sc, _, err := ws.Scorer(ctx)
					if err != nil {
						b.Fatal(err)
					}
					p, ok := sc.Latest(model.Quarter)
					if !ok {
						b.Fatal("no latest quarter")
					}
					if s := sc.Summary(model.AllUnits, p); !s.Overall.Present {
						b.Fatalf("nothing scored: %+v", s)
					}
					if trend {
						for _, u := range append(sc.Units(), model.AllUnits) {
							for _, q := range sc.Periods(model.Quarter) {
								sc.Summary(u, q)
							}
						}
					}
				}, func() {}
			})
		})
	}
}

// BenchmarkExportXLSX100k writes the Excel report of a workspace of
// 100,000 observations, reading them from SQLite as the app and CLI do
// (the README's target: under 3 s).
func BenchmarkExportXLSX100k(b *testing.B) {
	const n = 100_000
	ws := benchWorkspace(b, n)
	out := filepath.Join(b.TempDir(), "report.xlsx")
	measure(b, n, func(b *testing.B) (func(), func()) {
		return func() {
			if err := ws.ExportXLSX(context.Background(), out, "", nil); err != nil {
				b.Fatal(err)
			}
		}, func() {}
	})
}
