package importers_test

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cxdash/importers"
)

// wantColumn is an expected column of a detected layout: the first column whose
// header starts with prefix (and, when option is set, whose option is it).
type wantColumn struct {
	prefix, option string
	want           importers.ColumnClass
}

// checkSurveyLayout checks the tool, the header rows and the columns expected.
func checkSurveyLayout(t *testing.T, l importers.SurveyLayout, tool importers.SurveyTool, headerRows int, cols []wantColumn) {
	t.Helper()
	if l.Tool != tool || l.HeaderRows != headerRows {
		t.Fatalf("tool %q with %d header rows, want %q with %d (%s)", l.Tool, l.HeaderRows, tool, headerRows, l.Reason)
	}
	if len(l.Classes) != len(l.Columns) {
		t.Fatalf("%d classes for %d columns", len(l.Classes), len(l.Columns))
	}
	for _, want := range cols {
		c := findWantColumn(l.Columns, want)
		if c < 0 {
			t.Errorf("no column %q %q", want.prefix, want.option)
			continue
		}
		checkColumnClass(t, l.Columns[c].Header(), l.Classes[c], want.want)
	}
}

// findWantColumn returns the column whose header is want.prefix, or else the
// first that starts with it.
func findWantColumn(cols []importers.SurveyColumn, want wantColumn) int {
	match := -1
	for c, col := range cols {
		h := col.Question
		if h == "" {
			h = col.ID
		}
		if !strings.HasPrefix(h, want.prefix) || (want.option != "" && col.Option != want.option) {
			continue
		}
		if h == want.prefix {
			return c
		}
		if match < 0 {
			match = c
		}
	}
	return match
}

func TestDetectSurveyTool(t *testing.T) {
	npsQ := "How likely are you to recommend Acme to a friend or colleague?"
	tests := []struct {
		name       string
		rows       [][]string
		tool       importers.SurveyTool
		headerRows int
		cols       []wantColumn
	}{
		{"qualtrics", [][]string{
			{"StartDate", "EndDate", "ResponseId", "Q1", "Q2", "Q3_1"},
			{"Start Date", "End Date", "Response ID", npsQ, "What is the main reason for your score?", "Store - Which store?"},
			{`{"ImportId":"startDate","timeZone":"Europe/London"}`, `{"ImportId":"endDate"}`, `{"ImportId":"_recordId"}`,
				`{"ImportId":"QID1"}`, `{"ImportId":"QID2_TEXT"}`, `{"ImportId":"QID3_1"}`},
			{"2024-05-01 10:00:00", "2024-05-01 10:03:00", "R_1", "9", "Friendly staff who knew what they were doing", "Leeds"},
			{"2024-05-02 11:00:00", "2024-05-02 11:04:00", "R_2", "3", "The queue was far too long and nobody explained why", "York"},
		}, importers.ToolQualtrics, 3, []wantColumn{
			{"Start Date", "", wantTime(importers.TimeStarted)},
			{"End Date", "", wantTime(importers.TimeEvent)},
			{"Response ID", "", wantMeta(importers.MetaID)},
			{"How likely", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
			{"What is the main reason", "", wantAnswer(importers.QuestionReason, importers.AnswersText)},
		}},
		{"qualtrics legacy", [][]string{
			{"V1", "V8", "V9", "Q1"},
			{"ResponseID", "StartDate", "EndDate", "How satisfied are you with our service?"},
			{"R_1", "2015-03-01 10:00:00", "2015-03-01 10:05:00", "5"},
		}, importers.ToolQualtrics, 2, []wantColumn{
			{"How satisfied", "", wantAnswer(importers.QuestionCSAT, importers.AnswersNumbers)},
		}},
		{"surveymonkey", [][]string{
			{"Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", npsQ, "Which of our services have you used?", "", ""},
			{"", "", "", "", "", "Response", "Repairs", "Deliveries", "Returns"},
			{"114", "9", "05/01/2024 10:00:00 AM", "05/01/2024 10:02:00 AM", "203.0.113.9", "10", "Repairs", "", "Returns"},
			{"115", "9", "05/02/2024 10:00:00 AM", "05/02/2024 10:02:00 AM", "198.51.100.7", "7", "", "Deliveries", ""},
		}, importers.ToolSurveyMonkey, 2, []wantColumn{
			{"Respondent ID", "", wantMeta(importers.MetaID)},
			{"IP Address", "", wantPersonal(importers.PersonalIP)},
			{"How likely", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
			{"Which of our services", "Deliveries", wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
		}},
		{"google forms", [][]string{
			{"Timestamp", "Email Address", "How satisfied were you with your order?", "Which store did you visit?"},
			{"2024/05/01 10:00:00 AM GMT+1", "ana@example.com", "Very satisfied", "Leeds"},
		}, importers.ToolGoogleForms, 1, []wantColumn{
			{"Timestamp", "", wantTime(importers.TimeEvent)},
			{"Email Address", "", wantPersonal(importers.PersonalEmail)},
			{"How satisfied", "", wantAnswer(importers.QuestionCSAT, importers.AnswersLabels)},
			{"Which store", "", wantUnit(importers.UnitStore)},
		}},
		{"typeform", [][]string{
			{"#", npsQ, "Start Date (UTC)", "Submit Date (UTC)", "Network ID"},
			{"a1", "8", "2024-05-01 10:00:00", "2024-05-01 10:01:00", "f00"},
		}, importers.ToolTypeform, 1, []wantColumn{
			{"#", "", wantMeta(importers.MetaID)},
			{"Start Date", "", wantTime(importers.TimeStarted)},
			{"Submit Date", "", wantTime(importers.TimeEvent)},
			{"Network ID", "", wantMeta(importers.MetaID)},
		}},
		{"alchemer", [][]string{
			{"Response ID", "Time Started", "Date Submitted", "Status", "Legacy Comments", "IP Address", "Latitude", "Longitude", "City", "Postal", "How easy was it to get help?"},
			{"1", "2024-05-01 10:00:00", "2024-05-01 10:04:00", "Complete", "", "203.0.113.9", "51.5", "-0.12", "London", "SW1A 1AA", "6"},
		}, importers.ToolAlchemer, 1, []wantColumn{
			{"Time Started", "", wantTime(importers.TimeStarted)},
			{"Date Submitted", "", wantTime(importers.TimeEvent)},
			{"Status", "", wantMeta(importers.MetaTool)},
			{"Latitude", "", wantPersonal(importers.PersonalLocation)},
			{"Postal", "", wantPersonal(importers.PersonalPostcode)},
			{"City", "", wantUnit(importers.UnitCity)},
			{"How easy", "", wantAnswer(importers.QuestionCES, importers.AnswersNumbers)},
		}},
		{"limesurvey", [][]string{
			{"Response ID", "Date submitted", "Last page", "Start language", "Seed", "Q1"},
			{"1", "2024-05-01 10:04:00", "2", "en", "123", "4"},
		}, importers.ToolLimeSurvey, 1, []wantColumn{
			{"Date submitted", "", wantTime(importers.TimeEvent)},
			{"Last page", "", wantMeta(importers.MetaTool)},
			{"Start language", "", wantMeta(importers.MetaTool)},
		}},
		{"medallia", [][]string{
			{"Survey ID", "Response Date", "Unit ID", "Unit Name", "Likelihood to Recommend", "Comments"},
			{"9001", "2024-05-01", "S1", "Leeds", "10", "Great staff"},
		}, importers.ToolMedallia, 1, []wantColumn{
			{"Response Date", "", wantTime(importers.TimeEvent)},
			{"Likelihood", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
		}},
		{"plain response table", [][]string{
			{"response_id", "submitted_at", "region", "nps"},
			{"1", "2024-05-01T10:00:00Z", "North", "9"},
			{"2", "2024-05-01T11:00:00Z", "South", "4"},
		}, importers.ToolPlain, 1, []wantColumn{
			{"response_id", "", wantMeta(importers.MetaID)},
			{"submitted_at", "", wantTime(importers.TimeEvent)},
			{"region", "", wantUnit(importers.UnitRegion)},
			{"nps", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
		}},
		{"ticket log", [][]string{
			{"ticket_id", "created_at", "resolved_at", "channel", "team", "resolution hours"},
			{"T1", "2024-05-01 10:00", "2024-05-02 09:00", "Email", "Billing", "23"},
		}, importers.ToolPlain, 1, []wantColumn{
			{"resolved_at", "", wantTime(importers.TimeResolved)},
			{"resolution hours", "", wantTicket(importers.TicketResolutionTime, time.Hour)},
		}},
		{"social listening", [][]string{
			{"Date", "Source", "Author", "Mention", "Sentiment", "Reach"},
			{"2024-05-01 09:12", "Twitter", "@ana", "Waited 40 minutes on hold again, this is the third time this week", "Negative", "1200"},
			{"2024-05-01 10:40", "Facebook", "Bo Li", "Lovely staff at the Leeds branch, sorted my card in five minutes", "Positive", "300"},
			{"2024-05-02 16:03", "Twitter", "@cy", "Is the app down for anyone else or is it just me", "Neutral", "80"},
		}, importers.ToolPlain, 1, []wantColumn{
			{"Date", "", wantTime(importers.TimeEvent)},
			{"Source", "", wantUnit(importers.UnitChannel)},
			{"Author", "", wantPersonal(importers.PersonalName)},
			{"Mention", "", wantAnswer(importers.QuestionReason, importers.AnswersText)},
			{"Sentiment", "", wantAnswer(importers.QuestionSentiment, importers.AnswersLabels)},
		}},
		{"blank rows above", [][]string{{"", ""}, {}, {"Timestamp", "csat"}, {"2024-05-01 10:00:00", "5"}},
			importers.ToolGoogleForms, 1, nil},
		// Not respondent-level: KPI tables and governance sheets.
		{"long KPI table", [][]string{{"Period", "Metric", "Value"}, {"2024-Q1", "NPS", "32"}}, importers.ToolNone, 0, nil},
		{"computed KPIs by month", [][]string{{"Month", "Region", "NPS", "CSAT %"}, {"Jan 2024", "North", "32.5", "87%"}},
			importers.ToolNone, 0, nil},
		{"issues sheet", [][]string{{"Date", "Channel", "Unit", "Severity", "Issue", "Status"},
			{"2024-05-01", "Phone", "North", "High", "Long waits", "Open"}}, importers.ToolNone, 0, nil},
		{"empty", nil, importers.ToolNone, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := importers.DetectSurveyTool(tt.rows)
			checkSurveyLayout(t, l, tt.tool, tt.headerRows, tt.cols)
			if l.Reason == "" {
				t.Errorf("no reason")
			}
		})
	}
}

func TestDetectSurveyToolLayout(t *testing.T) {
	t.Run("surveymonkey options", func(t *testing.T) {
		l := importers.DetectSurveyTool([][]string{
			{"RespondentID", "Which films have you seen?", "", "Gender"},
			{"", "Episode I", "Episode II", "Response"},
			{"1", "Episode I", "", "Male"},
		})
		want := []importers.SurveyColumn{
			{ID: "RespondentID", Question: "RespondentID"},
			{ID: "Which films have you seen?", Question: "Which films have you seen?", Option: "Episode I"},
			{ID: "", Question: "Which films have you seen?", Option: "Episode II"},
			{ID: "Gender", Question: "Gender"},
		}
		if len(l.Columns) != len(want) {
			t.Fatalf("columns %+v, want %+v", l.Columns, want)
		}
		for i := range want {
			if l.Columns[i] != want[i] {
				t.Errorf("column %d: %+v, want %+v", i, l.Columns[i], want[i])
			}
		}
		if h := l.Columns[2].Header(); h != "Which films have you seen? - Episode II" {
			t.Errorf("Header() = %q", h)
		}
		if l.DataStart() != 2 {
			t.Errorf("DataStart() = %d, want 2", l.DataStart())
		}
	})
	t.Run("headerless", func(t *testing.T) {
		l := importers.DetectSurveyTool([][]string{
			{"2026-02-28", "12:00:00", "551199999999", "101", "ana", "5"},
			{"2026-02-28", "12:05:00", "551198888888", "102", "bruno", "4"},
		})
		if l.Tool != importers.ToolNone || !l.Headerless || l.DataStart() != 0 || len(l.Columns) != 6 {
			t.Fatalf("got %+v, want a headerless layout of 6 columns starting at row 0", l)
		}
		checkColumnClass(t, "A", l.Classes[0], wantTime(importers.TimeEvent))
		checkColumnClass(t, "B", l.Classes[1], wantTime(importers.TimeClock))
	})
}

// readSheetHead reads the first n rows of a sheet of a corpus file as text.
func readSheetHead(t *testing.T, path, sheet string, n int) [][]string {
	t.Helper()
	b := openBook(t, path)
	if sheet == "" {
		sheet = b.Sheets()[0].Name
	}
	r, err := b.Open(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows [][]string
	for len(rows) < n {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		cells := make([]string, len(row.Cells))
		for i, c := range row.Cells {
			cells[i] = c.Text
		}
		rows = append(rows, cells)
	}
	return rows
}

// readRawCSVHead reads the first n records of a csv file as bytes, without the
// importer's repair of text that is not UTF-8.
func readRawCSVHead(t *testing.T, path string, n int) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var rows [][]string
	for len(rows) < n {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, rec)
	}
	return rows
}

var cxCorpusDir = filepath.Join("..", "..", "shared", "corpus", "cx")

func cxCorpusFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(cxCorpusDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skip("no corpus file", path)
	}
	return path
}
