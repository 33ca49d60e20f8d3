package importers

// This file recognises the survey tool that wrote a respondent-level sheet
// from its first rows, and how many header rows sit above the answers:
// Qualtrics writes three (ids, question texts, ImportId tags), SurveyMonkey
// two (questions, then "Response" or the option of each column), the others
// one.

import (
	"fmt"
	"regexp"
	"strings"
)

// SurveyTool is the tool that wrote a respondent-level sheet.
type SurveyTool string

// Survey tools. ToolPlain is a response table or ticket log with one header
// row and no tool's signature; ToolNone is not a respondent-level sheet, or
// one without a header (SurveyLayout.Headerless).
const (
	ToolNone         SurveyTool = ""
	ToolQualtrics    SurveyTool = "qualtrics"
	ToolSurveyMonkey SurveyTool = "surveymonkey"
	ToolGoogleForms  SurveyTool = "google-forms"
	ToolTypeform     SurveyTool = "typeform"
	ToolMedallia     SurveyTool = "medallia"
	ToolAlchemer     SurveyTool = "alchemer"
	ToolLimeSurvey   SurveyTool = "limesurvey"
	ToolPlain        SurveyTool = "plain"
)

// SurveyColumn is one column of a respondent-level sheet as its header rows
// describe it.
type SurveyColumn struct {
	// ID is the tool's name for the column: Qualtrics' first row ("QID12",
	// "Q1_1", "StartDate"); the header itself for one-row headers.
	ID string
	// Question is the question text: Qualtrics' second row, SurveyMonkey's
	// first row carried over the blank cells of a question spread over
	// several columns.
	Question string
	// Option is SurveyMonkey's second-row label of a multi-column question:
	// the option of a multi-select or the row of a matrix ("Han Solo"). It
	// is empty for SurveyMonkey's "Response" and "Open-Ended Response".
	Option string
}

// Header is the column's name for display and mapping: the question, with
// its option after a dash when it has one.
func (c SurveyColumn) Header() string {
	q := c.Question
	if q == "" {
		q = c.ID
	}
	switch {
	case c.Option == "":
		return q
	case q == "":
		return c.Option
	}
	return q + " - " + c.Option
}

// SurveyLayout is what DetectSurveyTool found.
type SurveyLayout struct {
	Tool SurveyTool
	// First is the index in the rows given of the first header row (blank
	// rows above it are skipped); HeaderRows is the number of header rows,
	// so that answers start at rows[First+HeaderRows].
	First, HeaderRows int
	// Headerless says the first row already holds answers (dates, numbers):
	// the columns must be mapped by the user, not read from a header.
	Headerless bool
	Columns    []SurveyColumn
	// Classes classifies each column from its header and the answer rows
	// among the rows given (ClassifyRespondentColumn).
	Classes []ColumnClass
	// Reason says in one sentence what was recognised, or why nothing was.
	Reason string
}

// DataStart is the index in the rows given of the first answer row.
func (l SurveyLayout) DataStart() int { return l.First + l.HeaderRows }

// Detection limits: blank rows skipped above the header, and answer rows
// read to classify the columns.
const (
	surveyScanRows   = 30
	surveySampleRows = 50
)

// DetectSurveyTool recognises from the first rows of a sheet (a few dozen
// are enough) which tool wrote it and how many header rows to skip:
// Qualtrics (ids, question texts and {"ImportId":…} rows), SurveyMonkey
// (questions, then "Response" or option labels), Google Forms ("Timestamp"
// first), Typeform ("#", "Submit Date (UTC)", "Network ID"), Medallia,
// Alchemer ("Time Started", "Date Submitted"), LimeSurvey ("Last page",
// "Start language"), a plain response table or ticket log, or none. A first
// row of dates and numbers is data, not a header: the layout is Headerless.
func DetectSurveyTool(rows [][]string) SurveyLayout {
	first := 0
	for first < len(rows) && first < surveyScanRows && blankCells(rows[first]) {
		first++
	}
	if first >= len(rows) || first >= surveyScanRows {
		return SurveyLayout{Reason: "no cells in the first rows"}
	}
	head := make([][]string, 0, 3)
	for i := first; i < len(rows) && i < first+3; i++ {
		head = append(head, cleanCells(rows[i]))
	}
	l := SurveyLayout{First: first}
	names := headerNames(head[0])
	switch {
	case len(head) >= 3 && importIDRow(head[2]):
		l.Tool, l.HeaderRows = ToolQualtrics, 3
		l.Reason = "Qualtrics export: question ids, question texts and ImportId rows above the answers"
	case len(head) >= 2 && qualtricsMarkers(head[1]) >= 2 && (qualtricsMarkers(head[0]) >= 2 || qualtricsIDs(head[0])):
		l.Tool, l.HeaderRows = ToolQualtrics, 2
		l.Reason = "Qualtrics export (legacy): question ids and question texts above the answers"
	case len(head) >= 2 && surveyMonkeyRows(head[0], head[1], names):
		l.Tool, l.HeaderRows = ToolSurveyMonkey, 2
		l.Reason = "SurveyMonkey export: questions, then a row of \"Response\" or option labels, above the answers"
	case names["last page"] && names["start language"]:
		l.Tool, l.HeaderRows, l.Reason = ToolLimeSurvey, 1, "LimeSurvey export: one header row"
	case names["time started"] && (names["date submitted"] || names["legacy comments"]):
		l.Tool, l.HeaderRows, l.Reason = ToolAlchemer, 1, "Alchemer export: one header row"
	case typeformHeader(head[0], names):
		l.Tool, l.HeaderRows, l.Reason = ToolTypeform, 1, "Typeform export: one header row"
	case medalliaHeader(head[0], names):
		l.Tool, l.HeaderRows, l.Reason = ToolMedallia, 1, "Medallia export: one header row"
	case googleFormsHeader(head[0]):
		l.Tool, l.HeaderRows, l.Reason = ToolGoogleForms, 1, "Google Forms responses: Timestamp and one header row"
	}
	if l.Tool != ToolNone {
		l.columns(head)
		l.classify(rows)
		return l
	}
	if dataRow(head[0]) {
		l.Headerless = true
		l.Columns = make([]SurveyColumn, rowWidth(head[0]))
		l.classify(rows)
		l.Reason = "the first row holds dates and numbers, not column names: there is no header row to read"
		return l
	}
	l.HeaderRows = 1
	l.columns(head)
	stats := l.classify(rows)
	if why := l.plainEvidence(stats); why != "" {
		l.Tool, l.Reason = ToolPlain, why
		return l
	}
	return SurveyLayout{First: first, Reason: "no survey question, response id or ticket field recognised in the header"}
}

// columns reads the columns' ids, questions and options from the header rows.
func (l *SurveyLayout) columns(head [][]string) {
	width := 0
	for _, r := range head[:l.HeaderRows] {
		width = max(width, rowWidth(r))
	}
	l.Columns = make([]SurveyColumn, width)
	question := "" // SurveyMonkey: the question of the columns to the right
	for c := range l.Columns {
		col := &l.Columns[c]
		col.ID = cellAt(head[0], c)
		switch l.Tool {
		case ToolQualtrics:
			col.Question = cellAt(head[1], c)
		case ToolSurveyMonkey:
			opt := cellAt(head[1], c)
			if col.ID != "" {
				question = col.ID
			} else if opt == "" {
				question = ""
			}
			col.Question = question
			if !isResponseLabel(opt) {
				col.Option = opt
			}
		default:
			col.Question = col.ID
		}
	}
}

// classify classifies each column from its header and the answer rows, and
// returns the summaries of their cells.
func (l *SurveyLayout) classify(rows [][]string) []sampleStats {
	start := l.DataStart()
	end := min(len(rows), start+surveySampleRows)
	l.Classes = make([]ColumnClass, len(l.Columns))
	stats := make([]sampleStats, len(l.Columns))
	sample := make([]string, 0, surveySampleRows)
	for c, col := range l.Columns {
		sample = sample[:0]
		for i := start; i < end; i++ {
			if c < len(rows[i]) {
				sample = append(sample, rows[i][c])
			}
		}
		s := summariseSample(sample)
		class := classifyColumn(parseHeaderText(col.Question), s)
		// A Qualtrics id can say more than the question text ("nps_group").
		if col.ID != col.Question && class.Kind == ColumnAnswer && class.Question == QuestionNone {
			if byID := classifyColumn(parseHeaderText(col.ID), s); byID.Kind != ColumnAnswer || byID.Question != QuestionNone {
				class = byID
			}
		}
		l.Classes[c], stats[c] = class, s
	}
	return stats
}

// plainEvidence says why a sheet with one header row is a response table or
// a ticket log, or returns "": a KPI question answered on a rating scale,
// with labels or text; or a record id, an event time and a ticket field or
// unit.
func (l *SurveyLayout) plainEvidence(stats []sampleStats) string {
	var kpis []string
	var ids, events, tickets int
	for c, k := range l.Classes {
		switch {
		case k.Kind == ColumnAnswer && k.Question != QuestionNone && k.Question != QuestionReason &&
			(k.Answers == AnswersLabels || k.Answers == AnswersText || ratingScale(stats[c], k.Question)):
			kpis = append(kpis, fmt.Sprintf("%s in %s (%s)", strings.ToUpper(string(k.Question)), columnLetters(c),
				l.Columns[c].Header()))
		case k.Kind == ColumnMetadata && k.Meta == MetaID:
			ids++
		case k.Kind == ColumnTimestamp && k.Time == TimeEvent:
			events++
		case k.Kind == ColumnTicket || k.Kind == ColumnUnit:
			tickets++
		}
	}
	switch {
	case len(kpis) > 0:
		return "a response table, one row per response: " + strings.Join(kpis, ", ")
	case ids > 0 && events > 0 && tickets > 0:
		return "a ticket or contact log, one row per ticket: a record id, a creation time and ticket fields"
	}
	return ""
}

// ratingScale reports whether numeric answers are ratings (whole numbers
// 0..10, or sentiment scores in -1..1) rather than KPI values computed
// already (NPS 32.5, CSAT 87%).
func ratingScale(s sampleStats, q QuestionKind) bool {
	return s.n > 0 && s.numbers == s.n && (s.scale == s.n || (q == QuestionSentiment && s.unitRange == s.n))
}

// cleanCells trims a row's cells, drops a byte order mark and repairs
// text that is not UTF-8, so that matching sees what a person would.
func cleanCells(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		c = strings.ToValidUTF8(c, "\uFFFD")
		out[i] = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "\uFEFF"))
	}
	return out
}

func blankCells(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(strings.TrimPrefix(c, "\uFEFF")) != "" {
			return false
		}
	}
	return true
}

// rowWidth is the number of cells up to the last that is not empty.
func rowWidth(row []string) int {
	n := len(row)
	for n > 0 && row[n-1] == "" {
		n--
	}
	return n
}

func cellAt(row []string, c int) string {
	if c < len(row) {
		return row[c]
	}
	return ""
}

// headerNames is the set of a row's normalised headers.
func headerNames(row []string) map[string]bool {
	m := make(map[string]bool, len(row))
	for _, c := range row {
		if n := parseHeaderText(c).norm; n != "" {
			m[n] = true
		}
	}
	return m
}

// importIDRow reports whether most cells of a row are Qualtrics'
// {"ImportId":"QID12"} tags.
func importIDRow(row []string) bool {
	tags, cells := 0, 0
	for _, c := range row {
		if c == "" {
			continue
		}
		cells++
		if strings.HasPrefix(strings.Join(strings.Fields(c), ""), `{"ImportId":`) {
			tags++
		}
	}
	return cells > 0 && tags*2 > cells
}

// qualtricsMarkers counts Qualtrics' embedded columns in a row, written as
// ids ("ResponseId", "StartDate") or as texts ("Response ID", "Start Date").
func qualtricsMarkers(row []string) int {
	n := 0
	for _, c := range row {
		switch parseHeaderText(c).norm {
		case "response id", "response set", "start date", "end date", "recorded date",
			"distribution channel", "user language", "external data reference", "external reference":
			n++
		}
	}
	return n
}

// qualtricsIDs reports whether most cells of a row are Qualtrics' column
// ids: V1, V8, Q1, Q3_1, QID12.
func qualtricsIDs(row []string) bool {
	ids, cells := 0, 0
	for _, c := range row {
		if c == "" {
			continue
		}
		cells++
		if qualtricsID.MatchString(c) {
			ids++
		}
	}
	return cells > 0 && ids*2 > cells
}

var qualtricsID = regexp.MustCompile(`^(V|Q|QID)\d+(_\w+)?$`)

// surveyMonkeyRows reports whether the second row is SurveyMonkey's row of
// "Response" and option labels under the questions.
func surveyMonkeyRows(row1, row2 []string, names map[string]bool) bool {
	responses, spread := 0, false
	for c, opt := range row2 {
		if isResponseLabel(opt) {
			responses++
		}
		if opt != "" && cellAt(row1, c) == "" && c > 0 {
			spread = true // a question over several columns: blank above an option
		}
	}
	return responses > 0 && (spread || names["respondent id"] || names["collector id"])
}

func isResponseLabel(s string) bool {
	return strings.EqualFold(s, "Response") || strings.EqualFold(s, "Open-Ended Response")
}

func typeformHeader(row []string, names map[string]bool) bool {
	marks := 0
	if len(row) > 0 && row[0] == "#" {
		marks++
	}
	for _, n := range []string{"submit date", "network id", "start date"} {
		if names[n] {
			marks++
		}
	}
	return marks >= 2 && (names["submit date"] || names["network id"])
}

func medalliaHeader(row []string, names map[string]bool) bool {
	for _, c := range row {
		if strings.Contains(strings.ToLower(c), "medallia") {
			return true
		}
	}
	marks := 0
	for _, n := range []string{"survey id", "response date", "unit id", "unit name", "alert status",
		"alert type", "close loop status", "closed loop status", "survey type", "invitation date"} {
		if names[n] {
			marks++
		}
	}
	return marks >= 3 && (names["response date"] || names["survey id"])
}

// googleFormsHeader reports a first column named Timestamp, in the
// languages Google Forms writes it.
func googleFormsHeader(row []string) bool {
	for _, c := range row {
		if c == "" {
			continue
		}
		switch parseHeaderText(c).norm {
		case "timestamp", "marca temporal", "carimbo de data hora", "horodateur", "zeitstempel",
			"informazioni cronologiche":
			return true
		}
		return false
	}
	return false
}

// dataRow reports whether a row reads as answers rather than names: most of
// its cells are numbers, dates or times.
func dataRow(row []string) bool {
	s := summariseSample(row)
	return s.n >= 2 && (s.numbers+s.dates+s.clocks)*2 >= s.n
}
