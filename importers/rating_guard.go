package importers

// This file keeps a column of individual ratings from being averaged into
// a KPI that is not a mean (DESIGN.md, "Respondent-level data": a column of
// 0-10 integers repeated per unit and period is respondent data whatever its
// header says). The mean of 0-10 ratings is not an NPS, nor the mean of 1-5
// ratings a CSAT %.

import (
	"fmt"
	"math"

	"cxdash/model"
)

// maxGuardKeys bounds the (unit, period) keys counted per metric.
const maxGuardKeys = 1 << 12

// ratingGuard watches the values of one known KPI in one sheet.
type ratingGuard struct {
	kind      QuestionKind
	n         int
	ratings   bool // every value so far is a whole number on the KPI's answer scale
	keys      map[string]int
	maxRepeat int
	ref       string // the first value's cell
}

// guardKind says which KPI a metric is, when its values could be ratings
// averaged by mistake: NPS and CSAT % not computed from answers.
func guardKind(m model.Metric) QuestionKind {
	if m.FromAnswers() {
		return QuestionNone // its values are answers already: pooled properly
	}
	if _, ok := model.KnownKPI(m.Name); !ok {
		return QuestionNone
	}
	switch k := ClassifyQuestion(m.Name); k {
	case QuestionNPS, QuestionCSAT:
		return k
	}
	return QuestionNone
}

// watch notes one value of e in the sheet.
func (p *sheetProc) watch(e *metricEntry, unit string, period model.Period, v float64, ref func() string) {
	kind := guardKind(e.m)
	if kind == QuestionNone {
		return
	}
	if p.guards == nil {
		p.guards = map[*metricEntry]*ratingGuard{}
	}
	g := p.guards[e]
	if g == nil {
		g = &ratingGuard{kind: kind, ratings: true, keys: map[string]int{}, ref: ref()}
		p.guards[e] = g
	}
	g.n++
	lo, hi := 0.0, 10.0
	if kind == QuestionCSAT {
		lo, hi = 1, 7
	}
	if v != math.Trunc(v) || v < lo || v > hi {
		g.ratings = false
		return
	}
	key := unit + "\x00" + period.String()
	if _, ok := g.keys[key]; ok || len(g.keys) < maxGuardKeys {
		g.keys[key]++
		g.maxRepeat = max(g.maxRepeat, g.keys[key])
	}
}

// checkRatings refuses a sheet whose NPS or CSAT % values are individual
// ratings: whole numbers on the answer scale, several per unit and period.
func (p *sheetProc) checkRatings() {
	for e, g := range p.guards {
		if !g.ratings || g.n < 10 || g.maxRepeat < 3 {
			continue
		}
		what := "NPS is % 9-10 minus % 0-6 of the answers, never their mean"
		scale := "0-10"
		if g.kind == QuestionCSAT {
			what, scale = "CSAT % is the % of answers in the top two boxes (4-5 on 1-5), never their mean", "1-5"
		}
		p.problem(g.ref, fmt.Sprintf("these look like individual %s ratings, not %s values (%d whole numbers, up to %d "+
			"per unit and period): %s; nothing is imported; import the ratings as a response table, one row per "+
			"response with its date and a column headed %q, and the KPI is computed from the answers with n and margin of error",
			scale, e.m.Name, g.n, g.maxRepeat, what, e.m.Name))
	}
}
