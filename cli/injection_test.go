package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cxdash/store"
)

// hostile is text an attacker would put in a workbook: HTML and script,
// spreadsheet formulas (OWASP CSV injection), and SQL.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`=HYPERLINK("http://x","click")`,
	`+cmd|' /C calc'!A0`,
	`@SUM(1)`,
	`-2+3`,
	"\t=1+1 tab-led",
	"\r=1+1 cr-led",
	`'; DROP TABLE observations; --`,
	`Robert'); DELETE FROM metrics;--`,
}

// stored is what the importer keeps of a hostile text: cells are trimmed of
// surrounding white space (tabs and carriage returns included), nothing else.
func stored(h string) string { return strings.TrimSpace(h) }

// writeHostileWorkbook puts every hostile text in a data sheet (as unit,
// metric and note) and in the Actions (title), Issues (description) and
// Events (title) sheets.
func writeHostileWorkbook(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheets := map[string][][]any{
		"Scores":  {{"Period", "Business unit", "Discipline", "Metric", "Value", "Note"}},
		"Actions": {{"Title", "Description", "Due", "Status"}},
		"Issues":  {{"Date", "Touchpoint", "Severity", "Description"}},
		"Events":  {{"Date", "Title", "Description"}},
	}
	for i, h := range hostile {
		sheets["Scores"] = append(sheets["Scores"], []any{"2024-Q1", h, "Measurement", h, i%5 + 1, h})
		sheets["Actions"] = append(sheets["Actions"], []any{h, h, "2024-06-30", "open"})
		sheets["Issues"] = append(sheets["Issues"], []any{fmt.Sprintf("2024-03-%02d", i+1), "Web", "high", h})
		sheets["Events"] = append(sheets["Events"], []any{fmt.Sprintf("2024-03-%02d", i+1), h, h})
	}
	for _, name := range []string{"Scores", "Actions", "Issues", "Events"} {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, r := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// tables lists the workspace's tables and their row counts, read with
// plain SQL beside the store.
func tables(t *testing.T, db string) map[string]int {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, n := range names {
		var c int
		if err := conn.QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

func TestInjectionEndToEnd(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "client.db")
	fresh := filepath.Join(dir, "fresh.db")
	if code, _, errOut := cxdash(t, "batches", "--db", fresh); code != 0 {
		t.Fatalf("batches on a new workspace: %s", errOut)
	}
	book := filepath.Join(dir, "hostile.xlsx")
	writeHostileWorkbook(t, book)
	if code, out, errOut := cxdash(t, "import", "--db", db, book); code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}

	// SQL: every table is still there and the counts are those of the file.
	before, after := tables(t, fresh), tables(t, db)
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("table %s is gone after the import", name)
		}
	}
	for _, name := range []string{"observations", "metrics"} {
		if _, ok := after[name]; !ok {
			t.Fatalf("no table %s in %v", name, after)
		}
	}
	if after["observations"] != len(hostile) {
		t.Errorf("observations table holds %d rows, want %d", after["observations"], len(hostile))
	}
	if after["metrics"] < len(hostile) {
		t.Errorf("metrics table holds %d rows, want at least the %d new ones", after["metrics"], len(hostile))
	}

	// The store holds every text byte for byte.
	checkStored(t, ctx, db)

	t.Run("discipline", func(t *testing.T) { checkHostileDiscipline(t, db) })
	t.Run("xlsx", func(t *testing.T) { checkXLSXExport(t, db, filepath.Join(dir, "report.xlsx")) })
	t.Run("csv", func(t *testing.T) { checkCSVExport(t, db, filepath.Join(dir, "report.csv")) })
	t.Run("html", func(t *testing.T) { checkHTMLExport(t, db, filepath.Join(dir, "report.html")) })
}

func checkStored(t *testing.T, ctx context.Context, db string) {
	t.Helper()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	obs, err := s.Observations(ctx, store.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	metrics, err := s.Metrics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	actions, err := s.Actions(ctx, store.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	issues, err := s.Issues(ctx, store.IssueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.Events(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var units, obsMetrics, notes, metricNames, actionTitles, actionDescs, issueDescs, eventTitles, eventDescs []string
	for _, o := range obs {
		units, obsMetrics, notes = append(units, o.Unit), append(obsMetrics, o.Metric), append(notes, o.Note)
	}
	for _, m := range metrics {
		metricNames = append(metricNames, m.Name)
	}
	for _, a := range actions {
		actionTitles, actionDescs = append(actionTitles, a.Title), append(actionDescs, a.Description)
	}
	for _, i := range issues {
		issueDescs = append(issueDescs, i.Description)
	}
	for _, e := range events {
		eventTitles, eventDescs = append(eventTitles, e.Title), append(eventDescs, e.Description)
	}
	for _, h := range hostile {
		want := stored(h)
		for what, got := range map[string][]string{
			"observation unit": units, "observation metric": obsMetrics, "observation note": notes,
			"metric name": metricNames, "action title": actionTitles, "action description": actionDescs,
			"issue description": issueDescs, "event title": eventTitles, "event description": eventDescs,
		} {
			if !slices.Contains(got, want) {
				t.Errorf("no %s is %q byte for byte; have %q", what, want, got)
			}
		}
	}
}

// userText says whether an exported cell holds one of the hostile texts.
func userText(v string) (string, bool) {
	for _, h := range hostile {
		if strings.Contains(v, stored(h)) {
			return stored(h), true
		}
	}
	return "", false
}

func checkXLSXExport(t *testing.T, db, path string) {
	if code, _, errOut := cxdash(t, "export", "--db", db, "--xlsx", path); code != 0 {
		t.Fatalf("export --xlsx: %s", errOut)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]int{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				// The report writes no formula at all, so any formula is user text run.
				if fx, err := f.GetCellFormula(sheet, cell); err != nil || fx != "" {
					t.Errorf("%s!%s holding %q has the formula %q (%v)", sheet, cell, v, fx, err)
				}
				h, ok := userText(v)
				if !ok {
					continue
				}
				seen[h]++
				typ, err := f.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s holding %q is of type %v, not a string", sheet, cell, v, typ)
				}
			}
		}
	}
	for _, h := range hostile {
		if seen[stored(h)] == 0 {
			t.Errorf("the Excel report holds %q nowhere", stored(h))
		}
	}
}

func checkCSVExport(t *testing.T, db, path string) {
	if code, _, errOut := cxdash(t, "export", "--db", db, "--csv", path); code != 0 {
		t.Fatalf("export --csv: %s", errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(hostile)+1 {
		t.Fatalf("%d csv records, want a header and %d observations", len(recs), len(hostile))
	}
	head := recs[0]
	cols := map[string]int{}
	for i, h := range head {
		cols[h] = i
	}
	seen := map[string]bool{}
	for _, rec := range recs[1:] {
		for _, name := range []string{"Business unit", "Metric", "Note"} {
			got := rec[cols[name]]
			h, ok := "", false
			for _, x := range hostile {
				if got == stored(x) || got == "'"+stored(x) {
					h, ok = stored(x), true
				}
			}
			if !ok {
				t.Errorf("%s cell %q is no hostile text verbatim", name, got)
				continue
			}
			seen[h] = true
			// OWASP: a cell that a spreadsheet would run starts with an apostrophe.
			want := h
			if strings.ContainsRune("=+-@\t\r", rune(h[0])) {
				want = "'" + h
			}
			if got != want {
				t.Errorf("%s cell %q, want %q", name, got, want)
			}
		}
		for i, v := range rec {
			if v != "" && strings.ContainsRune("=+@\t\r", rune(v[0])) {
				t.Errorf("column %s holds %q, which a spreadsheet would run", head[i], v)
			}
		}
	}
	if len(seen) != len(hostile) {
		t.Errorf("the csv holds %d of the %d hostile texts", len(seen), len(hostile))
	}
}

func checkHTMLExport(t *testing.T, db, path string) {
	if code, _, errOut := cxdash(t, "export", "--db", db, "--html", path); code != 0 {
		t.Fatalf("export --html: %s", errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := strings.ToLower(string(b))
	for _, bad := range []string{"<script>alert", "<img src=x onerror"} {
		if strings.Contains(page, bad) {
			i := strings.Index(page, bad)
			t.Errorf("the HTML report holds %q unescaped: …%s…", bad, b[max(0, i-80):min(len(b), i+80)])
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") && !strings.Contains(page, `\u003cscript\u003ealert(1)`) {
		t.Error("the HTML report does not show the script text escaped: was it dropped?")
	}
	// e2e's TestHTMLReportRunsNoScript opens such a report in Chromium.
}

// checkHostileDiscipline imports hostile text as the discipline of new
// metrics: no discipline synonym matches it, so the file is refused, its
// cells named, and the workspace is left as it was.
func checkHostileDiscipline(t *testing.T, db string) {
	before := tables(t, db)
	path := filepath.Join(t.TempDir(), "disciplines.xlsx")
	f := excelize.NewFile()
	rows := [][]any{{"Period", "Discipline", "Metric", "Value"}}
	for i, h := range hostile {
		rows = append(rows, []any{"2024-Q2", h, fmt.Sprintf("Hostile discipline %d", i), 3})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, errOut := cxdash(t, "import", "--db", db, path)
	if code == 0 {
		t.Fatalf("a file whose disciplines are hostile text was imported:\n%s", out)
	}
	if !strings.Contains(errOut+out, "B2") {
		t.Errorf("the refusal does not name cell B2:\n%s%s", out, errOut)
	}
	if after := tables(t, db); !maps.Equal(before, after) {
		t.Errorf("a refused import changed the workspace: %v, then %v", before, after)
	}
}
