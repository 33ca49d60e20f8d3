package screen

import (
	"strconv"

	"cxdash/charts"
	"cxdash/model"
)

// MetricFormat prints a metric's values in its unit of measure.
func MetricFormat(m model.Metric) charts.Format {
	if m.Scale == model.ScaleLevel || m.Unit == "level" {
		return charts.ScoreFormat
	}
	return charts.Format{Decimals: 1, Unit: m.Unit}
}

func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
