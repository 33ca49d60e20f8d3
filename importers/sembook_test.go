package importers

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"testing"
	"time"

	"cxdash/importers/importerstest"
)

// semBook is an in-memory Book for testing the semantic layer on its own.
type semBook struct {
	format string
	sheets []semSheet
	comma  bool
}

type semSheet struct {
	info SheetInfo
	rows []Row
}

func (b *semBook) Format() string { return b.format }
func (b *semBook) Sheets() []SheetInfo {
	var out []SheetInfo
	for _, s := range b.sheets {
		out = append(out, s.info)
	}
	return out
}
func (b *semBook) DecimalComma() bool { return b.comma }
func (b *semBook) Close() error       { return nil }
func (b *semBook) Open(name string) (SheetReader, error) {
	for _, s := range b.sheets {
		if s.info.Name == name {
			return &semReader{rows: s.rows}, nil
		}
	}
	return nil, fmt.Errorf("no sheet %q", name)
}

type semReader struct {
	rows []Row
	i    int
}

func (r *semReader) Next() (Row, error) {
	if r.i >= len(r.rows) {
		return Row{}, io.EOF
	}
	r.i++
	return r.rows[r.i-1], nil
}
func (r *semReader) Total() int64 { return int64(len(r.rows)) }
func (r *semReader) Close() error { return nil }

type semPctCell float64
type semErr string

// semRow builds a row from values: string (text; "" empty), int/float64
// (number), semPctCell (percent cell), time.Time (date), semErr, bool.
func semRow(index int, vals ...any) Row {
	r := Row{Index: index}
	for c, v := range vals {
		cell := Cell{Col: c}
		switch x := v.(type) {
		case string:
			if x != "" {
				cell.Kind, cell.Text = CellText, x
			}
		case int:
			cell.Kind, cell.Num, cell.Text = CellNumber, float64(x), strconv.Itoa(x)
		case float64:
			cell.Kind, cell.Num, cell.Text = CellNumber, x, strconv.FormatFloat(x, 'f', -1, 64)
		case semPctCell:
			cell.Kind, cell.Num, cell.Text = CellPercent, float64(x), strconv.FormatFloat(float64(x), 'f', -1, 64)+"%"
		case time.Time:
			cell.Kind, cell.Time, cell.Text = CellDate, x, x.Format("2006-01-02")
		case semErr:
			cell.Kind, cell.Text = CellError, string(x)
		case bool:
			cell.Kind, cell.Text = CellBool, "FALSE"
			if x {
				cell.Text = "TRUE"
			}
		case nil:
		default:
			panic(fmt.Sprintf("semRow: %T", v))
		}
		r.Cells = append(r.Cells, cell)
	}
	return r
}

// semSheetOf numbers rows from 1; nil entries are empty rows.
func semSheetOf(name string, rows ...[]any) semSheet {
	s := semSheet{info: SheetInfo{Name: name}}
	for i, vals := range rows {
		if vals == nil {
			continue
		}
		s.rows = append(s.rows, semRow(i+1, vals...))
	}
	return s
}

func semReadBook(t *testing.T, b *semBook, opts Options, sink Sink) Result {
	t.Helper()
	r := newRun(context.Background(), "/x/test."+b.format, opts, sink)
	if err := r.readBook(b); err != nil {
		t.Fatalf("readBook: %v", err)
	}
	return r.finish()
}

func semDump(t *testing.T, rep Result) {
	t.Helper()
	for _, s := range rep.Sheets {
		t.Logf("sheet %q: %s %s (header %d) rows=%d values=%d skipped=%d", s.Name, s.Layout, s.Reason, s.HeaderRow, s.Rows, s.Values, s.Skipped)
	}
	for _, p := range rep.Problems {
		t.Logf("problem: %s", p.Error())
	}
}

func TestMemSmoke(t *testing.T) {
	b := &semBook{format: "xlsx", sheets: []semSheet{
		semSheetOf("Data",
			[]any{"CX scorecard 2024"},
			nil,
			[]any{"Reporting period", "Business Unit", "Area", "KPI", "Actual", "Target"},
			[]any{"2024-Q1", "North", "Measurement", "NPS", 35, 40},
			[]any{"Q2 2024", "North", "", "Journey mapping", 3, ""},
			[]any{"Q2 2024", "North", "Design", "Journey mapping", 3.5, ""},
			[]any{"Q2 2024", "", "Design", "Calls", 250, ""},
			[]any{"Q2 2024", "", "Desing", "Calls", "abc", ""},
			[]any{"Q2 2024", "", "", "Foo", "n/a", ""},
			[]any{"2024-13", "", "", "Foo", semPctCell(45), ""},
		),
		semSheetOf("Defs",
			[]any{"Metric", "Discipline", "Unit", "Direction", "t1", "t2", "t3", "t4", "t5"},
			[]any{"Handle time", "Governance", "min", "lower", 10, 8, 6, 4, 2},
		),
		{info: SheetInfo{Name: "Hidden", Hidden: true}},
		semSheetOf("Notes", []any{"Fill in the data sheet."}),
	}}
	rec := &importerstest.Recorder{}
	rep := semReadBook(t, b, Options{}, rec)
	semDump(t, rep)
	t.Logf("metrics %+v", rec.Metrics)
	t.Logf("obs %+v", rec.Observations)
}
