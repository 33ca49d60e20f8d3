package importers

import (
	"strconv"
	"strings"
	"testing"

	"cxdash/importers/importerstest"
)

// fuzzMapping reads "col=role,col=role" into a Mapping. Columns may be
// negative or huge and roles unknown: a remembered mapping comes from a
// workspace that an older or newer cxdash may have written.
func fuzzMapping(s string) Mapping {
	m := Mapping{}
	for i, part := range strings.Split(s, ",") {
		if i >= 64 {
			break
		}
		c, r, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil {
			continue
		}
		m[n] = Role(strings.TrimSpace(r))
	}
	return m
}

// FuzzHeaderMapping checks header text → role mapping: the header
// normalisation is idempotent and decides the roles, trailing blank
// headers do not change a signature, and a user's mapping (chosen in the
// preview, or remembered) either gives a consistent layout that keeps the
// mapped roles or a reason; read with it, a dry run and a real run agree.
func FuzzHeaderMapping(f *testing.F) {
	f.Add("Period\tMetric\tValue\n2024-Q1\tNPS\t45", "0=period,1=metric,2=value")
	f.Add("Reporting period\tBusiness Unit\tKPI (%)\tActual\n2024-01\tNorth\tCSAT\t80", "0=period,1=unit,2=metric,3=value")
	f.Add("Metric\tQ1 2024\tQ2 2024\nNPS\t30\t40", "0=metric,1=period-values,2=period-values")
	f.Add("Month\tNPS\tCSAT\nJan 2024\t30\t80", "0=period,1=metric-values,2=metric-values")
	f.Add("KPI\tArea\tUoM\tt1\tt2\tt3\tt4\tt5\nNPS\tMeasurement\tpts\t-20\t0\t20\t40\t60", "0=metric,1=discipline,2=measure-unit,3=t1,4=t2,5=t3,6=t4,7=t5")
	f.Add("Title\tOwner\tDue\tStatus\nFix IVR\tAna\t2024-04-03\tdone", "0=title,1=owner,2=due,3=status")
	f.Add("When\tChannel\tPriority\tSummary\n2024-03-04\tphone\tP1\tdown", "0=date,1=touchpoint,2=severity,3=description")
	f.Add("Type\tName\tOwner\tReview cadence\nDiscipline\tDesign\tChen\tQ", "0=type,1=name,2=owner,3=review-cadence")
	f.Add("Date\tEvent\nd:2024-03-31\tRelaunch", "0=date,1=title")
	f.Add("Period\tMetric\tValue\n2024\tNPS\t1", "0=period,0=value,-1=metric,16384=metric,99999999999=value,1=title,2=bogus")
	f.Add("Period\tValue\n2024\t1", "0=status,1=period")
	f.Fuzz(func(t *testing.T, s, ms string) {
		rows := semFuzzRows(s)
		if len(rows) == 0 {
			return
		}
		var headers []string
		for _, c := range rows[0].Cells {
			headers = append(headers, c.Text)
			n := normHeader(c.Text)
			if normHeader(n) != n {
				t.Fatalf("normHeader(%q) = %q, then %q", c.Text, n, normHeader(n))
			}
			r1, s1, k1 := classifyHeader(c.Text)
			r2, s2, k2 := classifyHeader(n)
			if r1 != r2 || s1 != s2 || k1 != k2 {
				t.Fatalf("header %q and its normal form %q classify differently", c.Text, n)
			}
		}
		sig := HeaderSignature(headers)
		if got := HeaderSignature(append(headers, "", " - ", "()")); got != sig {
			t.Fatalf("trailing blank headers change the signature: %q vs %q", sig, got)
		}

		m := fuzzMapping(ms)
		_, _, _, pos := detectLayout(rows, semEnv())
		hc := analyseHeader(rows, pos, semEnv())
		l, why := layoutFromMapping(hc, m)
		if l == nil {
			if why == "" {
				t.Fatal("mapping refused without a reason")
			}
		} else {
			l.headerPos, l.headerRow = pos, rows[pos].Index
			semCheckLayout(t, l, rows)
			for c, r := range m {
				if c < 0 || c >= len(l.roles) || r == "" || r == RoleIgnore {
					continue
				}
				if l.roles[c] != r {
					t.Fatalf("column %d mapped to %q reads as %q", c, r, l.roles[c])
				}
			}
		}

		book := &semBook{format: "xlsx", sheets: []semSheet{{info: SheetInfo{Name: "S"}, rows: rows}}}
		opts := Options{Overrides: map[string]Mapping{"S": m}}
		dry := semReadBook(t, book, opts, nil)
		real := semReadBook(t, book, opts, &importerstest.GovernanceRecorder{})
		if len(dry.Problems) != len(real.Problems) || dry.Values != real.Values || dry.Records != real.Records {
			t.Fatalf("dry run and real run differ: %d/%d problems, %d/%d values", len(dry.Problems), len(real.Problems), dry.Values, real.Values)
		}
		if l == nil && real.OK() {
			t.Fatalf("an unusable mapping (%s) imported without a problem", why)
		}
		for _, p := range real.Problems {
			if p.Message == "" || p.File == "" {
				t.Fatalf("problem without message or file: %+v", p)
			}
		}
	})
}
