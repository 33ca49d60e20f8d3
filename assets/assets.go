// Package assets holds the files cxdash embeds: the demo workbook, the app
// icon and the ECharts library for offline HTML reports. The demo workbook
// and the icon are generated (demogen, icongen) by `go generate ./assets`;
// both generators are deterministic, so regenerating changes nothing unless
// their code changed.
package assets

import (
	_ "embed"

	"cxdash/model"
)

//go:generate go run ./demogen -o demo.xlsx
//go:generate go run ./icongen -o icon.png

// DemoWorkbook is the demo workbook: a fictional company's CX scorecard
// (sheets "Read me", "Catalogue" and "Scores") over twelve quarters, and
// its relationship survey ("Survey responses", one row per response),
// whose answers make the demo's NPS.
//
//go:embed demo.xlsx
var DemoWorkbook []byte

// DemoSurveySheet is the demo workbook's sheet of survey responses:
// Response ID, Submitted, Business unit, the 0-10 recommend question and a
// free-text reason. Its unit column is read through a mapping (columns B
// period, C unit, D NPS), as a user would choose it in the import preview.
const DemoSurveySheet = "Survey responses"

// DemoSurveyMetrics are the demo's metrics computed from its survey
// answers, defined as its Catalogue sheet defines the other KPIs
// (discipline, thresholds, weight, target, owner) and computed from
// answers. A catalogue sheet has no column saying that a metric is computed
// from answers, so workspace.LoadDemo puts these definitions in the demo's
// batch before the workbook is read, and the survey's answers are stored
// under them.
func DemoSurveyMetrics() []model.Metric {
	nps, _ := model.KnownKPI("NPS")
	target := 40.0
	nps.Discipline, nps.Weight, nps.Target, nps.Owner = model.Strategy, 2, &target, "Chief Customer Officer"
	nps.Aggregation, nps.Answers, nps.Cutoffs = model.AggregationNPS, true, model.NPSCutoffs()
	return []model.Metric{nps}
}

// Icon is the app icon, a 256x256 PNG.
//
//go:embed icon.png
var Icon []byte

// EChartsJS is echarts.min.js, inlined into HTML reports so that they work
// offline.
//
//go:embed echarts.min.js
var EChartsJS []byte

// EChartsVersion names the bundled ECharts release and its licence
// (Apache-2.0; the licence text is echarts.LICENSE, its notice
// echarts.NOTICE).
//
//go:embed ECHARTS_VERSION
var EChartsVersion string
