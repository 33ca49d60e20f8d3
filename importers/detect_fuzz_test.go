package importers

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"cxdash/importers/importerstest"
)

// semFuzzRows turns text into rows: lines are rows, tabs separate cells. A cell
// "#..." is an error value, "d:2024-03-31" a date, "p:45" a percent cell,
// "b:1" a boolean; a plain number is a number and the rest is text.
func semFuzzRows(s string) []Row {
	var rows []Row
	for i, line := range strings.Split(s, "\n") {
		if i >= 200 {
			break
		}
		r := Row{Index: i + 1}
		for c, f := range strings.Split(line, "\t") {
			if c >= 64 {
				break
			}
			cell := Cell{Col: c, Text: strings.TrimSpace(f)}
			switch {
			case cell.Text == "":
			case strings.HasPrefix(cell.Text, "#"):
				cell.Kind = CellError
			case strings.HasPrefix(cell.Text, "d:"):
				tm, err := time.Parse("2006-01-02", cell.Text[2:])
				cell.Kind, cell.Time = CellDate, tm
				if err != nil {
					cell.Kind = CellText
				}
			case strings.HasPrefix(cell.Text, "p:"):
				v, err := strconv.ParseFloat(cell.Text[2:], 64)
				cell.Kind, cell.Num = CellPercent, v
				if err != nil {
					cell.Kind = CellText
				}
			case strings.HasPrefix(cell.Text, "b:"):
				cell.Kind = CellBool
			default:
				if v, err := strconv.ParseFloat(cell.Text, 64); err == nil {
					cell.Kind, cell.Num = CellNumber, v
				} else {
					cell.Kind = CellText
				}
			}
			r.Cells = append(r.Cells, cell)
		}
		if !r.Empty() {
			rows = append(rows, r)
		}
	}
	return rows
}

// FuzzDetectHeader runs header detection and the whole semantic layer on
// arbitrary rows: nothing may panic, a detected layout must be consistent,
// and a dry run and a real run must agree.
func FuzzDetectHeader(f *testing.F) {
	f.Add("Period\tMetric\tValue\n2024-Q1\tNPS\t45")
	f.Add("Title\n\nMetric\tDiscipline\tUnit\tt1\tt2\tt3\tt4\tt5\nNPS\tMeasurement\tpts\t-20\t0\t20\t40\t60")
	f.Add("\td:2024-03-31\td:2024-06-30\nNPS\t30\tn/a\nCSAT\tp:80\t#N/A")
	f.Add("Metric\t2024\t\t2025\n\tQ1\tQ2\tQ1\nNPS\t1\t2\t3")
	f.Add("Month\tRegion\tNPS\tCalls\nJan 2024\tN\t30\t1,200\nFeb 2024\t\t-\tb:1")
	// Governance sheets.
	f.Add("Action plan\n\nAction\tResponsible\tDeadline\tState\nFix IVR\tAna\t03/04/2024\tdone\nTrain\tAna; Bob\t13/04/2024\tfinished-ish")
	f.Add("Kind\tSubject\tLead\tGoal\tCadence\nDiscipline\tDesign\tChen\t3.5\tQ\nMetric\tNPS\t\tp:40\tmonthly")
	f.Add("When\tChannel\tPriority\tSummary\tCause\nd:2024-03-04\tphone\tP1\tdown\t\n02/03/2024\tweb\t9\tslow\tx")
	f.Add("Date\tEvent\tUnit\n31/02/2024\tOutage\tAll\n45382\tRelaunch\t")
	f.Fuzz(func(t *testing.T, s string) {
		rows := semFuzzRows(s)
		l, reason, _, _ := detectLayout(rows, semEnv())
		if l == nil {
			if reason == "" {
				t.Fatal("refused without a reason")
			}
		} else {
			semCheckLayout(t, l, rows)
		}
		book := &semBook{format: "xlsx", sheets: []semSheet{{info: SheetInfo{Name: "S"}, rows: rows}}}
		dry := semReadBook(t, book, Options{}, nil)
		rec := &importerstest.GovernanceRecorder{}
		real := semReadBook(t, book, Options{}, rec)
		if len(dry.Problems) != len(real.Problems) || dry.Values != real.Values || dry.Skipped != real.Skipped {
			t.Fatalf("dry run and real run differ: %d/%d problems, %d/%d values", len(dry.Problems), len(real.Problems), dry.Values, real.Values)
		}
		if real.OK() && len(rec.Observations) != real.Values {
			t.Fatalf("wrote %d observations, report says %d values", len(rec.Observations), real.Values)
		}
		if dry.Records != real.Records || (real.OK() && rec.Records() != real.Records) {
			t.Fatalf("governance records: dry %d, real %d, written %d", dry.Records, real.Records, rec.Records())
		}
		for _, p := range real.Problems {
			if p.Message == "" || p.File == "" {
				t.Fatalf("problem without message or file: %+v", p)
			}
		}
	})
}

func semCheckLayout(t *testing.T, l *sheetLayout, rows []Row) {
	t.Helper()
	if l.headerPos < 0 || l.headerPos >= len(rows) || rows[l.headerPos].Index != l.headerRow {
		t.Fatalf("header position %d row %d out of range", l.headerPos, l.headerRow)
	}
	n := len(l.roles)
	if len(l.headers) != n || len(l.periods) != n || len(l.metrics) != n {
		t.Fatalf("layout slices differ in length")
	}
	l.index()
	need := map[Layout][]int{
		LayoutLong:       {l.period, l.metric, l.value},
		LayoutWidePeriod: {l.metric},
		LayoutWideMetric: {l.period},
		LayoutCatalogue:  {l.metric, l.discipline},
	}[l.layout]
	for _, c := range need {
		if c < 0 {
			t.Fatalf("%s layout without a required column: %s", l.layout, semRoles(l))
		}
	}
	if k := govKindOf(l.layout); k != nil {
		for _, r := range k.need {
			if l.col(r) < 0 {
				t.Fatalf("%s layout without its %s column: %s", l.layout, r, semRoles(l))
			}
		}
	}
	for c, r := range l.roles {
		if r == RolePeriodValues && l.periods[c].IsZero() {
			t.Fatalf("period column %d without a period", c)
		}
		if r == RoleMetricValues && strings.TrimSpace(l.metrics[c]) == "" {
			t.Fatalf("metric column %d without a name", c)
		}
	}
	if (l.layout == LayoutWidePeriod || l.layout == LayoutWideMetric) && len(l.valueCols) == 0 {
		t.Fatalf("%s layout without value columns", l.layout)
	}
}
