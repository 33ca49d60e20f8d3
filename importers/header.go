package importers

import (
	"strconv"
	"strings"
	"unicode"
)

// headerRoles is what one header text can mean: its role in a data sheet and
// its role in a catalogue sheet. The two differ for "Unit", which names the
// business unit in data sheets and the unit of measure in a catalogue.
type headerRoles struct {
	data, cat Role
}

// headerSynonyms maps normalised header texts (see normHeader) to roles.
var headerSynonyms = buildSynonyms()

func buildSynonyms() map[string]headerRoles {
	m := map[string]headerRoles{}
	both := func(r Role, names ...string) {
		for _, n := range names {
			m[n] = headerRoles{r, r}
		}
	}
	both(RolePeriod, "period", "date", "month", "quarter", "as of", "asof", "as at", "reporting period",
		"year", "fiscal period", "fiscal year", "fiscal quarter", "fiscal month", "fy", "time period",
		"reporting date", "report date", "reporting month", "reporting quarter", "reporting year",
		"period name", "date period", "month year", "year month", "yearmonth", "period ending",
		"period end", "period start", "month ending", "quarter ending", "survey date",
		// common European spellings, for files written in other languages
		"periode", "période", "periodo", "zeitraum", "datum", "monat", "quartal", "jahr", "mois",
		"trimestre", "année", "annee", "fecha", "mes", "año", "maand", "kwartaal", "jaar")
	both(RoleUnit, "business unit", "bu", "region", "segment", "brand", "team", "division", "market",
		"country", "site", "department", "dept", "channel", "store", "branch", "location", "office",
		"business", "line of business", "lob", "organisation", "organization", "org", "org unit",
		"organisational unit", "organizational unit", "entity", "company", "subsidiary", "business area",
		"zone", "territory", "unit name", "bu name", "business line", "shop", "city", "state", "hub",
		"function",
		"einheit", "geschäftsbereich", "standort", "unité", "entité", "unidad", "eenheid", "regio")
	both(RoleMetric, "metric", "kpi", "measure", "indicator", "practice", "question", "item", "name",
		"metric name", "kpi name", "measure name", "indicator name", "practice name", "question text",
		"survey question", "statement", "criterion", "criteria", "capability", "assessment item",
		"metrics", "kpis", "measures", "indicators", "key performance indicator", "maturity item",
		"attribute", "sub dimension", "subdimension", "behaviour", "behavior",
		"kennzahl", "indikator", "indicateur", "indicador", "métrica", "metrica", "metriek", "kpi naam")
	both(RoleValue, "value", "score", "actual", "result", "rating", "actuals", "actual value", "amount",
		"val", "maturity score", "maturity level", "current score", "current level", "level",
		"results", "scores", "values", "ratings", "achieved", "outcome", "measured value", "kpi value",
		"metric value", "observed", "figure", "reading",
		"wert", "istwert", "valeur", "valor", "waarde", "punkte", "resultat", "résultat", "resultado")
	both(RoleDiscipline, "discipline", "area", "pillar", "competency", "dimension", "category", "domain",
		"cx discipline", "discipline name", "focus area", "capability area", "theme", "practice area",
		"competence", "disciplines", "categories", "pillars", "dimensions", "cx area", "cx pillar")
	both(RoleTarget, "target", "goal", "objective", "target value", "target score", "targets",
		"goal value", "target level", "aim", "ambition", "desired score", "desired level")
	both(RoleNote, "note", "notes", "comment", "comments", "remark", "remarks", "commentary",
		"explanation", "rationale", "evidence", "description", "definition", "details")
	both(RoleDirection, "direction", "better", "polarity", "higher is better", "lower is better",
		"good direction", "desired direction", "better if", "good is", "higher or lower", "optimisation",
		"optimization")
	both(RoleScale, "scale", "scoring", "scale type", "scoring method", "scoring scale", "score type",
		"scoring type")
	both(RoleWeight, "weight", "weighting", "wt", "weights", "importance")
	both(RoleOwner, "owner", "responsible", "accountable", "metric owner", "kpi owner", "owners")
	both(RoleMeasureUnit, "uom", "unit of measure", "measure unit", "measurement unit",
		"unit of measurement", "units of measure", "unit type")
	// Thresholds named after the default maturity levels.
	both(RoleT1, "initial")
	both(RoleT2, "developing")
	both(RoleT3, "defined")
	both(RoleT4, "managed")
	both(RoleT5, "optimised", "optimized")
	for i, r := range []Role{RoleT1, RoleT2, RoleT3, RoleT4, RoleT5} {
		n := strconv.Itoa(i + 1)
		both(r, "t"+n, "t "+n, "level "+n, "level"+n, "l"+n, "l "+n, "threshold "+n, "threshold"+n,
			"level "+n+" threshold", "threshold level "+n, "t"+n+" threshold", "lvl "+n, "lvl"+n,
			"score "+n, "threshold t"+n)
	}
	// "Unit" alone: the business unit in a data sheet, the unit of measure in
	// a catalogue sheet (DESIGN.md).
	m["unit"] = headerRoles{RoleUnit, RoleMeasureUnit}
	m["units"] = headerRoles{RoleUnit, RoleMeasureUnit}
	return m
}

// fillerWords carry no meaning of their own in a header ("KPI name",
// "Region code"), so they are dropped before a second lookup.
var fillerWords = map[string]bool{
	"name": true, "id": true, "code": true, "label": true, "title": true, "of": true, "the": true,
	"current": true, "reported": true, "overall": true, "text": true, "key": true, "no": true,
	"nr": true, "number": true, "type": true, "short": true, "full": true, "your": true, "for": true,
}

// leadRoles are the roles a first word decides on its own: "Target value"
// is a target, not a value.
var leadRoles = map[string]Role{
	"target": RoleTarget, "goal": RoleTarget, "note": RoleNote, "notes": RoleNote,
	"comment": RoleNote, "comments": RoleNote,
}

// classifyHeader finds the roles of a header text. strong is false when the
// roles were guessed from single words of a longer header ("Survey date").
func classifyHeader(text string) (roles headerRoles, strong, ok bool) {
	n := normHeader(text)
	if n == "" {
		return headerRoles{}, false, false
	}
	if r, found := headerSynonyms[n]; found {
		return r, true, true
	}
	words := strings.Fields(n)
	if len(words) > 4 { // a sentence: instructions, not a header
		return headerRoles{}, false, false
	}
	kept := words[:0:0]
	for _, w := range words {
		if !fillerWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) > 0 && len(kept) < len(words) {
		if r, found := headerSynonyms[strings.Join(kept, " ")]; found {
			return r, false, true
		}
	}
	if len(words) < 2 {
		return headerRoles{}, false, false
	}
	if r, found := leadRoles[words[0]]; found {
		return headerRoles{r, r}, false, true
	}
	if r, found := headerSynonyms[words[len(words)-1]]; found {
		return r, false, true
	}
	if r, found := headerSynonyms[words[0]]; found {
		return r, false, true
	}
	return headerRoles{}, false, false
}

// normHeader lower-cases a header, drops parenthesised parts ("Value (%)")
// and turns runs of anything but letters and digits into one space.
func normHeader(s string) string {
	return normaliseText(s, true)
}

func normaliseText(s string, dropParens bool) string {
	var b strings.Builder
	b.Grow(len(s))
	depth, gap := 0, false
	for _, r := range s {
		if dropParens {
			switch r {
			case '(', '[', '{':
				depth++
				gap = true
				continue
			case ')', ']', '}':
				if depth > 0 {
					depth--
				}
				gap = true
				continue
			}
			if depth > 0 {
				continue
			}
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		gap = true
	}
	return b.String()
}

// HeaderSignature identifies a header layout: the normalised header texts in
// order, joined by "|", with trailing empty headers dropped. Two sheets with
// the same columns, whatever their case, spacing or punctuation, share a
// signature, so a mapping the user chose once applies to the next file.
func HeaderSignature(headers []string) string {
	end := len(headers)
	for end > 0 && normaliseText(headers[end-1], false) == "" {
		end--
	}
	parts := make([]string, end)
	for i, h := range headers[:end] {
		parts[i] = normaliseText(h, false)
	}
	return strings.Join(parts, "|")
}

// columnLetters returns the spreadsheet name of a 0-based column: 0 is "A",
// 26 is "AA".
func columnLetters(col int) string {
	if col < 0 {
		return ""
	}
	var buf [8]byte
	i := len(buf)
	for n := col + 1; n > 0 && i > 0; n = (n - 1) / 26 {
		i--
		buf[i] = byte('A' + (n-1)%26)
	}
	return string(buf[i:])
}
