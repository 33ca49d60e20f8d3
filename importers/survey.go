package importers

// This file recognises respondent-level sheets ("survey responses, one row
// per respondent"; DESIGN.md, "Respondent-level data") among the sheets no
// tabular layout claims, and plans how their answers become observations:
// one per answer, of a metric computed from answers (NPS, top-box, mean,
// share).

import (
	"fmt"
	"strings"
	"time"

	"cxdash/model"
)

// LayoutSurvey is a respondent-level sheet: one row per survey response or
// ticket, each KPI question's answers stored one observation per answer.
const LayoutSurvey Layout = "survey"

// Roles of a survey sheet's answer columns: the KPI the column's answers
// make. A mapping may set them ("--map AB=csat") for a question that was
// not recognised.
const (
	RoleNPS  Role = "nps"
	RoleCSAT Role = "csat"
	RoleCES  Role = "ces"
	RoleFCR  Role = "fcr"
)

// SurveyRoles lists the answer roles, for a mapping's choices.
var SurveyRoles = []Role{RoleNPS, RoleCSAT, RoleCES, RoleFCR}

func isSurveyRole(r Role) bool {
	return r == RoleNPS || r == RoleCSAT || r == RoleCES || r == RoleFCR
}

// surveyMapping reports whether a mapping is a survey sheet's: it gives a
// column answers of a KPI.
func surveyMapping(m Mapping) bool {
	for _, r := range m {
		if isSurveyRole(r) {
			return true
		}
	}
	return false
}

// SurveySummary is what a respondent-level sheet holds, for the preview:
// the same answers the import stores, tallied.
type SurveySummary struct {
	Tool      SurveyTool
	Responses int // rows with at least one answer read
	// First and Last are the dates of the earliest and latest response;
	// zero when the period came from Options.Period.
	First, Last time.Time
	Period      model.Period // Options.Period, when no response dates are read
	Units       int
	KPIs        []SurveyKPI
	// Dropped are the personal-data columns, never read: "E-mail (F)".
	Dropped []string
	// UnitCandidates are columns that could be the unit: "Channel (C)".
	UnitCandidates []string
	// Later are the free-text columns, not stored yet.
	Later []string
	// Unread are KPI columns left out, with why.
	Unread []string
}

// SurveyKPI is one KPI question of a survey sheet and its answers tallied.
type SurveyKPI struct {
	Metric      string
	Column      string // letter
	Header      string
	Scale       string // "0-10", "Satisfaction (1-5)"
	Aggregation model.Aggregation
	Tally       model.Tally
}

// Estimate is the KPI of the answers read, with n and margin of error.
func (k SurveyKPI) Estimate() (model.Estimate, bool) { return k.Tally.Estimate(k.Aggregation) }

// toolNames are the survey tools as the preview names them.
var toolNames = map[SurveyTool]string{
	ToolQualtrics: "Qualtrics export", ToolSurveyMonkey: "SurveyMonkey export", ToolGoogleForms: "Google Forms",
	ToolTypeform: "Typeform export", ToolMedallia: "Medallia export", ToolAlchemer: "Alchemer export",
	ToolLimeSurvey: "LimeSurvey export", ToolPlain: "response table",
}

// Line says in one line what the sheet holds: "survey responses (Qualtrics
// export): 452 responses, 2025-11-04, 1 unit: CSAT % 60.0 (n 452, ±4.5)".
func (s SurveySummary) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "survey responses (%s): %d responses, ", toolNames[s.Tool], s.Responses)
	switch {
	case s.First.IsZero():
		b.WriteString(s.Period.Label())
	case s.First.Equal(s.Last):
		b.WriteString(s.First.Format("2006-01-02"))
	default:
		b.WriteString(s.First.Format("2006-01-02") + " to " + s.Last.Format("2006-01-02"))
	}
	if s.Units == 1 {
		b.WriteString(", 1 unit")
	} else {
		fmt.Fprintf(&b, ", %d units", s.Units)
	}
	for i, k := range s.KPIs {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(k.Metric + " " + FormatEstimate(k.Estimate()))
	}
	return b.String()
}

// FormatEstimate writes a KPI as the preview shows it: "+62.1 (n 124,
// ±6.4)", "60.0 (n 452, ±4.5)", "3.57 (n 452, ±0.11)".
func FormatEstimate(e model.Estimate, ok bool) string {
	if !ok {
		return "no answers"
	}
	digits, sign := 1, ""
	switch e.Aggregation {
	case model.AggregationMean, "":
		digits = 2
	case model.AggregationNPS, model.AggregationNet:
		if e.Value > 0 {
			sign = "+"
		}
	}
	out := fmt.Sprintf("%s%.*f (n %d", sign, digits, e.Value, e.N)
	if e.HasMOE() {
		out += fmt.Sprintf(", ±%.*f", digits, e.MOE)
	}
	return out + ")"
}

// surveyPlan is how a survey sheet's rows are read.
type surveyPlan struct {
	layout SurveyLayout
	time   int // the event timestamp column, -1 for Options.Period
	order  model.DateOrder
	units  []int
	kpis   []*surveyKPI
	sum    SurveySummary
}

// surveyKPI is one answer column being read.
type surveyKPI struct {
	col    int
	kind   QuestionKind
	scale  model.AnswerScale
	reader *model.AnswerReader
	m      model.Metric
	e      *metricEntry // nil when the catalogue's definition conflicts
}

// surveyRows turns buffered rows into texts for DetectSurveyTool.
func surveyRows(rows []Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r.Cells))
		for c, cell := range r.Cells {
			out[i][c] = answerText(cell)
		}
	}
	return out
}

// answerText is a cell as an answer reader sees it.
func answerText(c Cell) string {
	if c.Text == "" && (c.Kind == CellNumber || c.Kind == CellPercent) {
		return formatValue(c.Num)
	}
	return c.Text
}

// detectSurvey tries a sheet no tabular layout claimed as survey responses.
// m is a mapping chosen in the preview (nil: detection, or a remembered
// mapping). It reports whether the sheet is a survey sheet; a survey sheet
// without a KPI question is skipped with the reason and the way out, unless
// needKPI says another layout holds it then.
func (r *run) detectSurvey(s *sheetScan, m Mapping, how string, needKPI bool) bool {
	texts := surveyRows(s.rows)
	sl := DetectSurveyTool(texts)
	if sl.Tool == ToolNone || sl.DataStart() >= len(s.rows) {
		return false
	}
	headers := make([]string, len(sl.Columns))
	for c, col := range sl.Columns {
		headers[c] = col.Header()
	}
	sig := HeaderSignature(headers)
	if m == nil && r.opts.RememberedMapping != nil {
		if rm, ok := r.opts.RememberedMapping(sig); ok && surveyMapping(rm) {
			m, how = rm, " (remembered mapping)"
		}
	}
	plan := &surveyPlan{layout: sl, time: -1}
	plan.sum.Tool = sl.Tool
	plan.plan(texts, m)
	if needKPI && len(plan.kpis) == 0 {
		return false
	}
	lay := &sheetLayout{layout: LayoutSurvey, survey: plan}
	lay.resize(len(headers))
	copy(lay.headers, headers)
	if plan.time >= 0 {
		lay.roles[plan.time] = RolePeriod
	}
	for _, u := range plan.units {
		lay.roles[u] = RoleUnit
	}
	for _, k := range plan.kpis {
		lay.roles[k.col] = kindRole(k.kind)
	}
	s.sr.Signature = sig
	s.sr.Columns = lay.columns()
	s.sr.Survey = &plan.sum
	if len(plan.kpis) == 0 {
		s.lay, s.hint = nil, ""
		s.survey = noQuestionMessage(sl, plan)
		r.skip(s, s.survey)
		return true
	}
	lay.headerPos = sl.DataStart() - 1
	lay.headerRow = s.rows[sl.First].Index
	lay.index()
	s.lay, s.hint = lay, ""
	s.sr.Layout, s.sr.HeaderRow = LayoutSurvey, lay.headerRow
	s.sr.Reason = plan.describe() + how
	if plan.time < 0 && r.opts.Period.IsZero() {
		r.sheetProblem(s, "", "survey responses without a response date column: give their period with --period "+
			"(e.g. --period 2025-Q1) or map a date column with --map COL=period")
	}
	return true
}

// plan chooses the columns: from the mapping when there is one, else the
// event timestamp and the recognised KPI questions.
func (p *surveyPlan) plan(texts [][]string, m Mapping) {
	l := p.layout
	seen := map[string]int{}
	for c, col := range l.Columns {
		class := l.Classes[c]
		name := fmt.Sprintf("%s (%s)", shortHeader(col.Header(), 40), columnLetters(c))
		switch {
		case class.Kind == ColumnPersonal:
			p.sum.Dropped = append(p.sum.Dropped, name)
		case class.Kind == ColumnUnit && m[c] != RoleUnit:
			p.sum.UnitCandidates = append(p.sum.UnitCandidates, name)
		case class.Kind == ColumnAnswer && class.Question == QuestionReason:
			p.sum.Later = append(p.sum.Later, name)
		}
		if class.Kind == ColumnPersonal {
			continue // never read, whatever a mapping says
		}
		var kind QuestionKind
		if m != nil {
			switch role := m[c]; {
			case role == RolePeriod && p.time < 0:
				p.time = c
			case role == RoleUnit:
				p.units = append(p.units, c)
			case isSurveyRole(role):
				kind = QuestionKind(role)
			}
		} else {
			switch {
			case class.Kind == ColumnTimestamp && class.Time == TimeEvent && p.time < 0:
				p.time = c
			case class.Kind == ColumnAnswer:
				switch class.Question {
				case QuestionNPS, QuestionCSAT, QuestionCES, QuestionFCR:
					kind = class.Question
				}
			}
		}
		if kind == QuestionNone {
			continue
		}
		sample := make([]string, 0, len(texts))
		for _, row := range texts[l.DataStart():] {
			sample = append(sample, cellAt(row, c))
		}
		k, why := newSurveyKPI(c, kind, col, sample)
		if k == nil {
			p.sum.Unread = append(p.sum.Unread, name+": "+why)
			continue
		}
		base := k.m.Name
		if seen[base] > 0 {
			k.m.Name = base + ": " + shortHeader(col.Header(), 48)
		}
		seen[base]++
		p.kpis = append(p.kpis, k)
	}
	if p.time >= 0 {
		var sample []string
		for _, row := range texts[l.DataStart():] {
			sample = append(sample, cellAt(row, p.time))
		}
		p.order = dateOrder(sample)
	}
}

// newSurveyKPI plans one answer column: its scale from its answers and
// question, and the metric its answers make; nil and why when its answers
// are on no scale the KPI can use.
func newSurveyKPI(c int, kind QuestionKind, col SurveyColumn, sample []string) (*surveyKPI, string) {
	k := &surveyKPI{col: c, kind: kind}
	sc, ok := model.DetectScale(col.Question, sample)
	if !ok {
		// A few stray words among numbers ("maybe" on 1-5) must not hide
		// the column: its numbers give the scale and the words are
		// reported, each with its cell.
		var nums []string
		filled := 0
		for _, v := range sample {
			if IsBlank(v) {
				continue
			}
			filled++
			if _, _, err := ParseNumber(v, false); err == nil {
				nums = append(nums, v)
			}
		}
		if len(nums) >= 2 && len(nums)*10 >= filled*8 {
			sc, ok = model.DetectScale(col.Question, nums)
		}
	}
	if kind == QuestionFCR {
		sc, ok = model.ScaleYesNo(), true
	}
	if !ok {
		return nil, "its answers are on no scale recognised from the first rows (0-10, 1-5, 1-7, 1-10 or answer labels): left out"
	}
	base := map[QuestionKind]string{QuestionNPS: "NPS", QuestionCSAT: "CSAT %", QuestionCES: "CES", QuestionFCR: "FCR %"}[kind]
	m, _ := model.KnownKPI(base)
	pts := sc.Points()
	switch kind {
	case QuestionNPS:
		switch {
		case sc.Integer && sc.Max == 10 && sc.Min <= 1 && sc.Family == "":
			sc = model.Scale0To10()
			m.Aggregation, m.Cutoffs = model.AggregationNPS, model.NPSCutoffs()
		case pts == 5 && sc.Family != "":
			// Likelihood labels (the Friends and Family Test): % positive.
			m, _ = model.KnownKPI("CSAT %")
			m.Name = "Recommend % positive"
			m.Aggregation, m.Cutoffs = model.AggregationTopBox, model.TopBoxCutoffs(int(sc.Max), 2)
		default:
			return nil, fmt.Sprintf("a recommend question answered on %s, neither 0-10 nor a 5-point likelihood scale: left out", sc)
		}
	case QuestionCSAT:
		if pts < 3 || pts > 11 {
			return nil, fmt.Sprintf("a satisfaction question answered on %s, not a rating scale: left out", sc)
		}
		m.Aggregation, m.Cutoffs = model.AggregationTopBox, model.TopBoxCutoffs(int(sc.Max), 2)
	case QuestionCES:
		if pts < 3 || pts > 11 {
			return nil, fmt.Sprintf("an effort question answered on %s, not a rating scale: left out", sc)
		}
		m.Aggregation, m.Unit = model.AggregationMean, sc.String()
	case QuestionFCR:
		m.Aggregation, m.Cutoffs = model.AggregationShare, model.ShareCutoffs()
	}
	m.Answers = true
	k.scale, k.m = sc, m
	k.reader = model.NewAnswerReader(sc)
	return k, ""
}

func kindRole(k QuestionKind) Role { return Role(k) }

// describe says how the sheet is read, for SheetResult.Reason.
func (p *surveyPlan) describe() string {
	l := p.layout
	parts := []string{fmt.Sprintf("survey responses, one row per respondent (%s)", toolNames[l.Tool])}
	if l.HeaderRows > 1 {
		parts[0] += fmt.Sprintf(", %d header rows skipped", l.HeaderRows)
	}
	if p.time >= 0 {
		parts = append(parts, fmt.Sprintf("period from %s (%s)", columnLetters(p.time), shortHeader(l.Columns[p.time].Header(), 40)))
	}
	for _, u := range p.units {
		parts = append(parts, fmt.Sprintf("unit from %s (%s)", columnLetters(u), shortHeader(l.Columns[u].Header(), 40)))
	}
	for _, k := range p.kpis {
		parts = append(parts, fmt.Sprintf("%s from %s (%s, %s)", k.m.Name, columnLetters(k.col),
			shortHeader(l.Columns[k.col].Header(), 40), k.scale))
	}
	return strings.Join(parts, "; ")
}

// Notes are the preview's lines about columns not stored: personal data,
// unit candidates, free text and KPI columns left out.
func (s SurveySummary) Notes() []string {
	var out []string
	if len(s.Dropped) > 0 {
		out = append(out, strings.Join(s.Dropped, ", ")+": personal data, never stored")
	}
	if len(s.UnitCandidates) > 0 {
		letter := s.UnitCandidates[0]
		if i := strings.LastIndexByte(letter, '('); i >= 0 {
			letter = strings.TrimSuffix(letter[i+1:], ")")
		}
		out = append(out, fmt.Sprintf("unit candidates: %s: choose one with --map %s=unit",
			strings.Join(s.UnitCandidates, ", "), letter))
	}
	if len(s.Later) > 0 {
		out = append(out, strings.Join(s.Later, ", ")+": free-text answers, not stored yet")
	}
	out = append(out, s.Unread...)
	return out
}

// noQuestionMessage is the one sentence of a survey sheet without a KPI
// question: what was found and how to map one.
func noQuestionMessage(l SurveyLayout, p *surveyPlan) string {
	var found []string
	first, role := "", "csat"
	kpiSeen := false
	for c, k := range l.Classes {
		if k.Kind != ColumnAnswer || k.Question == QuestionReason || k.Answers == AnswersText {
			continue
		}
		// The way out names a column whose header asks for a KPI (a
		// csat_score on an unrecognised scale) rather than the first question.
		if kind, ok := mapRoleOf(k.Question); ok && !kpiSeen {
			first, role, kpiSeen = columnLetters(c), kind, true
		} else if first == "" {
			first = columnLetters(c)
		}
		if len(found) < 4 {
			found = append(found, fmt.Sprintf("%s %q", columnLetters(c), shortHeader(l.Columns[c].Header(), 40)))
		}
	}
	msg := fmt.Sprintf("survey responses (%s), but no NPS, CSAT, CES or FCR question was recognised", toolNames[l.Tool])
	if len(found) == 0 {
		return msg + " and no other rated question was found: nothing to import"
	}
	msg += "; questions found: " + strings.Join(found, ", ")
	if len(p.sum.Unread) > 0 {
		msg += "; " + strings.Join(p.sum.Unread, "; ")
	}
	return msg + fmt.Sprintf(": map one with --map %s=%s (or %s)", first, role, otherRoles(role))
}

// mapRoleOf is the --map role of a KPI question kind.
func mapRoleOf(q QuestionKind) (string, bool) {
	switch q {
	case QuestionNPS:
		return "nps", true
	case QuestionCSAT:
		return "csat", true
	case QuestionCES:
		return "ces", true
	case QuestionFCR:
		return "fcr", true
	}
	return "", false
}

// otherRoles lists the KPI roles but role: "nps, ces, fcr".
func otherRoles(role string) string {
	var out []string
	for _, r := range []string{"csat", "nps", "ces", "fcr"} {
		if r != role {
			out = append(out, r)
		}
	}
	return strings.Join(out, ", ")
}

// shortHeader cuts a header to about n characters at a word boundary.
func shortHeader(h string, n int) string {
	h = strings.Join(strings.Fields(h), " ")
	if len(h) <= n {
		return h
	}
	cut := strings.LastIndexByte(h[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return strings.TrimRight(h[:cut], " ,.;:-") + "…"
}

// dateOrder decides from a sample whether numeric dates are day or month
// first: a first part above 12 says day first, a second part above 12 month
// first; otherwise unknown, and an ambiguous date is a problem.
func dateOrder(sample []string) model.DateOrder {
	for _, v := range sample {
		a, b, ok := numericDateParts(v)
		switch {
		case !ok:
		case a > 12 && b <= 12:
			return model.DayFirst
		case b > 12 && a <= 12:
			return model.MonthFirst
		}
	}
	return model.DateOrderUnknown
}

func numericDateParts(v string) (a, b int, ok bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, ' '); i > 0 {
		v = v[:i]
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, false
	}
	if _, err := fmt.Sscanf(parts[0]+" "+parts[1], "%d %d", &a, &b); err != nil {
		return 0, 0, false
	}
	return a, b, true
}

// responseTime reads a response's timestamp cell.
func (r *run) responseTime(c Cell, order model.DateOrder) (time.Time, string) {
	switch c.Kind {
	case CellDate:
		if !c.Time.IsZero() {
			return c.Time, ""
		}
		if t, err := model.ExcelSerialToTime(c.Num); err == nil {
			return t, ""
		}
	case CellNumber:
		if c.Num >= 1 && c.Num < 2958466 {
			if t, err := model.ExcelSerialToTime(c.Num); err == nil {
				return t, ""
			}
		}
	case CellText:
		t, err := model.ParseDate(c.Text, order)
		if err == nil {
			return t, ""
		}
		return time.Time{}, "the response date " + err.Error()
	case CellEmpty:
		return time.Time{}, "the response date is empty: fill it in, or leave the date column out with --map COL=ignore and give --period"
	}
	return time.Time{}, fmt.Sprintf("the response date %s is not a date (write it as 2024-03-31 or 31 Mar 2024)", quoteCell(c.Text))
}
