package importers_test

import (
	"slices"
	"testing"

	"cxdash/importers"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                []string
		problems            []string
	}{
		{"european semicolons and decimal commas", "eu.csv",
			"Periode;Unit;Metric;Value\n2024-Q1;Nord;NPS;3,5\n2024-Q1;Süd;NPS;\"1.234,5\"\n2024-Q2;Nord;NPS;abc\n2024-Q2;Nord;CSAT;45%\n",
			[]string{"NPS|Nord|2024-Q1|3.5|!line 2, column Value", "NPS|Süd|2024-Q1|1234.5|!line 3, column Value", "CSAT|Nord|2024-Q2|45|!line 5, column Value"},
			[]string{`eu.csv: line 4, column Value: Value "abc" is not a number`}},
		{"numbers as text with thousands and spaces", "us.csv",
			"Quarter,Region,KPI,Score\nQ1 2024,East,NPS,\" 1,234.5 \"\nQ1 2024,East,CSAT,81%\n",
			[]string{"NPS|East|2024-Q1|1234.5|!line 2, column Score", "CSAT|East|2024-Q1|81|!line 3, column Score"}, nil},
		{"tab separated wide by metric", "w.tsv",
			"Month\tNPS\tCSAT\n2024-01\t30\t80\n2024-02\tn/a\t82\n",
			[]string{"NPS|All|2024-01|30|!line 2, column NPS", "CSAT|All|2024-01|80|!line 2, column CSAT", "CSAT|All|2024-02|82|!line 3, column CSAT"}, nil},
		{"wide by period", "wp.csv",
			"Metric,Discipline,Q1 2024,Q2 2024\nJourney maps,Design,2,3\n",
			[]string{"Journey maps|All|2024-Q1|2|!line 2, column Q1 2024", "Journey maps|All|2024-Q2|3|!line 2, column Q2 2024"}, nil},
		{"year and quarter columns", "yq.csv",
			"Year,Quarter,Metric,Value\n2024,1,NPS,10\n2024,Q3,NPS,12\n2024,,NPS,11\n",
			[]string{"NPS|All|2024-Q1|10|!line 2, column Value", "NPS|All|2024-Q3|12|!line 3, column Value", "NPS|All|2024|11|!line 4, column Value"}, nil},
		{"year and month columns", "ym.csv",
			"Month,Year,Metric,Value\nMar,2024,NPS,10\n4,2024,NPS,12\nMay 2024,2024,NPS,13\n2024-06-30,2024,NPS,14\n",
			[]string{"NPS|All|2024-03|10|!line 2, column Value", "NPS|All|2024-04|12|!line 3, column Value",
				"NPS|All|2024-05|13|!line 4, column Value", "NPS|All|2024-06|14|!line 5, column Value"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, sink := semRead(t, semCSV(t, tt.file, tt.content), importers.Options{})
			if got := semProblems(rep); !slices.Equal(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
			if len(tt.problems) > 0 {
				// The sink stops at the first problem; the counts still cover
				// every good value.
				if rep.Values != len(tt.want) {
					t.Errorf("values %d, want %d", rep.Values, len(tt.want))
				}
				return
			}
			if got := semObsList(sink.Observations); !slices.Equal(got, tt.want) {
				t.Errorf("observations\n got %q\nwant %q", got, tt.want)
			}
			if rep.Format != "csv" {
				t.Errorf("format %q", rep.Format)
			}
		})
	}
}
