package importers_test

import (
	"strings"
	"testing"
	"time"

	"cxdash/importers"
)

// Expected classes, without their Reason (checked apart).
func wantMeta(k importers.MetaKind) importers.ColumnClass {
	return importers.ColumnClass{Kind: importers.ColumnMetadata, Meta: k}
}

func wantPersonal(k importers.PersonalKind) importers.ColumnClass {
	return importers.ColumnClass{Kind: importers.ColumnPersonal, Personal: k}
}

func wantTime(k importers.TimeKind) importers.ColumnClass {
	return importers.ColumnClass{Kind: importers.ColumnTimestamp, Time: k}
}

func wantUnit(k importers.UnitKind) importers.ColumnClass {
	return importers.ColumnClass{Kind: importers.ColumnUnit, Unit: k}
}

func wantTicket(f importers.TicketField, per time.Duration) importers.ColumnClass {
	return importers.ColumnClass{Kind: importers.ColumnTicket, Ticket: f, Per: per}
}

func wantAnswer(q importers.QuestionKind, f importers.AnswerForm) importers.ColumnClass {
	return importers.ColumnClass{Kind: importers.ColumnAnswer, Question: q, Answers: f}
}

// checkColumnClass compares a class with the one expected, and checks that it
// says why in a sentence.
func checkColumnClass(t *testing.T, what string, got, want importers.ColumnClass) {
	t.Helper()
	reason := got.Reason
	got.Reason = ""
	if got != want {
		t.Errorf("%s: got %+v, want %+v", what, got, want)
	}
	if reason == "" && got.Kind != importers.ColumnUnknown {
		t.Errorf("%s: no reason given", what)
	}
	if got.Kind == importers.ColumnPersonal && !strings.Contains(reason, "never stored") {
		t.Errorf("%s: reason %q does not say the column is never stored", what, reason)
	}
}

func TestClassifyRespondentColumn(t *testing.T) {
	var (
		none   []string
		scores = []string{"9", "10", "", "6", "8", "n/a", "0"}
		fives  = []string{"5.0", "4.0", "", "3.0", "1.0"}
		dates  = []string{"2024-03-01 10:22:00", "2024-03-02 08:00:00", ""}
		yesNo  = []string{"Y", "N", "Y", "Y"}
	)
	tests := []struct {
		header string
		sample []string
		want   importers.ColumnClass
	}{
		// Tool metadata and ids: ignored.
		{"StartDate", []string{"2025-11-04 08:31:29"}, wantTime(importers.TimeStarted)},
		{"Status", []string{"IP Address", "IP Address"}, wantMeta(importers.MetaTool)}, // Qualtrics: response type, not an address
		{"Progress", []string{"100"}, wantMeta(importers.MetaTool)},
		{"Duration (in seconds)", []string{"102"}, wantMeta(importers.MetaTool)},
		{"Finished", []string{"True"}, wantMeta(importers.MetaTool)},
		{"ResponseId", []string{"R_5GiVG5E1tiv0Cs9"}, wantMeta(importers.MetaID)},
		{"response_id", none, wantMeta(importers.MetaID)},
		{"RespondentID", []string{"3292879998"}, wantMeta(importers.MetaID)},
		{"DistributionChannel", []string{"anonymous"}, wantMeta(importers.MetaTool)},
		{"UserLanguage", []string{"EN"}, wantMeta(importers.MetaTool)},
		{"ExternalReference", none, wantMeta(importers.MetaTool)},
		{"Collector ID", []string{"123"}, wantMeta(importers.MetaID)},
		{"Network ID", []string{"a1b2c3"}, wantMeta(importers.MetaID)},
		{"Token", none, wantMeta(importers.MetaTool)},
		{"#", []string{"x7d9"}, wantMeta(importers.MetaID)},
		{"Ticket #", []string{"250635"}, wantMeta(importers.MetaID)},
		{"Q_RecaptchaScore", []string{"0.9"}, wantMeta(importers.MetaTool)},
		{"Consumer consent provided?", []string{"Consent provided"}, wantMeta(importers.MetaFlag)},

		// Personal data, by header.
		{"RecipientFirstName", none, wantPersonal(importers.PersonalName)},
		{"RecipientLastName", []string{"Smith"}, wantPersonal(importers.PersonalName)},
		{"Name", []string{"Ana Lima"}, wantPersonal(importers.PersonalName)},
		{"Full name", none, wantPersonal(importers.PersonalName)},
		{"customer_name", []string{"Analise Gairdner"}, wantPersonal(importers.PersonalName)},
		{"Requester", []string{"Jo Bloggs"}, wantPersonal(importers.PersonalName)},
		{"Customer", []string{"Yes", "No"}, wantMeta(importers.MetaFlag)}, // "existing customer?"
		{"RecipientEmail", none, wantPersonal(importers.PersonalEmail)},
		{"E-mail", none, wantPersonal(importers.PersonalEmail)},
		{"Phone number", []string{"555 0100"}, wantPersonal(importers.PersonalPhone)},
		{"Caller number", []string{"551199999999"}, wantPersonal(importers.PersonalPhone)},
		{"IPAddress", none, wantPersonal(importers.PersonalIP)},
		{"LocationLatitude", []string{"51.5072"}, wantPersonal(importers.PersonalLocation)},
		{"LocationLongitude", []string{"-0.1276"}, wantPersonal(importers.PersonalLocation)},
		{"ZIP code", []string{"330XX"}, wantPersonal(importers.PersonalPostcode)},
		{"Postcode", []string{"SW1A 1AA"}, wantPersonal(importers.PersonalPostcode)},
		{"StreetName", []string{"BELLEVUE"}, wantPersonal(importers.PersonalAddress)},
		{"What year were you born?", []string{"1987"}, wantPersonal(importers.PersonalBirthDate)},
		// ... and by cells, whatever the header says.
		{"Email", []string{"ana@example.com", "", "bo@example.org"}, wantPersonal(importers.PersonalEmail)},
		{"Contact", []string{"ana@example.com", "bo@example.org"}, wantPersonal(importers.PersonalEmail)},
		{"Source", []string{"10.0.0.1", "192.168.1.20", "2001:db8::1"}, wantPersonal(importers.PersonalIP)},
		{"", []string{"203.0.113.9"}, wantPersonal(importers.PersonalIP)},
		{"Location", []string{"(34.073216645, -118.266861909)"}, wantPersonal(importers.PersonalLocation)},
		{"Contact", []string{"+44 20 7946 0958", "(555) 123-4567"}, wantPersonal(importers.PersonalPhone)},
		// A yes/no flag about personal data is not personal data.
		{"AddressVerified", yesNo, wantMeta(importers.MetaFlag)},
		{"Email opt-in", []string{"Yes", "No"}, wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
		// Names of agents are units, not respondents' names.
		{"Agent name", []string{"ana"}, wantUnit(importers.UnitAgent)},
		{"MobileOS", []string{"iOS"}, wantAnswer(importers.QuestionNone, importers.AnswersLabels)},

		// Timestamps.
		{"submitted_at", dates, wantTime(importers.TimeEvent)},
		{"Timestamp", dates, wantTime(importers.TimeEvent)},
		{"created", dates, wantTime(importers.TimeEvent)},
		{"created_at", none, wantTime(importers.TimeEvent)},
		{"Date of call", []string{"10/29/2020"}, wantTime(importers.TimeEvent)},
		{"Ticket created", dates, wantTime(importers.TimeEvent)},
		{"Submit Date (UTC)", dates, wantTime(importers.TimeEvent)},
		{"resolved_at", dates, wantTime(importers.TimeResolved)},
		{"ClosedDate", []string{"04/09/2018 09:18:35 AM"}, wantTime(importers.TimeResolved)},
		{"first_response_at", dates, wantTime(importers.TimeFirstResponse)},
		{"UpdatedDate", dates, wantTime(importers.TimeUpdated)},
		{"Time", []string{"3:53:50 PM", "10:22:56 AM"}, wantTime(importers.TimeClock)},
		{"Date sent to company", []string{"2020/3/18"}, wantTime(importers.TimeOther)},
		{"", []string{"2026-02-28", "2026-02-28"}, wantTime(importers.TimeEvent)},
		{"time_zone", []string{"UTC", "UTC-1"}, wantMeta(importers.MetaTool)},
		{"WhenTaking", []string{"I have just completed the training"}, wantAnswer(importers.QuestionNone, importers.AnswersLabels)},

		// Unit candidates.
		{"Region", []string{"North"}, wantUnit(importers.UnitRegion)},
		{"store_id", []string{"S12"}, wantUnit(importers.UnitStore)},
		{"Branch", none, wantUnit(importers.UnitBranch)},
		{"site", none, wantUnit(importers.UnitSite)},
		{"surgery", []string{"Earls Court Surgery"}, wantUnit(importers.UnitSite)},
		{"Channel", []string{"Chat", "Email"}, wantUnit(importers.UnitChannel)},
		{"Received Via", []string{"Internet"}, wantUnit(importers.UnitChannel)},
		{"Team", none, wantUnit(importers.UnitTeam)},
		{"Assigned_Agent", []string{"Agent_1"}, wantUnit(importers.UnitAgent)},
		{"call_center", []string{"Los Angeles/CA"}, wantUnit(importers.UnitCallCentre)},
		{"Call centre", none, wantUnit(importers.UnitCallCentre)},
		{"Department", none, wantUnit(importers.UnitDepartment)},
		{"Country", []string{"India"}, wantUnit(importers.UnitCountry)},
		{"City", []string{"New York", "New York", "Newark"}, wantUnit(importers.UnitCity)},
		{"Location (Census Region)", []string{"South Atlantic"}, wantUnit(importers.UnitRegion)},
		{"In what country do you currently reside?", []string{"Netherlands"}, wantUnit(importers.UnitCountry)},

		// Ticket fields.
		{"Status", []string{"Closed", "In Progress", "Open"}, wantTicket(importers.TicketStatus, 0)},
		{"Company response to consumer", []string{"Closed with explanation", "In progress"}, wantTicket(importers.TicketStatus, 0)},
		{"Priority", []string{"High"}, wantTicket(importers.TicketPriority, 0)},
		{"First_Response_Time_Hours", []string{"1.11", "7.88"}, wantTicket(importers.TicketFirstResponseTime, time.Hour)},
		{"Resolution_Time_Hours", []string{"18.05"}, wantTicket(importers.TicketResolutionTime, time.Hour)},
		{"Resolution time (min)", []string{"35"}, wantTicket(importers.TicketResolutionTime, time.Minute)},
		{"call duration in minutes", []string{"17", "23"}, wantTicket(importers.TicketHandleTime, time.Minute)},
		{"response_time", []string{"Within SLA", "Above SLA"}, wantTicket(importers.TicketSLA, 0)},
		{"Within SLA", []string{"Yes", "No"}, wantTicket(importers.TicketSLA, 0)},
		{"Timely response?", []string{"Yes"}, wantTicket(importers.TicketSLA, 0)},
		{"Ticket_Type", []string{"Bug Report"}, wantTicket(importers.TicketCategory, 0)},
		{"reason", []string{"Billing Question", "Service Outage", "Billing Question"}, wantTicket(importers.TicketCategory, 0)},

		// Answers.
		{"nps", scores, wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
		{"csat_score", fives, wantAnswer(importers.QuestionCSAT, importers.AnswersNumbers)},
		{"Satisfaction", []string{"Very satisfied", "Satisfied", "Dissatisfied"}, wantAnswer(importers.QuestionCSAT, importers.AnswersLabels)},
		{"first_call_resolution", yesNo, wantAnswer(importers.QuestionFCR, importers.AnswersLabels)},
		{"What is the main reason for your score?", []string{"The staff were very helpful and the wait was short", "", "Too long a wait on the phone before anyone answered"}, wantAnswer(importers.QuestionReason, importers.AnswersText)},
		{"free_text_len", []string{"13.0", "4.0"}, wantAnswer(importers.QuestionNone, importers.AnswersNumbers)},
		{"sentiment_score_free_text", []string{"0.89", "0.0", "-0.4"}, wantAnswer(importers.QuestionSentiment, importers.AnswersNumbers)},
		// A neutral header: the labels say which question it was.
		{"rating", []string{"Extremely likely", "Likely", "Don't know", "Unlikely"}, wantAnswer(importers.QuestionNPS, importers.AnswersLabels)},
		{"Q7", []string{"Very satisfied", "Satisfied", "Very dissatisfied"}, wantAnswer(importers.QuestionCSAT, importers.AnswersLabels)},
		{"Q8", []string{"Very easy", "Easy", "Difficult"}, wantAnswer(importers.QuestionCES, importers.AnswersLabels)},
		{"tone", []string{"Positive", "Negative", "Neutral", "Positive"}, wantAnswer(importers.QuestionSentiment, importers.AnswersLabels)},
		{"Gender", []string{"Male", "Female", "Male"}, wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
		{"Recommend", []string{"Strongly Agree", "Agree"}, wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
		{"Q9", none, wantAnswer(importers.QuestionNone, importers.AnswersNone)},
		{"", none, importers.ColumnClass{}},
	}
	for _, tt := range tests {
		t.Run(tt.header+"/"+strings.Join(tt.sample, ","), func(t *testing.T) {
			got := importers.ClassifyRespondentColumn(tt.header, tt.sample)
			checkColumnClass(t, tt.header, got, tt.want)
		})
	}
}

// TestRespondentCorpus reads the header rows of real exports and logs and
// checks what a CX lead expects of them: the tool and header rows, the
// NPS or CSAT question, the timestamp that sets the period, the personal
// data never to store and the candidate units.
func TestRespondentCorpus(t *testing.T) {
	const n = 60 // header rows and a sample of answers
	type file struct {
		name       string
		tool       importers.SurveyTool
		headerRows int
		cols       []wantColumn
	}
	files := []file{
		{"qualtrics_export_climate_scientists.csv", importers.ToolQualtrics, 3, []wantColumn{
			{"Start Date", "", wantTime(importers.TimeStarted)},
			{"Recorded Date", "", wantTime(importers.TimeEvent)},
			{"Response Type", "", wantMeta(importers.MetaTool)}, // "IP Address" here is a response type
			{"Duration (in seconds)", "", wantMeta(importers.MetaTool)},
			{"Response ID", "", wantMeta(importers.MetaID)},
			{"User Language", "", wantMeta(importers.MetaTool)},
			{"We invite you to participate", "", wantMeta(importers.MetaFlag)}, // id "Consent"
			{"How unintelligent or intelligent", "", wantAnswer(importers.QuestionNone, importers.AnswersNumbers)},
			{"How open, if at all", "", wantAnswer(importers.QuestionNone, importers.AnswersNumbers)},
			{"How impressive", "", wantAnswer(importers.QuestionNone, importers.AnswersLabels)}, // "4 - Very impressive"
			{"PROLIFIC_PID", "", wantMeta(importers.MetaID)},
		}},
		{"surveymonkey_export_star_wars.csv", importers.ToolSurveyMonkey, 2, []wantColumn{
			{"RespondentID", "", wantMeta(importers.MetaID)},
			{"Have you seen any of the 6 films", "", wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
			{"Please state whether you view", "Han Solo", wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
			{"Please state whether you view", "Jar Jar Binks", wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
			{"Please rank the Star Wars films", "Star Wars: Episode V The Empire Strikes Back", wantAnswer(importers.QuestionNone, importers.AnswersNumbers)},
			{"Do you consider yourself to be a fan of the Expanded", "", wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
			{"Location (Census Region)", "", wantUnit(importers.UnitRegion)},
		}},
		{"google_forms_r_community_2019.xlsx", importers.ToolGoogleForms, 1, []wantColumn{
			{"Timestamp", "", wantTime(importers.TimeEvent)},
			{"How likely are you to recommend R ", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
			{"How likely are you to recommend Python", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
			{"Please rate how much you enjoy using R", "", wantAnswer(importers.QuestionNone, importers.AnswersNumbers)},
			{"What year were you born?", "", wantPersonal(importers.PersonalBirthDate)},
			{"In what country do you currently reside?", "", wantUnit(importers.UnitCountry)},
		}},
		{"fft_gp_surgery_feedback.csv", importers.ToolPlain, 1, []wantColumn{
			{"time", "", wantTime(importers.TimeEvent)},
			{"rating", "", wantAnswer(importers.QuestionNPS, importers.AnswersLabels)}, // FFT labels: % positive
			{"free_text", "", wantAnswer(importers.QuestionReason, importers.AnswersText)},
			{"do_better", "", wantAnswer(importers.QuestionReason, importers.AnswersText)},
			{"surgery", "", wantUnit(importers.UnitSite)},
			{"sentiment_free_text", "", wantAnswer(importers.QuestionSentiment, importers.AnswersLabels)},
			{"sentiment_score_free_text", "", wantAnswer(importers.QuestionSentiment, importers.AnswersNumbers)},
			{"free_text_len", "", wantAnswer(importers.QuestionNone, importers.AnswersNumbers)},
		}},
		{"carpentrycon_session_feedback_nps.csv", importers.ToolPlain, 1, []wantColumn{
			{"time_zone", "", wantMeta(importers.MetaTool)},
			{"country", "", wantUnit(importers.UnitCountry)},
			{"presenters_prepared", "", wantAnswer(importers.QuestionNone, importers.AnswersNumbers)},
			{"satisfaction_interaction", "", wantAnswer(importers.QuestionCSAT, importers.AnswersNumbers)},
			{"nps", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
		}},
		{"instructor_training_post_survey.csv", importers.ToolPlain, 1, []wantColumn{
			{"Date", "", wantTime(importers.TimeEvent)},
			{"MemberSite", "", wantUnit(importers.UnitSite)},
			{"UniqueID", "", wantMeta(importers.MetaID)},
			{"AtmosphereWelcoming", "", wantAnswer(importers.QuestionNone, importers.AnswersLabels)},
			{"LikelyToRecommend", "", wantAnswer(importers.QuestionNPS, importers.AnswersNumbers)},
		}},
		{"support_tickets_csat.csv", importers.ToolPlain, 1, []wantColumn{
			{"Ticket_ID", "", wantMeta(importers.MetaID)},
			{"Created_Date", "", wantTime(importers.TimeEvent)},
			{"Ticket_Type", "", wantTicket(importers.TicketCategory, 0)},
			{"Priority", "", wantTicket(importers.TicketPriority, 0)},
			{"Status", "", wantTicket(importers.TicketStatus, 0)},
			{"Channel", "", wantUnit(importers.UnitChannel)},
			{"Assigned_Agent", "", wantUnit(importers.UnitAgent)},
			{"First_Response_Time_Hours", "", wantTicket(importers.TicketFirstResponseTime, time.Hour)},
			{"Resolution_Time_Hours", "", wantTicket(importers.TicketResolutionTime, time.Hour)},
			{"CSAT_Score", "", wantAnswer(importers.QuestionCSAT, importers.AnswersNumbers)},
		}},
		{"call_centre_calls_csat.csv", importers.ToolPlain, 1, []wantColumn{
			{"id", "", wantMeta(importers.MetaID)},
			{"customer_name", "", wantPersonal(importers.PersonalName)},
			{"sentiment", "", wantAnswer(importers.QuestionSentiment, importers.AnswersLabels)},
			{"csat_score", "", wantAnswer(importers.QuestionCSAT, importers.AnswersNumbers)},
			{"call_timestamp", "", wantTime(importers.TimeEvent)},
			{"reason", "", wantTicket(importers.TicketCategory, 0)},
			{"city", "", wantUnit(importers.UnitCity)},
			{"state", "", wantUnit(importers.UnitState)},
			{"channel", "", wantUnit(importers.UnitChannel)},
			{"response_time", "", wantTicket(importers.TicketSLA, 0)},
			{"call duration in minutes", "", wantTicket(importers.TicketHandleTime, time.Minute)},
			{"call_center", "", wantUnit(importers.UnitCallCentre)},
		}},
		{"la311_service_requests_2017.csv", importers.ToolPlain, 1, []wantColumn{
			{"SRNumber", "", wantMeta(importers.MetaID)},
			{"CreatedDate", "", wantTime(importers.TimeEvent)},
			{"UpdatedDate", "", wantTime(importers.TimeUpdated)},
			{"Owner", "", wantUnit(importers.UnitTeam)},
			{"RequestType", "", wantTicket(importers.TicketCategory, 0)},
			{"Status", "", wantTicket(importers.TicketStatus, 0)},
			{"RequestSource", "", wantUnit(importers.UnitChannel)},
			{"ClosedDate", "", wantTime(importers.TimeResolved)},
			{"AddressVerified", "", wantMeta(importers.MetaFlag)},
			{"Address", "", wantPersonal(importers.PersonalAddress)},
			{"HouseNumber", "", wantPersonal(importers.PersonalAddress)},
			{"StreetName", "", wantPersonal(importers.PersonalAddress)},
			{"ZipCode", "", wantPersonal(importers.PersonalPostcode)},
			{"Latitude", "", wantPersonal(importers.PersonalLocation)},
			{"Longitude", "", wantPersonal(importers.PersonalLocation)},
			{"Location", "", wantPersonal(importers.PersonalLocation)}, // "(34.07, -118.27)"
		}},
		{"cfpb_complaints_sample.csv", importers.ToolPlain, 1, []wantColumn{
			{"Date received", "", wantTime(importers.TimeEvent)},
			{"Product", "", wantTicket(importers.TicketCategory, 0)},
			{"Issue", "", wantTicket(importers.TicketCategory, 0)},
			{"Consumer complaint narrative", "", wantAnswer(importers.QuestionReason, importers.AnswersText)},
			{"Company", "", wantUnit(importers.UnitCompany)},
			{"State", "", wantUnit(importers.UnitState)},
			{"ZIP code", "", wantPersonal(importers.PersonalPostcode)},
			{"Submitted via", "", wantUnit(importers.UnitChannel)},
			{"Date sent to company", "", wantTime(importers.TimeOther)},
			{"Company response to consumer", "", wantTicket(importers.TicketStatus, 0)},
			{"Timely response?", "", wantTicket(importers.TicketSLA, 0)},
			{"Complaint ID", "", wantMeta(importers.MetaID)},
		}},
		{"comcast_complaints_log.csv", importers.ToolPlain, 1, []wantColumn{
			{"Ticket #", "", wantMeta(importers.MetaID)},
			{"Customer Complaint", "", wantAnswer(importers.QuestionReason, importers.AnswersText)},
			{"Date", "", wantTime(importers.TimeEvent)},
			{"Time", "", wantTime(importers.TimeClock)},
			{"Received Via", "", wantUnit(importers.UnitChannel)},
			{"City", "", wantUnit(importers.UnitCity)},
			{"Zip code", "", wantPersonal(importers.PersonalPostcode)},
			{"Status", "", wantTicket(importers.TicketStatus, 0)},
		}},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			l := importers.DetectSurveyTool(readSheetHead(t, cxCorpusFile(t, f.name), "", n))
			checkSurveyLayout(t, l, f.tool, f.headerRows, f.cols)
		})
	}
	t.Run("surveymonkey raw bytes", func(t *testing.T) {
		// The file is not valid UTF-8 (0x8C 0xE6 in one header): read as
		// bytes, it must be recognised all the same.
		rows := readRawCSVHead(t, cxCorpusFile(t, "surveymonkey_export_star_wars.csv"), n)
		l := importers.DetectSurveyTool(rows)
		checkSurveyLayout(t, l, importers.ToolSurveyMonkey, 2, files[1].cols)
		if len(l.Columns) != 38 {
			t.Errorf("%d columns, want 38", len(l.Columns))
		}
		// The favourability matrix spreads one question over 14 columns
		// (O..AB), each named by its row-2 label: Han Solo .. Yoda.
		options := map[string]bool{}
		for _, col := range l.Columns {
			if strings.HasPrefix(col.Question, "Please state whether you view") && col.Option != "" {
				options[col.Option] = true
			}
		}
		if len(options) != 14 || !options["Han Solo"] || !options["Jar Jar Binks"] || !options["Yoda"] {
			t.Errorf("matrix options %v, want the 14 characters", options)
		}
		// Answers start on row 3 with respondent 3292879998.
		if id := rows[l.DataStart()][0]; id != "3292879998" {
			t.Errorf("first answer row starts with %q, want 3292879998", id)
		}
	})
	t.Run("qualtrics answers start on row 4", func(t *testing.T) {
		rows := readSheetHead(t, cxCorpusFile(t, files[0].name), "", n)
		l := importers.DetectSurveyTool(rows)
		// Row 4 is the first of the 452 respondents: ResponseId R_…, not the
		// {"ImportId":…} row above it.
		if id := rows[l.DataStart()][7]; l.DataStart() != 3 || !strings.HasPrefix(id, "R_") {
			t.Errorf("answers start at row index %d with response id %q", l.DataStart(), id)
		}
	})
	t.Run("qualtrics holds no personal data", func(t *testing.T) {
		l := importers.DetectSurveyTool(readSheetHead(t, cxCorpusFile(t, files[0].name), "", n))
		for c, k := range l.Classes {
			if k.Kind == importers.ColumnPersonal {
				t.Errorf("column %q read as personal data (%s)", l.Columns[c].Header(), k.Reason)
			}
		}
	})
	t.Run("ivr_postcall_csat_noheader.csv", func(t *testing.T) {
		// Row 1 is the first call (2026-02-28, 12:00:00, …, ana, 5): not a header.
		l := importers.DetectSurveyTool(readSheetHead(t, cxCorpusFile(t, "ivr_postcall_csat_noheader.csv"), "", n))
		if !l.Headerless || l.Tool != importers.ToolNone || l.DataStart() != 0 || len(l.Columns) != 6 {
			t.Fatalf("got %+v, want headerless with 6 columns", l)
		}
		checkColumnClass(t, "A", l.Classes[0], wantTime(importers.TimeEvent))
		checkColumnClass(t, "B", l.Classes[1], wantTime(importers.TimeClock))
		checkColumnClass(t, "F", l.Classes[5], wantAnswer(importers.QuestionNone, importers.AnswersNumbers))
	})
}

// TestRespondentCorpusNotRespondent checks that KPI tables, scorecards and
// assessments of the corpus are not taken for survey exports or logs.
func TestRespondentCorpusNotRespondent(t *testing.T) {
	for _, name := range []string{"govuk_service_kpis_by_quarter.csv", "devops_capability_review_export.csv",
		"well_architected_review_export.csv", "fft_monthly_rolling_totals.xlsx", "fft_trust_counts_sample.xlsx",
		"fft_ae_publication_template.xlsm", "balanced_scorecard_four_perspectives.xlsx", "m3tid_inform_scoring.xlsx",
		"masvs_checklist_1.2.xlsx", "asvs_3.0.1_checklist.xlsx"} {
		t.Run(name, func(t *testing.T) {
			path := cxCorpusFile(t, name)
			for _, s := range openBook(t, path).Sheets() {
				l := importers.DetectSurveyTool(readSheetHead(t, path, s.Name, 60))
				if l.Tool != importers.ToolNone || l.Headerless {
					t.Errorf("sheet %q: %q headerless=%v (%s)", s.Name, l.Tool, l.Headerless, l.Reason)
				}
			}
		})
	}
}
