// Package charts draws cxdash's charts with Fyne itself: a radar of the six
// disciplines, trend lines over periods, heatmaps, horizontal bars and KPI
// tiles with a sparkline. The widgets work on plain series data (series.go)
// and know nothing of the domain; shape.go and the shape_*.go files turn
// model scores into that data.
//
// Every chart takes its colours from the current Fyne theme (light or dark),
// draws series in the colour-blind-safe Okabe-Ito palette, shows a tooltip
// with the exact value and the number of source rows on hover, and reports
// taps through an OnTapped callback so that the app can drill down. Canvas
// objects are created when the data changes and only moved on resize, so a
// redraw allocates little.
//
// Widgets must be touched on the Fyne goroutine: from elsewhere, call
// SetData inside fyne.Do.
package charts
