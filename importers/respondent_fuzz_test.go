package importers_test

import (
	"reflect"
	"strings"
	"testing"

	"cxdash/importers"
)

// FuzzClassifyRespondentColumn: any header and cells classify without a
// panic, the same way twice, with the field of their kind set.
func FuzzClassifyRespondentColumn(f *testing.F) {
	for _, s := range [][2]string{
		{"How likely are you to recommend us?", "9\n10\n\n3"},
		{"Email", "ana@example.com\nYes"},
		{"Location", "(34.07, -118.27)"},
		{"", "203.0.113.9\n2001:db8::1"},
		{"First_Response_Time_Hours", "1.5\n2"},
		{"Do you consider yourself a fan?\x8c\xe6", "Yes\nNo"},
		{"Satisfação", "Muito satisfeito"},
		{"Time", "3:53:50 PM"},
		{"\uFEFFTicket #", "250635"},
		{"CreatedDate", "12/31/2017 11:59:58 PM"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, header, cells string) {
		sample := strings.Split(cells, "\n")
		got := importers.ClassifyRespondentColumn(header, sample)
		if again := importers.ClassifyRespondentColumn(header, sample); got != again {
			t.Fatalf("not deterministic: %+v then %+v", got, again)
		}
		checkClassFields(t, got)
		_ = importers.ClassifyQuestion(header)
	})
}

// checkClassFields checks that a class sets the field of its kind, and says why.
func checkClassFields(t *testing.T, c importers.ColumnClass) {
	t.Helper()
	ok := true
	switch c.Kind {
	case importers.ColumnUnknown:
		ok = c == importers.ColumnClass{}
	case importers.ColumnMetadata:
		ok = c.Meta != ""
	case importers.ColumnPersonal:
		ok = c.Personal != "" && strings.Contains(c.Reason, "never stored")
	case importers.ColumnTimestamp:
		ok = c.Time != ""
	case importers.ColumnUnit:
		ok = c.Unit != ""
	case importers.ColumnTicket:
		ok = c.Ticket != ""
	case importers.ColumnAnswer:
	default:
		ok = false
	}
	if !ok || (c.Kind != importers.ColumnUnknown && c.Reason == "") {
		t.Fatalf("inconsistent class %+v", c)
	}
}

// FuzzDetectSurveyTool: any rows are read without a panic, the same way
// twice, into a layout whose numbers fit the rows.
func FuzzDetectSurveyTool(f *testing.F) {
	for _, s := range []string{
		"StartDate,EndDate,Q1\nStart Date,End Date,How likely are you to recommend us?\n" +
			`{"ImportId":"startDate"},{"ImportId":"endDate"},{"ImportId":"QID1"}` + "\n2024-01-01,2024-01-01,9",
		"RespondentID,Q1,,\n,Response,A,B\n1,Yes,A,",
		"Timestamp,How satisfied are you?\n2024/01/01 10:00:00,5",
		"#,Q,Submit Date (UTC),Network ID\nx,1,2024-01-01 00:00:00,n",
		"2026-02-28,12:00:00,551199999999,101,ana,5",
		"ticket_id,created_at,status,channel\nT1,2024-01-01,Open,Email",
		"Period,Metric,Value\n2024-Q1,NPS,32",
		"\n\n,,\nnps\n10\n\x8c\xe6",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		var rows [][]string
		for _, line := range strings.Split(data, "\n") {
			rows = append(rows, strings.Split(line, ","))
		}
		l := importers.DetectSurveyTool(rows)
		if again := importers.DetectSurveyTool(rows); !reflect.DeepEqual(l, again) {
			t.Fatalf("not deterministic: %+v then %+v", l, again)
		}
		if l.HeaderRows < 0 || l.HeaderRows > 3 || l.First < 0 || (l.Tool != importers.ToolNone && l.DataStart() > len(rows)) {
			t.Fatalf("header rows %d from %d for %d rows", l.HeaderRows, l.First, len(rows))
		}
		if len(l.Classes) != len(l.Columns) || (l.Headerless && (l.HeaderRows != 0 || l.Tool != importers.ToolNone)) {
			t.Fatalf("inconsistent layout %+v", l)
		}
		if l.Tool == importers.ToolNone && !l.Headerless && len(l.Columns) != 0 {
			t.Fatalf("columns without a tool: %+v", l)
		}
		for _, c := range l.Classes {
			checkClassFields(t, c)
		}
		if l.Reason == "" {
			t.Fatalf("no reason: %+v", l)
		}
	})
}
