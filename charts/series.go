package charts

import (
	"math"
	"strconv"
	"strings"
)

// Point is one value of a series and the number of source rows it rests on.
// The zero Point is missing: charts leave a gap for it rather than draw zero.
type Point struct {
	Value   float64
	Rows    int
	Present bool
}

// Pt returns a present point.
func Pt(value float64, rows int) Point { return Point{Value: value, Rows: rows, Present: true} }

// ok reports whether p can be drawn: present and a finite number.
func (p Point) ok() bool {
	return p.Present && !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0)
}

// Series is a named sequence of points with how to draw it.
type Series struct {
	Name   string
	Points []Point
	// Colour is a 1-based slot of the Okabe-Ito palette; 0 picks the slot
	// of the series' position.
	Colour int
	Muted  bool // drawn in the theme's muted grey (a previous period)
	Dashed bool // dashed line (a target)
	Fill   bool // radar: fill the polygon
}

// Format says how values are printed.
type Format struct {
	Decimals int
	Unit     string // appended after a space, or directly for "%"
}

// ScoreFormat prints maturity scores: two decimals, no unit.
var ScoreFormat = Format{Decimals: 2}

// String prints v with the format's decimals and unit.
func (f Format) String(v float64) string {
	return string(f.append(nil, v))
}

func (f Format) append(dst []byte, v float64) []byte {
	d := f.Decimals
	if d < 0 || d > 6 {
		d = 2
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(dst, "–"...)
	}
	dst = strconv.AppendFloat(dst, v, 'f', d, 64)
	if s := string(dst); strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		dst = dst[1:] // no "-0.00"
	}
	switch {
	case f.Unit == "":
	case f.Unit == "%":
		dst = append(dst, '%')
	default:
		dst = append(dst, ' ')
		dst = append(dst, f.Unit...)
	}
	return dst
}

// Signed prints v with an explicit sign: +0.25, −0.10.
func (f Format) Signed(v float64) string {
	s := f.String(math.Abs(v))
	switch r := math.Pow(10, float64(f.Decimals)); {
	case math.Round(v*r) > 0:
		return "+" + s
	case math.Round(v*r) < 0:
		return "−" + s
	}
	return s
}

// RadarData is the input of a Radar: one axis per discipline, values on a
// 0..Max scale with rings at every level.
type RadarData struct {
	Axes   []string
	Series []Series // each with one point per axis
	// Levels names the rings 1..len(Levels); Max defaults to len(Levels),
	// or 5.
	Levels []string
	Max    float64
	Format Format
}

// Band is a target line (Lo == Hi) or range.
type Band struct {
	Lo, Hi float64
	Label  string
}

// Event is an annotated period: an outage, a reorganisation.
type Event struct {
	Index int // position in LineData.Labels
	Label string
}

// LineData is the input of a LineChart: one value per label (period) in
// every series.
type LineData struct {
	Labels []string
	Series []Series
	Target *Band
	Events []Event
	// Min and Max fix the value axis when Max > Min; otherwise it fits the
	// data at nice numbers.
	Min, Max float64
	// Levels names maturity levels 1..n, written along their grid lines.
	Levels []string
	Format Format
}

// HeatmapData is the input of a Heatmap: Cells[row][col].
type HeatmapData struct {
	Rows, Cols []string
	Cells      [][]Point
	// Min and Max span the colour scale when Max > Min; otherwise the data.
	Min, Max float64
	Levels   []string // maturity level names, for tooltips
	Format   Format
}

// Bar is one bar of a BarChart.
type Bar struct {
	Label  string
	Value  Point
	Target *float64 // drawn as a tick across the bar
}

// BarData is the input of a BarChart, drawn in the order given.
type BarData struct {
	Bars []Bar
	// Min and Max fix the value axis when Max > Min; otherwise it spans
	// zero and the data.
	Min, Max float64
	// Gaps colours bars by sign: above zero (short of target) in the warning
	// colour, below (ahead of target) in the good colour.
	Gaps   bool
	Levels []string
	Format Format
}

// KPIData is the input of a KPITile.
type KPIData struct {
	Title string
	Value Point
	Level string   // maturity level name of the value
	Delta *float64 // against the previous period, in the value's unit
	// DeltaLabel says against what: "vs Q2 2025".
	DeltaLabel string
	// LowerBetter makes a fall good news (churn, effort).
	LowerBetter bool
	Trend       []Point
	TrendLabels []string // one per trend point, for tooltips
	Format      Format
}

// levelName returns the name of the level of v (floor, within 1..n), or "".
func levelName(levels []string, v float64) string {
	if len(levels) == 0 || math.IsNaN(v) {
		return ""
	}
	l := int(math.Floor(v))
	l = max(1, min(l, len(levels)))
	return levels[l-1]
}

// rowsText says how many source rows a value rests on.
func rowsText(rows int) string {
	if rows == 1 {
		return "1 source row"
	}
	return strconv.Itoa(rows) + " source rows"
}
