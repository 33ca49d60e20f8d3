package importers

// This file classifies the columns of a respondent-level sheet (one row per
// survey response, ticket or social mention) from the header and a sample of
// the cells below it: tool metadata to ignore, personal data never to
// store, timestamps, unit candidates, ticket fields and answers.

import (
	"strings"
	"time"
)

// ColumnKind is what a column of a respondent-level sheet holds.
type ColumnKind string

// Column kinds.
const (
	// ColumnUnknown: no header and no cells to go on.
	ColumnUnknown ColumnKind = ""
	// ColumnMetadata is the survey tool's or help desk's bookkeeping
	// (progress, duration, language, response and ticket ids): ignored.
	ColumnMetadata ColumnKind = "metadata"
	// ColumnPersonal is personal data (names, e-mails, phone numbers, IP
	// addresses, locations, postcodes, dates of birth): never stored.
	ColumnPersonal ColumnKind = "personal"
	// ColumnTimestamp is a date or time of the response or ticket.
	ColumnTimestamp ColumnKind = "timestamp"
	// ColumnUnit is a candidate unit: region, store, channel, team …
	ColumnUnit ColumnKind = "unit"
	// ColumnTicket is a ticket field: status, priority, a duration, SLA,
	// category.
	ColumnTicket ColumnKind = "ticket"
	// ColumnAnswer holds answers: numbers, labels or free text.
	ColumnAnswer ColumnKind = "answer"
)

// MetaKind says what kind of metadata a column is.
type MetaKind string

// Metadata kinds.
const (
	MetaTool MetaKind = "tool" // progress, duration, language, channel of distribution …
	MetaID   MetaKind = "id"   // a response, respondent, ticket or record id
	MetaFlag MetaKind = "flag" // a yes/no flag about the record: consent, address verified
)

// PersonalKind says which personal data a column holds.
type PersonalKind string

// Personal data kinds.
const (
	PersonalName      PersonalKind = "name"
	PersonalEmail     PersonalKind = "email"
	PersonalPhone     PersonalKind = "phone"
	PersonalIP        PersonalKind = "ip-address"
	PersonalLocation  PersonalKind = "location" // latitude, longitude, coordinates
	PersonalAddress   PersonalKind = "address"
	PersonalPostcode  PersonalKind = "postcode"
	PersonalBirthDate PersonalKind = "birth-date"
)

// TimeKind says which moment a timestamp column records.
type TimeKind string

// Timestamp kinds. TimeEvent is the one that sets the period.
const (
	TimeEvent         TimeKind = "event"          // response submitted, ticket created, call made, mention posted
	TimeStarted       TimeKind = "started"        // survey started
	TimeResolved      TimeKind = "resolved"       // ticket resolved or closed
	TimeFirstResponse TimeKind = "first-response" // first reply to a ticket
	TimeUpdated       TimeKind = "updated"        // last change
	TimeClock         TimeKind = "clock"          // a time of day only, beside a date column
	TimeOther         TimeKind = "other"          // another date: service, due, sent to …
)

// UnitKind says what kind of unit a column names.
type UnitKind string

// Unit kinds.
const (
	UnitRegion     UnitKind = "region"
	UnitStore      UnitKind = "store"
	UnitBranch     UnitKind = "branch"
	UnitSite       UnitKind = "site"
	UnitChannel    UnitKind = "channel"
	UnitTeam       UnitKind = "team"
	UnitAgent      UnitKind = "agent"
	UnitCallCentre UnitKind = "call-centre"
	UnitDepartment UnitKind = "department"
	UnitCompany    UnitKind = "company"
	UnitCountry    UnitKind = "country"
	UnitState      UnitKind = "state"
	UnitCity       UnitKind = "city"
)

// TicketField says which ticket field a column is.
type TicketField string

// Ticket fields. The durations carry their time unit in ColumnClass.Per.
const (
	TicketStatus            TicketField = "status"
	TicketPriority          TicketField = "priority"
	TicketCategory          TicketField = "category" // type, category, product, issue, contact reason
	TicketSLA               TicketField = "sla"      // within SLA, timely response
	TicketFirstResponseTime TicketField = "first-response-time"
	TicketResolutionTime    TicketField = "resolution-time"
	TicketHandleTime        TicketField = "handle-time" // call duration, talk time
	TicketWaitTime          TicketField = "wait-time"
)

// AnswerForm says how a column's answers are written.
type AnswerForm string

// Answer forms.
const (
	AnswersNone    AnswerForm = ""        // no answer in the sample
	AnswersNumbers AnswerForm = "numbers" // 0-10, 1-5, scores
	AnswersLabels  AnswerForm = "labels"  // "Very satisfied", "4 - Very impressive", Yes/No
	AnswersText    AnswerForm = "text"    // free text
)

// ColumnClass is what ClassifyRespondentColumn found. Only the field that
// belongs to Kind is set (Question and Answers both belong to answers).
type ColumnClass struct {
	Kind     ColumnKind
	Meta     MetaKind
	Personal PersonalKind
	Time     TimeKind
	Unit     UnitKind
	Ticket   TicketField
	Question QuestionKind // the KPI an answer column asks for; QuestionNone for other questions
	Answers  AnswerForm
	// Per is the time unit of a duration column's numbers (time.Hour for
	// "Resolution_Time_Hours"), 0 when the header does not say.
	Per time.Duration
	// Reason says in a few words why, for the preview: "e-mail addresses in
	// the cells: never stored".
	Reason string
}

// ClassifyRespondentColumn says what a column of a respondent-level sheet
// holds, from its header and a sample of its cells (blank cells are fine;
// a few dozen rows are enough). The cells decide where they are plain: a
// column of IP or e-mail addresses is personal data whatever its header, and
// an "Email" column of Yes/No is a flag, not an address.
func ClassifyRespondentColumn(header string, sample []string) ColumnClass {
	return classifyColumn(parseHeaderText(header), summariseSample(sample))
}

func classifyColumn(h headerText, s sampleStats) ColumnClass {
	if c, ok := personalByCells(s); ok {
		return c
	}
	if k, why := personalByHeader(h); k != "" {
		if s.n > 0 && s.flags == s.n {
			return ColumnClass{Kind: ColumnMetadata, Meta: MetaFlag, Reason: "a yes/no flag about the " + string(k)}
		}
		return ColumnClass{Kind: ColumnPersonal, Personal: k, Reason: why + ": never stored"}
	}
	if c, ok := metadataByHeader(h, s); ok {
		return c
	}
	if c, ok := durationByHeader(h, s); ok {
		return c
	}
	if k := timeByHeader(h, s); k != "" {
		return ColumnClass{Kind: ColumnTimestamp, Time: k, Reason: timeReason(k)}
	}
	if q := questionOf(h); q != QuestionNone {
		return answerColumn(h, s, q)
	}
	if f := ticketByHeader(h); f != "" {
		return ColumnClass{Kind: ColumnTicket, Ticket: f, Reason: "ticket " + string(f)}
	}
	switch {
	case s.n > 0 && s.sla*2 > s.n:
		return ColumnClass{Kind: ColumnTicket, Ticket: TicketSLA, Reason: "SLA outcomes in the cells"}
	case s.n > 0 && s.status*10 >= s.n*6:
		return ColumnClass{Kind: ColumnTicket, Ticket: TicketStatus, Reason: "ticket statuses in the cells"}
	}
	if u := unitByHeader(h); u != "" && s.long*2 <= s.n {
		return ColumnClass{Kind: ColumnUnit, Unit: u, Reason: "candidate unit: " + string(u)}
	}
	if s.n > 0 && s.dates*10 >= s.n*8 {
		if len(h.words) == 0 {
			return ColumnClass{Kind: ColumnTimestamp, Time: TimeEvent, Reason: "dates without a header"}
		}
		return ColumnClass{Kind: ColumnTimestamp, Time: TimeOther, Reason: "dates"}
	}
	if s.n > 0 && s.clocks == s.n {
		return ColumnClass{Kind: ColumnTimestamp, Time: TimeClock, Reason: "times of day"}
	}
	if len(h.words) == 0 && s.n == 0 {
		return ColumnClass{}
	}
	return answerColumn(h, s, s.labelQuestion())
}

// answerColumn is an answer to question q, or a category when a free-text
// cue ("reason") heads short repeated labels ("Billing Question").
func answerColumn(h headerText, s sampleStats, q QuestionKind) ColumnClass {
	form := s.form()
	switch {
	case q == QuestionReason && form == AnswersNumbers:
		q = QuestionNone // "free_text_len": a measure of the text, not the text
	case q == QuestionReason && form == AnswersLabels && len(h.words) <= 3 && s.distinct < s.n &&
		!h.has("why", "what", "how", "comment", "comments"):
		return ColumnClass{Kind: ColumnTicket, Ticket: TicketCategory, Reason: "contact reasons: a category"}
	}
	c := ColumnClass{Kind: ColumnAnswer, Question: q, Answers: form}
	switch {
	case q != QuestionNone && form != AnswersNone:
		c.Reason = string(q) + " answers (" + string(form) + ")"
	case q != QuestionNone:
		c.Reason = string(q) + " question"
	case form != AnswersNone:
		c.Reason = "answers (" + string(form) + ")"
	default:
		c.Reason = "no answers in the sample"
	}
	return c
}

func personalByCells(s sampleStats) (ColumnClass, bool) {
	if s.n == 0 {
		return ColumnClass{}, false
	}
	for _, p := range []struct {
		count int
		kind  PersonalKind
		why   string
	}{
		{s.ips, PersonalIP, "IP addresses in the cells"},
		{s.emails, PersonalEmail, "e-mail addresses in the cells"},
		{s.coords, PersonalLocation, "coordinates in the cells"},
		{s.phones, PersonalPhone, "phone numbers in the cells"},
	} {
		if p.count*2 > s.n {
			return ColumnClass{Kind: ColumnPersonal, Personal: p.kind, Reason: p.why + ": never stored"}, true
		}
	}
	return ColumnClass{}, false
}

// Words that may stand beside a personal-data word in its header ("Recipient
// First Name", "Customer phone number", "What is your e-mail address?").
var (
	personWords = wordSet("customer", "client", "recipient", "respondent", "contact", "caller", "patient", "user",
		"member", "participant", "person", "guest", "visitor", "student", "consumer", "complainant", "reporter",
		"requester", "requestor", "submitter", "full", "first", "last", "given", "family", "middle", "nick",
		"display", "screen", "your", "my", "what", "is", "please", "enter", "the", "of", "s", "primary",
		"secondary", "personal", "work", "home", "business", "mobile", "cell", "de", "do", "da", "del", "twitter",
		"instagram", "facebook", "social", "account")
	contactWords = wordSet("address", "addr", "number", "no", "nr", "num", "numero", "id", "line", "1", "2",
		"mailing", "postal", "code", "v4", "v6", "remote", "geo", "location", "x", "y", "decimal", "approximate",
		"verified")
	nameWords = wordSet("name", "names", "firstname", "lastname", "surname", "forename", "nome", "nombre",
		"nom", "prenom", "vorname", "nachname", "apellido", "apellidos", "sobrenome", "author", "username",
		"handle")
	emailWords = wordSet("email", "emails", "correo", "courriel", "mail")
	phoneWords = wordSet("phone", "telephone", "tel", "telefone", "telefono", "telefon", "msisdn", "ani",
		"cellphone", "whatsapp", "mobile", "cell")
	ipWords       = wordSet("ip", "ipv4", "ipv6", "ipaddress")
	locationWords = wordSet("latitude", "longitude", "lat", "lng", "lon", "coordinates", "coords", "geolocation",
		"gps", "geopoint")
	postcodeWords = wordSet("postcode", "postcodes", "zip", "zipcode", "postal", "plz", "postleitzahl", "cep",
		"codigo")
	addressWords = wordSet("address", "street", "strasse", "straße", "endereco", "direccion", "adresse", "house")
)

// bareRespondent headers name the person who answered or complained, and
// hold their names more often than not.
var bareRespondent = wordSet("customer", "client", "requester", "requestor", "respondent", "patient", "caller",
	"contact", "complainant", "reporter", "submitter", "guest", "requested by", "reported by")

// personalByHeader names the personal data a header announces.
func personalByHeader(h headerText) (PersonalKind, string) {
	if len(h.words) == 0 {
		return "", ""
	}
	// around: a word of kind, and nothing else but words that may stand
	// beside it ("Recipient First Name", "Customer phone number").
	around := func(kind map[string]bool, extra ...string) bool {
		return h.hasAnyOf(kind) && h.only(kind, personWords, contactWords, wordSet(extra...))
	}
	switch {
	case around(emailWords, "e"):
		return PersonalEmail, "e-mail addresses"
	case around(ipWords):
		return PersonalIP, "IP addresses"
	case around(phoneWords) || (h.has("caller") && h.has("number", "id", "no") && around(wordSet("caller"))):
		return PersonalPhone, "phone numbers"
	case around(locationWords):
		return PersonalLocation, "locations"
	case around(postcodeWords) && !h.has("address") && (!h.has("codigo") || h.has("postal")):
		return PersonalPostcode, "postcodes, which locate a respondent's home"
	case h.has("dob", "birthday", "birthdate", "born") || h.phrase("birth date", "date of birth", "year of birth"):
		return PersonalBirthDate, "dates of birth"
	case around(nameWords) || bareRespondent[h.full]:
		return PersonalName, "names"
	case around(addressWords, "name"):
		return PersonalAddress, "street addresses"
	}
	return "", ""
}

// toolMetadata are the bookkeeping columns of survey tools and help desks,
// as normalised headers (parenthesised parts dropped).
var toolMetadata = wordSet("progress", "duration", "finished", "response type", "distribution channel",
	"user language", "language", "start language", "last page", "seed", "token", "external reference",
	"external data reference", "response set", "custom data", "time zone", "timezone", "user agent", "browser",
	"operating system", "device", "device type", "referer", "referrer", "referrer url", "url", "link", "permalink",
	"legacy comments", "anonymous", "panel", "embedded data", "ending", "survey duration", "response duration",
	"total duration", "time taken", "time spent")

// recordWords name what an id identifies: "Response ID", "Ticket #",
// "SRNumber". An id of a unit ("Store ID") is the unit, not metadata.
var (
	recordWords = wordSet("response", "respondent", "ticket", "case", "complaint", "call", "sr", "record", "unique",
		"submission", "mention", "post", "request", "interaction", "conversation", "survey", "collector", "network",
		"external", "customer", "user", "participant", "panel", "panelist", "order", "transaction", "workshop",
		"prolific", "session", "contact", "incident", "message", "tweet", "review", "row", "entry", "form", "chat",
		"recipient", "invitation", "invite")
	idWords = wordSet("id", "ids", "uuid", "guid", "uid", "pid", "number", "nr", "no", "num", "ref", "reference",
		"key", "token")
)

func metadataByHeader(h headerText, s sampleStats) (ColumnClass, bool) {
	tool := ColumnClass{Kind: ColumnMetadata, Meta: MetaTool, Reason: "bookkeeping of the survey tool or help desk: ignored"}
	id := ColumnClass{Kind: ColumnMetadata, Meta: MetaID, Reason: "a record id: ignored"}
	last := ""
	if len(h.words) > 0 {
		last = h.words[len(h.words)-1]
	}
	switch {
	case h.raw == "#" || h.norm == "id" || h.norm == "uid" || h.norm == "uuid" || h.norm == "ticket" || h.norm == "case":
		return id, true
	case h.norm == "status":
		if s.status > 0 {
			return ColumnClass{Kind: ColumnTicket, Ticket: TicketStatus, Reason: "ticket status"}, true
		}
		return tool, true // Qualtrics' response type, Alchemer's Complete/Partial
	case toolMetadata[h.norm] || toolMetadata[h.full] || strings.HasPrefix(h.raw, "Q_") ||
		strings.HasPrefix(h.norm, "custom data"):
		return tool, true
	case h.has("consent") && len(h.words) <= 5:
		return ColumnClass{Kind: ColumnMetadata, Meta: MetaFlag, Reason: "consent: ignored"}, true
	case idWords[last] && len(h.words) >= 2 && h.only(recordWords, idWords):
		return id, true
	}
	return ColumnClass{}, false
}

// Words of duration headers and their time units.
var durationUnits = map[string]time.Duration{
	"hours": time.Hour, "hour": time.Hour, "hrs": time.Hour, "hr": time.Hour, "h": time.Hour,
	"horas": time.Hour, "heures": time.Hour, "stunden": time.Hour,
	"minutes": time.Minute, "minute": time.Minute, "mins": time.Minute, "min": time.Minute,
	"minutos": time.Minute, "minuten": time.Minute,
	"seconds": time.Second, "second": time.Second, "secs": time.Second, "sec": time.Second,
	"segundos": time.Second, "secondes": time.Second, "sekunden": time.Second,
	"days": 24 * time.Hour, "day": 24 * time.Hour, "dias": 24 * time.Hour, "jours": 24 * time.Hour,
	"tage": 24 * time.Hour,
}

// durationByHeader finds ticket durations: "First_Response_Time_Hours",
// "call duration in minutes", "AHT". Dates in the cells make it a timestamp
// instead ("first_response_at").
func durationByHeader(h headerText, s sampleStats) (ColumnClass, bool) {
	if s.n > 0 && s.dates*2 > s.n {
		return ColumnClass{}, false
	}
	var per time.Duration
	for _, w := range h.words {
		if d, ok := durationUnits[w]; ok {
			per = d
		}
	}
	timed := h.has("time", "duration", "tempo", "tiempo", "temps", "dauer", "aht", "ttr", "frt", "asa") || per != 0
	if !timed {
		return ColumnClass{}, false
	}
	var f TicketField
	switch {
	case s.n > 0 && s.sla*2 > s.n:
		return ColumnClass{Kind: ColumnTicket, Ticket: TicketSLA, Reason: "SLA outcomes"}, true
	case h.has("first", "frt") || (h.hasPrefix("respon", "reply", "answer") && !h.hasPrefix("resol")):
		f = TicketFirstResponseTime
	case h.hasPrefix("resol", "close", "closing", "solv") || h.has("ttr"):
		f = TicketResolutionTime
	case h.has("handle", "handling", "aht", "talk", "call", "duration", "conversation"):
		f = TicketHandleTime
	case h.has("wait", "waiting", "hold", "queue", "asa"):
		f = TicketWaitTime
	default:
		return ColumnClass{}, false
	}
	if s.n > 0 && s.numbers*2 <= s.n {
		return ColumnClass{}, false // "Response time: Within SLA" is read from the cells
	}
	return ColumnClass{Kind: ColumnTicket, Ticket: f, Per: per, Reason: "ticket " + string(f)}, true
}

// Words of timestamp headers.
var (
	timeWords = wordSet("date", "time", "timestamp", "datetime", "datum", "fecha", "data", "hora", "heure", "zeit",
		"zeitstempel", "horodateur", "dt", "when")
	eventWords = wordSet("created", "creation", "create", "submitted", "submit", "submission", "received", "opened",
		"open", "recorded", "end", "ended", "completed", "completion", "logged", "reported", "posted", "published",
		"call", "contact", "response", "survey", "visit", "interaction", "transaction", "mention", "post", "ticket",
		"request", "complaint", "case", "order", "feedback", "at", "on", "of", "the", "utc", "gmt", "local",
		"month", "year", "hour", "in", "and", "de", "do", "da", "du", "marca", "temporal", "carimbo", "envio",
		"enviado", "registro", "erstellt", "eingang", "creacion", "recepcion", "reception", "soumission")
	resolvedWords = wordSet("resolved", "resolution", "closed", "close", "solved", "fixed", "resuelto", "resolvido",
		"resolu", "cloture", "geschlossen", "gelost")
	updatedWords = wordSet("updated", "update", "modified", "changed", "last", "action", "activity")
	startWords   = wordSet("start", "started", "begin", "began", "inicio", "debut", "beginn")
)

// timeByHeader finds timestamps by their header, checked against the
// cells: "CreatedDate", "submitted_at", "Date of call", "Time Started".
func timeByHeader(h headerText, s sampleStats) TimeKind {
	last := ""
	if len(h.words) > 0 {
		last = h.words[len(h.words)-1]
	}
	named := h.hasAnyOf(timeWords) || (len(h.words) >= 2 && (last == "at" || last == "on"))
	if !named {
		only := h.only(eventWords, resolvedWords, updatedWords, startWords)
		if !only || !(h.hasAnyOf(eventWords) || h.hasAnyOf(resolvedWords) || h.hasAnyOf(updatedWords)) {
			return ""
		}
		if s.n == 0 || s.dates == 0 {
			return "" // "Created" or "Closed" alone need dates below them
		}
	}
	switch {
	case s.n > 0 && s.dates*10 >= s.n*6:
	case s.n > 0 && s.clocks*10 >= s.n*6:
		return TimeClock
	case s.n > 0:
		return "" // "time_zone", "WhenTaking": not dates
	}
	switch {
	case h.has("first") && h.hasPrefix("respon", "reply", "replied", "answer"):
		return TimeFirstResponse
	case h.hasAnyOf(resolvedWords):
		return TimeResolved
	case h.hasAnyOf(updatedWords):
		return TimeUpdated
	case h.hasAnyOf(startWords):
		return TimeStarted
	case h.only(timeWords, eventWords):
		return TimeEvent
	}
	return TimeOther
}

// ticketByHeader finds the ticket fields that are not durations.
func ticketByHeader(h headerText) TicketField {
	switch {
	case len(h.words) > 5:
		return "" // a question that mentions a topic is not a ticket field
	case h.has("priority", "prioridad", "prioridade", "priorite", "prioritat", "urgency", "severity"):
		return TicketPriority
	case h.has("sla", "timely") || h.phrase("service level"):
		return TicketSLA
	case h.has("status", "estado", "statut") || h.phrase("ticket state", "case state"):
		return TicketStatus
	case h.has("category", "categories", "subcategory", "topic", "topics", "issue", "product",
		"disposition", "categoria", "categorie", "kategorie") ||
		(h.has("type") && h.hasAnyOf(recordWords)) || h.phrase("call reason", "contact reason"):
		return TicketCategory
	}
	return ""
}

// unitWords map the words of unit headers to their kind, in order of
// precedence: "Agent team" is an agent, "Location (Census Region)" a region.
var unitWords = []struct {
	kind  UnitKind
	words map[string]bool
}{
	{UnitAgent, wordSet("agent", "agents", "assignee", "representative", "rep", "advisor", "adviser", "csr",
		"operator", "agente", "atendente", "conseiller", "sachbearbeiter")},
	{UnitStore, wordSet("store", "stores", "shop", "outlet", "restaurant", "loja", "tienda", "magasin", "filiale")},
	{UnitBranch, wordSet("branch", "branches", "agency", "sucursal", "agencia", "agence")},
	{UnitSite, wordSet("site", "sites", "surgery", "clinic", "hospital", "ward", "facility", "venue", "campus",
		"office", "plant", "depot", "warehouse", "hotel", "property", "standort")},
	{UnitTeam, wordSet("team", "teams", "group", "queue", "owner", "squad", "equipe", "equipo")},
	{UnitDepartment, wordSet("department", "dept", "division", "departamento", "departement", "abteilung")},
	{UnitChannel, wordSet("channel", "channels", "source", "medium", "touchpoint", "platform", "canal", "kanal",
		"via")},
	{UnitCompany, wordSet("company", "brand", "business", "organisation", "organization", "empresa", "marca",
		"entreprise", "firma")},
	{UnitCity, wordSet("city", "town", "cidade", "ciudad", "ville", "stadt", "municipality")},
	{UnitState, wordSet("state", "province", "estado", "bundesland")},
	{UnitRegion, wordSet("region", "regions", "territory", "district", "zone", "county", "regiao", "area")},
	{UnitCountry, wordSet("country", "countries", "nation", "pais", "pays", "land")},
}

// unitByHeader finds a candidate unit by its header: "Region", "store_id",
// "call_center", "Received Via", "In what country do you live?". Long
// question texts are not searched: too many of them mention a store.
func unitByHeader(h headerText) UnitKind {
	if len(h.words) == 0 || len(h.words) > 8 {
		return ""
	}
	switch {
	case h.phrase("call center", "call centre", "contact center", "contact centre") || h.has("callcenter"):
		return UnitCallCentre
	case h.phrase("assigned to", "assign to", "assignment group"):
		return UnitTeam
	}
	for _, u := range unitWords {
		if h.hasAnyOf(u.words) {
			return u.kind
		}
	}
	if h.has("location", "locations", "local", "ort") {
		return UnitSite // checked last: "Location (Census Region)" is a region
	}
	return ""
}

func timeReason(k TimeKind) string {
	switch k {
	case TimeEvent:
		return "the time of the response or ticket: sets the period"
	case TimeClock:
		return "times of day"
	}
	return "dates: " + string(k) + " time"
}
