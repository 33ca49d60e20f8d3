package model_test

import (
	"fmt"
	"testing"

	"cxdash/model"
)

// answerCase is one cell read on one scale.
type answerCase struct {
	cell   string
	scale  model.AnswerScale
	value  float64
	status model.AnswerStatus
}

// checkAnswers reads every case and compares value and status.
func checkAnswers(t *testing.T, cases []answerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/%q", tc.scale, tc.cell), func(t *testing.T) {
			v, st := model.ReadAnswer(tc.cell, tc.scale)
			if v != tc.value || st != tc.status {
				t.Errorf("ReadAnswer(%q, %s) = %v, %s; want %v, %s", tc.cell, tc.scale, v, st, tc.value, tc.status)
			}
		})
	}
}

func TestReadAnswerNumbers(t *testing.T) {
	s010, s15, s17, s110, s100 := model.Scale0To10(), model.Scale1To5(), model.Scale1To7(), model.Scale1To10(), model.Scale0To100()
	ok, bad := model.Answered, model.AnswerInvalid
	checkAnswers(t, []answerCase{
		{"9", s010, 9, ok},
		{" 4 ", s15, 4, ok},
		{"4.0", s15, 4, ok},
		{"4,0", s15, 4, ok},
		{"4.", s15, 4, ok},
		{"+3", s15, 3, ok},
		{"\u00a07\u00a0", s17, 7, ok},
		{"0", s010, 0, ok},
		{"10", s110, 10, ok},
		{"62.5", s100, 62.5, ok},
		{"62,5", s100, 62.5, ok},
		{"85%", s100, 85, ok},
		{"85 %", s100, 85, ok},
		{"100", s100, 100, ok},
		// Rejects: outside the scale, fractions on an integer scale (a
		// pre-averaged value, not what a respondent chose), a percent on a
		// rating scale, a thousands separator, words of no family.
		{"11", s010, 0, bad},
		{"-1", s010, 0, bad},
		{"0", s15, 0, bad},
		{"6", s15, 0, bad},
		{"3.5", s15, 0, bad},
		{"4.25", s15, 0, bad},
		{"5%", s15, 0, bad},
		{"100.5", s100, 0, bad},
		{"1,000", s100, 0, bad},
		{"1e2", s100, 0, bad},
		{"0x10", s100, 0, bad},
		{"Inf", s100, 0, bad},
		{"NaN5", s100, 0, bad},
		{"99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999", s100, 0, bad},
		{"maybe", s15, 0, bad},
		{"3+", s15, 0, bad},
		{"4/5", s15, 0, bad},
		{"five", s15, 0, bad},
	})
}

func TestReadAnswerNumberedLabels(t *testing.T) {
	s010, s15 := model.Scale0To10(), model.Scale1To5()
	sat := model.FamilyScale(model.FamilySatisfaction)
	ok, bad := model.Answered, model.AnswerInvalid
	checkAnswers(t, []answerCase{
		{"9 - Extremely likely", s010, 9, ok},
		{"0 - Not at all likely", s010, 0, ok},
		{"10 (Extremely likely)", s010, 10, ok},
		{"10(Extremely likely)", s010, 10, ok},
		{"10 Extremely likely", s010, 10, ok},
		{"Extremely likely - 10", s010, 10, ok},
		{"Extremely likely (10)", s010, 10, ok},
		{"Not at all likely = 0", s010, 0, ok},
		{"1 - Not very impressive", s15, 1, ok},
		{"5 - Extremely impressive", s15, 5, ok},
		{"5 = Very satisfied", s15, 5, ok},
		{"5 = Very satisfied", sat, 5, ok},
		{"4: Satisfied", sat, 4, ok},
		{"4. Satisfied", sat, 4, ok},
		{"4) Satisfied", sat, 4, ok},
		{"4 – Satisfied", sat, 4, ok},
		{"  3   -   Neutral  .", s15, 3, ok},
		// The number is out of range, or the label names another point of
		// the scale (a survey that numbered best as 1): never a guess.
		{"11 - Extremely likely", s010, 0, bad},
		{"1 - Very satisfied", sat, 0, bad},
		{"Very dissatisfied (5)", sat, 0, bad},
		// A number followed by something that is no label (labels start
		// with a letter and hold no digit).
		{"4 out of 5", s15, 0, bad},
		{"0-6 months ago", s010, 0, bad},
		{"6 months - 1 year ago", s010, 0, bad},
		{"5stars", s15, 0, bad},
		{"Q3", s15, 0, bad},
		// A not-applicable label beside a code is not applicable.
		{"99 - Don't know", s010, 0, model.AnswerNA},
		{"6 (N/A)", s15, 0, model.AnswerNA},
	})
}

// TestReadAnswerFamilies reads every family in every language on its own
// scale; the values are positions from the worst answer (1 on 1-5 and 1-7,
// 0 for No).
func TestReadAnswerFamilies(t *testing.T) {
	fam := model.FamilyScale
	sat, agr, agr7 := fam(model.FamilySatisfaction), fam(model.FamilyAgreement), fam(model.FamilyAgreement7)
	eff, eff7, lik := fam(model.FamilyEffort), fam(model.FamilyEffort7), fam(model.FamilyLikelihood)
	qua, fft, yn := fam(model.FamilyQuality), model.ScaleFFT(), model.ScaleYesNo()
	ok := model.Answered
	cases := []answerCase{}
	add := func(s model.AnswerScale, v float64, cells ...string) {
		for _, c := range cells {
			cases = append(cases, answerCase{c, s, v, ok})
		}
	}
	add(sat, 5, "Very satisfied", "Muito satisfeito", "Muito satisfeita", "Muito satisfeito(a)", "Muy satisfecho",
		"Muy satisfecha", "Muy satisfecho/a", "Très satisfait", "Très satisfaite", "TRES SATISFAIT(E)", "TRÈS SATISFAITE", "Sehr zufrieden", "SEHR ZUFRIEDEN")
	add(sat, 4, "Satisfied", "Somewhat satisfied", "Satisfeito", "Satisfecho", "Satisfait", "Plutôt satisfait", "Zufrieden",
		"Eher zufrieden")
	add(sat, 3, "Neither satisfied nor dissatisfied", "Neutral", "Neutro", "Ni satisfecho ni insatisfecho", "Neutre",
		"Weder zufrieden noch unzufrieden", "Teils/teils")
	add(sat, 2, "Dissatisfied", "Insatisfeito", "Insatisfecho", "Insatisfait", "Unzufrieden", "Eher unzufrieden")
	add(sat, 1, "Very dissatisfied", "Muito insatisfeito", "Muy insatisfecho", "Très insatisfait", "Sehr unzufrieden")
	add(agr, 5, "Strongly agree", "Strongly Agree", "Concordo totalmente", "Totalmente de acuerdo", "Tout à fait d'accord",
		"Tout a fait d’accord", "Stimme voll zu", "Stimme voll und ganz zu", "Trifft voll zu")
	add(agr, 4, "Agree", "Somewhat agree", "Concordo", "Concordo parcialmente", "De acuerdo", "D'accord", "Plutôt d'accord",
		"Stimme zu", "Stimme eher zu")
	add(agr, 3, "Neither agree nor disagree", "Neither Agree nor Disagree", "Nem concordo nem discordo",
		"Ni de acuerdo ni en desacuerdo", "Ni d'accord ni pas d'accord", "Weder noch")
	add(agr, 2, "Disagree", "Discordo", "En desacuerdo", "Pas d'accord", "Stimme nicht zu", "Stimme eher nicht zu")
	add(agr, 1, "Strongly disagree", "Discordo totalmente", "Totalmente en desacuerdo", "Pas du tout d'accord",
		"Stimme überhaupt nicht zu", "STIMME ÜBERHAUPT NICHT ZU", "Stimme gar nicht zu")
	add(agr7, 7, "Strongly agree")
	add(agr7, 6, "Agree", "Concordo")
	add(agr7, 5, "Somewhat agree", "Plutôt d'accord", "Stimme eher zu")
	add(agr7, 4, "Neither agree nor disagree", "Neutral")
	add(agr7, 3, "Somewhat disagree", "Algo en desacuerdo")
	add(agr7, 2, "Disagree")
	add(agr7, 1, "Strongly disagree")
	add(eff, 5, "Very easy", "Muito fácil", "Muito facil", "Muy fácil", "Très facile", "Sehr einfach", "Sehr leicht")
	add(eff, 4, "Easy", "Somewhat easy", "Fácil", "Facile", "Einfach", "Leicht")
	add(eff, 3, "Neither easy nor difficult", "Nem fácil nem difícil", "Ni fácil ni difícil", "Ni facile ni difficile",
		"Weder leicht noch schwer")
	add(eff, 2, "Difficult", "Difícil", "Difficile", "Schwierig")
	add(eff, 1, "Very difficult", "Muito difícil", "Muy difícil", "Très difficile", "Sehr schwierig")
	add(eff7, 7, "Very easy")
	add(eff7, 5, "Somewhat easy")
	add(eff7, 3, "Somewhat difficult", "Eher schwierig")
	add(lik, 5, "Extremely likely", "Very likely", "Muito provável", "Muy probable", "Très probable", "Sehr wahrscheinlich")
	add(lik, 4, "Likely", "Provável", "Probable", "Wahrscheinlich")
	add(lik, 3, "Neither likely nor unlikely", "Nem provável nem improvável", "Ni probable ni improbable")
	add(lik, 2, "Unlikely", "Improvável", "Improbable", "Peu probable", "Unwahrscheinlich")
	add(lik, 1, "Extremely unlikely", "Muito improvável", "Muy improbable", "Très improbable", "Sehr unwahrscheinlich")
	add(qua, 5, "Very good", "Muito bom", "Muito boa", "Ótimo", "Muy bueno", "Très bon", "Très bien", "Sehr gut")
	add(qua, 4, "Good", "Bom", "Bueno", "Bon", "Gut")
	add(qua, 3, "Neither good nor poor", "Nem bom nem ruim", "Regular", "Ni bueno ni malo", "Ni bon ni mauvais",
		"Weder gut noch schlecht")
	add(qua, 2, "Poor", "Ruim", "Malo", "Mauvais", "Schlecht")
	add(qua, 1, "Very poor", "Péssimo", "Muy malo", "Très mauvais", "Sehr schlecht")
	add(fft, 5, "Very good", "Extremely likely", "very good")
	add(fft, 4, "Good", "Likely")
	add(fft, 3, "Neither good nor poor", "Neither likely nor unlikely")
	add(fft, 2, "Poor", "Unlikely")
	add(fft, 1, "Very poor", "Extremely unlikely")
	add(yn, 1, "Yes", "yes.", "YES!", "Y", "True", "Sim", "Sí", "Si", "Oui", "Ja")
	add(yn, 0, "No", "No.", "N", "False", "Não", "Nao", "Non", "Nein")
	// Numbers read on a labelled scale too.
	add(sat, 4, "4", "4.0")
	add(yn, 1, "1")
	// A plain integer scale reads the words of every family of its size
	// that agrees on them.
	add(model.Scale1To5(), 5, "Very satisfied", "Strongly agree", "Very easy", "Extremely likely", "Very good")
	add(model.Scale1To5(), 3, "Neutral", "Neither")
	add(model.Scale1To7(), 6, "Agree", "Easy")
	add(model.Scale1To7(), 4, "Neutral")
	add(model.AnswerScale{Min: 0, Max: 1, Integer: true}, 1, "Yes")
	checkAnswers(t, cases)
}

func TestReadAnswerNotAnswers(t *testing.T) {
	s15, fft := model.Scale1To5(), model.ScaleFFT()
	sat := model.FamilyScale(model.FamilySatisfaction)
	na, blank, bad := model.AnswerNA, model.AnswerBlank, model.AnswerInvalid
	cases := []answerCase{}
	for _, c := range []string{"N/A", "n/a", "NA", "N.A.", "#N/A", "Not applicable", "Don't know", "Don’t know",
		"DONT KNOW", "I don't know", "Not sure", "Prefer not to say", "Prefer not to answer", "I don't remember.",
		"No opinion", "Não sei", "Não se aplica", "Prefiro não responder", "NS/NR", "No sé", "No aplica", "NS/NC",
		"Prefiero no responder", "Je ne sais pas", "Sans objet", "Non concernée", "Je préfère ne pas répondre",
		"Weiß nicht", "WEISS NICHT", "Weiss nicht", "Keine Angabe", "k.A.", "Nicht zutreffend", "Entfällt"} {
		cases = append(cases, answerCase{c, s15, 0, na}, answerCase{c, fft, 0, na})
	}
	for _, c := range []string{"", " ", "\t\n", "-", "—", ".", "...", "?", "null", "NULL", "nan"} {
		cases = append(cases, answerCase{c, s15, 0, blank})
	}
	cases = append(cases,
		// Words of another family, or of no family, are not answers of the scale.
		answerCase{"Strongly agree", sat, 0, bad},
		answerCase{"Yes", sat, 0, bad},
		answerCase{"Very satisfied", model.ScaleYesNo(), 0, bad},
		answerCase{"Very satisfied", model.Scale0To10(), 0, bad},
		answerCase{"Excellent", s15, 0, bad},
		answerCase{"maybe", s15, 0, bad},
		answerCase{"Somewhat", s15, 0, bad},
		// A scale's own not-applicable codes (6 on a 1-5 survey).
		answerCase{"6", model.AnswerScale{Min: 1, Max: 5, Integer: true, NA: []string{"6"}}, 0, na},
		answerCase{"6.0", model.AnswerScale{Min: 1, Max: 5, Integer: true, NA: []string{"6"}}, 0, na},
		answerCase{"Skipped", model.AnswerScale{Min: 1, Max: 5, Integer: true, NA: []string{"skipped"}}, 0, na},
	)
	checkAnswers(t, cases)
}

// TestReadAnswerOwnLabels reads a scale whose labels came from the file
// (Qualtrics' "1 - Not very impressive" … "5 - Extremely impressive").
func TestReadAnswerOwnLabels(t *testing.T) {
	s := model.AnswerScale{Min: 1, Max: 5, Integer: true, Labels: []string{
		"Not very impressive", "A bit impressive", "Quite impressive", "Very impressive", "Extremely impressive"}}
	ok, bad := model.Answered, model.AnswerInvalid
	checkAnswers(t, []answerCase{
		{"4 - Very impressive", s, 4, ok},
		{"Very impressive", s, 4, ok},
		{"very  impressive.", s, 4, ok},
		{"2", s, 2, ok},
		{"4 - Not very impressive", s, 0, bad},
		{"Very satisfied", s, 0, bad},
	})
}

func TestReadAnswerCanonicalLabels(t *testing.T) {
	for _, f := range model.LabelFamilies() {
		s := model.FamilyScale(f)
		if err := s.Validate(); err != nil {
			t.Errorf("FamilyScale(%s): %v", f, err)
		}
		for i, l := range f.Labels() {
			want := s.Min + float64(i)
			if got := s.Label(want); got != l {
				t.Errorf("%s: Label(%v) = %q, want %q", s, want, got, l)
			}
			if v, st := model.ReadAnswer(l, s); v != want || st != model.Answered {
				t.Errorf("%s: ReadAnswer(%q) = %v, %s; want %v", s, l, v, st, want)
			}
		}
	}
	if got := model.Scale0To100().Label(62.5); got != "62.5" {
		t.Errorf("Label(62.5) on 0-100 = %q", got)
	}
}

func TestAnswerReaderMatchesReadAnswer(t *testing.T) {
	s := model.ScaleFFT()
	r := model.NewAnswerReader(s)
	for _, c := range []string{"Extremely likely", "Don't know", "", "3", "maybe", "4 - Good"} {
		v1, st1 := r.Read(c)
		v2, st2 := model.ReadAnswer(c, s)
		if v1 != v2 || st1 != st2 {
			t.Errorf("%q: reader %v %s, ReadAnswer %v %s", c, v1, st1, v2, st2)
		}
	}
}

func TestIsNotApplicable(t *testing.T) {
	for c, want := range map[string]bool{"N/A": true, "Don't know": true, "Keine Angabe": true, "No": false, "": false, "3": false} {
		if got := model.IsNotApplicable(c); got != want {
			t.Errorf("IsNotApplicable(%q) = %v", c, got)
		}
	}
}

func TestAnswerStatusString(t *testing.T) {
	for st, want := range map[model.AnswerStatus]string{model.AnswerBlank: "blank", model.Answered: "answer",
		model.AnswerNA: "not applicable", model.AnswerInvalid: "not an answer"} {
		if st.String() != want {
			t.Errorf("%d.String() = %q, want %q", st, st.String(), want)
		}
	}
}

// BenchmarkReadAnswer reads a column of a million numbers and of a million
// labels: the importer's cost per answer.
func BenchmarkReadAnswer(b *testing.B) {
	for _, bc := range []struct {
		name  string
		scale model.AnswerScale
		cells []string
	}{
		{"number", model.Scale0To10(), []string{"9", "10", "7", "3", "0"}},
		{"label", model.ScaleFFT(), []string{"Extremely likely", "Likely", "Very good", "Don't know", "Poor"}},
		{"numbered", model.Scale0To10(), []string{"10 - Extremely likely", "0 - Not at all likely"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r := model.NewAnswerReader(bc.scale)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				r.Read(bc.cells[i%len(bc.cells)])
			}
		})
	}
}
