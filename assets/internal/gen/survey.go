package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// The demo's relationship survey: one row per response, the NPS question
// and a free-text reason, no personal data. Each unit's answers of a
// quarter make the NPS that quarter's score path gives it, so the story
// is the one the Scores sheet tells for the other KPIs.

// Survey sheet's headers.
var SurveyHeader = []string{"Response ID", "Submitted", "Business unit",
	"How likely are you to recommend us to a friend or colleague? (0-10)",
	"What is the main reason for your score?"}

// Response is one row of the Survey responses sheet.
type Response struct {
	ID        string
	Submitted time.Time
	Unit      string
	Score     int // 0..10
	Reason    string
}

// passiveShare is the share of answers of 7 or 8.
const passiveShare = 0.3

// Reasons people give, by how they answered.
var (
	promoterReasons = []string{"Friendly and helpful staff", "Quick delivery", "Easy to order",
		"Problem solved on the first call", "Good value for money", "They kept me informed"}
	passiveReasons = []string{"Fine, nothing special", "Delivery took a little long", "Prices could be lower",
		"Had to call twice", "The app is OK"}
	detractorReasons = []string{"Waited too long on the phone", "Order arrived late",
		"Had to explain my problem several times", "The website kept failing", "Billing mistake not fixed"}
)

// Responses returns the survey's answers, in time order: between 240 and
// 360 answers per unit and quarter, whose NPS is the quarter's NPS in the
// score paths to within half a point.
func Responses() []Response {
	r := rand.New(rand.NewPCG(seed, 4))
	byQuarter := map[string][]Response{}
	var quarters []string
	for _, row := range allScores() {
		if row.Metric != "NPS" {
			continue
		}
		q := row.Period.String()
		if _, ok := byQuarter[q]; !ok {
			quarters = append(quarters, q)
		}
		byQuarter[q] = append(byQuarter[q], quarterResponses(r, row)...)
	}
	var out []Response
	for _, q := range quarters {
		rs := byQuarter[q]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Submitted.Before(rs[j].Submitted) })
		out = append(out, rs...)
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("R%06d", i+1)
	}
	return out
}

// quarterResponses draws one unit's answers of one quarter: the counts of
// promoters, passives and detractors that make the NPS row, shuffled, each
// on a random day and time of the quarter.
func quarterResponses(r *rand.Rand, row Row) []Response {
	n := 240 + r.IntN(121)
	v := row.Value / 100
	pro := int(math.Round(float64(n) * (1 - passiveShare + v) / 2))
	det := int(math.Round(float64(n) * (1 - passiveShare - v) / 2))
	scores := make([]int, 0, n)
	for i := 0; i < n; i++ {
		var s int
		switch {
		case i < pro:
			s = 9 + r.IntN(2)
		case i < pro+det:
			s = []int{0, 1, 2, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6}[r.IntN(13)]
		default:
			s = 7 + r.IntN(2)
		}
		scores = append(scores, s)
	}
	r.Shuffle(len(scores), func(i, j int) { scores[i], scores[j] = scores[j], scores[i] })
	start := row.Period.Start()
	days := int(row.Period.Next().Start().Sub(start).Hours() / 24)
	out := make([]Response, n)
	for i, s := range scores {
		at := start.AddDate(0, 0, r.IntN(days)).Add(time.Duration(7*3600+r.IntN(15*3600)) * time.Second)
		reason := ""
		if r.IntN(10) < 6 {
			list := passiveReasons
			switch {
			case s >= 9:
				list = promoterReasons
			case s <= 6:
				list = detractorReasons
			}
			reason = list[r.IntN(len(list))]
		}
		out[i] = Response{Submitted: at, Unit: row.Unit, Score: s, Reason: reason}
	}
	return out
}
