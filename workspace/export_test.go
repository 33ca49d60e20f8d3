package workspace_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
	"cxdash/store"
	"cxdash/workspace"
)

func openWorkspace(t *testing.T, demo bool) *workspace.Workspace {
	t.Helper()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, filepath.Join(t.TempDir(), "acme.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if demo {
		if _, err := ws.LoadDemo(ctx, false); err != nil {
			t.Fatal(err)
		}
	}
	return ws
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func rawCell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestExportDemo(t *testing.T) {
	ctx := context.Background()
	ws := openWorkspace(t, true)
	dir := t.TempDir()
	counts, err := ws.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ws.Summary(ctx, "", model.Period{})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("xlsx", func(t *testing.T) {
		path := filepath.Join(dir, "report.xlsx")
		var done, total int64
		if err := ws.ExportXLSX(ctx, path, "", func(d, n int64) { done, total = d, n }); err != nil {
			t.Fatal(err)
		}
		if done != int64(counts.Observations) || total != int64(counts.Observations) {
			t.Errorf("progress ended at %d of %d, want %d", done, total, counts.Observations)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := rawCell(t, f, "Summary", "A1"); got != "CX maturity report: acme" {
			t.Errorf("title %q", got)
		}
		if got := rawCell(t, f, "Summary", "B3"); got != want.Period.Label() {
			t.Errorf("period %q, want %s", got, want.Period.Label())
		}
		if got, _ := strconv.ParseFloat(rawCell(t, f, "Summary", "B6"), 64); fmt.Sprintf("%.6f", got) != fmt.Sprintf("%.6f", want.Overall.Score) {
			t.Errorf("overall index %v, want %v (cxdash summary)", got, want.Overall.Score)
		}
		rows, err := f.GetRows("Data")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows)-1 != counts.Observations {
			t.Errorf("Data has %d rows, want %d observations", len(rows)-1, counts.Observations)
		}
		if got := rows[1][8]; got != workspace.DemoFileName {
			t.Errorf("source file %q, want %s", got, workspace.DemoFileName)
		}
		units, _ := f.GetRows("Units")
		if len(units) != 4 {
			t.Errorf("Units sheet has %d rows, want the demo's 3 units and a header", len(units))
		}
	})

	t.Run("html", func(t *testing.T) {
		path := filepath.Join(dir, "report.html")
		if err := ws.ExportHTML(ctx, path, "", nil); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, s := range []string{"<title>CX maturity report: acme</title>", "Disciplines in " + want.Period.Label(),
			fmt.Sprintf("%.2f", want.Overall.Score), workspace.DemoFileName} {
			if !strings.Contains(page, s) {
				t.Errorf("the HTML report lacks %q", s)
			}
		}
	})

	t.Run("csv", func(t *testing.T) {
		path := filepath.Join(dir, "observations.csv")
		if err := ws.ExportCSV(ctx, path, "", nil); err != nil {
			t.Fatal(err)
		}
		if recs := readCSVFile(t, path); len(recs)-1 != counts.Observations {
			t.Errorf("%d records, want %d", len(recs)-1, counts.Observations)
		}
	})
}

func TestExportOneUnit(t *testing.T) {
	ctx := context.Background()
	ws := openWorkspace(t, true)
	path := filepath.Join(t.TempDir(), "online.xlsx")
	if err := ws.ExportXLSX(ctx, path, "online", nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := rawCell(t, f, "Summary", "B2"); got != "Online" {
		t.Errorf("unit %q, want the workspace's spelling Online", got)
	}
	want, err := ws.Summary(ctx, "Online", model.Period{})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := strconv.ParseFloat(rawCell(t, f, "Summary", "B6"), 64); fmt.Sprintf("%.6f", got) != fmt.Sprintf("%.6f", want.Overall.Score) {
		t.Errorf("Online's index %v, want %v", got, want.Overall.Score)
	}
	n, err := ws.CountObservations(ctx, store.ObservationFilter{Unit: "Online"})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Data")
	if len(rows)-1 != n {
		t.Errorf("Data has %d rows, want Online's %d", len(rows)-1, n)
	}
	for i, r := range rows[1:] {
		if r[1] != "Online" {
			t.Fatalf("Data row %d is of unit %q", i+2, r[1])
		}
	}
}

func TestExportErrorsLeaveNoFile(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for _, tc := range []struct {
		name string
		demo bool
		ctx  context.Context
		unit string
		want func(error) bool
	}{
		{"empty workspace", false, ctx, "", func(err error) bool { return errors.Is(err, workspace.ErrNoData) }},
		{"unknown unit", true, ctx, "Mars", func(err error) bool { return err != nil && strings.Contains(err.Error(), `no business unit "Mars"`) }},
		{"cancelled", true, cancelled, "", func(err error) bool { return errors.Is(err, context.Canceled) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := openWorkspace(t, tc.demo)
			dir := t.TempDir()
			exports := map[string]func(context.Context, string, string, workspace.Progress) error{
				"r.xlsx": ws.ExportXLSX, "r.html": ws.ExportHTML, "r.csv": ws.ExportCSV,
			}
			for name, export := range exports {
				if err := export(tc.ctx, filepath.Join(dir, name), tc.unit, nil); !tc.want(err) {
					t.Errorf("%s: unexpected error %v", name, err)
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}

// TestExportPagesThroughBatches exports more observations than one query
// reads, from two batches: each must come once, oldest batch first.
func TestExportPagesThroughBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 20,500 rows")
	}
	ctx := context.Background()
	ws := openWorkspace(t, true)
	const n = 20_500 // more than one page of 20,000
	var b strings.Builder
	b.WriteString("Period,Business unit,Discipline,Metric,Value\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d-%02d,U%02d,Design,Item %d,%d\n", 2020+i/6000, i/500%12+1, i%40, i/40%25, 1+i%5)
	}
	src := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, resErr := ws.ImportFile(ctx, src, workspace.ImportOptions{}); !res.Imported() {
		t.Fatalf("import: %v %v", resErr, res.Problems)
	}
	out := filepath.Join(t.TempDir(), "all.csv")
	if err := ws.ExportCSV(ctx, out, "", nil); err != nil {
		t.Fatal(err)
	}
	recs := readCSVFile(t, out)
	seen := map[string]bool{}
	big := 0
	for i, r := range recs[1:] {
		file, cell := r[8], r[10]
		if seen[file+cell] {
			t.Fatalf("record %d repeats %s %s", i+2, file, cell)
		}
		seen[file+cell] = true
		if file == "big.csv" {
			big++
		} else if big > 0 {
			t.Fatalf("record %d is from %s after big.csv rows: batches out of order", i+2, file)
		}
	}
	if big != n {
		t.Errorf("%d rows of big.csv exported, want %d", big, n)
	}
}

// storeOf opens a second connection to ws's file, for tests that set up
// or check rows the workspace's own operations do not reach.
func storeOf(t *testing.T, ws *workspace.Workspace) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), ws.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
