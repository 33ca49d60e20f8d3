// This file turns a Tally into a KPI value with its n and 95% margin of
// error, tells a real change between two periods from noise, and gives the
// exact median of ticket times.

package model

import (
	"math"
	"slices"
)

// z95 is the standard normal quantile of a two-sided 95% interval.
const z95 = 1.96

// Estimate is a KPI computed from N answers, with its 95% margin of error: the
// true value lies within Value ± MOE for 95% of samples. Value and MOE are in
// the KPI's own units: points for NPS and net (-100..100), % for top-box and
// share, the answers' scale for a mean.
//
// The margin is the normal approximation (Wald interval): 1.96 standard
// errors of the estimate, the standard error being that of a mean of N
// independent answers. It is what survey tools print and what a reader can
// check by hand, and it needs nothing but the Tally, so it pools like the
// value. It is weak when N is small or when almost every answer falls in one
// class (a share near 0% or 100%, an NPS near ±100): there the sampling
// distribution is skewed and the margin too narrow, down to ±0 when all the
// answers agree. Weak flags those cases by the usual rule of thumb.
type Estimate struct {
	Aggregation Aggregation
	Value       float64
	// MOE is the half-width of the 95% interval, NaN when it cannot be
	// estimated: with fewer than 2 answers there is no spread to measure
	// (the formula would give ±0 for one answer, which claims certainty).
	MOE float64
	N   int
	// Weak is true when the normal approximation is poor: no MOE, a mean
	// of fewer than 30 answers, or fewer than 5 answers outside the
	// commonest class (top, bottom or neither) of a KPI counted in classes.
	Weak bool
}

// HasMOE reports whether the margin of error is known.
func (e Estimate) HasMOE() bool { return !math.IsNaN(e.MOE) }

// Estimate computes the KPI of the tallied answers under an aggregation (the
// empty aggregation is the mean):
//
//   - mean: Sum/N, MOE 1.96·s/√N with s the sample standard deviation
//     (dividing by N-1);
//   - NPS and net: 100·(p₊ - p₋), MOE 1.96·100·√((p₊ + p₋ - (p₊ - p₋)²)/N),
//     where p₊ = Top/N and p₋ = Bottom/N; the variance is that of one answer
//     scored +1, 0 or -1;
//   - top-box and share: 100·p, MOE 1.96·100·√(p(1-p)/N) with p = Top/N.
//
// It returns false when there is no answer (N = 0), when the tally is
// inconsistent (negative counts, Top + Bottom above N) or the aggregation is
// unknown.
func (t Tally) Estimate(a Aggregation) (Estimate, bool) {
	if a == "" {
		a = AggregationMean
	}
	if t.N <= 0 || t.Top < 0 || t.Bottom < 0 || t.Top+t.Bottom > t.N || !slices.Contains(Aggregations, a) {
		return Estimate{}, false
	}
	n := float64(t.N)
	e := Estimate{Aggregation: a, N: t.N, MOE: math.NaN()}
	pTop, pBottom := float64(t.Top)/n, float64(t.Bottom)/n
	switch a {
	case AggregationMean:
		e.Value = t.Sum / n
		if t.N >= 2 {
			// Sums of squares of answers on small scales, so the
			// textbook formula is exact enough; rounding can still
			// make it a hair below zero when all answers agree.
			variance := (t.SumSq - t.Sum*t.Sum/n) / (n - 1)
			e.MOE = z95 * math.Sqrt(max(variance, 0)/n)
		}
		e.Weak = t.N < 30
	case AggregationTopBox, AggregationShare:
		e.Value = 100 * pTop
		if t.N >= 2 {
			e.MOE = z95 * 100 * math.Sqrt(pTop*(1-pTop)/n)
		}
		e.Weak = min(t.Top, t.N-t.Top) < 5
	case AggregationNPS, AggregationNet:
		d := pTop - pBottom
		e.Value = 100 * d
		if t.N >= 2 {
			e.MOE = z95 * 100 * math.Sqrt(max(pTop+pBottom-d*d, 0)/n)
		}
		e.Weak = t.N-max(t.Top, t.Bottom, t.N-t.Top-t.Bottom) < 5
	}
	e.Weak = e.Weak || !e.HasMOE()
	return e, true
}

// Change is the difference of a KPI between two periods and whether it is
// larger than chance would make it.
type Change struct {
	// Delta is cur - prev in the KPI's units: points for NPS and net,
	// percentage points for top-box and share.
	Delta float64
	// MOE is the 95% margin of error of the difference,
	// 1.96·√(se₁² + se₂²) = √(MOE₁² + MOE₂²); NaN when either period has
	// no margin or the two are different aggregations.
	MOE float64
	// Significant is true when |Delta| > MOE. When it is false and Tested
	// is true, the change is "no significant change".
	Significant bool
}

// Tested reports whether the change could be tested: both periods have a
// margin of error. An untested change is neither significant nor "no
// significant change"; it is shown as a plain difference.
func (c Change) Tested() bool { return !math.IsNaN(c.MOE) }

// Compare tests the change from prev to cur. The two periods are taken as
// independent samples (different respondents), so their standard errors
// combine in quadrature: the change is significant at 95% when |Δ| exceeds
// 1.96·√(se₁² + se₂²). That is a two-sample z-test, with the weakness of each
// Estimate's normal approximation (see Estimate.Weak). When the same people
// answer both times the true margin is usually smaller, so the test errs
// towards "no significant change", never towards a false alarm. Note that
// two intervals that overlap may still differ significantly: comparing
// Value ± MOE by eye is stricter than this test.
func Compare(prev, cur Estimate) Change {
	c := Change{Delta: cur.Value - prev.Value, MOE: math.NaN()}
	if aggregationOrMean(prev.Aggregation) != aggregationOrMean(cur.Aggregation) || !prev.HasMOE() || !cur.HasMOE() {
		return c
	}
	c.MOE = math.Hypot(prev.MOE, cur.MOE)
	c.Significant = math.Abs(c.Delta) > c.MOE
	return c
}

func aggregationOrMean(a Aggregation) Aggregation {
	if a == "" {
		return AggregationMean
	}
	return a
}

// Median is the exact median of values, such as ticket resolution times in
// hours: the middle value, or the mean of the two middle values when there
// is an even number of them. NaN values are not times and are left out; the
// median of nothing is NaN. The input is not modified. Medians do not pool
// like a Tally: the median of a quarter needs all its values.
func Median(values []float64) float64 {
	s := make([]float64, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) {
			s = append(s, v)
		}
	}
	if len(s) == 0 {
		return math.NaN()
	}
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	// Halving first cannot overflow and gives the same rounding.
	return s[m-1]/2 + s[m]/2
}
