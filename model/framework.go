// Package model holds cxdash's domain: the CX framework (disciplines and
// maturity levels), metrics, observations, periods and the maturity scoring
// rules. It does no I/O and imports no Fyne, SQL or spreadsheet code.
package model

import (
	"strings"
	"unicode"
)

// Discipline is one of the six CX disciplines. Weight and Target are the
// workspace's settings; a zero Weight means the default of 1.
type Discipline struct {
	Key    string
	Name   string
	Weight float64
	Target *float64
}

// Discipline keys, stable across releases: they are stored in workspaces.
const (
	Strategy      = "strategy"
	Understanding = "understanding"
	Design        = "design"
	Measurement   = "measurement"
	Governance    = "governance"
	Culture       = "culture"
)

// DisciplineKeys lists the six disciplines in display order.
var DisciplineKeys = []string{Strategy, Understanding, Design, Measurement, Governance, Culture}

// Framework is the set of disciplines and the names of the five maturity
// levels. Names are data: a workspace may rename them.
type Framework struct {
	Disciplines []Discipline
	LevelNames  [5]string
}

// DefaultFramework returns the six disciplines with their display names and
// the default level names.
func DefaultFramework() Framework {
	return Framework{
		Disciplines: []Discipline{
			{Key: Strategy, Name: "Strategy", Weight: 1},
			{Key: Understanding, Name: "Customer understanding", Weight: 1},
			{Key: Design, Name: "Design", Weight: 1},
			{Key: Measurement, Name: "Measurement", Weight: 1},
			{Key: Governance, Name: "Governance", Weight: 1},
			{Key: Culture, Name: "Culture", Weight: 1},
		},
		LevelNames: [5]string{"Initial", "Developing", "Defined", "Managed", "Optimised"},
	}
}

// LevelName returns the name of maturity level 1..5, or "" outside that range.
func (f Framework) LevelName(level int) string {
	if level < 1 || level > 5 {
		return ""
	}
	return f.LevelNames[level-1]
}

// Discipline returns the discipline with the given key.
func (f Framework) Discipline(key string) (Discipline, bool) {
	for _, d := range f.Disciplines {
		if d.Key == key {
			return d, true
		}
	}
	return Discipline{}, false
}

// disciplineSynonyms maps normalised names people use in spreadsheets to
// discipline keys. Normalisation drops case, spaces and punctuation.
var disciplineSynonyms = map[string]string{
	"strategy": Strategy, "cxstrategy": Strategy, "vision": Strategy, "str": Strategy,
	"strat": Strategy,

	"understanding": Understanding, "customerunderstanding": Understanding, "cu": Understanding,
	"insight": Understanding, "insights": Understanding, "customerinsight": Understanding,
	"customerinsights": Understanding, "research": Understanding, "voc": Understanding,
	"voiceofthecustomer": Understanding, "voiceofcustomer": Understanding,
	"customerknowledge": Understanding, "und": Understanding,

	"design": Design, "cxdesign": Design, "experiencedesign": Design, "journeydesign": Design,
	"servicedesign": Design, "des": Design,

	"measurement": Measurement, "measure": Measurement, "measures": Measurement,
	"metrics": Measurement, "cxmeasurement": Measurement, "kpi": Measurement, "kpis": Measurement,
	"mea": Measurement, "meas": Measurement,

	"governance": Governance, "cxgovernance": Governance, "gov": Governance,
	"management": Governance, "operatingmodel": Governance,

	"culture": Culture, "cxculture": Culture, "customercentricculture": Culture,
	"people": Culture, "cul": Culture, "engagement": Culture,
}

// ParseDiscipline matches a discipline as people write it ("Customer
// Understanding", "CU", "Insight", " GOVERNANCE ") to its key.
func ParseDiscipline(s string) (string, bool) {
	key, ok := disciplineSynonyms[normalizeName(s)]
	return key, ok
}

// normalizeName lower-cases s and drops everything but letters and digits.
func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
