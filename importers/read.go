package importers

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime/debug"

	"cxdash/model"
)

// Defaults for Options.
const (
	defaultPreviewRows = 10
	defaultMaxProblems = 1000
	progressEvery      = 1000
)

// noDataSheet is the file-level problem of a file with nothing to import.
const noDataSheet = "no data sheet found: expected columns Period, Metric, Value " +
	"(or a metric column with periods across, or a period column with metrics across)"

// Read reads every sheet of the file at path and writes what it finds to
// sink. With sink == nil it is a dry run (the preview): nothing is written
// but every problem is found, the same as in a real run.
//
// Each sheet is recognised on its own by its header row (which may sit below
// title rows) and contents, never by its name: long (Period, Metric, Value),
// wide by period, wide by metric, or a catalogue of metric definitions.
// Catalogue sheets are read before data sheets, whatever their order.
// Governance sheets (Owners, Actions, Issues, Events; governance.go) are
// read after them and go to a sink that is also a GovernanceSink; Read
// returns an error, before writing anything, when the sink is not one.
//
// Rules worth knowing:
//   - Percent: a value shown with a percent sign ("45%") or held in a
//     percent-formatted cell is stored in percent points (45), whatever the
//     metric, so 45% and 45 mean the same.
//   - Blank, n/a, - and spreadsheet errors (#N/A) are skipped and counted;
//     anything else that is not a number is a problem with its cell.
//   - A metric not in the catalogue becomes a new metric when its row has a
//     discipline (a known KPI keeps its thresholds, anything else is a 1..5
//     level); a known KPI needs no discipline (Measurement). A row's
//     discipline that differs from the catalogue's is ignored: the catalogue
//     decides where a metric belongs.
//   - A Target column sets the metric's target; the last one read wins.
//
// Once a problem is found nothing more is written to sink: the caller rolls
// the batch back when the result is not OK. Read returns an error only when
// ctx is cancelled or the sink fails; problems with the file itself are in
// Result.Problems. It never panics: a panic is reported as a problem.
func Read(ctx context.Context, path string, opts Options, sink Sink) (res Result, err error) {
	r := newRun(ctx, path, opts, sink)
	defer func() {
		if v := recover(); v != nil {
			slog.Error("importers: panic while reading", "file", r.res.File, "panic", v, "stack", string(debug.Stack()))
			r.fileProblem(fmt.Sprintf("internal error while reading this file (%v); nothing was imported", v))
			res, err = r.finish(), nil
		}
	}()
	book, oerr := OpenBook(path, BookOptions{TempDir: opts.TempDir})
	if oerr != nil {
		r.fileProblem(oerr.Error())
		return r.finish(), nil
	}
	defer book.Close()
	if err := r.readBook(book); err != nil {
		return r.finish(), err
	}
	return r.finish(), nil
}

// run is the state of one Read.
type run struct {
	ctx      context.Context
	opts     Options
	sink     Sink
	res      Result
	book     Book
	csv      bool
	decComma bool
	problems problemList

	metrics      map[string]*metricEntry // by model.MetricKey
	byText       map[string]*metricEntry // by the text as written, to skip MetricKey
	periods      map[string]periodResult // text period cells
	discs        map[string]string       // discipline text -> key ("" = unknown)
	units        map[string]string       // unit text -> unit
	written      []*metricEntry          // entries whose target changed after PutMetric
	pending      map[string]*pendingMetric
	pendingOrder []string
	heldCount    int
	done         int64
	total        int64
	sinceTick    int
	open         int // sheet readers kept open
}

func newRun(ctx context.Context, path string, opts Options, sink Sink) *run {
	if opts.PreviewRows <= 0 {
		opts.PreviewRows = defaultPreviewRows
	}
	if opts.MaxProblems <= 0 {
		opts.MaxProblems = defaultMaxProblems
	}
	base := filepath.Base(path)
	return &run{
		ctx: ctx, opts: opts, sink: sink,
		res:      Result{File: base, Path: path},
		problems: problemList{max: opts.MaxProblems, file: base},
		metrics:  map[string]*metricEntry{},
		byText:   map[string]*metricEntry{},
		periods:  map[string]periodResult{},
		discs:    map[string]string{},
		units:    map[string]string{},
		pending:  map[string]*pendingMetric{},
	}
}

// sheetScan is one sheet between detection and reading.
type sheetScan struct {
	info    SheetInfo
	order   int          // position in the workbook
	rows    []Row        // the first non-empty rows, copied
	lastRow int          // Row.Index of the last row read for detection
	eof     bool         // rows holds the whole sheet
	total   int64        // rows expected, or -1
	lay     *sheetLayout // nil when skipped
	hc      []hcell      // the header as analysed
	hint    string       // what the closest header row had, when not recognised
	survey  string       // why a survey sheet cannot be read, when it cannot
	rd      SheetReader  // still open after scanHead, or nil
	sr      *SheetResult
}

func (r *run) readBook(book Book) error {
	r.book = book
	r.res.Format = book.Format()
	r.csv = r.res.Format == "csv"
	r.decComma = book.DecimalComma()
	env := detectEnv{knownMetric: r.knownMetric, decimalComma: r.decComma}

	infos := book.Sheets()
	r.res.Sheets = make([]SheetResult, len(infos))
	scans := make([]*sheetScan, len(infos))
	defer func() {
		for _, s := range scans {
			if s != nil {
				r.release(s)
			}
		}
	}()
	r.total = 0
	for i, info := range infos {
		s := &sheetScan{info: info, order: i, sr: &r.res.Sheets[i], total: -1}
		s.sr.Name = info.Name
		scans[i] = s
		if err := r.ctx.Err(); err != nil {
			return err
		}
		switch {
		case info.Chart:
			r.skip(s, "chart sheet")
		case info.Hidden:
			r.skip(s, "hidden sheet")
		default:
			if err := r.scanHead(s); err != nil {
				r.sheetProblem(s, "", fmt.Sprintf("cannot read this sheet: %v", err))
				r.skip(s, "unreadable sheet")
				continue
			}
			if len(s.rows) == 0 {
				r.skip(s, "empty sheet")
				continue
			}
			if r.total >= 0 && s.total >= 0 {
				r.total += s.total
			} else {
				r.total = -1
			}
			r.detect(s, env)
			if s.lay == nil && s.hint == "" {
				r.release(s)
			}
		}
	}

	if reportBook(book) {
		skipReportSheets(r, scans)
	}
	// A sink that cannot take governance records fails before anything is
	// written.
	if err := r.checkGovernanceSink(scans); err != nil {
		return err
	}
	// Catalogue sheets first, so that data sheets find their metrics; then
	// the sheets not recognised are looked at again, now that the file's
	// own metrics are known.
	recognised := 0
	for _, s := range scans {
		if s.lay != nil && s.lay.layout == LayoutCatalogue {
			recognised++
			if err := r.readSheet(s); err != nil {
				return err
			}
		}
	}
	for _, s := range scans {
		if s.lay == nil && s.hint != "" {
			r.detect(s, env)
		}
		if s.lay == nil {
			r.release(s)
		}
	}
	for _, s := range scans {
		if s.lay != nil && s.lay.layout != LayoutCatalogue && !isGovernance(s.lay.layout) {
			recognised++
			if err := r.readSheet(s); err != nil {
				return err
			}
		}
	}
	if err := r.settlePending(); err != nil {
		return err
	}
	// Governance sheets last, when every metric is known.
	n, err := r.readGovernance(scans)
	recognised += n
	if err != nil {
		return err
	}
	switch {
	case reportBook(book) && r.res.Records == 0 && len(r.problems.items) == 0:
		r.fileProblem(reportWithoutRecords)
	case recognised == 0 && len(r.problems.items) == 0:
		r.fileProblem(noDataMessage(scans, r.csv))
	}
	return r.flushTargets()
}

// noDataMessage says what was expected and what the closest sheets had.
func noDataMessage(scans []*sheetScan, csv bool) string {
	if allEmpty(scans) {
		if csv {
			return "the file is empty: it holds no lines with data"
		}
		return "the workbook is empty: no sheet holds any data"
	}
	for _, s := range scans {
		if s.survey != "" {
			if csv {
				return s.survey
			}
			return fmt.Sprintf("sheet %q: %s", s.info.Name, s.survey)
		}
	}
	msg := noDataSheet
	n := 0
	for _, s := range scans {
		if s.hint == "" || n == 2 {
			continue
		}
		if csv {
			msg += "; " + s.hint
		} else {
			msg += fmt.Sprintf("; sheet %q: %s", s.info.Name, s.hint)
		}
		n++
	}
	return msg
}

// allEmpty reports a file whose every sheet was skipped as empty: saying
// so beats listing the columns it should have had.
func allEmpty(scans []*sheetScan) bool {
	for _, s := range scans {
		if s.sr.Reason != "empty sheet" {
			return false
		}
	}
	return len(scans) > 0
}

func (r *run) skip(s *sheetScan, reason string) {
	s.sr.Layout, s.sr.Reason = LayoutSkipped, reason
}

// detect finds the layout of a scanned sheet, applying the user's override
// or remembered mapping.
func (r *run) detect(s *sheetScan, env detectEnv) {
	lay, reason, hint, pos := detectLayout(s.rows, env)
	s.hint = hint
	s.hc = analyseHeader(s.rows, pos, env)
	headers := make([]string, len(s.hc))
	for c, h := range s.hc {
		headers[c] = h.text
	}
	s.sr.Signature = HeaderSignature(headers)
	how := ""
	if m, ok := r.opts.Overrides[s.info.Name]; ok && surveyMapping(m) {
		if r.detectSurvey(s, m, " (mapping chosen in the preview)", false) {
			return
		}
	}
	if m, ok := r.opts.Overrides[s.info.Name]; ok {
		ml, why := layoutFromMapping(s.hc, m)
		if ml == nil {
			r.sheetProblem(s, "", "the mapping chosen in the preview cannot be used: "+why)
			r.skip(s, why)
			s.hint = ""
			return
		}
		lay, how = ml, " (mapping chosen in the preview)"
	} else if r.opts.RememberedMapping != nil {
		if m, ok := r.opts.RememberedMapping(s.sr.Signature); ok {
			// A remembered mapping that no longer fits is dropped quietly:
			// detection still stands.
			if ml, _ := layoutFromMapping(s.hc, m); ml != nil {
				lay, how = ml, " (remembered mapping)"
			}
		}
	}
	// A response table whose date column made it look wide by metric is
	// respondent data: its rating columns must never be averaged.
	if (lay == nil || (lay.layout == LayoutWideMetric && how == "")) && r.detectSurvey(s, nil, "", lay != nil) {
		return
	}
	if lay == nil {
		r.skip(s, reason)
		// The header texts, for a mapping chosen in the preview.
		blank := &sheetLayout{}
		blank.resize(len(headers))
		copy(blank.headers, headers)
		s.sr.Columns = blank.columns()
		return
	}
	s.hint = ""
	lay.headerPos, lay.headerRow = pos, s.rows[pos].Index
	lay.index()
	s.lay = lay
	s.sr.Layout, s.sr.Reason = lay.layout, lay.describe()+how
	s.sr.HeaderRow = lay.headerRow
	s.sr.Columns = lay.columns()
}

// writing reports whether observations go to the sink: not in a dry run,
// and not once a problem has doomed the batch.
func (r *run) writing() bool { return r.sink != nil && r.problems.total == 0 }

// finish assembles the result.
func (r *run) finish() Result {
	if r.opts.Progress != nil {
		r.opts.Progress(r.done, r.total)
	}
	r.noteLevelCounts()
	r.res.Problems = r.problems.ordered()
	for i, sheet := range r.problems.sheet {
		if sheet >= 0 && sheet < len(r.res.Sheets) {
			r.res.Sheets[sheet].Problems = append(r.res.Sheets[sheet].Problems, r.problems.items[i])
		}
	}
	return r.res
}

func (r *run) fileProblem(msg string) {
	r.problems.add(-1, Problem{File: r.res.File, Message: msg})
}

// sheetProblem records a problem in sheet s at cell ref ("" for the sheet).
func (r *run) sheetProblem(s *sheetScan, ref, msg string) int {
	p := Problem{File: r.res.File, Cell: ref, Message: msg}
	if !r.csv {
		p.Sheet = s.info.Name
	}
	return r.problems.add(s.order, p)
}

// knownMetric says whether a header names a metric the workspace or the
// framework knows, for detecting wide-by-metric sheets.
func (r *run) knownMetric(name string) bool {
	if _, ok := model.KnownKPI(name); ok {
		return true
	}
	if r.metrics[model.MetricKey(name)] != nil {
		return true // defined by a catalogue sheet of this file
	}
	if r.opts.Catalogue != nil {
		_, ok := r.opts.Catalogue(name)
		return ok
	}
	return false
}
