package charts

import "cxdash/model"

// DisciplineHeatmap has the disciplines of unit as rows and periods as
// columns.
func DisciplineHeatmap(fw model.Framework, sc *model.Scorer, unit string, periods []model.Period) HeatmapData {
	sums := summaries(sc, unit, periods)
	d := HeatmapData{Rows: disciplineNames(fw), Cols: PeriodLabels(periods), Min: 1, Max: 5,
		Levels: levels(fw), Format: ScoreFormat}
	for i := range fw.Disciplines {
		row := make([]Point, len(sums))
		for j, s := range sums {
			if i < len(s.Disciplines) {
				row[j] = disciplinePoint(s.Disciplines[i])
			}
		}
		d.Cells = append(d.Cells, row)
	}
	return d
}

// UnitHeatmap has the business units as rows and the disciplines as
// columns, in period p.
func UnitHeatmap(fw model.Framework, sc *model.Scorer, p model.Period) HeatmapData {
	d := HeatmapData{Rows: sc.Units(), Cols: disciplineNames(fw), Min: 1, Max: 5,
		Levels: levels(fw), Format: ScoreFormat}
	for _, u := range d.Rows {
		s := sc.Summary(u, p)
		row := make([]Point, len(fw.Disciplines))
		for i := range row {
			if i < len(s.Disciplines) {
				row[i] = disciplinePoint(s.Disciplines[i])
			}
		}
		d.Cells = append(d.Cells, row)
	}
	return d
}
