package importers_test

import (
	"testing"

	"cxdash/importers"
)

func TestClassifyQuestion(t *testing.T) {
	tests := []struct {
		header string
		want   importers.QuestionKind
	}{
		// NPS: the standard wording, tool and table names.
		{"How likely are you to recommend us to a friend or colleague?", importers.QuestionNPS},
		{"On a scale of 0-10, how likely is it that you would recommend Acme to a friend?", importers.QuestionNPS},
		{"Likelihood to recommend", importers.QuestionNPS},
		{"LikelyToRecommend", importers.QuestionNPS},
		{"Likely-To-Recommend", importers.QuestionNPS},
		{"nps", importers.QuestionNPS},
		{"nps_score", importers.QuestionNPS},
		{"NPSScore", importers.QuestionNPS},
		{"Net Promoter Score", importers.QuestionNPS},
		{"eNPS", importers.QuestionNPS},
		{"LTR", importers.QuestionNPS},
		{"Would you recommend us to a friend?", importers.QuestionNPS},
		// The FFT question: NPS family; its labels are the answer reader's.
		{"How likely are you to recommend our service to friends and family if they needed similar care or treatment?", importers.QuestionNPS},
		{"Qual a probabilidade de você recomendar a nossa empresa a um amigo?", importers.QuestionNPS},
		{"Você recomendaria a loja?", importers.QuestionNPS},
		{"¿Recomendaría nuestra tienda a un amigo?", importers.QuestionNPS},
		{"¿Qué probabilidad hay de que recomiende la empresa?", importers.QuestionNPS},
		{"Recommanderiez-vous notre magasin à un ami ?", importers.QuestionNPS},
		{"Quelle est la probabilité que vous nous recommandiez ?", importers.QuestionNPS},
		{"Wie wahrscheinlich ist es, dass Sie uns einem Freund weiterempfehlen?", importers.QuestionNPS},
		{"Würden Sie uns empfehlen?", importers.QuestionNPS},
		// Qualtrics' NPS group (1 detractor .. 3 promoter) is derived, not asked.
		{"Q1_NPS_GROUP", importers.QuestionNone},
		{"How likely are you to recommend us? - Group", importers.QuestionNone},
		// "Recommend" alone is an agreement item (Strongly agree..), not NPS.
		{"Recommend", importers.QuestionNone},
		{"I would recommend this training to others", importers.QuestionNone},

		// CSAT.
		{"How satisfied were you with your visit?", importers.QuestionCSAT},
		{"Overall satisfaction", importers.QuestionCSAT},
		{"Satisfaction rating", importers.QuestionCSAT},
		{"csat", importers.QuestionCSAT},
		{"csat_score", importers.QuestionCSAT},
		{"CSAT_Score", importers.QuestionCSAT},
		{"Avg Csat", importers.QuestionCSAT},
		{"satisfaction_interaction", importers.QuestionCSAT},
		{"Quão satisfeito você está com o atendimento?", importers.QuestionCSAT},
		{"Satisfação geral", importers.QuestionCSAT},
		{"¿Qué tan satisfecho está con el servicio?", importers.QuestionCSAT},
		{"Satisfacción", importers.QuestionCSAT},
		{"Êtes-vous satisfait de notre service ?", importers.QuestionCSAT},
		{"Wie zufrieden sind Sie mit unserem Service?", importers.QuestionCSAT},
		{"Kundenzufriedenheit", importers.QuestionCSAT},

		// CES.
		{"How easy was it to resolve your issue today?", importers.QuestionCES},
		{"Customer effort score", importers.QuestionCES},
		{"ces", importers.QuestionCES},
		{"ces_score", importers.QuestionCES},
		{"Avg Ces", importers.QuestionCES},
		{"Foi fácil resolver o seu problema?", importers.QuestionCES},
		{"Quanto esforço você teve que fazer?", importers.QuestionCES},
		{"¿Fue fácil resolver su problema?", importers.QuestionCES},
		{"Esfuerzo del cliente", importers.QuestionCES},
		{"Était-il facile de résoudre votre demande ?", importers.QuestionCES},
		{"Wie einfach war es, Ihr Anliegen zu lösen?", importers.QuestionCES},
		{"Kundenaufwand", importers.QuestionCES},
		// French "ces" (these) in a sentence is not the CES acronym.
		{"Comment évaluez-vous ces nouveaux horaires ?", importers.QuestionNone},

		// FCR.
		{"First contact resolution", importers.QuestionFCR},
		{"Was your issue resolved on first contact?", importers.QuestionFCR},
		{"fcr", importers.QuestionFCR},
		{"first_call_resolution", importers.QuestionFCR},
		{"Resolved first time", importers.QuestionFCR},
		{"¿Se resolvió en el primer contacto?", importers.QuestionFCR},
		{"Beim ersten Kontakt gelöst?", importers.QuestionFCR},
		{"First_Response_Time_Hours", importers.QuestionNone},

		// Free-text reasons.
		{"What is the main reason for your score?", importers.QuestionReason},
		{"Why did you give us this score?", importers.QuestionReason},
		{"Comments", importers.QuestionReason},
		{"Any other comments?", importers.QuestionReason},
		{"What could we improve?", importers.QuestionReason},
		{"do_better", importers.QuestionReason},
		{"free_text", importers.QuestionReason},
		{"Consumer complaint narrative", importers.QuestionReason},
		{"Qual o principal motivo da sua nota?", importers.QuestionReason},
		{"¿Cuál es la razón principal de su puntuación?", importers.QuestionReason},
		{"Quelle est la principale raison de votre note ?", importers.QuestionReason},
		{"Was ist der Hauptgrund für Ihre Bewertung?", importers.QuestionReason},
		{"Was können wir verbessern?", importers.QuestionReason},
		// "feedback" inside a rating question is not a comment box.
		{"How open, if at all, are most climate scientists to feedback?", importers.QuestionNone},
		{"feedback_labels", importers.QuestionNone},

		// Sentiment.
		{"sentiment", importers.QuestionSentiment},
		{"sentiment_score_free_text", importers.QuestionSentiment},
		{"Sentiment label", importers.QuestionSentiment},

		// Other questions and headers.
		{"", importers.QuestionNone},
		{"Gender", importers.QuestionNone},
		{"Please rate how much you enjoy using R on a scale of 1 to 5", importers.QuestionNone},
		{"How impressive do you think the climate scientists described in the text are?", importers.QuestionNone},
		{"Do you consider yourself to be a fan of the Expanded Universe?\x8c\xe6", importers.QuestionNone},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := importers.ClassifyQuestion(tt.header); got != tt.want {
				t.Errorf("ClassifyQuestion(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}
