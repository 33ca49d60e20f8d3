package report

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"cxdash/model"
)

// WriteCSV writes the observations d lists, with their sources, as CSV:
// UTF-8 with a byte-order mark (so that Excel reads accents right), comma
// separated, the columns of the Excel report's Data sheet. Text cells that
// a spreadsheet would run as a formula are neutralised (see Neutralise);
// numbers, negative ones included, stay numbers. progress counts
// observations written.
func WriteCSV(ctx context.Context, w io.Writer, d Data, progress Progress) error {
	d = d.normalised()
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(observationHeader); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	n, err := writeCSVRows(ctx, cw, d, progress)
	if err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	progress.report(n, n)
	return nil
}

// WriteCSVFile writes the CSV export to path through a temporary file.
func WriteCSVFile(ctx context.Context, path string, d Data, progress Progress) error {
	return writeFile(path, func(w io.Writer) error { return WriteCSV(ctx, w, d, progress) })
}

func writeCSVRows(ctx context.Context, cw *csv.Writer, d Data, progress Progress) (int, error) {
	if d.Observations == nil {
		return 0, nil
	}
	counts := newCounter(d.Values)
	disc := newDisciplines(d.Framework, d.Metrics)
	total := d.ObservationCount
	progress.report(0, total)
	rec := make([]string, len(observationHeader))
	n := 0
	for o, err := range d.Observations {
		if err != nil {
			return n, err
		}
		if n%progressEvery == 0 && n > 0 {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			progress.report(n, max(total, n))
		}
		csvRecord(rec, o, counts, disc)
		if err := cw.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	return n, ctx.Err()
}

// csvRecord fills rec with o's cells in observationHeader order. Value and
// Batch are numbers and written as such; every other cell is text.
func csvRecord(rec []string, o model.Observation, counts counter, disc disciplines) {
	unit := o.Unit
	if unit == "" {
		unit = model.AllUnits
	}
	rec[0] = o.Period.String()
	rec[1] = Neutralise(unit)
	rec[2] = Neutralise(disc.of(o.Metric))
	rec[3] = Neutralise(o.Metric)
	rec[4] = strconv.FormatFloat(o.Value, 'f', -1, 64)
	rec[5] = Neutralise(o.Note)
	rec[6] = counts.status(o)
	rec[7] = strconv.FormatInt(o.Source.BatchID, 10)
	rec[8] = Neutralise(o.Source.File)
	rec[9] = Neutralise(o.Source.Sheet)
	rec[10] = Neutralise(o.Source.Cell)
}

// Neutralise makes a text cell safe from formula injection (OWASP CSV
// injection): a cell starting with =, +, -, @, a tab or a carriage return,
// or their full-width forms, which some spreadsheets also accept, gets a
// leading apostrophe, so a spreadsheet shows it as text instead of running
// it. Apply it to text only: a negative number is a number.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(s, p) {
			return "'" + s
		}
	}
	return s
}
