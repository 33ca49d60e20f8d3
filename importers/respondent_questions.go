package importers

// This file reads the words of a respondent-level sheet: the wording of a
// question, which says the KPI it asks for (NPS, CSAT, CES, FCR, sentiment,
// a free-text reason) in English, Portuguese, Spanish, French or German; and
// a sample of its answers, which says how they are written (numbers, labels,
// free text) and, for labels such as "Very satisfied", which question they
// answer.

import (
	"math"
	"net/netip"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"cxdash/model"
)

// QuestionKind is the KPI a survey question asks for.
type QuestionKind string

// Question kinds. QuestionNone is any other question (or no question).
const (
	QuestionNone QuestionKind = ""
	// QuestionNPS asks how likely the respondent is to recommend: NPS on a
	// 0-10 scale, or the Friends and Family Test's likelihood labels
	// ("Extremely likely" .. "Extremely unlikely", "Don't know"), whose KPI is
	// % positive. The answer reader tells the two apart from the answers.
	QuestionNPS QuestionKind = "nps"
	// QuestionCSAT asks how satisfied the respondent is.
	QuestionCSAT QuestionKind = "csat"
	// QuestionCES asks how easy it was, or how much effort it took.
	QuestionCES QuestionKind = "ces"
	// QuestionFCR asks whether the issue was resolved at first contact.
	QuestionFCR QuestionKind = "fcr"
	// QuestionReason asks for free text: the reason for a score, comments,
	// what could be improved.
	QuestionReason QuestionKind = "reason"
	// QuestionSentiment is a sentiment label (positive, negative, neutral)
	// or score, as social-listening tools and text analytics write them.
	QuestionSentiment QuestionKind = "sentiment"
)

// ClassifyQuestion says which KPI a question's text (or a column header
// named after it) asks for: "How likely are you to recommend us to a
// friend?", "LikelyToRecommend" and "nps_score" are NPS; "How satisfied…",
// "csat" and "Zufriedenheit" are CSAT; "How easy…" and "effort" are CES;
// "first contact resolution" is FCR; "What is the main reason for your
// score?" is a free-text reason; "sentiment" is sentiment. Anything else is
// QuestionNone.
func ClassifyQuestion(header string) QuestionKind {
	return questionOf(parseHeaderText(header))
}

// headerText is a header prepared for matching: camelCase split
// ("LikelyToRecommend"), accents folded ("satisfação"), lower-cased and
// reduced to words by the importer's header normaliser.
type headerText struct {
	raw   string   // trimmed, valid UTF-8
	norm  string   // words, parenthesised parts dropped: "submit date"
	full  string   // words, parenthesised parts kept: "submit date utc"
	words []string // the words of full
	set   map[string]bool
}

// maxHeaderRunes bounds the work spent on one header: question texts are a
// few hundred characters, and a longer cell is not a header worth reading
// whole.
const maxHeaderRunes = 1000

func parseHeaderText(s string) headerText {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "\uFEFF"))
	if utf8.RuneCountInString(s) > maxHeaderRunes {
		s = string([]rune(s)[:maxHeaderRunes])
	}
	prepared := foldAccents(splitCamel(s))
	h := headerText{raw: s, norm: normaliseText(prepared, true), full: normaliseText(prepared, false)}
	h.words = strings.Fields(h.full)
	h.set = make(map[string]bool, len(h.words))
	for _, w := range h.words {
		h.set[w] = true
	}
	return h
}

// splitCamel puts a space between the words of a camelCase or PascalCase
// header ("ResponseId" -> "Response Id", "SRNumber" -> "SR Number"), so that
// the normaliser sees them as words.
func splitCamel(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldAccents removes accents ("satisfação" -> "satisfacao") so that one
// stem matches the spellings with and without them.
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// has reports whether any of the words is a word of the header.
func (h headerText) has(words ...string) bool {
	for _, w := range words {
		if h.set[w] {
			return true
		}
	}
	return false
}

// hasPrefix reports whether a word of the header starts with any stem.
func (h headerText) hasPrefix(stems ...string) bool {
	for _, w := range h.words {
		for _, s := range stems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
	}
	return false
}

// contains reports whether the header holds any part, inside a word or
// across words: German compounds ("Kundenzufriedenheit") need it.
func (h headerText) contains(parts ...string) bool {
	for _, p := range parts {
		if strings.Contains(h.full, p) {
			return true
		}
	}
	return false
}

// phrase reports whether the header holds any phrase as whole words.
func (h headerText) phrase(phrases ...string) bool {
	padded := " " + h.full + " "
	for _, p := range phrases {
		if strings.Contains(padded, " "+p+" ") {
			return true
		}
	}
	return false
}

// only reports whether every word of the header is in one of the sets.
func (h headerText) only(sets ...map[string]bool) bool {
	if len(h.words) == 0 {
		return false
	}
next:
	for _, w := range h.words {
		for _, s := range sets {
			if s[w] {
				continue next
			}
		}
		return false
	}
	return true
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// likelihoodCues make "recommend" a likelihood question (NPS) rather than an
// agreement statement such as a bare "Recommend" column of Likert answers.
var likelihoodCues = wordSet("likely", "likelihood", "probability", "probably", "chance", "chances", "score",
	"rating", "scale", "ltr")

func questionOf(h headerText) QuestionKind {
	switch {
	case len(h.words) == 0:
		return QuestionNone
	case h.hasPrefix("sentiment", "stimmung") || h.has("polarity"):
		return QuestionSentiment
	case isReasonQuestion(h):
		return QuestionReason
	case isFCRQuestion(h):
		return QuestionFCR
	case isNPSQuestion(h):
		return QuestionNPS
	case h.phrase("how easy", "customer effort", "ces score") || (h.has("ces") && len(h.words) <= 3):
		return QuestionCES
	case h.contains("satisf", "zufrieden") || h.has("csat", "osat"):
		return QuestionCSAT
	case h.has("easy", "easier", "ease", "effort", "effortless", "facil", "facile", "einfach", "esfuerzo") ||
		h.hasPrefix("esforc") || h.contains("aufwand"):
		return QuestionCES
	}
	return QuestionNone
}

func isNPSQuestion(h headerText) bool {
	switch {
	case h.has("group", "category", "segment", "class", "classification", "bucket", "type"):
		return false // Qualtrics' NPS_GROUP (1-3): derived from the score, not an answer
	case h.has("nps", "enps", "ltr", "promoter", "promoters") || h.phrase("net promoter"):
		return true
	case h.hasPrefix("recomend", "recomiend", "recommand") || h.contains("empfehl"):
		return true // the verb alone, in Portuguese, Spanish, French and German
	case h.hasPrefix("recommend"):
		for w := range likelihoodCues {
			if h.set[w] {
				return true
			}
		}
		return h.phrase("would you", "0 10", "0 to 10")
	}
	return false
}

func isFCRQuestion(h headerText) bool {
	if h.has("fcr") || h.contains("erstlosung") {
		return true
	}
	first := h.has("first", "primer", "primera", "primeiro", "primeira", "premier", "premiere",
		"erst", "erste", "ersten", "erster")
	contact := h.hasPrefix("contact", "call", "touch", "contato", "llamada", "chamada", "appel", "kontakt", "anruf") ||
		h.has("time")
	resolved := h.hasPrefix("resol", "resuel", "solv", "gelost", "geloest") || h.has("fixed")
	return first && contact && resolved
}

// reasonWords are free-text cues that decide on their own.
var reasonWords = wordSet("why", "reason", "reasons", "motivo", "motivos", "razon", "razones", "raison", "raisons",
	"pourquoi", "warum", "weshalb", "porque", "improve", "melhorar", "mejorar", "verbessern", "comment", "comments",
	"commentary", "verbatim", "verbatims", "narrative", "explain", "suggestion", "suggestions", "remarks",
	"anmerkung", "anmerkungen", "bemerkung", "bemerkungen")

// freeTextHeaders name columns of customers' own words in ticket logs and
// social-listening exports.
var freeTextHeaders = wordSet("feedback", "free text", "open text", "complaint", "customer complaint",
	"complaint text", "complaint description", "description", "ticket description", "message", "review",
	"review text", "mention", "mention text", "snippet", "text", "body", "verbatim", "customer comment")

func isReasonQuestion(h headerText) bool {
	switch {
	case h.only(reasonWords) || freeTextHeaders[h.full]:
		return true
	case h.has("why", "reason", "reasons", "motivo", "razon", "raison", "pourquoi", "warum", "weshalb") ||
		h.phrase("por que", "por qual"):
		return true
	case len(h.words) > 12:
		// Weaker cues are not searched in long texts, whose instructions
		// mention suggestions and comments.
	case h.has("improve", "melhorar", "mejorar", "verbessern", "comments", "verbatim", "narrative"):
		return true
	case h.has("comment") && (h.words[0] != "comment" || len(h.words) <= 2):
		return true // but French "Comment évaluez-vous…" is "How"
	case h.hasPrefix("comentar", "commentair", "kommentar", "anmerkung", "suggest", "sugest", "suger",
		"amelior", "verbesser") || h.contains("vorschlag"):
		return true
	case h.phrase("do better", "anything else", "tell us", "free text", "what could we", "what can we",
		"how can we", "how could we", "what should we", "what would you change"):
		return true
	}
	for _, w := range h.words {
		if w == "grund" || w == "grunde" || (len(w) > 5 && strings.HasSuffix(w, "grund")) {
			return true // "Hauptgrund für Ihre Bewertung"
		}
	}
	return false
}

// hasAnyOf reports whether a word of the header is in the set.
func (h headerText) hasAnyOf(set map[string]bool) bool {
	for _, w := range h.words {
		if set[w] {
			return true
		}
	}
	return false
}

// sampleStats sums up a sample of a column's cells.
type sampleStats struct {
	n                       int // cells that are not blank
	distinct                int
	numbers                 int
	scale                   int // integers 0..10: answers on a rating scale
	unitRange               int // numbers in -1..1: sentiment scores
	dates                   int // dates or date-times, not plain numbers
	clocks                  int // times of day: "3:53:50 PM"
	emails, ips, coords     int
	phones                  int // written as phone numbers: "+44 20 7946 0958", "(555) 123-4567"
	flags                   int // yes/no, true/false
	status                  int // ticket statuses: open, closed, resolved …
	sla                     int // "Within SLA", "Above SLA"
	long                    int // eight words or more
	csat, likely, ease, sen int // answer labels of each question kind
	dontKnow                int
}

// maxSample bounds the cells read from one sample.
const maxSample = 200

var (
	clockPattern = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?(\s?[AaPp]\.?[Mm]\.?)?$`)
	coordPattern = regexp.MustCompile(`^\(?\s*-?\d{1,3}\.\d+\s*[,;]\s*-?\d{1,3}\.\d+\s*\)?$`)
	phonePattern = regexp.MustCompile(`^(\+\d[\d\s().-]{6,18}\d|\(\d{2,4}\)\s?\d[\d\s.-]{4,12}\d)$`)
)

// statusWords begin ticket statuses ("Closed with explanation"); "new" is
// a status only alone, not in "New York".
var statusWords = []string{"open", "opened", "closed", "resolved", "solved", "pending", "in progress",
	"on hold", "assigned", "escalated", "cancelled", "canceled", "reopened", "waiting", "awaiting",
	"unresolved", "aberto", "fechado", "resuelto", "abierto", "cerrado", "ferme", "ouvert", "offen", "geschlossen"}

var sentimentLabels = wordSet("positive", "negative", "neutral", "mixed", "very positive", "very negative",
	"somewhat positive", "somewhat negative", "positivo", "negativo", "positif", "negatif", "neutre", "positiv",
	"negativ")

var flagWords = wordSet("yes", "no", "y", "n", "true", "false", "sim", "nao", "si", "oui", "non", "ja", "nein")

func summariseSample(sample []string) sampleStats {
	var s sampleStats
	seen := map[string]bool{}
	for i, v := range sample {
		if i == maxSample {
			break
		}
		v = strings.TrimSpace(strings.ToValidUTF8(v, "\uFFFD"))
		if IsBlank(v) {
			continue
		}
		if len(v) > maxHeaderRunes {
			v = v[:maxHeaderRunes]
		}
		s.n++
		if !seen[v] {
			seen[v] = true
			s.distinct++
		}
		s.add(v)
	}
	return s
}

func (s *sampleStats) add(v string) {
	if f, _, err := ParseNumber(v, false); err == nil {
		s.numbers++
		if f == math.Trunc(f) && f >= 0 && f <= 10 {
			s.scale++
		}
		if f >= -1 && f <= 1 {
			s.unitRange++
		}
		return
	}
	switch {
	case clockPattern.MatchString(v):
		s.clocks++
		return
	case looksLikeDate(v):
		s.dates++
		return
	case isEmail(v):
		s.emails++
		return
	case coordPattern.MatchString(v):
		s.coords++
		return
	case phonePattern.MatchString(v):
		s.phones++
		return
	}
	if a, err := netip.ParseAddr(v); err == nil && a.IsValid() {
		s.ips++
		return
	}
	h := parseHeaderText(v)
	if len(h.words) >= 8 {
		s.long++
	}
	switch {
	case flagWords[h.full]:
		s.flags++
	case h.has("sla"):
		s.sla++
	case h.contains("satisf"):
		s.csat++
	case h.has("likely", "unlikely"):
		s.likely++
	case h.phrase("don t know", "dont know", "do not know"):
		s.dontKnow++
	case h.has("easy", "difficult", "effort", "effortless"):
		s.ease++
	case sentimentLabels[h.full]:
		s.sen++
	}
	if h.full == "new" {
		s.status++
	}
	for _, w := range statusWords {
		if h.full == w || strings.HasPrefix(h.full, w+" ") {
			s.status++
			break
		}
	}
}

// looksLikeDate reports whether a cell is a date or a date and time written
// as text: ISO, numeric in either order, or with the month's name.
func looksLikeDate(v string) bool {
	if !strings.ContainsAny(v, "-/. ,") || len(v) > 40 {
		return false
	}
	if _, err := model.ParseDate(v, model.DayFirst); err == nil {
		return true
	}
	_, err := model.ParseDate(v, model.MonthFirst)
	return err == nil
}

func isEmail(v string) bool {
	at := strings.IndexByte(v, '@')
	if at <= 0 || strings.ContainsAny(v, " \t,;<>") || strings.Count(v, "@") != 1 {
		return false
	}
	dot := strings.LastIndexByte(v, '.')
	return dot > at+1 && dot < len(v)-1
}

// form says how the sample's answers are written: numbers, short labels
// that repeat, or free text (long, or nearly all different).
func (s sampleStats) form() AnswerForm {
	switch {
	case s.n == 0:
		return AnswersNone
	case s.numbers == s.n:
		return AnswersNumbers
	case s.long*2 > s.n && s.distinct*2 > s.n:
		return AnswersText
	case s.n >= 5 && s.distinct*10 >= s.n*9 && s.numbers == 0 && s.flags == 0 && s.labelQuestion() == QuestionNone:
		return AnswersText
	}
	return AnswersLabels
}

// labelQuestion infers the question from its answer labels when the header
// does not say: "Very satisfied" answers CSAT, "Extremely likely" the
// Friends and Family Test (NPS family), "Very easy" CES, "Positive" and
// "Negative" sentiment. Most answers must be such labels.
func (s sampleStats) labelQuestion() QuestionKind {
	n := s.n - s.dontKnow
	if n < 3 {
		return QuestionNone
	}
	for _, c := range []struct {
		count int
		kind  QuestionKind
	}{{s.csat, QuestionCSAT}, {s.likely, QuestionNPS}, {s.ease, QuestionCES}, {s.sen, QuestionSentiment}} {
		if c.count*10 >= n*6 {
			return c.kind
		}
	}
	return QuestionNone
}
