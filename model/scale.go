// This file holds answer scales: the answers one survey question allows
// (0-10, 1-5, a labelled family such as "Very dissatisfied" … "Very
// satisfied"), the reader that turns one cell into a value on its scale,
// and the detection of a column's scale from its answers and question.

package model

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// AnswerScale is the set of answers one survey question allows. Every
// answer is a value from Min to Max, a whole number when Integer; word
// answers are positions on the scale, the worst Min. (Scale, the other
// type, says how a metric's value becomes a maturity score.)
type AnswerScale struct {
	Min, Max float64
	// Integer scales take whole numbers only: 3.5 on 1-5 is no answer (a
	// fractional answer on a rating scale is a mean someone computed, not
	// what a respondent chose). The 0-100 slider takes any number.
	Integer bool
	// Labels name the points of an integer scale, worst first: Labels[i] is
	// the answer Min+i. Optional; when set there is one per point.
	Labels []string
	// Family, when set, reads the family's words in every language as the
	// points of the scale (FamilySatisfaction on 1-5, FamilyYesNo on 0-1).
	Family LabelFamily
	// NA lists further answers that mean "not applicable" on this scale,
	// such as "6" where a 1-5 survey coded N/A as 6.
	NA []string
}

// ErrInvalidScale is wrapped by (AnswerScale).Validate.
var ErrInvalidScale = errors.New("invalid answer scale")

// Scale0To10 is the likelihood-to-recommend scale of NPS.
func Scale0To10() AnswerScale { return AnswerScale{Min: 0, Max: 10, Integer: true} }

// Scale1To5 is the 5-point rating scale (CSAT, CES, Likert items).
func Scale1To5() AnswerScale { return AnswerScale{Min: 1, Max: 5, Integer: true} }

// Scale1To7 is the 7-point rating scale (CES 2.0, 7-point Likert items).
func Scale1To7() AnswerScale { return AnswerScale{Min: 1, Max: 7, Integer: true} }

// Scale1To10 is the 10-point rating scale.
func Scale1To10() AnswerScale { return AnswerScale{Min: 1, Max: 10, Integer: true} }

// Scale0To100 is the slider of survey tools: any number from 0 to 100.
func Scale0To100() AnswerScale { return AnswerScale{Min: 0, Max: 100} }

// ScaleYesNo reads No as 0 and Yes as 1, so the share of yes is the mean.
func ScaleYesNo() AnswerScale { return FamilyScale(FamilyYesNo) }

// ScaleFFT is the NHS Friends and Family Test: 1 (Very poor, Extremely
// unlikely) to 5 (Very good, Extremely likely); "Don't know" is not an
// answer (AnswerNA).
func ScaleFFT() AnswerScale { return FamilyScale(FamilyFFT) }

// FamilyScale is the labelled scale of a family: 1..5 or 1..7 with its
// canonical English labels, 0..1 for yes/no. An unknown family gives the
// zero scale, which Validate refuses.
func FamilyScale(f LabelFamily) AnswerScale {
	lf, ok := familyByID[f]
	if !ok {
		return AnswerScale{}
	}
	lo := 1.0
	if f == FamilyYesNo {
		lo = 0
	}
	return AnswerScale{Min: lo, Max: lo + float64(len(lf.labels)-1), Integer: true,
		Labels: append([]string(nil), lf.labels...), Family: f}
}

// Points is the number of answers of an integer scale (11 for 0-10), or 0
// for a continuous or unusable one.
func (s AnswerScale) Points() int {
	span := s.Max - s.Min
	if !s.Integer || !(span >= 0 && span < 10000) || s.Min != math.Trunc(s.Min) || span != math.Trunc(span) {
		return 0
	}
	return int(span) + 1
}

// Contains reports whether v is an answer of the scale.
func (s AnswerScale) Contains(v float64) bool {
	return v >= s.Min && v <= s.Max && (!s.Integer || v == math.Trunc(v))
}

// labels are the scale's own labels, else its family's.
func (s AnswerScale) labels() []string {
	if len(s.Labels) > 0 {
		return s.Labels
	}
	if lf, ok := familyByID[s.Family]; ok {
		return lf.labels
	}
	return nil
}

// Label is the canonical way to write the answer v: its label on a
// labelled scale, else the number ("7", "62.5"). ReadAnswer reads it back
// as v.
func (s AnswerScale) Label(v float64) string {
	if l := s.labels(); len(l) > 0 && len(l) == s.Points() && s.Contains(v) {
		return l[int(v-s.Min)]
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// rangeText writes the range: "0-10", "-2 to 2".
func (s AnswerScale) rangeText() string {
	if s.Min < 0 {
		return formatNumber(s.Min) + " to " + formatNumber(s.Max)
	}
	return formatNumber(s.Min) + "-" + formatNumber(s.Max)
}

// String names the scale as the preview shows it: "0-10", "Satisfaction
// (1-5)", "Yes/No".
func (s AnswerScale) String() string {
	switch {
	case s.Family == FamilyYesNo:
		return s.Family.Name()
	case s.Family != "":
		return s.Family.Name() + " (" + s.rangeText() + ")"
	}
	return s.rangeText()
}

// Allowed writes the answers the scale allows, for the message that names
// a cell holding something else: "0-10", "Very dissatisfied … Very
// satisfied", "Yes or No", "1 = Not very impressive … 5 = Extremely
// impressive".
func (s AnswerScale) Allowed() string {
	l := s.labels()
	switch {
	case len(l) != s.Points() || len(l) < 2:
		return s.rangeText()
	case len(l) == 2:
		return l[1] + " or " + l[0]
	case s.Family != "":
		return l[0] + " … " + l[len(l)-1]
	}
	return formatNumber(s.Min) + " = " + l[0] + " … " + formatNumber(s.Max) + " = " + l[len(l)-1]
}

// Validate checks that the scale can be read: a finite range, labels one
// per point that read as themselves, a family whose size fits the range,
// and NA answers that are no answers of the scale.
func (s AnswerScale) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w %s: %s", ErrInvalidScale, s, fmt.Sprintf(format, a...))
	}
	if math.IsNaN(s.Min) || math.IsNaN(s.Max) || math.IsInf(s.Min, 0) || math.IsInf(s.Max, 0) || s.Min >= s.Max {
		return bad("the lowest answer must be below the highest")
	}
	if s.Integer && s.Points() == 0 {
		return bad("an integer scale needs whole-number ends less than 10,000 apart")
	}
	if s.Family != "" {
		lf, ok := familyByID[s.Family]
		if !ok {
			return bad("unknown label family %q", s.Family)
		}
		if s.Points() != len(lf.labels) {
			return bad("the %s family has %d answers", lf.name, len(lf.labels))
		}
	}
	if len(s.Labels) > 0 && len(s.Labels) != s.Points() {
		return bad("%d labels for %d answers", len(s.Labels), s.Points())
	}
	plain := s
	plain.NA = nil
	r := NewAnswerReader(plain)
	for i, l := range s.Labels {
		c := readCell(l)
		if c.kind != cellWord || !startsWithLetter(l) {
			return bad("label %q is not a word answer", l)
		}
		if v, st := r.Read(l); st != Answered || v != s.Min+float64(i) {
			return bad("label %q reads as another answer", l)
		}
		if pos, ok := r.familyWord(c.key); ok && pos != i {
			return bad("label %q is answer %d of the %s family", l, pos+1, r.family.name)
		}
	}
	for _, na := range s.NA {
		if _, st := r.Read(na); st == Answered || st == AnswerBlank {
			return bad("not-applicable answer %q is %s", na, st)
		}
	}
	return nil
}

// AnswerStatus says what ReadAnswer found in a cell.
type AnswerStatus uint8

// Answer statuses.
const (
	// AnswerBlank is an empty cell (or only spaces and punctuation).
	AnswerBlank AnswerStatus = iota
	// Answered is an answer of the scale; the value is on the scale.
	Answered
	// AnswerNA is "not applicable", "don't know" or "prefer not to say":
	// left out of every count, and reported.
	AnswerNA
	// AnswerInvalid is not an answer of this scale: the importer names the
	// cell and the answers the scale allows ((AnswerScale).Allowed).
	AnswerInvalid
)

// String names the status: "blank", "answer", "not applicable", "not an answer".
func (st AnswerStatus) String() string {
	switch st {
	case AnswerBlank:
		return "blank"
	case Answered:
		return "answer"
	case AnswerNA:
		return "not applicable"
	}
	return "not an answer"
}

// AnswerReader reads the cells of one column on one scale. It prepares the
// scale's labels once, so a column of a million answers costs a million
// look-ups; plain numbers allocate nothing.
type AnswerReader struct {
	scale  AnswerScale
	points int
	labels map[string]int // key of the scale's own labels → position
	family *labelFamily
	naKeys map[string]bool
	naNums []float64
}

// NewAnswerReader prepares a reader for the scale s.
func NewAnswerReader(s AnswerScale) *AnswerReader {
	r := &AnswerReader{scale: s, points: s.Points(), family: familyByID[s.Family], naKeys: map[string]bool{}}
	if len(s.Labels) > 0 && len(s.Labels) == r.points {
		r.labels = map[string]int{}
		for i, l := range s.Labels {
			if k := answerKey(l); k != "" {
				if _, dup := r.labels[k]; !dup {
					r.labels[k] = i
				}
			}
		}
	}
	for _, na := range s.NA {
		if v, _, ok := plainNumber(strings.TrimSpace(na)); ok {
			r.naNums = append(r.naNums, v)
		} else if k := answerKey(na); k != "" {
			r.naKeys[k] = true
		}
	}
	return r
}

// ReadAnswer reads one cell on the scale s: a number ("9", " 4 ", "4.0",
// "4,5", "85%" on 0-100), a number beside its label ("9 - Extremely likely",
// "5 = Very satisfied", "10 (Extremely likely)"), or a word answer of the
// scale's labels or family (on a plain integer scale, of any family with as
// many points). Case, accents, extra spaces and trailing punctuation do not
// matter. A label beside a number that names another point of the scale
// ("1 - Very satisfied" on Satisfaction 1-5) is AnswerInvalid, never a
// guess. The value is 0 unless the status is Answered. To read a column, use
// one NewAnswerReader.
func ReadAnswer(cell string, s AnswerScale) (value float64, status AnswerStatus) {
	return NewAnswerReader(s).Read(cell)
}

// Read reads one cell as ReadAnswer does.
func (r *AnswerReader) Read(cell string) (float64, AnswerStatus) {
	c := readCell(cell)
	switch c.kind {
	case cellBlank:
		return 0, AnswerBlank
	case cellNA:
		return 0, AnswerNA
	case cellNumber:
		for _, na := range r.naNums {
			if c.value == na {
				return 0, AnswerNA
			}
		}
		if c.percent && r.scale.Max < 100 || !r.scale.Contains(c.value) {
			return 0, AnswerInvalid
		}
		if c.key != "" {
			if pos, ok := r.ownWord(c.key); ok && r.scale.Min+float64(pos) != c.value {
				return 0, AnswerInvalid
			}
		}
		return c.value, Answered
	}
	if r.naKeys[c.key] {
		return 0, AnswerNA
	}
	pos, ok := r.ownWord(c.key)
	if !ok && r.labels == nil && r.family == nil {
		pos, ok = bareWord(c.key, r.points)
	}
	if v := r.scale.Min + float64(pos); ok && r.scale.Contains(v) {
		return v, Answered
	}
	return 0, AnswerInvalid
}

// ownWord finds a word among the scale's labels, then its family's words.
func (r *AnswerReader) ownWord(key string) (int, bool) {
	if pos, ok := lookupWord(r.labels, key); ok {
		return pos, true
	}
	return r.familyWord(key)
}

// familyWord finds a word among the words of the scale's family.
func (r *AnswerReader) familyWord(key string) (int, bool) {
	if r.family == nil {
		return 0, false
	}
	return lookupWord(r.family.words, key)
}

// lookupWord finds key, or key without a gender mark, in m.
func lookupWord(m map[string]int, key string) (int, bool) {
	if pos, ok := m[key]; ok {
		return pos, true
	}
	if k, ok := withoutGenderMark(key); ok {
		pos, ok := m[k]
		return pos, ok
	}
	return 0, false
}

// bareWord reads a word on a plain integer scale of the given number of
// points: every family of that size that knows the word must put it at the
// same position.
func bareWord(key string, points int) (pos int, ok bool) {
	fps, found := familiesByWord[key]
	if k, trimmed := withoutGenderMark(key); !found && trimmed {
		fps = familiesByWord[k]
	}
	for _, fp := range fps {
		if len(fp.family.labels) != points {
			continue
		}
		if ok && fp.pos != pos {
			return 0, false
		}
		pos, ok = fp.pos, true
	}
	return pos, ok
}

// DetectScale finds the scale of a column from a sample of its answers and
// its question text, or reports false when the answers do not settle it
// (the preview then asks; it never guesses). Blank and not-applicable
// answers are left out. A range in the question ("on a scale of 0 to 10",
// "(1-5)", "0 = not at all likely, 10 = extremely likely") decides, if every
// answer fits it. Otherwise at least two different numbers are needed:
//   - 0-10 from 0..10, or from numbers within it with a 0, a 9 or a 10 when
//     the question asks about recommending (NPS);
//   - 1-10, 1-7 or 1-5 when the highest answer is 10, 7 or 5 and there is no 0;
//   - 0-100 when an answer is above 10 (a slider; fractions allowed there).
//
// Word answers give the label family that knows them all: the smallest one,
// then the narrowest (Likelihood before the Friends and Family Test, which
// also knows the quality wording, unless the question names the FFT). A
// 5-point family gives way to its 7-point sibling when it would read two
// different answers as one point. Numbers beside labels keep the labels
// when every point has one, and a column whose labels contradict its
// numbers (1 = Very satisfied) is not detected. A mix of numbers and words,
// fractions up to 10, or words of no family or of several give false.
func DetectScale(questionText string, answers []string) (AnswerScale, bool) {
	hint, hinted := scaleHint(questionText)
	words := map[string]bool{}
	nums := map[float64]map[string]string{} // value → label key → label as written
	percent := false
	for _, a := range answers {
		c := readCell(a)
		switch c.kind {
		case cellWord:
			words[c.key] = true
		case cellNumber:
			if nums[c.value] == nil {
				nums[c.value] = map[string]string{}
			}
			if c.key != "" {
				if _, ok := nums[c.value][c.key]; !ok {
					nums[c.value][c.key] = c.label
				}
			}
			percent = percent || c.percent
		}
	}
	q := answerKey(questionText)
	switch {
	case len(words) > 0 && len(nums) > 0:
		return AnswerScale{}, false
	case len(words) > 0:
		return detectFamily(words, hint, hinted, strings.Contains(q, "friends and family") || hasToken(q, "fft"))
	case len(nums) > 0:
		return detectNumbers(nums, percent, hint, hinted, isRecommendQuestion(q))
	}
	return hint, hinted
}

// detectFamily picks the label family of a column's word answers.
func detectFamily(words map[string]bool, hint AnswerScale, hinted, fft bool) (AnswerScale, bool) {
	var fits []*labelFamily
	injective := map[*labelFamily]bool{}
	anyInjective := false
	for _, f := range labelFamilies {
		fs := FamilyScale(f.id)
		if hinted && (fs.Min != hint.Min || fs.Max != hint.Max) {
			continue
		}
		seen, inj, all := map[int]bool{}, true, true
		for k := range words {
			pos, ok := lookupWord(f.words, k)
			if !ok {
				all = false
				break
			}
			inj = inj && !seen[pos]
			seen[pos] = true
		}
		if all {
			fits, injective[f] = append(fits, f), inj
			anyInjective = anyInjective || inj
		}
	}
	var best []*labelFamily
	for _, f := range fits {
		if anyInjective && !injective[f] {
			continue
		}
		if len(best) > 0 && len(f.labels) < len(best[0].labels) {
			best = best[:0]
		}
		if len(best) == 0 || len(f.labels) == len(best[0].labels) {
			best = append(best, f)
		}
	}
	if fft {
		for _, f := range best {
			if f.id == FamilyFFT {
				return FamilyScale(FamilyFFT), true
			}
		}
	}
	for _, f := range best {
		narrowest := true
		for _, g := range best {
			for k := range f.words {
				if _, ok := g.words[k]; !ok {
					narrowest = false
				}
			}
		}
		if narrowest {
			return FamilyScale(f.id), true
		}
	}
	return AnswerScale{}, false
}

// detectNumbers picks the numeric scale of a column of numbers.
func detectNumbers(nums map[float64]map[string]string, percent bool, hint AnswerScale, hinted, recommend bool) (AnswerScale, bool) {
	lo, hi, whole := math.Inf(1), math.Inf(-1), true
	for v := range nums {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		whole = whole && v == math.Trunc(v)
	}
	var s AnswerScale
	switch {
	case hinted:
		s = hint
	case len(nums) < 2 || lo < 0 || hi > 100:
		return AnswerScale{}, false
	case percent || hi > 10:
		s = Scale0To100()
	case !whole:
		return AnswerScale{}, false
	case recommend && (lo == 0 || hi >= 9), lo == 0 && hi == 10:
		s = Scale0To10()
	case lo >= 1 && hi == 10:
		s = Scale1To10()
	case lo >= 1 && hi == 7:
		s = Scale1To7()
	case lo >= 1 && hi == 5:
		s = Scale1To5()
	default:
		return AnswerScale{}, false
	}
	if percent && s.Max < 100 {
		return AnswerScale{}, false
	}
	points := s.Points()
	labels := make([]string, points)
	for v, ls := range nums {
		if !s.Contains(v) {
			return AnswerScale{}, false
		}
		for k, l := range ls {
			if pos, ok := bareWord(k, points); ok && s.Min+float64(pos) != v {
				return AnswerScale{}, false
			}
			if len(ls) == 1 && points > 0 && points <= 11 {
				labels[int(v-s.Min)] = l
			}
		}
	}
	if withLabels := s; points > 0 && points <= 11 && !slicesContainEmpty(labels) {
		withLabels.Labels = labels
		if withLabels.Validate() == nil {
			s = withLabels
		}
	}
	return s, true
}

func slicesContainEmpty(s []string) bool {
	for _, x := range s {
		if x == "" {
			return true
		}
	}
	return false
}

// Ranges a question may name: "0-10", "1 to 5", "de 0 a 10", "von 1 bis 5",
// and anchors such as "0 = not at all likely, 10 = extremely likely" or
// "1 (poor) to 5 (excellent)".
var (
	hintRange  = regexp.MustCompile(`(?:^|\D)([01])\s*(?:-|–|—|to|a|à|até|ate|hasta|bis|au|through)\s*(\d{1,3})(?:\D|$)`)
	hintAnchor = regexp.MustCompile(`(?:^|\D)([01])\s*(?:=|:|\()[^\d=:(]*?(\d{1,3})\s*(?:=|:|\()`)
)

// scaleHint finds the range a question names; two different ranges name none.
func scaleHint(question string) (AnswerScale, bool) {
	q := strings.ToLower(question)
	var found AnswerScale
	ok := false
	for _, re := range []*regexp.Regexp{hintRange, hintAnchor} {
		for _, m := range re.FindAllStringSubmatch(q, -1) {
			lo, _ := strconv.Atoi(m[1])
			hi, _ := strconv.Atoi(m[2])
			var s AnswerScale
			switch {
			case hi == 100:
				s = Scale0To100()
			case hi >= 3 && hi <= 10:
				s = AnswerScale{Min: float64(lo), Max: float64(hi), Integer: true}
			default:
				continue
			}
			if ok && (s.Min != found.Min || s.Max != found.Max) {
				return AnswerScale{}, false
			}
			found, ok = s, true
		}
	}
	return found, ok
}

// isRecommendQuestion reports whether a question key asks about
// recommending, in any of the five languages, or names NPS.
func isRecommendQuestion(q string) bool {
	for _, stem := range []string{"recommend", "recomend", "recomiend", "recommand", "empfehl", "indicar", "net promoter"} {
		if strings.Contains(q, stem) {
			return true
		}
	}
	return hasToken(q, "nps") || hasToken(q, "tnps") || hasToken(q, "enps")
}

// hasToken reports whether the key q holds the word w.
func hasToken(q, w string) bool {
	for _, t := range strings.Fields(q) {
		if t == w {
			return true
		}
	}
	return false
}
