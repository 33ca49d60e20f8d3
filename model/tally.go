// This file holds the sufficient statistics of answers: a Tally keeps what
// every KPI computed from answers needs (n, sum, sum of squares and two
// counts), so that tallies of units or periods pool by addition and the KPI of
// a group is the KPI of all its answers, never a mean of KPIs (DESIGN.md,
// "Respondent-level data").

package model

import (
	"fmt"
	"math"
)

// Aggregation says how the answers to one question become a KPI value.
type Aggregation string

// Aggregations. The empty string reads as AggregationMean, so that metrics
// stored before answers existed keep their meaning.
const (
	// AggregationMean is the mean answer: CES, a mean rating, and every
	// metric that is not computed from answers.
	AggregationMean Aggregation = "mean"
	// AggregationNPS is the Net Promoter Score on a 0-10 answer: % of top
	// answers (promoters, 9-10) minus % of bottom answers (detractors,
	// 0-6), from -100 to 100.
	AggregationNPS Aggregation = "nps"
	// AggregationTopBox is the % of answers in the top boxes of a scale,
	// such as CSAT % (4-5 on 1-5).
	AggregationTopBox Aggregation = "topbox"
	// AggregationShare is the % of yes (1) answers, such as FCR %.
	AggregationShare Aggregation = "share"
	// AggregationNet is the % of positive answers minus the % of negative
	// ones, such as net sentiment, from -100 to 100.
	AggregationNet Aggregation = "net"
)

// Aggregations lists every aggregation in the order the catalogue shows them.
var Aggregations = []Aggregation{AggregationMean, AggregationNPS, AggregationTopBox, AggregationShare, AggregationNet}

// ParseAggregation reads an aggregation as a catalogue or a mapping writes
// it, ignoring case, spaces and punctuation: "NPS", "Top-2-Box", "top 2 box",
// "CSAT" (top-box), "FCR" or "% yes" (share), "Net sentiment". Blank means
// mean, the default of every metric.
func ParseAggregation(s string) (Aggregation, error) {
	switch normalizeName(s) {
	case "", "mean", "average", "avg", "meanscore", "averagescore", "meananswer", "ces", "effort":
		return AggregationMean, nil
	case "nps", "netpromoter", "netpromoterscore", "promoters", "promotersminusdetractors", "tnps", "rnps":
		return AggregationNPS, nil
	case "topbox", "top1box", "top2box", "top3box", "toptwobox", "topthreebox", "topboxes", "top2boxes",
		"t2b", "t2bpct", "topboxpct", "top2boxpct", "csat", "csatpct", "satisfied", "pctsatisfied":
		return AggregationTopBox, nil
	case "share", "pct", "percent", "percentage", "proportion", "yes", "pctyes", "yespct", "yesshare",
		"shareyes", "rate", "fcr", "fcrpct":
		return AggregationShare, nil
	case "net", "netsentiment", "sentiment", "netscore", "positiveminusnegative", "netpositive":
		return AggregationNet, nil
	}
	return "", fmt.Errorf("aggregation %q: use mean, nps, topbox, share or net", s)
}

// Counts reports whether the aggregation is computed from the top and bottom
// counts (NPS, top-box, share, net) rather than from the sum of answers
// (mean).
func (a Aggregation) Counts() bool {
	return a == AggregationNPS || a == AggregationTopBox || a == AggregationShare || a == AggregationNet
}

// Cutoffs classify one answer: it is a top answer when it is at least Top and
// a bottom answer when it is at most Bottom. A nil cut-off classifies no
// answer, so the zero Cutoffs counts nothing (a mean needs no cut-off).
// Pointers, as for Metric.Target, so that a store reads NULL as "none".
type Cutoffs struct {
	Top    *float64 // answers >= Top are top (promoters, top boxes, yes, positive)
	Bottom *float64 // answers <= Bottom are bottom (detractors, negative)
}

// NPSCutoffs are the cut-offs of the Net Promoter Score on 0-10: promoters
// answer 9 or 10, detractors 0 to 6.
func NPSCutoffs() Cutoffs { return Cutoffs{Top: ptr(9), Bottom: ptr(6)} }

// TopBoxCutoffs are the cut-offs of the top boxes of a scale whose best
// answer is scaleMax: TopBoxCutoffs(5, 2) counts 4 and 5 (CSAT % on 1-5),
// TopBoxCutoffs(7, 2) counts 6 and 7. No answer is bottom. boxes below 1
// count the top answer only.
func TopBoxCutoffs(scaleMax, boxes int) Cutoffs {
	return Cutoffs{Top: ptr(float64(scaleMax - max(boxes, 1) + 1))}
}

// ShareCutoffs are the cut-offs of a yes/no answer coded 1 and 0 (first
// contact resolution): 1 is top, and no answer is bottom.
func ShareCutoffs() Cutoffs { return Cutoffs{Top: ptr(1)} }

// SentimentCutoffs are the cut-offs of a sentiment coded +1 (positive), 0
// (neutral) and -1 (negative): +1 is top and -1 is bottom.
func SentimentCutoffs() Cutoffs { return Cutoffs{Top: ptr(1), Bottom: ptr(-1)} }

// IsTop reports whether an answer is a top answer.
func (c Cutoffs) IsTop(v float64) bool { return c.Top != nil && v >= *c.Top }

// IsBottom reports whether an answer is a bottom answer.
func (c Cutoffs) IsBottom(v float64) bool { return c.Bottom != nil && v <= *c.Bottom }

// Check says whether the cut-offs fit an aggregation: NPS and net need both,
// top-box and share need Top, and a cut-off must be a finite number with Top
// above Bottom, so that no answer is both top and bottom.
func (c Cutoffs) Check(a Aggregation) error {
	for _, p := range []*float64{c.Top, c.Bottom} {
		if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) {
			return fmt.Errorf("cut-off %v is not a number", *p)
		}
	}
	if c.Top != nil && c.Bottom != nil && *c.Top <= *c.Bottom {
		return fmt.Errorf("top cut-off %v must be above the bottom cut-off %v", *c.Top, *c.Bottom)
	}
	switch a {
	case AggregationNPS, AggregationNet:
		if c.Top == nil || c.Bottom == nil {
			return fmt.Errorf("%s needs a top and a bottom cut-off", a)
		}
	case AggregationTopBox, AggregationShare:
		if c.Top == nil {
			return fmt.Errorf("%s needs a top cut-off", a)
		}
	case "", AggregationMean:
	default:
		return fmt.Errorf("aggregation %q: use mean, nps, topbox, share or net", a)
	}
	return nil
}

// Tally holds the sufficient statistics of a set of answers. Every field is
// a sum over answers, so tallies of units, months or batches pool by adding
// them field by field (Merge, or SUM in SQL), and the KPI of the pooled
// answers is exactly the KPI of all of them. Plain fields, so that a store
// can scan into them.
type Tally struct {
	N      int     // answers
	Sum    float64 // sum of the answers
	SumSq  float64 // sum of their squares
	Top    int     // answers at or above the top cut-off
	Bottom int     // answers at or below the bottom cut-off
}

// Add counts one answer, classified by the cut-offs. NaN and infinities are
// not answers and are left out: the importer refuses them with their cell
// before they get here.
func (t *Tally) Add(value float64, c Cutoffs) {
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return
	}
	t.N++
	t.Sum += value
	t.SumSq += value * value
	if c.IsTop(value) {
		t.Top++
	}
	if c.IsBottom(value) {
		t.Bottom++
	}
}

// Merge adds another tally's answers to t: the tally of both sets of
// answers. Merging is commutative and, for answers that are whole numbers
// (every survey scale), exactly associative.
func (t *Tally) Merge(other Tally) {
	t.N += other.N
	t.Sum += other.Sum
	t.SumSq += other.SumSq
	t.Top += other.Top
	t.Bottom += other.Bottom
}
