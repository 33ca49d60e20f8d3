package importers

import (
	"strconv"

	"cxdash/model"
)

// sheetProc turns the rows of one recognised sheet into metrics and
// observations. Per-column work (letters, metric names of wide sheets) is
// done once; per-row work is lookups in small maps.
type sheetProc struct {
	r       *run
	s       *sheetScan
	l       *sheetLayout
	sr      *SheetResult
	sheet   string   // Source.Sheet: "" for csv
	letters []string // column letters (xlsx) or names (csv)
	row     func(Row) error

	fillDisc  string         // wide by period: discipline carried down from heading rows
	colMetric []*metricEntry // wide by metric: each column's metric, once resolved
	vals      []float64
	states    []valueState
	guards    map[*metricEntry]*ratingGuard // known KPIs whose values may be ratings (rating_guard.go)
}

func newSheetProc(r *run, s *sheetScan) *sheetProc {
	p := &sheetProc{r: r, s: s, l: s.lay, sr: s.sr}
	if !r.csv {
		p.sheet = s.info.Name
	}
	p.letters = make([]string, len(p.l.roles))
	for c := range p.letters {
		p.letters[c] = p.colName(c)
	}
	switch p.l.layout {
	case LayoutLong:
		p.row = p.longRow
	case LayoutWidePeriod:
		p.row = p.widePeriodRow
	case LayoutWideMetric:
		p.row = p.wideMetricRow
		p.colMetric = make([]*metricEntry, len(p.l.roles))
	case LayoutCatalogue:
		p.row = p.catalogueRow
	}
	p.vals = make([]float64, len(p.l.valueCols))
	p.states = make([]valueState, len(p.l.valueCols))
	return p
}

// dispatch counts the row and hands it to the layout's reader.
func (p *sheetProc) dispatch(row Row) error {
	p.sr.Rows++
	return p.row(row)
}

func (p *sheetProc) colName(c int) string {
	if c < len(p.letters) && p.letters[c] != "" {
		return p.letters[c]
	}
	if p.r.csv {
		if c < len(p.l.headers) && p.l.headers[c] != "" {
			return p.l.headers[c]
		}
		return "#" + strconv.Itoa(c+1)
	}
	return columnLetters(c)
}

// ref names a cell: "C12" in a workbook, "line 12, column Value" in csv.
func (p *sheetProc) ref(col, row int) string {
	if p.r.csv {
		return "line " + strconv.Itoa(row) + ", column " + p.colName(col)
	}
	buf := make([]byte, 0, 12)
	buf = append(buf, p.colName(col)...)
	return string(strconv.AppendInt(buf, int64(row), 10))
}

func (p *sheetProc) problem(ref, msg string) int {
	return p.r.sheetProblem(p.s, ref, msg)
}

// metric finds or adds the metric of a data row, or returns nil when it
// cannot be placed yet (see hold). disc is the row's discipline key.
func (p *sheetProc) metric(name, disc string) *metricEntry {
	if e := p.r.lookupMetric(name); e != nil {
		return e
	}
	return p.r.newMetric(name, disc)
}

// emit counts a value, keeps it for the preview and writes it. A value of a
// metric not placed yet (e == nil) is held until the end of the file.
func (p *sheetProc) emit(e *metricEntry, name string, hasDisc bool, metricRef func() string,
	unit string, period model.Period, v float64, note string, col, row int) error {
	if e == nil {
		o := model.Observation{Metric: name, Unit: unit, Period: period, Value: v, Note: note,
			Source: model.Source{File: p.r.res.File, Sheet: p.sheet, Cell: p.ref(col, row)}}
		p.r.hold(p.s, name, hasDisc, metricRef(), &o)
		return nil
	}
	p.r.checkLevel(p.s, e, v, func() string { return p.ref(col, row) })
	p.watch(e, unit, period, v, func() string { return p.ref(col, row) })
	p.sr.Values++
	if len(p.sr.Preview) < p.r.opts.PreviewRows {
		p.sr.Preview = append(p.sr.Preview, []string{period.Label(), unit, e.m.Name, formatValue(v), note})
	}
	if !p.r.writing() {
		return nil
	}
	return p.r.write(e, model.Observation{Metric: e.m.Name, Unit: unit, Period: period, Value: v, Note: note,
		Source: model.Source{File: p.r.res.File, Sheet: p.sheet, Cell: p.ref(col, row)}})
}

// period reads the row's period, from one cell or a Year and a Month or
// Quarter cell.
func (p *sheetProc) period(row Row) (model.Period, string) {
	if p.l.periodPart >= 0 {
		return p.r.splitPeriod(row.At(p.l.period), row.At(p.l.periodPart), p.l.partQuarter)
	}
	return p.r.cellPeriod(row.At(p.l.period))
}

func (p *sheetProc) text(row Row, col int) string {
	if col < 0 {
		return ""
	}
	return row.At(col).Text
}

func (p *sheetProc) unit(row Row) string {
	if p.l.unit < 0 {
		if p.r.opts.Unit != "" {
			return p.r.opts.Unit
		}
		return model.AllUnits
	}
	return p.r.cellUnit(row.At(p.l.unit))
}

// target reads the row's Target cell; ok is false when there is none.
func (p *sheetProc) target(row Row) (v float64, ok, bad bool) {
	if p.l.target < 0 {
		return 0, false, false
	}
	c := row.At(p.l.target)
	v, st := p.r.cellValue(c)
	if st == valueBad {
		p.problem(p.ref(p.l.target, row.Index), notNumber("Target", c))
		return 0, false, true
	}
	return v, st == valueOK, false
}

// longRow reads Period, Unit, Discipline, Metric, Value, Target, Note.
func (p *sheetProc) longRow(row Row) error {
	l := p.l
	vc, mc := row.At(l.value), row.At(l.metric)
	v, st := p.r.cellValue(vc)
	if st == valueBlank {
		if vc.Kind != CellEmpty || mc.Kind != CellEmpty {
			p.sr.Skipped++ // rows with neither metric nor value are spacers
		}
		return nil
	}
	ok := true
	if st == valueBad {
		p.problem(p.ref(l.value, row.Index), notNumber("Value", vc))
		ok = false
	}
	period, msg := p.period(row)
	if msg != "" {
		p.problem(p.ref(l.period, row.Index), msg)
		ok = false
	}
	if mc.Text == "" {
		p.problem(p.ref(l.metric, row.Index), "Metric is empty")
		ok = false
	}
	disc, discOK := "", true
	if l.discipline >= 0 {
		if disc, msg = p.r.cellDiscipline(row.At(l.discipline)); msg != "" {
			p.problem(p.ref(l.discipline, row.Index), msg)
			ok, discOK = false, false
		}
	}
	tv, hasTarget, badTarget := p.target(row)
	if mc.Text == "" || !discOK {
		return nil
	}
	// The metric is looked up even when the row has other problems, so that
	// an unknown metric is reported in the same pass.
	e := p.metric(mc.Text, disc)
	metricRef := func() string { return p.ref(l.metric, row.Index) }
	if !ok || badTarget {
		if e == nil {
			p.r.hold(p.s, mc.Text, l.discipline >= 0, metricRef(), nil)
		}
		return nil
	}
	if hasTarget && e != nil {
		p.setTarget(e, mc.Text, tv)
	}
	err := p.emit(e, mc.Text, l.discipline >= 0, metricRef, p.unit(row), period, v, p.text(row, l.note), l.value, row.Index)
	if hasTarget && e == nil {
		p.setTarget(e, mc.Text, tv)
	}
	return err
}

// setTarget records a Target cell for a metric placed now or, when e is nil,
// held until the end of the file.
func (p *sheetProc) setTarget(e *metricEntry, name string, v float64) {
	if e != nil {
		p.r.setTarget(e, v)
	} else if pm := p.r.pending[model.MetricKey(name)]; pm != nil {
		pm.target = &v
	}
}

// readValues parses the row's period- or metric-values cells into p.vals and
// p.states, reporting bad ones and counting blanks. It returns how many are
// good and whether any cell held anything at all; a row with none is a
// spacer and counts nothing.
func (p *sheetProc) readValues(row Row) (good int, any bool) {
	for _, c := range p.l.valueCols {
		if row.At(c).Kind != CellEmpty {
			any = true
			break
		}
	}
	if !any {
		return 0, false
	}
	for i, c := range p.l.valueCols {
		cell := row.At(c)
		p.vals[i], p.states[i] = p.r.cellValue(cell)
		switch p.states[i] {
		case valueOK:
			good++
		case valueBlank:
			p.sr.Skipped++
		case valueBad:
			p.problem(p.ref(c, row.Index), notNumber("Value", cell))
		}
	}
	return good, true
}

// widePeriodRow reads a metric's values across period columns. A row with
// a label and no values is a heading: when the label (or the row's
// Discipline cell) names a discipline, it applies to the metrics below it
// until the next heading, as in grouped scorecards.
func (p *sheetProc) widePeriodRow(row Row) error {
	l := p.l
	lc := row.At(l.metric)
	disc, msg := "", ""
	if l.discipline >= 0 {
		disc, msg = p.r.cellDiscipline(row.At(l.discipline))
	}
	hasAny := false
	for _, c := range l.valueCols {
		if row.At(c).Kind != CellEmpty {
			hasAny = true
			break
		}
	}
	if !hasAny {
		if disc != "" {
			p.fillDisc = disc
		} else if k, ok := model.ParseDiscipline(lc.Text); ok && l.discipline < 0 {
			p.fillDisc = k
		}
		return nil
	}
	good, _ := p.readValues(row)
	ok := good > 0
	if msg != "" {
		p.problem(p.ref(l.discipline, row.Index), msg)
		ok = false
	}
	if disc != "" {
		p.fillDisc = disc
	} else if msg == "" {
		disc = p.fillDisc
	}
	if lc.Text == "" && good > 0 {
		p.problem(p.ref(l.metric, row.Index), "Metric is empty")
		ok = false
	}
	tv, hasTarget, badTarget := p.target(row)
	if lc.Text == "" {
		return nil
	}
	e := p.metric(lc.Text, disc)
	hasDisc := l.discipline >= 0 || p.fillDisc != ""
	metricRef := func() string { return p.ref(l.metric, row.Index) }
	if !ok || badTarget {
		if e == nil {
			p.r.hold(p.s, lc.Text, hasDisc, metricRef(), nil)
		}
		return nil
	}
	if hasTarget && e != nil {
		p.setTarget(e, lc.Text, tv)
	}
	defer func() {
		if hasTarget && e == nil {
			p.setTarget(e, lc.Text, tv)
		}
	}()
	unit, note := p.unit(row), p.text(row, l.note)
	for i, c := range l.valueCols {
		if p.states[i] != valueOK {
			continue
		}
		if err := p.emit(e, lc.Text, hasDisc, metricRef, unit, l.periods[c], p.vals[i], note, c, row.Index); err != nil {
			return err
		}
	}
	return nil
}

// wideMetricRow reads one period's values across metric columns.
func (p *sheetProc) wideMetricRow(row Row) error {
	l := p.l
	good, any := p.readValues(row)
	if !any {
		return nil
	}
	period, msg := p.period(row)
	if msg != "" && good+countBad(p.states) > 0 {
		p.problem(p.ref(l.period, row.Index), msg)
	}
	if msg != "" || good == 0 {
		return nil
	}
	unit, note := p.unit(row), p.text(row, l.note)
	for i, c := range l.valueCols {
		if p.states[i] != valueOK {
			continue
		}
		e := p.columnMetric(c)
		headerRef := func() string { return p.ref(c, l.headerRow) }
		if err := p.emit(e, l.metrics[c], false, headerRef, unit, period, p.vals[i], note, c, row.Index); err != nil {
			return err
		}
	}
	return nil
}

// columnMetric resolves a wide-by-metric column's metric until it is found.
func (p *sheetProc) columnMetric(c int) *metricEntry {
	if p.colMetric[c] == nil {
		p.colMetric[c] = p.metric(p.l.metrics[c], "")
	}
	return p.colMetric[c]
}

func countBad(states []valueState) int {
	n := 0
	for _, s := range states {
		if s == valueBad {
			n++
		}
	}
	return n
}
