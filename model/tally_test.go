package model_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"cxdash/model"
)

func TestParseAggregation(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want model.Aggregation
	}{
		{"", model.AggregationMean},
		{"Mean", model.AggregationMean},
		{" average ", model.AggregationMean},
		{"CES", model.AggregationMean},
		{"NPS", model.AggregationNPS},
		{"Net Promoter Score", model.AggregationNPS},
		{"nps", model.AggregationNPS},
		{"topbox", model.AggregationTopBox},
		{"top2box", model.AggregationTopBox},
		{"Top-2-Box", model.AggregationTopBox},
		{"top 2 box", model.AggregationTopBox},
		{"T2B", model.AggregationTopBox},
		{"CSAT", model.AggregationTopBox},
		{"CSAT %", model.AggregationTopBox},
		{"share", model.AggregationShare},
		{"% yes", model.AggregationShare},
		{"FCR", model.AggregationShare},
		{"net", model.AggregationNet},
		{"Net sentiment", model.AggregationNet},
		{"net_sentiment", model.AggregationNet},
		{"positive minus negative", model.AggregationNet},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := model.ParseAggregation(tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("ParseAggregation(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
	for _, in := range []string{"median", "sum", "top box x", "npss", "bottom2box"} {
		t.Run("refuses "+in, func(t *testing.T) {
			got, err := model.ParseAggregation(in)
			if err == nil {
				t.Fatalf("ParseAggregation(%q) = %q, want an error", in, got)
			}
			for _, word := range model.Aggregations {
				if !strings.Contains(err.Error(), string(word)) {
					t.Errorf("error %q does not name %q", err, word)
				}
			}
		})
	}
}

// FuzzParseAggregation checks the aggregation parser: an accepted value is
// one of Aggregations and parses back to itself, padding changes nothing,
// and a refusal names every allowed word.
func FuzzParseAggregation(f *testing.F) {
	for _, s := range []string{"", "NPS", "Top-2-Box", "top 3 box", "csat", "FCR %", "Net sentiment",
		"average", "médiane", "ＮＰＳ", "\x00", "t2b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := model.ParseAggregation(s)
		if err != nil {
			if a != "" {
				t.Fatalf("ParseAggregation(%q) = %q with error %v", s, a, err)
			}
			for _, word := range model.Aggregations {
				if !strings.Contains(err.Error(), string(word)) {
					t.Fatalf("error %q does not name %q", err, word)
				}
			}
			return
		}
		if !slices.Contains(model.Aggregations, a) {
			t.Fatalf("ParseAggregation(%q) = %q, not an aggregation", s, a)
		}
		if back, err := model.ParseAggregation(string(a)); err != nil || back != a {
			t.Fatalf("%q parses to %q, which parses back to %q, %v", s, a, back, err)
		}
		if padded, err := model.ParseAggregation(" (" + s + ")\t"); err != nil || padded != a {
			t.Fatalf("ParseAggregation(%q) = %q but padded gives %q, %v", s, a, padded, err)
		}
	})
}

func TestCutoffsPresets(t *testing.T) {
	for _, tc := range []struct {
		name     string
		c        model.Cutoffs
		top, bot []float64 // the answers that are top and bottom
		answers  []float64
	}{
		// NPS: promoters 9-10, detractors 0-6, passives 7-8.
		{"nps", model.NPSCutoffs(), []float64{9, 10}, []float64{0, 1, 2, 3, 4, 5, 6},
			[]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		// CSAT % on 1-5: the top two boxes are 4 and 5; nothing is bottom.
		{"top-2-box of 1-5", model.TopBoxCutoffs(5, 2), []float64{4, 5}, nil, []float64{1, 2, 3, 4, 5}},
		{"top-2-box of 1-7", model.TopBoxCutoffs(7, 2), []float64{6, 7}, nil, []float64{1, 2, 3, 4, 5, 6, 7}},
		{"top-3-box of 1-7", model.TopBoxCutoffs(7, 3), []float64{5, 6, 7}, nil, []float64{1, 2, 3, 4, 5, 6, 7}},
		{"top-box of 1-5", model.TopBoxCutoffs(5, 1), []float64{5}, nil, []float64{1, 2, 3, 4, 5}},
		{"zero boxes is the top box", model.TopBoxCutoffs(5, 0), []float64{5}, nil, []float64{1, 2, 3, 4, 5}},
		{"yes/no share", model.ShareCutoffs(), []float64{1}, nil, []float64{0, 1}},
		{"sentiment", model.SentimentCutoffs(), []float64{1}, []float64{-1}, []float64{-1, 0, 1}},
		{"none", model.Cutoffs{}, nil, nil, []float64{-1, 0, 1, 5, 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range tc.answers {
				if got, want := tc.c.IsTop(v), slices.Contains(tc.top, v); got != want {
					t.Errorf("IsTop(%v) = %v, want %v", v, got, want)
				}
				if got, want := tc.c.IsBottom(v), slices.Contains(tc.bot, v); got != want {
					t.Errorf("IsBottom(%v) = %v, want %v", v, got, want)
				}
			}
		})
	}
}

func TestCutoffsCheck(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name string
		c    model.Cutoffs
		a    model.Aggregation
		ok   bool
	}{
		{"nps", model.NPSCutoffs(), model.AggregationNPS, true},
		{"net", model.SentimentCutoffs(), model.AggregationNet, true},
		{"topbox", model.TopBoxCutoffs(5, 2), model.AggregationTopBox, true},
		{"share", model.ShareCutoffs(), model.AggregationShare, true},
		{"mean needs none", model.Cutoffs{}, model.AggregationMean, true},
		{"blank is mean", model.Cutoffs{}, "", true},
		{"mean may keep cut-offs", model.TopBoxCutoffs(7, 2), model.AggregationMean, true},
		{"nps without bottom", model.TopBoxCutoffs(10, 2), model.AggregationNPS, false},
		{"net without top", model.Cutoffs{Bottom: f(-1)}, model.AggregationNet, false},
		{"topbox without top", model.Cutoffs{}, model.AggregationTopBox, false},
		{"share without top", model.Cutoffs{Bottom: f(0)}, model.AggregationShare, false},
		{"top not above bottom", model.Cutoffs{Top: f(6), Bottom: f(6)}, model.AggregationNPS, false},
		{"NaN cut-off", model.Cutoffs{Top: f(math.NaN())}, model.AggregationShare, false},
		{"infinite cut-off", model.Cutoffs{Top: f(9), Bottom: f(math.Inf(-1))}, model.AggregationNPS, false},
		{"unknown aggregation", model.NPSCutoffs(), "median", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.c.Check(tc.a); (err == nil) != tc.ok {
				t.Fatalf("Check(%q) = %v, want ok %v", tc.a, err, tc.ok)
			}
		})
	}
}

func TestTallyAdd(t *testing.T) {
	for _, tc := range []struct {
		name    string
		c       model.Cutoffs
		answers []float64
		want    model.Tally
	}{
		// 0..10 once each: sum 55, squares 0+1+4+…+100 = 385,
		// promoters 9 and 10, detractors 0..6.
		{"nps 0-10", model.NPSCutoffs(), []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
			model.Tally{N: 11, Sum: 55, SumSq: 385, Top: 2, Bottom: 7}},
		// 5, 4, 4, 2, 1: sum 16, squares 25+16+16+4+1 = 62, top-2-box 3.
		{"csat 1-5", model.TopBoxCutoffs(5, 2), []float64{5, 4, 4, 2, 1},
			model.Tally{N: 5, Sum: 16, SumSq: 62, Top: 3}},
		// NaN and infinities are not answers.
		{"non-finite left out", model.ShareCutoffs(), []float64{1, math.NaN(), 0, math.Inf(1), math.Inf(-1), 1},
			model.Tally{N: 3, Sum: 2, SumSq: 2, Top: 2}},
		// -1, 0, 1, 1: sum 1, squares 3.
		{"sentiment", model.SentimentCutoffs(), []float64{-1, 0, 1, 1},
			model.Tally{N: 4, Sum: 1, SumSq: 3, Top: 2, Bottom: 1}},
		{"no cut-offs", model.Cutoffs{}, []float64{3, 4},
			model.Tally{N: 2, Sum: 7, SumSq: 25}},
		{"nothing", model.NPSCutoffs(), nil, model.Tally{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got model.Tally
			for _, v := range tc.answers {
				got.Add(v, tc.c)
			}
			if got != tc.want {
				t.Fatalf("tally = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// tallyOf tallies answers under the NPS cut-offs.
func tallyOf(answers []float64) model.Tally {
	var t model.Tally
	for _, v := range answers {
		t.Add(v, model.NPSCutoffs())
	}
	return t
}

// randomAnswers draws n answers on 0..10, or with fractions when frac is set.
func randomAnswers(r *rand.Rand, n int, frac bool) []float64 {
	a := make([]float64, n)
	for i := range a {
		if frac {
			a[i] = r.Float64() * 10
		} else {
			a[i] = float64(r.IntN(11))
		}
	}
	return a
}

func merged(ts ...model.Tally) model.Tally {
	var m model.Tally
	for _, t := range ts {
		m.Merge(t)
	}
	return m
}

// TestTallyMerge checks that Merge is the tally of all the answers, and is
// commutative and associative: exactly for whole-number answers (every
// survey scale), to rounding for fractions.
func TestTallyMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2024))
	for i := range 200 {
		frac := i%2 == 1
		a, b, c := randomAnswers(r, r.IntN(40), frac), randomAnswers(r, r.IntN(40), frac), randomAnswers(r, r.IntN(40), frac)
		ta, tb, tc := tallyOf(a), tallyOf(b), tallyOf(c)
		all := tallyOf(slices.Concat(a, b, c))
		ab, ba := merged(ta, tb), merged(tb, ta)
		left, right := merged(merged(ta, tb), tc), merged(ta, merged(tb, tc))
		if ab != ba {
			t.Fatalf("Merge not commutative: %+v vs %+v", ab, ba)
		}
		if frac {
			for _, p := range [][2]model.Tally{{left, right}, {left, all}} {
				if !closeTally(p[0], p[1]) {
					t.Fatalf("fractions: %+v vs %+v", p[0], p[1])
				}
			}
			continue
		}
		if left != right {
			t.Fatalf("Merge not associative: %+v vs %+v", left, right)
		}
		if left != all {
			t.Fatalf("merged %+v, but one tally of all answers is %+v", left, all)
		}
	}
	var zero model.Tally
	ta := tallyOf([]float64{10, 3})
	if got := merged(ta, zero); got != ta {
		t.Fatalf("merging an empty tally changed %+v into %+v", ta, got)
	}
}

func closeTally(a, b model.Tally) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*max(1, math.Abs(x)) }
	return a.N == b.N && a.Top == b.Top && a.Bottom == b.Bottom && near(a.Sum, b.Sum) && near(a.SumSq, b.SumSq)
}

// FuzzTally checks the properties of any set of 0-10 answers split in two:
// NPS within -100..100, a margin of error that is never negative, top-box
// and share within 0..100, and the merged halves estimating as the whole.
func FuzzTally(f *testing.F) {
	f.Add([]byte{10, 10, 9, 8, 7, 6, 0}, uint8(3))
	f.Add([]byte{10}, uint8(0))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{9, 9, 9, 9}, uint8(2))
	f.Fuzz(func(t *testing.T, raw []byte, cut uint8) {
		answers := make([]float64, len(raw))
		for i, b := range raw {
			answers[i] = float64(b % 11)
		}
		k := 0
		if len(answers) > 0 {
			k = int(cut) % (len(answers) + 1)
		}
		whole := tallyOf(answers)
		a, b := tallyOf(answers[:k]), tallyOf(answers[k:])
		if m := merged(b, a); m != whole || merged(a, b) != whole {
			t.Fatalf("halves merge to %+v, whole is %+v", m, whole)
		}
		for _, agg := range model.Aggregations {
			e, ok := whole.Estimate(agg)
			if ok != (len(answers) > 0) {
				t.Fatalf("%s: ok = %v for %d answers", agg, ok, len(answers))
			}
			if !ok {
				continue
			}
			if e.N != len(answers) || math.IsNaN(e.Value) || e.MOE < 0 || e.HasMOE() != (e.N >= 2) {
				t.Fatalf("%s of %v = %+v", agg, answers, e)
			}
			lo, hi := 0.0, 100.0
			switch agg {
			case model.AggregationNPS, model.AggregationNet:
				lo = -100
			case model.AggregationMean:
				hi = 10
			}
			if e.Value < lo || e.Value > hi {
				t.Fatalf("%s = %v, outside %v..%v", agg, e.Value, lo, hi)
			}
		}
	})
}

// TestPooling shows rule 1 on answers: the NPS of two units is the NPS of
// all their answers, which is not the mean of the two units' NPS.
func TestPooling(t *testing.T) {
	c := model.NPSCutoffs()
	// North: 60 promoters, 10 passives, 10 detractors of 80: NPS (60-10)/80 = +62.5.
	north := [][]float64{repeat(10, 60), repeat(7, 10), repeat(2, 10)}
	// South: 2 promoters, 8 passives, 10 detractors of 20: NPS (2-10)/20 = -40.
	south := [][]float64{repeat(9, 2), repeat(8, 8), repeat(6, 10)}
	tn, ts := tally(c, north...), tally(c, south...)
	pooled := tn
	pooled.Merge(ts)
	all := tally(c, slices.Concat(north, south)...)

	en, _ := tn.Estimate(model.AggregationNPS)
	es, _ := ts.Estimate(model.AggregationNPS)
	ep, _ := pooled.Estimate(model.AggregationNPS)
	ea, _ := all.Estimate(model.AggregationNPS)
	if ep != ea {
		t.Fatalf("merged tallies estimate %+v, one tally of all answers %+v", ep, ea)
	}
	// 62 promoters and 20 detractors of 100: NPS +42, MOE
	// 196·√((0.62 + 0.2 - 0.42²)/100) = 196·√0.006436 = 15.7240.
	if ep.N != 100 || !within(ep.Value, 42, 1e-9) || !within(ep.MOE, 15.724038, 5e-7) {
		t.Fatalf("pooled NPS = %+v, want +42 ± 15.7240 of 100", ep)
	}
	// The mean of the units' NPS, (62.5 + -40)/2 = 11.25, weighs 20 answers
	// in the South like 80 in the North: it is not the NPS of anyone.
	if unitMean := (en.Value + es.Value) / 2; !within(unitMean, 11.25, 1e-9) || within(unitMean, ep.Value, 1) {
		t.Fatalf("mean of unit NPS = %v (units %v and %v), pooled %v", unitMean, en.Value, es.Value, ep.Value)
	}
}
