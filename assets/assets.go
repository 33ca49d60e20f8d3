// Package assets holds the files cxdash embeds: the demo workbook, the app
// icon and the ECharts library for offline HTML reports. The demo workbook
// and the icon are generated (demogen, icongen) by `go generate ./assets`;
// both generators are deterministic, so regenerating changes nothing unless
// their code changed.
package assets

import _ "embed"

//go:generate go run ./demogen -o demo.xlsx
//go:generate go run ./icongen -o icon.png

// DemoWorkbook is the demo workbook: a fictional company's CX scorecard
// (sheets "Read me", "Catalogue" and "Scores") over twelve quarters.
//
//go:embed demo.xlsx
var DemoWorkbook []byte

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
