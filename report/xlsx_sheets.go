package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"cxdash/model"
)

// writeDisciplines writes one sheet per discipline: its metrics' values
// per period, then their 1..5 scores and the discipline's score.
func (x *xlsxReport) writeDisciplines() error {
	for i, ds := range x.d.Summary.Disciplines {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		if err := x.writeDiscipline(x.disciplineSheets[i], ds.Key); err != nil {
			return fmt.Errorf("%s: %w", x.disciplineSheets[i], err)
		}
	}
	return nil
}

func (x *xlsxReport) writeDiscipline(sh, key string) error {
	const fixed = 4 // Metric, Measure unit, Better, Target
	head := []string{"Metric", "Measure unit", "Better", "Target"}
	widths := []float64{40, 13, 8, 10}
	for _, s := range x.d.Trend {
		head = append(head, s.Period.Label())
		widths = append(widths, 10)
	}
	if err := x.header(sh, 1, head, widths, true); err != nil {
		return err
	}
	metrics := disciplineMetrics(x.d, key)
	for i, m := range metrics {
		values := []any{m.name, m.unit, string(m.dir), optNum(m.target)}
		for _, v := range m.values {
			values = append(values, optNum(v))
		}
		if err := x.setRow(sh, i+2, values); err != nil {
			return err
		}
	}
	lastCol := len(head)
	valuesEnd := len(metrics) + 1
	if len(metrics) > 0 {
		if err := x.style(sh, fixed, 2, lastCol, valuesEnd, x.st.value); err != nil {
			return err
		}
	}
	if err := x.f.AutoFilter(sh, fmt.Sprintf("A1:%s", cellName(lastCol, max(valuesEnd, 2))), nil); err != nil {
		return err
	}

	// The scores block sits under the values, with its own header row.
	top := valuesEnd + 2
	scoreHead := append([]string{"Score (1–5)", "", "", ""}, head[fixed:]...)
	if err := x.header(sh, top, scoreHead, nil, false); err != nil {
		return err
	}
	for i, m := range metrics {
		values := []any{m.name, nil, nil, nil}
		for _, s := range m.scores {
			values = append(values, optNum(s))
		}
		if err := x.setRow(sh, top+1+i, values); err != nil {
			return err
		}
	}
	total := top + 1 + len(metrics)
	values := []any{"Discipline score", nil, nil, nil}
	for _, s := range x.d.Trend {
		var v any
		for _, ds := range s.Disciplines {
			if ds.Key == key && ds.Present {
				v = num(ds.Score)
			}
		}
		values = append(values, v)
	}
	if err := x.setRow(sh, total, values); err != nil {
		return err
	}
	if err := x.style(sh, 1, total, 1, total, x.st.label); err != nil {
		return err
	}
	if lastCol > fixed {
		if err := x.style(sh, fixed+1, top+1, lastCol, total-1, x.st.score); err != nil {
			return err
		}
		if err := x.style(sh, fixed+1, total, lastCol, total, x.st.scoreBold); err != nil {
			return err
		}
		if err := x.scoreScale(sh, fmt.Sprintf("%s:%s", cellName(fixed+1, top+1), cellName(lastCol, total))); err != nil {
			return err
		}
	}
	if err := x.writeAnswerBlocks(sh, total+2, head[fixed:], metrics); err != nil {
		return err
	}
	return x.printSetup(sh, 1)
}

// writeAnswerBlocks writes, from row top, what the values of the metrics
// computed from answers rest on: a block of n (answers) per period, then
// one of the 95% margins of error, in the metrics' own units (points for
// NPS, percentage points for a share). A discipline with no such metric
// gets neither. periods are the period headers of the values block.
func (x *xlsxReport) writeAnswerBlocks(sh string, top int, periods []string, metrics []metricRow) error {
	var answers []metricRow
	for _, m := range metrics {
		if m.fromAnswers() {
			answers = append(answers, m)
		}
	}
	if len(answers) == 0 {
		return nil
	}
	const fixed = 4 // as the values block: Metric, Measure unit, Better, Target
	lastCol := fixed + len(periods)
	blocks := []struct {
		title string
		cell  func(e model.Estimate) any
		style int
	}{
		{"Answers (n)", func(e model.Estimate) any { return e.N }, x.st.integer},
		{"± margin of error (95%)", func(e model.Estimate) any { return num(e.MOE) }, x.st.value},
	}
	for _, b := range blocks {
		if err := x.header(sh, top, append([]string{b.title, "", "", ""}, periods...), nil, false); err != nil {
			return err
		}
		for i, m := range answers {
			values := []any{m.name, nil, nil, nil}
			for _, e := range m.estimates {
				var v any
				if e != nil {
					v = b.cell(*e)
				}
				values = append(values, v)
			}
			if err := x.setRow(sh, top+1+i, values); err != nil {
				return err
			}
		}
		if lastCol > fixed {
			if err := x.style(sh, fixed+1, top+1, lastCol, top+len(answers), b.style); err != nil {
				return err
			}
		}
		top += len(answers) + 2
	}
	return nil
}

var importsHeader = []string{"Batch", "Imported at", "File", "Imported by", "Observations", "Skipped cells", "Metrics", "SHA-256"}

// writeImports writes the import log, newest first.
func (x *xlsxReport) writeImports() error {
	const sh = sheetImports
	if err := x.header(sh, 1, importsHeader, []float64{8, 17, 32, 14, 13, 13, 9, 66}, true); err != nil {
		return err
	}
	for i, b := range x.d.Batches {
		var at any
		if !b.ImportedAt.IsZero() {
			at = b.ImportedAt.Local()
		}
		if err := x.setRow(sh, i+2, []any{b.ID, at, b.File, b.User, b.Rows, b.Skipped, b.Metrics, b.SHA256}); err != nil {
			return err
		}
	}
	if n := len(x.d.Batches); n > 0 {
		if err := x.style(sh, 2, 2, 2, n+1, x.st.date); err != nil {
			return err
		}
		if err := x.style(sh, 5, 2, 7, n+1, x.st.integer); err != nil {
			return err
		}
	}
	if err := x.f.AutoFilter(sh, fmt.Sprintf("A1:H%d", max(len(x.d.Batches), 1)+1), nil); err != nil {
		return err
	}
	return x.printSetup(sh, 1)
}

// writeObservations streams every observation to the Data sheet: it can
// hold a million rows, so it goes through a StreamWriter in ascending rows.
// The sheet's print set-up is made first: the stream writer keeps what the
// sheet has when it starts.
func (x *xlsxReport) writeObservations() error {
	const sh = sheetObs
	if err := x.printSetup(sh, 1); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, w := range []float64{10, 16, 22, 36, 11, 30, 12, 7, 24, 14, 9} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(observationHeader))
	for i, h := range observationHeader {
		head[i] = excelize.Cell{StyleID: x.st.header, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	total := x.d.ObservationCount
	n, err := x.streamObservations(sw, total)
	if err != nil {
		return err
	}
	if n > 0 {
		if err := sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:%s", cellName(len(observationHeader), n+1)),
			Name: "Observations", StyleName: "TableStyleLight1"}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	x.progress.report(n, n)
	return nil
}

func (x *xlsxReport) streamObservations(sw *excelize.StreamWriter, total int) (int, error) {
	if x.d.Observations == nil {
		return 0, nil
	}
	counts := newCounter(x.d.Values)
	disc := newDisciplines(x.d.Framework, x.d.Metrics)
	x.progress.report(0, total)
	row := make([]any, len(observationHeader))
	n := 0
	for o, err := range x.d.Observations {
		if err != nil {
			return n, fmt.Errorf("observations: %w", err)
		}
		if n%progressEvery == 0 && n > 0 {
			if err := x.ctx.Err(); err != nil {
				return n, err
			}
			x.progress.report(n, max(total, n))
		}
		fillObservation(row, o, counts, disc)
		n++
		if err := sw.SetRow(cellName(1, n+1), row); err != nil {
			return n, err
		}
	}
	return n, nil
}

// fillObservation puts o's cells into row, in observationHeader order.
// Strings stay strings: the stream writer never turns them into formulas.
func fillObservation(row []any, o model.Observation, counts counter, disc disciplines) {
	unit := o.Unit
	if unit == "" {
		unit = model.AllUnits
	}
	row[0], row[1], row[2], row[3] = o.Period.String(), unit, text(disc.of(o.Metric)), o.Metric
	row[4], row[5], row[6], row[7] = num(o.Value), text(o.Note), counts.status(o), o.Source.BatchID
	row[8], row[9], row[10] = text(o.Source.File), text(o.Source.Sheet), text(o.Source.Cell)
}

// text leaves an empty string out: an empty cell rather than an empty text.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}
