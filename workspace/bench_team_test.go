package workspace_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"cxdash/internal/pgtest"
	"cxdash/workspace"
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
						ws, err := workspace.Open(context.Background(), loc)
						if err != nil {
							b.Fatal(err)
						}
						var res workspace.ImportResult
						var resErr error
						return func() {
								res, resErr = ws.ImportFile(context.Background(), path, workspace.ImportOptions{})
							}, func() {
								defer ws.Close()
								if resErr != nil || !res.Imported() || res.Batch.Rows != n {
									b.Fatalf("import: %v, batch %+v, problems %v", resErr, res.Batch, res.Problems)
								}
							}
					})
				})
			}
		}
	}
}
