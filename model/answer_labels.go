// This file holds the word answers survey tools write: the label families
// (satisfaction, agreement, effort, likelihood, quality, yes/no) in English
// and the common wording in Portuguese, Spanish, French and German, the
// answers that mean "not applicable", and the key that makes case, accents,
// apostrophes, spacing and punctuation not matter.

package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// LabelFamily names a family of word answers ordered worst to best, such as
// "Very dissatisfied" … "Very satisfied".
type LabelFamily string

// Label families. The 5-point families read on 1..5, the 7-point ones on
// 1..7 and yes/no on 0 (No) and 1 (Yes).
const (
	FamilySatisfaction LabelFamily = "satisfaction" // Very dissatisfied … Very satisfied
	FamilyAgreement    LabelFamily = "agreement"    // Strongly disagree … Strongly agree
	FamilyAgreement7   LabelFamily = "agreement7"   // Strongly disagree, Disagree, Somewhat disagree … Strongly agree
	FamilyEffort       LabelFamily = "effort"       // Very difficult … Very easy
	FamilyEffort7      LabelFamily = "effort7"      // Very difficult, Difficult, Somewhat difficult … Very easy
	FamilyLikelihood   LabelFamily = "likelihood"   // Extremely unlikely … Extremely likely
	FamilyQuality      LabelFamily = "quality"      // Very poor … Very good
	// FamilyFFT is the NHS Friends and Family Test: the quality wording
	// (since 2020) and the likelihood wording (before) on one 5-point scale.
	FamilyFFT   LabelFamily = "fft"
	FamilyYesNo LabelFamily = "yesno" // No, Yes
)

// labelFamily is one family ready for look-ups.
type labelFamily struct {
	id     LabelFamily
	name   string
	labels []string       // canonical English labels, worst → best
	words  map[string]int // answer key → position, 0 = worst
}

// The points of each family, worst first; the first word of a point is its
// canonical English label. "{o,a}" spells the alternatives of a word ending
// (masculine and feminine forms).
var (
	satisfactionWords = [][]string{
		{"Very dissatisfied", "Extremely dissatisfied", "Completely dissatisfied", "Very unsatisfied",
			"Muito insatisfeit{o,a}", "Totalmente insatisfeit{o,a}", "Muy insatisfech{o,a}", "Totalmente insatisfech{o,a}",
			"Très insatisfait{,e}", "Pas du tout satisfait{,e}", "Sehr unzufrieden", "Überhaupt nicht zufrieden", "Gar nicht zufrieden"},
		{"Dissatisfied", "Somewhat dissatisfied", "Unsatisfied", "Insatisfeit{o,a}", "Insatisfech{o,a}", "Algo insatisfech{o,a}",
			"Insatisfait{,e}", "Plutôt insatisfait{,e}", "Peu satisfait{,e}", "Plutôt pas satisfait{,e}", "Unzufrieden", "Eher unzufrieden"},
		{"Neither satisfied nor dissatisfied", "Neutral", "Neither", "Nem satisfeit{o,a} nem insatisfeit{o,a}", "Neutr{o,a}",
			"Indiferente", "Ni satisfech{o,a} ni insatisfech{o,a}", "Ni satisfait{,e} ni insatisfait{,e}", "Neutre",
			"Weder zufrieden noch unzufrieden", "Weder noch", "Teils teils"},
		{"Satisfied", "Somewhat satisfied", "Satisfeit{o,a}", "Satisfech{o,a}", "Algo satisfech{o,a}", "Satisfait{,e}",
			"Plutôt satisfait{,e}", "Assez satisfait{,e}", "Zufrieden", "Eher zufrieden"},
		{"Very satisfied", "Extremely satisfied", "Completely satisfied", "Muito satisfeit{o,a}", "Totalmente satisfeit{o,a}",
			"Muy satisfech{o,a}", "Totalmente satisfech{o,a}", "Très satisfait{,e}", "Tout à fait satisfait{,e}",
			"Sehr zufrieden", "Vollkommen zufrieden", "Äußerst zufrieden", "Voll und ganz zufrieden"},
	}
	agreement7Words = [][]string{
		{"Strongly disagree", "Completely disagree", "Totally disagree", "Discordo totalmente", "Discordo completamente",
			"Discordo fortemente", "Totalmente en desacuerdo", "Muy en desacuerdo", "Completamente en desacuerdo",
			"Pas du tout d'accord", "Tout à fait en désaccord", "Fortement en désaccord", "Stimme überhaupt nicht zu",
			"Stimme gar nicht zu", "Trifft überhaupt nicht zu", "Trifft gar nicht zu"},
		{"Disagree", "Discordo", "En desacuerdo", "Pas d'accord", "En désaccord", "Stimme nicht zu", "Trifft nicht zu"},
		{"Somewhat disagree", "Slightly disagree", "Tend to disagree", "Discordo parcialmente", "Discordo em parte",
			"Algo en desacuerdo", "Parcialmente en desacuerdo", "Plutôt pas d'accord", "Plutôt en désaccord",
			"Stimme eher nicht zu", "Trifft eher nicht zu"},
		{"Neither agree nor disagree", "Neutral", "Neither", "Não concordo nem discordo", "Nem concordo nem discordo",
			"Neutr{o,a}", "Indiferente", "Ni de acuerdo ni en desacuerdo", "Ni d'accord ni pas d'accord",
			"Ni d'accord ni en désaccord", "Neutre", "Weder noch", "Teils teils", "Stimme teilweise zu",
			"Trifft teilweise zu", "Unentschieden"},
		{"Somewhat agree", "Slightly agree", "Tend to agree", "Concordo parcialmente", "Concordo em parte",
			"Algo de acuerdo", "Parcialmente de acuerdo", "Plutôt d'accord", "Stimme eher zu", "Trifft eher zu"},
		{"Agree", "Concordo", "De acuerdo", "D'accord", "Stimme zu", "Trifft zu"},
		{"Strongly agree", "Completely agree", "Totally agree", "Concordo totalmente", "Concordo completamente",
			"Concordo plenamente", "Concordo fortemente", "Totalmente de acuerdo", "Muy de acuerdo",
			"Completamente de acuerdo", "Tout à fait d'accord", "Entièrement d'accord", "Fortement d'accord",
			"Stimme voll zu", "Stimme voll und ganz zu", "Stimme völlig zu", "Trifft voll zu", "Trifft voll und ganz zu",
			"Trifft völlig zu"},
	}
	effort7Words = [][]string{
		{"Very difficult", "Extremely difficult", "Very hard", "Muito difícil", "Extremamente difícil", "Muy difícil",
			"Extremadamente difícil", "Très difficile", "Extrêmement difficile", "Sehr schwierig", "Sehr schwer"},
		{"Difficult", "Hard", "Difícil", "Difficile", "Schwierig", "Schwer"},
		{"Somewhat difficult", "Fairly difficult", "Slightly difficult", "Um pouco difícil", "Algo difícil",
			"Un poco difícil", "Plutôt difficile", "Assez difficile", "Eher schwierig", "Eher schwer"},
		{"Neither easy nor difficult", "Neutral", "Neither", "Nem fácil nem difícil", "Neutr{o,a}", "Ni fácil ni difícil",
			"Ni facile ni difficile", "Neutre", "Weder leicht noch schwer", "Weder einfach noch schwierig", "Weder noch",
			"Teils teils"},
		{"Somewhat easy", "Fairly easy", "Slightly easy", "Um pouco fácil", "Algo fácil", "Un poco fácil",
			"Plutôt facile", "Assez facile", "Eher leicht", "Eher einfach"},
		{"Easy", "Fácil", "Facile", "Leicht", "Einfach"},
		{"Very easy", "Extremely easy", "Muito fácil", "Extremamente fácil", "Muy fácil", "Extremadamente fácil",
			"Très facile", "Extrêmement facile", "Sehr leicht", "Sehr einfach"},
	}
	likelihoodWords = [][]string{
		{"Extremely unlikely", "Very unlikely", "Not at all likely", "Extremamente improvável", "Muito improvável",
			"Nada provável", "Muy improbable", "Extremadamente improbable", "Nada probable", "Très improbable",
			"Extrêmement improbable", "Pas du tout probable", "Sehr unwahrscheinlich", "Äußerst unwahrscheinlich",
			"Extrem unwahrscheinlich", "Überhaupt nicht wahrscheinlich"},
		{"Unlikely", "Somewhat unlikely", "Improvável", "Pouco provável", "Improbable", "Poco probable", "Peu probable",
			"Unwahrscheinlich", "Eher unwahrscheinlich"},
		{"Neither likely nor unlikely", "Nem provável nem improvável", "Ni probable ni improbable",
			"Weder wahrscheinlich noch unwahrscheinlich"},
		{"Likely", "Somewhat likely", "Provável", "Probable", "Wahrscheinlich", "Eher wahrscheinlich"},
		{"Extremely likely", "Very likely", "Extremamente provável", "Muito provável", "Muy probable",
			"Extremadamente probable", "Très probable", "Extrêmement probable", "Sehr wahrscheinlich",
			"Äußerst wahrscheinlich", "Extrem wahrscheinlich"},
	}
	qualityWords = [][]string{
		{"Very poor", "Very bad", "Muito ruim", "Muito mau", "Muito má", "Péssim{o,a}", "Muy mal{o,a}", "Pésim{o,a}",
			"Très mauvais{,e}", "Sehr schlecht"},
		{"Poor", "Bad", "Ruim", "Mau", "Má", "Mal{o,a}", "Mauvais{,e}", "Schlecht"},
		{"Neither good nor poor", "Neither good nor bad", "Average", "Nem bom nem ruim", "Nem bom nem mau", "Regular",
			"Razoável", "Ni buen{o,a} ni mal{o,a}", "Ni bon ni mauvais", "Moyen{,ne}", "Weder gut noch schlecht", "Mittel",
			"Mittelmäßig"},
		{"Good", "Bom", "Boa", "Buen{o,a}", "Bon{,ne}", "Bien", "Gut"},
		{"Very good", "Muito bom", "Muito boa", "Ótim{o,a}", "Muy buen{o,a}", "Très bon{,ne}", "Très bien", "Sehr gut"},
	}
	yesNoWords = [][]string{
		{"No", "N", "False", "Não", "Non", "Nein"},
		{"Yes", "Y", "True", "Sim", "Sí", "Oui", "Ja"},
	}
)

// notApplicableWords are the answers that are no answer of any scale: left
// out of every count, and reported.
var notApplicableWords = []string{
	"N/A", "NA", "N.A.", "N/D", "Not applicable", "Does not apply", "Doesn't apply", "Don't know", "Do not know",
	"I don't know", "Don't remember", "I don't remember", "Not sure", "Unsure", "Can't say", "Cannot say",
	"Prefer not to say", "Prefer not to answer", "I prefer not to say", "I'd rather not say", "Rather not say",
	"Decline to answer", "Declined to answer", "No opinion", "No answer",
	"Não se aplica", "Não aplicável", "Não sei", "Não sabe", "Não sei dizer", "Prefiro não responder",
	"Prefiro não dizer", "Sem opinião", "NS/NR", "Não sabe/não respondeu",
	"No aplica", "No se aplica", "No procede", "No corresponde", "No sé", "No sabe", "No lo sé", "NS/NC",
	"No sabe/no contesta", "Prefiero no responder", "Prefiero no contestar", "Prefiero no decirlo", "Sin opinión",
	"Sans objet", "Non applicable", "Non concerné{,e}", "Pas concerné{,e}", "Je ne sais pas", "Ne sais pas",
	"Ne sait pas", "NSP", "Je préfère ne pas répondre", "Préfère ne pas répondre", "Sans opinion", "Sans réponse",
	"Weiß nicht", "Weiß ich nicht", "Keine Angabe", "k.A.", "Nicht zutreffend", "Entfällt", "Kann ich nicht sagen",
	"Kann ich nicht beurteilen", "Möchte ich nicht sagen", "Keine Meinung", "Keine Antwort",
}

var (
	labelFamilies  []*labelFamily               // in the order DetectScale prefers them
	familyByID     map[LabelFamily]*labelFamily // every family by its id
	familiesByWord map[string][]familyPoint     // answer key → the families that know it
	notApplicable  map[string]bool              // answer keys of notApplicableWords
)

// familyPoint is one position of one family.
type familyPoint struct {
	family *labelFamily
	pos    int
}

func init() {
	merge := func(a, b []string) []string { return append(append([]string(nil), a...), b...) }
	five := func(seven [][]string) [][]string {
		return [][]string{seven[0], merge(seven[1], seven[2]), seven[3], merge(seven[5], seven[4]), seven[6]}
	}
	fft := make([][]string, 5)
	for i := range fft {
		fft[i] = merge(qualityWords[i], likelihoodWords[i])
	}
	notApplicable = map[string]bool{}
	for _, w := range notApplicableWords {
		for _, v := range expandWord(w) {
			notApplicable[answerKey(v)] = true
		}
	}
	familyByID = map[LabelFamily]*labelFamily{}
	familiesByWord = map[string][]familyPoint{}
	for _, d := range []struct {
		id     LabelFamily
		name   string
		points [][]string
	}{
		{FamilySatisfaction, "Satisfaction", satisfactionWords},
		{FamilyAgreement, "Agreement", five(agreement7Words)},
		{FamilyAgreement7, "7-point agreement", agreement7Words},
		{FamilyEffort, "Effort", five(effort7Words)},
		{FamilyEffort7, "7-point effort", effort7Words},
		{FamilyLikelihood, "Likelihood", likelihoodWords},
		{FamilyQuality, "Quality", qualityWords},
		{FamilyFFT, "Friends and Family Test", fft},
		{FamilyYesNo, "Yes/No", yesNoWords},
	} {
		f := &labelFamily{id: d.id, name: d.name, words: map[string]int{}}
		for pos, words := range d.points {
			f.labels = append(f.labels, words[0])
			for _, w := range words {
				for _, v := range expandWord(w) {
					k := answerKey(v)
					if p, dup := f.words[k]; dup && p != pos || notApplicable[k] {
						panic(fmt.Sprintf("model: answer label %q of %s is ambiguous", v, d.id))
					}
					if _, dup := f.words[k]; !dup {
						f.words[k] = pos
						familiesByWord[k] = append(familiesByWord[k], familyPoint{f, pos})
					}
				}
			}
		}
		labelFamilies = append(labelFamilies, f)
		familyByID[d.id] = f
	}
}

// expandWord spells out the "{o,a}" alternatives of a table entry.
func expandWord(w string) []string {
	open := strings.IndexByte(w, '{')
	if open < 0 {
		return []string{w}
	}
	end := open + strings.IndexByte(w[open:], '}')
	var out []string
	for _, alt := range strings.Split(w[open+1:end], ",") {
		for _, rest := range expandWord(w[end+1:]) {
			out = append(out, w[:open]+alt+rest)
		}
	}
	return out
}

// LabelFamilies lists every label family, in the order DetectScale prefers
// them when several fit a column equally.
func LabelFamilies() []LabelFamily {
	out := make([]LabelFamily, len(labelFamilies))
	for i, f := range labelFamilies {
		out[i] = f.id
	}
	return out
}

// Name is the family's name as the preview shows it: "Satisfaction",
// "7-point agreement", "Friends and Family Test"; the id itself when the
// family is unknown.
func (f LabelFamily) Name() string {
	if lf, ok := familyByID[f]; ok {
		return lf.name
	}
	return string(f)
}

// Labels returns the family's canonical English labels, worst first (nil for
// an unknown family).
func (f LabelFamily) Labels() []string {
	if lf, ok := familyByID[f]; ok {
		return append([]string(nil), lf.labels...)
	}
	return nil
}

// IsNotApplicable reports whether an answer means "not applicable", "don't
// know" or "prefer not to say" in one of the five languages: such answers
// are left out of every count and reported.
func IsNotApplicable(cell string) bool { return notApplicable[answerKey(cell)] }

// answerKey is the form answers are compared in: lower case, accents and
// apostrophes dropped, ß as ss, and every run of other characters that are
// neither letters nor digits made one space, none at either end. "Don’t
// know." and " DONT KNOW" have the same key, "dont know".
func answerKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '´' || r == '`' || unicode.Is(unicode.Mn, r):
			continue
		case r == 'ß' || r == 'ẞ':
			r = 0
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(unicode.ToUpper(r))
		default:
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte(' ')
		}
		gap = false
		if r == 0 {
			b.WriteString("ss")
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// withoutGenderMark drops a trailing one-letter word, so that "Muito
// satisfeito(a)" and "Très satisfait(e)" read as the plain label.
func withoutGenderMark(key string) (string, bool) {
	n := len(key)
	if n > 2 && key[n-2] == ' ' && strings.IndexByte("aeo", key[n-1]) >= 0 {
		return key[:n-2], true
	}
	return "", false
}

// cellKind is what one answer cell holds before a scale is applied.
type cellKind uint8

const (
	cellBlank  cellKind = iota // nothing but spaces and punctuation, "null" or "nan"
	cellNA                     // a not-applicable answer
	cellNumber                 // a number, alone or with a label: "9", "85%", "9 - Extremely likely"
	cellWord                   // anything else, as its key
)

// answerCell is one cell read without a scale.
type answerCell struct {
	kind    cellKind
	value   float64
	percent bool
	key     string // cellWord: the cell's key; cellNumber: the key of the label beside the number, if any
	label   string // cellNumber: the label beside the number as written
}

// readCell reads one cell: blank, not applicable, a number (alone, with a
// percent sign, or with a label before or after it as survey tools write
// "9 - Extremely likely", "5 = Very satisfied", "10 (Extremely likely)" and
// "Extremely likely - 10"), or words. Plain numbers allocate nothing.
func readCell(cell string) answerCell {
	s := strings.TrimRightFunc(strings.TrimSpace(cell), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".,;:!?…", r)
	})
	if s == "" {
		return answerCell{}
	}
	if v, pct, ok := plainNumber(s); ok {
		return answerCell{kind: cellNumber, value: v, percent: pct}
	}
	if isDigit(s[0]) {
		if c, ok := numberedCell(s); ok {
			return c
		}
	}
	key := answerKey(s)
	switch {
	case key == "" || key == "null" || key == "nan":
		return answerCell{}
	case notApplicable[key]:
		return answerCell{kind: cellNA}
	}
	if c, ok := numberedCell(s); ok {
		return c
	}
	return answerCell{kind: cellWord, key: key}
}

// numberedCell reads a number beside its label; a not-applicable label
// ("99 - Don't know") makes the cell not applicable.
func numberedCell(s string) (answerCell, bool) {
	v, label, ok := numberedLabel(s)
	if !ok {
		return answerCell{}, false
	}
	lk := answerKey(label)
	if notApplicable[lk] {
		return answerCell{kind: cellNA}, true
	}
	return answerCell{kind: cellNumber, value: v, key: lk, label: label}, true
}

// plainNumber reads "9", "-1", "4.0", "4,5" and "85 %". A decimal comma
// takes one or two digits, so that "1,000" is not read as 1.
func plainNumber(s string) (v float64, percent, ok bool) {
	v, end := scanNumber(s)
	if end == 0 {
		return 0, false, false
	}
	switch strings.TrimLeft(s[end:], " ") {
	case "":
		return v, false, true
	case "%":
		return v, true, true
	}
	return 0, false, false
}

// scanNumber reads the number at the start of s and returns where it ends
// (0 when s does not start with one). A number too large for a float64
// reads as ±Inf, which no scale contains.
func scanNumber(s string) (float64, int) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		return 0, 0
	}
	num := s[:i]
	if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && isDigit(s[i+1]) {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if s[i] == '.' {
			num, i = s[:j], j
		} else if j-i <= 3 {
			num, i = s[:i]+"."+s[i+1:j], j
		}
	}
	v, _ := strconv.ParseFloat(num, 64)
	return v, i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// numberedLabel splits a number written beside its label: the number first
// ("9 - Extremely likely", "5 = Very satisfied", "10 (Extremely likely)",
// "4. Good", "3 Neutral") or last ("Extremely likely - 10", "Extremely likely
// (10)"). The label must start with a letter, so that "0-6 months ago" is no
// answer 0.
func numberedLabel(s string) (v float64, label string, ok bool) {
	if v, end := scanNumber(s); end > 0 {
		rest := strings.TrimLeft(s[end:], " ")
		sep := len(rest) < len(s[end:])
		for _, p := range []string{"-", "–", "—", "=", ":", ".", ")", "|"} {
			if strings.HasPrefix(rest, p) {
				rest, sep = strings.TrimLeft(rest[len(p):], " "), true
				break
			}
		}
		if strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") {
			rest, sep = strings.TrimSpace(rest[1:len(rest)-1]), true
		}
		if sep && isLabel(rest) {
			return v, rest, true
		}
		return 0, "", false
	}
	e := len(s)
	paren := strings.HasSuffix(s, ")")
	if paren {
		e = len(strings.TrimRight(s[:e-1], " "))
	}
	k := e
	for k > 0 && isDigit(s[k-1]) {
		k--
	}
	if k > 1 && (s[k-1] == '.' || s[k-1] == ',') && isDigit(s[k-2]) {
		k--
		for k > 0 && isDigit(s[k-1]) {
			k--
		}
	}
	if k == e {
		return 0, "", false
	}
	v, end := scanNumber(s[k:e])
	if end != e-k {
		return 0, "", false
	}
	head := strings.TrimRight(s[:k], " ")
	sep := len(head) < k
	if paren {
		if !strings.HasSuffix(head, "(") {
			return 0, "", false
		}
		head, sep = strings.TrimRight(head[:len(head)-1], " "), true
	} else {
		for _, p := range []string{"-", "–", "—", "=", ":"} {
			if strings.HasSuffix(head, p) {
				head, sep = strings.TrimRight(head[:len(head)-len(p)], " "), true
				break
			}
		}
	}
	if !sep || !isLabel(head) {
		return 0, "", false
	}
	return v, head, true
}

// isLabel reports whether s can be the label beside a number: it starts
// with a letter and holds no digit.
func isLabel(s string) bool {
	return startsWithLetter(s) && !strings.ContainsAny(s, "0123456789")
}

// startsWithLetter reports whether s begins with a letter.
func startsWithLetter(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r)
	}
	return false
}
