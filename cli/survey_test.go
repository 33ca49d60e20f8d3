package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// surveyKey is a region and quarter of the generated responses.
type surveyKey struct{ unit, quarter string }

// surveyCounts are the counts a textbook NPS and CSAT top-2-box need,
// kept by the generator as it draws the answers.
type surveyCounts struct {
	nps, promoters, detractors int
	csat, top2                 int
}

// genSurvey draws n responses over two regions and four months of two
// quarters: nps 0-10 and csat 1-5 (some left blank), from a seeded RNG. It
// returns the rows (without header) and the counts per region and quarter,
// with unit "All" for the pooled counts.
func genSurvey(seed uint64, n int) ([][]string, map[surveyKey]*surveyCounts) {
	rng := rand.New(rand.NewPCG(seed, 7))
	regions := []string{"North", "South"}
	months := []struct {
		date    string
		quarter string
	}{{"2025-01-%02d 09:15:00", "2025-Q1"}, {"2025-03-%02d 17:40:00", "2025-Q1"},
		{"2025-04-%02d 11:05:00", "2025-Q2"}, {"2025-06-%02d 08:30:00", "2025-Q2"}}
	counts := map[surveyKey]*surveyCounts{}
	get := func(k surveyKey) *surveyCounts {
		if counts[k] == nil {
			counts[k] = &surveyCounts{}
		}
		return counts[k]
	}
	var rows [][]string
	for i := range n {
		region := regions[rng.IntN(2)]
		m := months[rng.IntN(len(months))]
		// South is happier than North, so the regions differ.
		nps := rng.IntN(11)
		if region == "South" && rng.IntN(3) == 0 {
			nps = 9 + rng.IntN(2)
		}
		csat := ""
		if rng.IntN(10) > 0 {
			csat = fmt.Sprint(1 + rng.IntN(5))
		}
		for _, k := range []surveyKey{{region, m.quarter}, {"All", m.quarter}} {
			c := get(k)
			c.nps++
			if nps >= 9 {
				c.promoters++
			} else if nps <= 6 {
				c.detractors++
			}
			if csat != "" {
				c.csat++
				if csat >= "4" {
					c.top2++
				}
			}
		}
		rows = append(rows, []string{fmt.Sprintf("R%05d", i+1), fmt.Sprintf(m.date, 1+rng.IntN(28)), region,
			fmt.Sprint(nps), csat})
	}
	return rows, counts
}

func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// surveyValue is one object of values --json.
type surveyValue struct {
	Metric, Unit, Touchpoint, Period string
	Value                            float64
	N                                int
	MOE                              *float64
}

func valuesJSON(t *testing.T, db string, args ...string) map[string]surveyValue {
	t.Helper()
	code, out, errOut := cxdash(t, append([]string{"values", "--db", db, "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("values: exit %d: %s", code, errOut)
	}
	var rows []surveyValue
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("values --json: %v\n%s", err, out)
	}
	m := map[string]surveyValue{}
	for _, r := range rows {
		if r.Touchpoint == "" {
			m[r.Metric+"|"+r.Unit+"|"+r.Period] = r
		}
	}
	return m
}

// checkKPI compares one values row with a value, n and margin of error
// computed from counts by the textbook formulas.
func checkKPI(t *testing.T, got map[string]surveyValue, key string, value float64, n int, moe float64) {
	t.Helper()
	r, ok := got[key]
	if !ok {
		t.Errorf("values has no row %s", key)
		return
	}
	if math.Abs(r.Value-value) > 5e-5 || r.N != n || r.MOE == nil || math.Abs(*r.MOE-moe) > 5e-5 {
		m := math.NaN()
		if r.MOE != nil {
			m = *r.MOE
		}
		t.Errorf("%s: value %v n %d moe %v, want %v n %d moe %v", key, r.Value, r.N, m, value, n, moe)
	}
}

func checkSurveyValues(t *testing.T, got map[string]surveyValue, counts map[surveyKey]*surveyCounts, units ...string) {
	t.Helper()
	checked := 0
	defer func() {
		if checked < 2*len(units) {
			t.Errorf("checked %d region-quarters of %v, want at least %d", checked, units, 2*len(units))
		}
	}()
	for k, c := range counts {
		if !strings.Contains(strings.Join(units, ","), k.unit) {
			continue
		}
		checked++
		n := float64(c.nps)
		pp, pd := float64(c.promoters)/n, float64(c.detractors)/n
		checkKPI(t, got, "NPS|"+k.unit+"|"+k.quarter, 100*(pp-pd), c.nps,
			1.96*100*math.Sqrt((pp+pd-(pp-pd)*(pp-pd))/n))
		p := float64(c.top2) / float64(c.csat)
		checkKPI(t, got, "CSAT %|"+k.unit+"|"+k.quarter, 100*p, c.csat, 1.96*100*math.Sqrt(p*(1-p)/float64(c.csat)))
	}
}

func TestImportResponseTable(t *testing.T) {
	rows, counts := genSurvey(42, 1200)
	dir := t.TempDir()
	path := filepath.Join(dir, "responses.csv")
	writeCSV(t, path, append([][]string{{"response_id", "submitted_at", "region", "nps", "csat"}}, rows...))

	t.Run("pooled", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "w.db")
		code, out, errOut := cxdash(t, "import", "--db", db, "--dry-run", path)
		if code != 0 {
			t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
		}
		all := counts[surveyKey{"All", "2025-Q1"}]
		if !strings.Contains(out, "survey responses (response table): 1200 responses, 2025-01-") ||
			!strings.Contains(out, "1 unit: NPS ") || !strings.Contains(out, "unit candidates: region (C): choose one with --map C=unit") {
			t.Errorf("dry run preview:\n%s", out)
		}
		_ = all
		if code, out, errOut := cxdash(t, "import", "--db", db, path); code != 0 {
			t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
		}
		checkSurveyValues(t, valuesJSON(t, db, "--granularity", "quarter"), counts, "All")
	})
	t.Run("per region", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "w.db")
		if code, out, errOut := cxdash(t, "import", "--db", db, "--map", "C=unit", path); code != 0 {
			t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
		}
		checkSurveyValues(t, valuesJSON(t, db, "--granularity", "quarter"), counts, "North", "South", "All")
	})
}

// TestImportSurveyToolShapes imports the same answers as a Qualtrics export
// (three header rows) and as Google Forms responses (Timestamp first).
func TestImportSurveyToolShapes(t *testing.T) {
	rows, counts := genSurvey(7, 600)
	dir := t.TempDir()
	qualtrics := [][]string{
		{"StartDate", "EndDate", "Status", "Progress", "Finished", "ResponseId", "Q_region", "Q1", "Q2"},
		{"Start Date", "End Date", "Response Type", "Progress", "Finished", "Response ID", "Region",
			"How likely are you to recommend us to a friend or colleague?", "How satisfied were you with your visit?"},
		{`{"ImportId":"startDate","timeZone":"UTC"}`, `{"ImportId":"endDate","timeZone":"UTC"}`, `{"ImportId":"status"}`,
			`{"ImportId":"progress"}`, `{"ImportId":"finished"}`, `{"ImportId":"_recordId"}`, `{"ImportId":"QID3"}`,
			`{"ImportId":"QID1"}`, `{"ImportId":"QID2"}`},
	}
	forms := [][]string{{"Timestamp", "Which region do you live in?", "How likely are you to recommend us to a friend?",
		"How satisfied are you with our service?"}}
	for _, r := range rows {
		qualtrics = append(qualtrics, []string{r[1], r[1], "IP Address", "100", "True", r[0], r[2], r[3], r[4]})
		forms = append(forms, []string{r[1], r[2], r[3], r[4]})
	}
	for _, tc := range []struct {
		name, tool, unitCol string
		rows                [][]string
	}{{"qualtrics.csv", "Qualtrics export", "G", qualtrics}, {"forms.csv", "Google Forms", "B", forms}} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			writeCSV(t, path, tc.rows)
			db := filepath.Join(t.TempDir(), "w.db")
			code, out, errOut := cxdash(t, "import", "--db", db, "--dry-run", path)
			if code != 0 || !strings.Contains(out, "survey responses ("+tc.tool+"): 600 responses") {
				t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
			}
			if code, out, errOut := cxdash(t, "import", "--db", db, "--map", tc.unitCol+"=unit", path); code != 0 {
				t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
			}
			checkSurveyValues(t, valuesJSON(t, db, "--granularity", "quarter"), counts, "North", "South", "All")
		})
	}
}

// TestImportSurveyBadCells: one answer off its scale, or one date that is
// not a date, refuses the whole file with the cell named.
func TestImportSurveyBadCells(t *testing.T) {
	rows, _ := genSurvey(3, 50)
	for _, tc := range []struct {
		name string
		col  int
		cell string
		want string
	}{
		{"answer", 4, "maybe", `bad.csv: line 13, column csat: "maybe" is not an answer of the scale 1-5 (allowed: 1-5)`},
		{"date", 1, "someday", `bad.csv: line 13, column submitted_at: the response date "someday" is not a date`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := append([][]string{{"response_id", "submitted_at", "region", "nps", "csat"}}, rows...)
			bad[12] = append([]string(nil), bad[12]...)
			bad[12][tc.col] = tc.cell
			path := filepath.Join(t.TempDir(), "bad.csv")
			writeCSV(t, path, bad)
			db := filepath.Join(t.TempDir(), "w.db")
			for _, dry := range []bool{true, false} {
				args := []string{"import", "--db", db, path}
				if dry {
					args = []string{"import", "--db", db, "--dry-run", path}
				}
				code, _, errOut := cxdash(t, args...)
				if code != 1 || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "rejected, nothing imported (1 problem(s))") {
					t.Fatalf("%v: exit %d, stderr:\n%s", args, code, errOut)
				}
			}
			if _, out, _ := cxdash(t, "batches", "--db", db); strings.TrimSpace(out) != "" {
				t.Errorf("batches after a refused file:\n%s", out)
			}
		})
	}
}

// TestLongRatingsRefused: 0-10 ratings typed as long rows under "NPS" are
// refused, never averaged into an "NPS" of 5.
func TestLongRatingsRefused(t *testing.T) {
	rows, _ := genSurvey(11, 60)
	csvRows := [][]string{{"Period", "Unit", "Metric", "Value"}}
	for _, r := range rows {
		csvRows = append(csvRows, []string{"2025-Q1", "All", "NPS", r[3]})
	}
	path := filepath.Join(t.TempDir(), "ratings.csv")
	writeCSV(t, path, csvRows)
	db := filepath.Join(t.TempDir(), "w.db")
	code, _, errOut := cxdash(t, "import", "--db", db, path)
	if code != 1 || !strings.Contains(errOut, "these look like individual 0-10 ratings, not NPS values (60 whole numbers, up to 60 per unit and period): NPS is % 9-10 minus % 0-6") {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, out, _ := cxdash(t, "batches", "--db", db); strings.TrimSpace(out) != "" {
		t.Errorf("batches after a refused file:\n%s", out)
	}
}
