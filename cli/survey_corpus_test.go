package cli_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// corpusFile is a real file of ../shared/corpus/cx, read where it is and
// never copied into the repository; the test skips when it is absent.
func corpusFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "corpus", "cx", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus file %s not present", name)
	}
	return path
}

// TestSurveyCorpus imports real survey exports and response tables and
// checks the figures SOURCES.tsv gives; the dry run says the same first.
func TestSurveyCorpus(t *testing.T) {
	for _, tc := range []struct {
		file   string
		args   []string
		metric string
		want   string // the preview's KPI, with n and margin
		values string // the pooled value as values --json rounds it
		n      int
	}{
		{"carpentrycon_session_feedback_nps.csv", []string{"--period", "2020"}, "NPS", "NPS +62.1 (n 124, ±", "62.1", 124},
		{"support_tickets_csat.csv", nil, "CSAT %", "CSAT % 59.6 (n 428, ±4.6)", "59.6", 428},
		{"instructor_training_post_survey.csv", nil, "NPS", "NPS +48.4 (n 889, ±4.2)", "48.4", 889},
		{"qualtrics_export_climate_scientists.csv", []string{"--map", "Y=csat"}, "CSAT %", "CSAT % 60.0 (n 452, ±4.5)", "60.0", 452},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := corpusFile(t, tc.file)
			db := filepath.Join(t.TempDir(), "w.db")
			args := append(append([]string{"import", "--db", db}, tc.args...), path)
			code, out, errOut := cxdash(t, append(append([]string{}, args[:3]...), append([]string{"--dry-run"}, args[3:]...)...)...)
			if code != 0 || !strings.Contains(out, tc.want) {
				t.Fatalf("dry run: exit %d, want %q\n%s\n%s", code, tc.want, out, errOut)
			}
			if code, out, errOut := cxdash(t, args...); code != 0 {
				t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
			}
			n, sum := 0, 0.0
			var pooled float64
			for _, r := range valuesJSON(t, db, "--granularity", "year") {
				if r.Metric == tc.metric && r.Unit == "All" {
					n += r.N
					sum++
					pooled = r.Value
				}
			}
			if n != tc.n {
				t.Errorf("%s: n %d over the years, want %d", tc.metric, n, tc.n)
			}
			if sum == 1 {
				if got := strings.TrimPrefix(formatOne(pooled), "+"); got != tc.values {
					t.Errorf("%s = %s, want %s", tc.metric, got, tc.values)
				}
			}
		})
	}
}

// TestSurveyCorpusRefused: a Qualtrics export with no KPI question is
// refused with one sentence naming what was found and the way out, and
// nothing is written.
func TestSurveyCorpusRefused(t *testing.T) {
	path := corpusFile(t, "qualtrics_export_climate_scientists.csv")
	db := filepath.Join(t.TempDir(), "w.db")
	code, _, errOut := cxdash(t, "import", "--db", db, path)
	want := "qualtrics_export_climate_scientists.csv: survey responses (Qualtrics export), but no NPS, CSAT, CES or FCR question was recognised; questions found: L \"Imagine you are playing video games…\""
	if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, ": map one with --map L=csat (or nps, ces, fcr)\n") {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	_, out, _ := cxdash(t, "batches", "--db", db)
	if strings.TrimSpace(out) != "" {
		t.Errorf("batches after a refused file:\n%s", out)
	}
}

func formatOne(v float64) string { return fmtFloat(v) }

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
