package model_test

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cxdash/model"
)

func TestAnswerScaleText(t *testing.T) {
	impressive := model.AnswerScale{Min: 1, Max: 5, Integer: true, Labels: []string{
		"Not very impressive", "A bit impressive", "Quite impressive", "Very impressive", "Extremely impressive"}}
	for _, tc := range []struct {
		scale          model.AnswerScale
		name, allowed  string
		points         int
		label0, labelN string // the canonical labels of the lowest and highest answers
	}{
		{model.Scale0To10(), "0-10", "0-10", 11, "0", "10"},
		{model.Scale1To5(), "1-5", "1-5", 5, "1", "5"},
		{model.Scale1To7(), "1-7", "1-7", 7, "1", "7"},
		{model.Scale1To10(), "1-10", "1-10", 10, "1", "10"},
		{model.Scale0To100(), "0-100", "0-100", 0, "0", "100"},
		{model.ScaleYesNo(), "Yes/No", "Yes or No", 2, "No", "Yes"},
		{model.ScaleFFT(), "Friends and Family Test (1-5)", "Very poor … Very good", 5, "Very poor", "Very good"},
		{model.FamilyScale(model.FamilySatisfaction), "Satisfaction (1-5)", "Very dissatisfied … Very satisfied", 5,
			"Very dissatisfied", "Very satisfied"},
		{model.FamilyScale(model.FamilyAgreement7), "7-point agreement (1-7)", "Strongly disagree … Strongly agree", 7,
			"Strongly disagree", "Strongly agree"},
		{model.FamilyScale(model.FamilyEffort), "Effort (1-5)", "Very difficult … Very easy", 5, "Very difficult", "Very easy"},
		{model.FamilyScale(model.FamilyLikelihood), "Likelihood (1-5)", "Extremely unlikely … Extremely likely", 5,
			"Extremely unlikely", "Extremely likely"},
		{impressive, "1-5", "1 = Not very impressive … 5 = Extremely impressive", 5, "Not very impressive", "Extremely impressive"},
		{model.AnswerScale{Min: -2, Max: 2, Integer: true}, "-2 to 2", "-2 to 2", 5, "-2", "2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scale
			if s.String() != tc.name || s.Allowed() != tc.allowed || s.Points() != tc.points {
				t.Errorf("String %q, Allowed %q, Points %d; want %q, %q, %d", s, s.Allowed(), s.Points(), tc.name, tc.allowed, tc.points)
			}
			if got := s.Label(s.Min); got != tc.label0 {
				t.Errorf("Label(Min) = %q, want %q", got, tc.label0)
			}
			if got := s.Label(s.Max); got != tc.labelN {
				t.Errorf("Label(Max) = %q, want %q", got, tc.labelN)
			}
			if err := s.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestAnswerScaleValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		scale model.AnswerScale
		want  string
	}{
		{"empty", model.AnswerScale{}, "lowest answer must be below"},
		{"reversed", model.AnswerScale{Min: 5, Max: 1}, "lowest answer must be below"},
		{"NaN", model.AnswerScale{Min: math.NaN(), Max: 5}, "lowest answer must be below"},
		{"fractional ends", model.AnswerScale{Min: 0.5, Max: 5, Integer: true}, "whole-number ends"},
		{"unknown family", model.AnswerScale{Min: 1, Max: 5, Integer: true, Family: "mood"}, "unknown label family"},
		{"family size", model.AnswerScale{Min: 1, Max: 7, Integer: true, Family: model.FamilySatisfaction}, "has 5 answers"},
		{"label count", model.AnswerScale{Min: 1, Max: 3, Integer: true, Labels: []string{"Low", "High"}}, "2 labels for 3"},
		{"numeric label", model.AnswerScale{Min: 0, Max: 1, Integer: true, Labels: []string{"0", "Yes"}}, "not a word answer"},
		{"NA label", model.AnswerScale{Min: 0, Max: 1, Integer: true, Labels: []string{"N/A", "Yes"}}, "not a word answer"},
		{"duplicate label", model.AnswerScale{Min: 0, Max: 1, Integer: true, Labels: []string{"Good", "good."}}, "reads as another"},
		{"reversed family label", model.AnswerScale{Min: 0, Max: 1, Integer: true, Family: model.FamilyYesNo,
			Labels: []string{"Yes", "No"}}, "answer 2 of the Yes/No family"},
		{"NA that is an answer", model.AnswerScale{Min: 1, Max: 5, Integer: true, NA: []string{"3"}}, `"3" is answer`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.scale.Validate()
			if !errors.Is(err, model.ErrInvalidScale) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want %q", err, tc.want)
			}
		})
	}
	ok := model.AnswerScale{Min: 1, Max: 5, Integer: true, NA: []string{"6", "N/A", "skipped"}}
	if err := ok.Validate(); err != nil {
		t.Errorf("Validate(%+v) = %v", ok, err)
	}
}

func TestDetectScale(t *testing.T) {
	fam := model.FamilyScale
	none := model.AnswerScale{}
	rep := func(cells ...string) []string { return cells }
	for _, tc := range []struct {
		name, question string
		answers        []string
		want           model.AnswerScale
		ok             bool
	}{
		// Numbers.
		{"0..10", "Rating", rep("0", "5", "10"), model.Scale0To10(), true},
		{"recommend with a 0", "How likely are you to recommend us to a friend?", rep("0", "3", "7"), model.Scale0To10(), true},
		{"recommend with a 9", "LikelyToRecommend", rep("5", "8", "9"), model.Scale0To10(), true},
		{"recommend 1..10", "How likely are you to recommend R to a colleague?", rep("1", "10", "8"), model.Scale0To10(), true},
		{"nps header", "nps_score", rep("10", "6"), model.Scale0To10(), true},
		{"recomendaria", "¿Qué probabilidad hay de que nos recomiende?", rep("10", "2"), model.Scale0To10(), true},
		{"indicaria", "Qual a probabilidade de você nos indicar a um amigo?", rep("10", "9"), model.Scale0To10(), true},
		{"recommander", "Recommanderiez-vous notre service ?", rep("9", "4"), model.Scale0To10(), true},
		{"weiterempfehlen", "Würden Sie uns weiterempfehlen?", rep("0", "8"), model.Scale0To10(), true},
		{"recommend 1..5", "Would you recommend us?", rep("1", "5", "4"), model.Scale1To5(), true},
		{"1..10", "csat_score", rep("1", "10", "6"), model.Scale1To10(), true},
		{"1..7", "Effort", rep("1", "7", "3"), model.Scale1To7(), true},
		{"1..5", "CSAT_Score", rep("1.0", "5.0", "4.0", "", "3.0"), model.Scale1To5(), true},
		{"2..5", "Satisfaction", rep("2", "5", "4"), model.Scale1To5(), true},
		{"slider", "Intelligence_1", rep("0", "84", "100", "62.5"), model.Scale0To100(), true},
		{"percent", "Share", rep("85%", "5%"), model.Scale0To100(), true},
		// Ranges and anchors in the question decide.
		{"(1-5) hint", "How satisfied are you? (1-5)", rep("4", "4"), model.Scale1To5(), true},
		{"0 to 10 hint", "On a scale of 0 to 10, how easy was it?", rep("3", "4"), model.Scale0To10(), true},
		{"anchors", "0 = not at all likely, 10 = extremely likely", rep("7"), model.Scale0To10(), true},
		{"numbered question", "Q1: How satisfied are you (1 = low, 5 = high)?", rep("2", "3"), model.Scale1To5(), true},
		{"anchors in brackets", "From 1 (poor) to 7 (excellent)", rep("2"), model.Scale1To7(), true},
		{"de 1 a 5", "Nota de 1 a 5", rep("3", "2"), model.Scale1To5(), true},
		{"von 1 bis 5", "Bewertung von 1 bis 5", rep("3", "2"), model.Scale1To5(), true},
		{"0-3 hint", "Score (0-3)", rep("3", "2"), model.AnswerScale{Min: 0, Max: 3, Integer: true}, true},
		{"hint alone", "Rate us 1-5", nil, model.Scale1To5(), true},
		{"answer outside the hint", "Rate us (1-5)", rep("7", "2"), none, false},
		{"two hints", "1-5 or 0-10?", rep("3", "2"), none, false},
		{"a year is no hint", "Visits in 2019-2020", rep("3", "4"), none, false},
		// Too little or ambiguous: never a guess.
		{"one value", "Rating", rep("5", "5", "5"), none, false},
		{"nothing", "Rating", rep("", "N/A"), none, false},
		{"0..5", "Rating", rep("0", "5", "3"), none, false},
		{"1..6 (6 = N/A code)", "valuable_feedback", rep("1", "6", "5"), none, false},
		{"1..9 without recommend", "Rating", rep("1", "9"), none, false},
		{"means", "CSAT", rep("3.5", "4.2"), none, false},
		{"negative", "Net", rep("-1", "1"), none, false},
		{"above 100", "Calls", rep("10", "250"), none, false},
		{"mixed numbers and words", "Q", rep("4", "Very satisfied"), none, false},
		{"percent on a rating hint", "Rating (1-5)", rep("4%", "5%"), none, false},
		// Number-prefixed labels keep the labels when every point has one.
		{"impressiveness", "How impressive?", rep("1 - Not very impressive", "2 - A bit impressive", "3 - Quite impressive",
			"4 - Very impressive", "5 - Extremely impressive", "4 - Very impressive"),
			model.AnswerScale{Min: 1, Max: 5, Integer: true, Labels: []string{"Not very impressive", "A bit impressive",
				"Quite impressive", "Very impressive", "Extremely impressive"}}, true},
		{"endpoint labels only", "How likely are you to recommend us?", rep("0 - Not at all likely", "5", "10 - Extremely likely"),
			model.Scale0To10(), true},
		{"two labels for one number", "Q", rep("1 - Terrible", "1 - Awful", "2 - Meh", "3 - Fine", "4 - Nice", "5 - Great"),
			model.Scale1To5(), true},
		{"reversed numbering", "Q", rep("1 - Very satisfied", "2 - Satisfied", "5 - Very dissatisfied"), none, false},
		// Word labels.
		{"satisfaction", "Q", rep("Very satisfied", "Satisfied", "Very dissatisfied"), fam(model.FamilySatisfaction), true},
		{"satisfaction pt", "Q", rep("Muito satisfeito", "Insatisfeita", "Neutro"), fam(model.FamilySatisfaction), true},
		{"agreement", "Recommend", rep("Strongly Agree", "Agree", "Neither Agree nor Disagree", "Disagree", "Strongly Disagree"),
			fam(model.FamilyAgreement), true},
		{"agreement with Neutral", "Q", rep("Agree", "Neutral", "Strongly agree"), fam(model.FamilyAgreement), true},
		{"agreement fr", "Q", rep("Tout à fait d'accord", "Plutôt d'accord", "Pas du tout d'accord"), fam(model.FamilyAgreement), true},
		{"agreement 5 with somewhat", "Q", rep("Strongly agree", "Somewhat agree", "Neither agree nor disagree",
			"Somewhat disagree", "Strongly disagree"), fam(model.FamilyAgreement), true},
		{"agreement 7", "Q", rep("Strongly agree", "Agree", "Somewhat agree"), fam(model.FamilyAgreement7), true},
		{"agreement (1-7) hint", "Q (1-7)", rep("Strongly agree", "Agree"), fam(model.FamilyAgreement7), true},
		{"effort de", "Q", rep("Sehr einfach", "Eher schwierig", "Einfach"), fam(model.FamilyEffort), true},
		{"effort 7", "Q", rep("Easy", "Somewhat easy", "Very difficult"), fam(model.FamilyEffort7), true},
		{"likelihood", "rating", rep("Extremely likely", "Likely", "Don't know", "Extremely unlikely"), fam(model.FamilyLikelihood), true},
		{"fft named", "Friends and Family Test rating", rep("Extremely likely", "Likely"), model.ScaleFFT(), true},
		{"fft both wordings", "rating", rep("Very good", "Extremely likely", "Poor"), model.ScaleFFT(), true},
		{"quality es", "Q", rep("Muy bueno", "Regular", "Malo"), fam(model.FamilyQuality), true},
		{"yes/no", "Resolved?", rep("Yes.", "No.", "Not sure."), model.ScaleYesNo(), true},
		{"sim/não", "Resolvido?", rep("Sim", "Não"), model.ScaleYesNo(), true},
		{"only yes", "Resolved?", rep("Yes", "Yes"), model.ScaleYesNo(), true},
		{"neutral alone", "Q", rep("Neutral", "Neutral"), none, false},
		{"two families", "Q", rep("Very satisfied", "Strongly agree"), none, false},
		{"no family", "Pace", rep("Just right", "Too slow"), none, false},
		{"words and hint disagree", "Q (0-10)", rep("Very satisfied"), none, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := model.DetectScale(tc.question, tc.answers)
			if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("DetectScale(%q, %q) = %#v, %v; want %#v, %v", tc.question, tc.answers, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// answerCorpusDir holds the real files CX leads have (read-only, outside
// the repository).
const answerCorpusDir = "../../shared/corpus/cx"

// answerCorpusTable reads a corpus csv at test time: its header and the rows
// below it, after skipping skip extra header rows. The test is skipped when
// the file is absent.
func answerCorpusTable(t *testing.T, file string, skip int) (header []string, rows [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(answerCorpusDir, file))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("corpus file %s is absent", file)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	all[0][0] = strings.TrimPrefix(all[0][0], "\ufeff")
	return all[0], all[1+skip:]
}

// answerTally is what reading one column on its detected scale gave.
type answerTally struct {
	scale                 model.AnswerScale
	n, blank, na, invalid int
	sum                   float64
	at                    map[float64]int // answers by value
}

// tallyAnswerColumn detects the scale of a column from its header and all
// its answers, then reads every answer on it.
func tallyAnswerColumn(t *testing.T, header []string, rows [][]string, name string) answerTally {
	t.Helper()
	col := answerColumnIndex(header, name)
	if col < 0 {
		t.Fatalf("no column %q", name)
	}
	cells := make([]string, 0, len(rows))
	for _, row := range rows {
		if col < len(row) {
			cells = append(cells, row[col])
		} else {
			cells = append(cells, "")
		}
	}
	s, ok := model.DetectScale(name, cells)
	if !ok {
		t.Fatalf("column %q: no scale detected", name)
	}
	res := answerTally{scale: s, at: map[float64]int{}}
	r := model.NewAnswerReader(s)
	for _, c := range cells {
		v, st := r.Read(c)
		switch st {
		case model.Answered:
			res.n++
			res.sum += v
			res.at[v]++
		case model.AnswerBlank:
			res.blank++
		case model.AnswerNA:
			res.na++
		default:
			res.invalid++
		}
	}
	return res
}

// count sums the answers from lo to hi.
func (a answerTally) count(lo, hi float64) int {
	n := 0
	for v, k := range a.at {
		if v >= lo && v <= hi {
			n += k
		}
	}
	return n
}

// answerPct rounds 100*k/n to one decimal, as SOURCES.tsv writes it.
func answerPct(k, n int) float64 { return math.Round(1000*float64(k)/float64(n)) / 10 }

// TestDetectScaleCorpus detects the scale of real answer columns and
// checks the figures SOURCES.tsv gives for them.
func TestDetectScaleCorpus(t *testing.T) {
	t.Run("qualtrics impressiveness", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "qualtrics_export_climate_scientists.csv", 2)
		a := tallyAnswerColumn(t, h, rows, "Impressiveness")
		if a.scale.Allowed() != "1 = Not very impressive … 5 = Extremely impressive" {
			t.Errorf("scale %q", a.scale.Allowed())
		}
		// 40×1 + 53×2 + 88×3 + 151×4 + 120×5 = 1614 over 452 answers: mean
		// 3.57; top-2-box (4-5) 151 + 120 = 271 of 452 = 60.0%.
		if a.n != 452 || a.sum != 1614 || a.count(4, 5) != 271 || answerPct(a.count(4, 5), a.n) != 60.0 || a.invalid != 0 {
			t.Errorf("n %d, sum %v, top-2 %d, invalid %d", a.n, a.sum, a.count(4, 5), a.invalid)
		}
	})
	t.Run("qualtrics sliders", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "qualtrics_export_climate_scientists.csv", 2)
		// Intelligence_1 sums to 38,000 over 452 (mean 84.1), Attentiveness_1
		// to 31,123 (mean 68.9).
		for name, sum := range map[string]float64{"Intelligence_1": 38000, "Attentiveness_1": 31123} {
			a := tallyAnswerColumn(t, h, rows, name)
			if a.scale.String() != "0-100" || a.n != 452 || a.sum != sum {
				t.Errorf("%s: scale %s, n %d, sum %v", name, a.scale, a.n, a.sum)
			}
		}
	})
	t.Run("fft gp surgery", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "fft_gp_surgery_feedback.csv", 0)
		a := tallyAnswerColumn(t, h, rows, "rating")
		// 2,616 Extremely likely (5), 901 Likely (4), 181 Neither (3), 94
		// Unlikely (2), 71 Extremely unlikely (1) and 19 Don't know, which is
		// no answer. The FFT's % positive counts every response, Don't know
		// included: (2,616 + 901) / 3,882 = 90.6%; % negative (94 + 71) /
		// 3,882 = 4.3%.
		if a.scale.String() != "Likelihood (1-5)" || a.n != 3863 || a.na != 19 || a.invalid != 0 {
			t.Errorf("scale %s, n %d, na %d, invalid %d", a.scale, a.n, a.na, a.invalid)
		}
		all := a.n + a.na
		if pos, neg := answerPct(a.count(4, 5), all), answerPct(a.count(1, 2), all); pos != 90.6 || neg != 4.3 {
			t.Errorf("positive %v%%, negative %v%%", pos, neg)
		}
		if got := a.at[5]; got != 2616 {
			t.Errorf("Extremely likely %d", got)
		}
	})
	t.Run("support tickets csat", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "support_tickets_csat.csv", 0)
		a := tallyAnswerColumn(t, h, rows, "CSAT_Score")
		// 14×1 + 52×2 + 107×3 + 132×4 + 123×5 = 1582 over 428 (mean 3.70);
		// CSAT% (4-5) = 255 / 428 = 59.6%; the 572 open tickets are blank.
		if a.scale.String() != "1-5" || a.n != 428 || a.blank != 572 || a.sum != 1582 || answerPct(a.count(4, 5), a.n) != 59.6 {
			t.Errorf("scale %s, n %d, blank %d, sum %v, top-2 %d", a.scale, a.n, a.blank, a.sum, a.count(4, 5))
		}
	})
	t.Run("call centre csat", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "call_centre_calls_csat.csv", 0)
		a := tallyAnswerColumn(t, h, rows, "csat_score")
		// 199×1 + 173×2 + 464×3 + 528×4 + 596×5 + 605×6 + 438×7 + 424×8 +
		// 360×9 + 193×10 = 22,287 over 3,980 answers: mean 5.60.
		if a.scale.String() != "1-10" || a.n != 3980 || a.sum != 22287 || a.invalid != 0 {
			t.Errorf("scale %s, n %d, sum %v, invalid %d", a.scale, a.n, a.sum, a.invalid)
		}
	})
	t.Run("carpentrycon", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "carpentrycon_session_feedback_nps.csv", 0)
		a := tallyAnswerColumn(t, h, rows, "nps")
		// Promoters 65 + 19 = 84, detractors 3 (5) + 2 (6) + 1 (2) + 1 (0) =
		// 7 of 124: NPS = (84 - 7) / 124 = +62.1.
		if a.scale.String() != "0-10" || a.n != 124 || a.count(9, 10) != 84 || a.count(0, 6) != 7 {
			t.Errorf("scale %s, n %d, promoters %d, detractors %d", a.scale, a.n, a.count(9, 10), a.count(0, 6))
		}
		// 6 is this survey's N/A code on some 1-5 items: not detected, read
		// with the code named: 54 + 39 + 17 + 1 answers, 12 N/A, 1 blank.
		cells := make([]string, len(rows))
		for i, row := range rows {
			cells[i] = row[answerColumnIndex(h, "valuable_feedback")]
		}
		if s, ok := model.DetectScale("valuable_feedback", cells); ok {
			t.Errorf("valuable_feedback detected as %s", s)
		}
		s := model.AnswerScale{Min: 1, Max: 5, Integer: true, NA: []string{"6"}}
		n, na := 0, 0
		for _, c := range cells {
			switch _, st := model.ReadAnswer(c, s); st {
			case model.Answered:
				n++
			case model.AnswerNA:
				na++
			}
		}
		if n != 111 || na != 12 {
			t.Errorf("valuable_feedback: %d answers, %d N/A", n, na)
		}
	})
	t.Run("instructor training", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "instructor_training_post_survey.csv", 0)
		a := tallyAnswerColumn(t, h, rows, "Recommend")
		// Strongly Agree 353 + Agree 239 = 592 of 667 answers = 88.8%.
		if a.scale.String() != "Agreement (1-5)" || a.n != 667 || a.count(4, 5) != 592 || answerPct(592, a.n) != 88.8 {
			t.Errorf("scale %s, n %d, agree %d", a.scale, a.n, a.count(4, 5))
		}
		// LikelyToRecommend has no 0 but a recommend question: 0-10.
		// Promoters 351 + 150 = 501, detractors 33 + 21 + 6 + 5 + 4 + 2 = 71
		// of 889: NPS = 430 / 889 = +48.4.
		a = tallyAnswerColumn(t, h, rows, "LikelyToRecommend")
		if a.scale.String() != "0-10" || a.n != 889 || a.count(9, 10) != 501 || a.count(0, 6) != 71 {
			t.Errorf("scale %s, n %d, promoters %d, detractors %d", a.scale, a.n, a.count(9, 10), a.count(0, 6))
		}
	})
	t.Run("learner long-term", func(t *testing.T) {
		h, rows := answerCorpusTable(t, "learner_longterm_survey_2017.csv", 0)
		// Promoters 148 + 67 = 215, detractors 30 + 28 + 4 + 3 + 2 + 2 = 69
		// of 402: NPS = 146 / 402 = +36.3.
		a := tallyAnswerColumn(t, h, rows, "Likely-To-Recommend")
		if a.scale.String() != "0-10" || a.n != 402 || a.count(9, 10) != 215 || a.count(0, 6) != 69 {
			t.Errorf("scale %s, n %d, promoters %d, detractors %d", a.scale, a.n, a.count(9, 10), a.count(0, 6))
		}
		// "Yes." 298, "No." 62, "I don't remember." 41 (not applicable).
		a = tallyAnswerColumn(t, h, rows, "Recommended")
		if a.scale.String() != "Yes/No" || a.at[1] != 298 || a.at[0] != 62 || a.na != 41 {
			t.Errorf("scale %s, yes %d, no %d, na %d", a.scale, a.at[1], a.at[0], a.na)
		}
		// Agree 179 + Strongly agree 79 of 409, Neutral read as the middle.
		a = tallyAnswerColumn(t, h, rows, "Skills-Advance-Career")
		if a.scale.String() != "Agreement (1-5)" || a.n != 409 || a.count(4, 5) != 258 || a.at[3] != 104 {
			t.Errorf("scale %s, n %d, agree %d, neutral %d", a.scale, a.n, a.count(4, 5), a.at[3])
		}
	})
}

// answerColumnIndex finds a column by its header, or -1.
func answerColumnIndex(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}
