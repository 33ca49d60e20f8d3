package app_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	cxapp "cxdash/app"
	"cxdash/internal/pgtest"
)

// BenchmarkImportEngines imports the same file into a workspace file
// (SQLite) and into a team workspace on a local PostgreSQL server (COPY),
// for README "Team workspace". The server is started durable (fsync on),
// as a real one runs, and over TCP on loopback, as a team reaches one.
func BenchmarkImportEngines(b *testing.B) {
	if testing.Short() {
		b.Skip("imports a large file: not in -short")
	}
	srv, err := pgtest.Start(pgtest.Options{Durable: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Stop() })
	b.Setenv("PGPASSFILE", srv.PassFile())
	for _, format := range []string{"xlsx", "csv"} {
		for _, engine := range []string{"sqlite", "postgres"} {
			for _, n := range benchSizes(b) {
				b.Run(format+"/"+engine+"/"+strconv.Itoa(n), func(b *testing.B) {
					measure(b, n, func(b *testing.B) (func(), func()) {
						path := benchFile(b, n, format)
						loc := filepath.Join(b.TempDir(), "bench.db")
						if engine == "postgres" {
							loc = srv.NewDatabase(b)
						}
						ws, err := cxapp.OpenWorkspace(context.Background(), loc)
						if err != nil {
							b.Fatal(err)
						}
						var res cxapp.ImportResult
						return func() {
								res = ws.ImportFile(context.Background(), path, cxapp.ImportOptions{})
							}, func() {
								defer ws.Close()
								if res.Err != nil || !res.Imported() || res.Batch.Rows != n {
									b.Fatalf("import: %v, batch %+v, problems %v", res.Err, res.Batch, res.Report.Problems)
								}
							}
					})
				})
			}
		}
	}
}
