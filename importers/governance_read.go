package importers

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"cxdash/model"
)

// govProc reads the rows of one governance sheet into records for a
// GovernanceSink. A row is read cell by cell, every bad cell reported;
// a good row is validated and written at once, or at the end of the sheet
// when one of its dates reads both ways (see orderFor) or a row above it
// waits for that, so that records keep the sheet's order.
type govProc struct {
	p        *sheetProc
	k        *govKind
	cols     map[Role]int
	evidence map[int]*dateEvidence
	held     []*govRow
	seen     map[string]govSeen // natural key -> first record
	preview  []govPreview       // the first rows taken, in sheet order
	noSev    bool               // the missing Severity column is reported

	rowIndex int
	cur      *govRow
}

// govRow is one row being read: its held dates, how to check its record
// as a whole (validation, duplicates) and how to write it.
type govRow struct {
	index   int
	failed  bool
	checked bool
	dates   []pendingDate
	check   func() bool
	write   func() error
}

// govPreview is a preview row and the sheet row it shows.
type govPreview struct {
	row    int
	fields []string
}

// govSeen is a record already taken, for duplicates.
type govSeen struct {
	where  string
	record any
}

func newGovProc(p *sheetProc, k *govKind) *govProc {
	g := &govProc{p: p, k: k, cols: map[Role]int{}, evidence: map[int]*dateEvidence{}, seen: map[string]govSeen{}}
	for c, r := range p.l.roles {
		if _, dup := g.cols[r]; r != RoleIgnore && !dup && k.field(r) != nil {
			g.cols[r] = c
		}
	}
	return g
}

// checkGovernanceSink fails a real import of a workbook with governance
// sheets into a sink that cannot take them, before anything is written.
func (r *run) checkGovernanceSink(scans []*sheetScan) error {
	if r.sink == nil {
		return nil
	}
	if _, ok := r.sink.(GovernanceSink); ok {
		return nil
	}
	for _, s := range scans {
		if s.lay != nil && isGovernance(s.lay.layout) {
			where := fmt.Sprintf("sheet %q", s.info.Name)
			if r.csv {
				where = "the file"
			}
			k := govKindOf(s.lay.layout)
			return fmt.Errorf("importers: %s: %s holds %s records (%s), but this import cannot store governance records",
				r.res.File, where, k.noun, k.sheet)
		}
	}
	return nil
}

// readGovernance reads the governance sheets, Owners then Actions, Issues
// and Events (issues name their action, which is then known), each kind in
// workbook order. It returns how many sheets it read.
func (r *run) readGovernance(scans []*sheetScan) (int, error) {
	if err := r.checkGovernanceSink(scans); err != nil {
		return 0, err
	}
	n := 0
	for i := range govKinds {
		k := &govKinds[i]
		for _, s := range scans {
			if s.lay == nil || s.lay.layout != k.layout {
				continue
			}
			n++
			p := newSheetProc(r, s)
			g := newGovProc(p, k)
			p.row = g.row
			if err := r.eachRow(s, p.dispatch); err != nil {
				return n, err
			}
			if err := g.finish(); err != nil {
				return n, err
			}
			r.res.Records += s.sr.Values
		}
	}
	return n, nil
}

// row reads one row of the sheet.
func (g *govProc) row(row Row) error {
	blank := true
	for _, c := range g.cols {
		if !emptyCell(row.At(c)) {
			blank = false
			break
		}
	}
	if blank {
		return nil // a spacer, or a row of dashes
	}
	g.rowIndex = row.Index
	g.cur = &govRow{index: row.Index}
	switch g.k.layout {
	case LayoutOwners:
		g.ownershipRow(row)
	case LayoutActions:
		g.actionRow(row)
	case LayoutIssues:
		g.issueRow(row)
	case LayoutEvents:
		g.eventRow(row)
	}
	switch {
	case len(g.cur.dates) > 0:
		g.held = append(g.held, g.cur) // settled, checked and written in finish
	case g.cur.failed, !g.cur.check():
	case len(g.held) > 0:
		// Checked now, written after the held rows before it, so that
		// records reach the sink in the sheet's order.
		g.cur.checked = true
		g.held = append(g.held, g.cur)
	default:
		return g.cur.write()
	}
	return nil
}

// finish settles the held rows' dates and writes those rows.
func (g *govProc) finish() error {
	for _, h := range g.held {
		g.rowIndex = h.index
		if !h.checked {
			for _, d := range h.dates {
				if !g.settle(d) {
					h.failed = true
				}
			}
			if h.failed || !h.check() {
				continue
			}
		}
		if err := h.write(); err != nil {
			return err
		}
	}
	g.held = nil
	for _, pv := range g.preview {
		g.p.sr.Preview = append(g.p.sr.Preview, pv.fields)
	}
	return nil
}

// need reports an empty required cell; a cell with a formula error is
// reported as that already.
func (g *govProc) need(row Row, r Role, msg string) {
	if c, col := g.at(row, r); col >= 0 && emptyCell(c) {
		g.bad(col, msg)
	}
}

// emptyCell reports a cell that holds nothing: empty, a blank word, #N/A.
func emptyCell(c Cell) bool {
	return blankCell(c) && (c.Kind != CellError || IsBlank(c.Text))
}

// colOf is the column of role r, or -1.
func (g *govProc) colOf(r Role) int {
	if c, ok := g.cols[r]; ok {
		return c
	}
	return -1
}

func (g *govProc) ownershipRow(row Row) {
	o := &model.Ownership{}
	name := g.text(row, RoleName)
	_, nameCol := g.at(row, RoleName)
	if kt := g.text(row, RoleSubjectType); kt != "" {
		kind, ok := parseSubjectKind(kt)
		if !ok {
			_, col := g.at(row, RoleSubjectType)
			g.bad(col, fmt.Sprintf("Type %q is not Discipline or Metric", strings.TrimSpace(kt)))
		}
		o.Kind = kind
	}
	switch {
	case name == "":
		g.need(row, RoleName, "Name is empty: give the discipline or metric owned")
	case o.Kind == model.SubjectDiscipline:
		key, ok := model.ParseDiscipline(name)
		if !ok {
			g.bad(nameCol, fmt.Sprintf("Name %q is not a discipline: use one of %s", name, disciplineList))
		}
		o.Key = key
	case o.Kind == model.SubjectMetric:
		o.Key = g.metric(row, RoleName)
	case !g.cur.failed:
		// No Type: the name says which, when it names one thing only.
		key, isDisc := model.ParseDiscipline(name)
		metric, isMetric := g.p.r.metricName(name)
		_, col := g.at(row, RoleSubjectType)
		switch {
		case isDisc && !isMetric:
			o.Kind, o.Key = model.SubjectDiscipline, key
		case isMetric && !isDisc:
			o.Kind, o.Key = model.SubjectMetric, metric
		default:
			g.bad(col, fmt.Sprintf("Type is empty: write Discipline or Metric for %q", name))
		}
	}
	o.Owner = g.owner(row)
	o.Target = g.number(row, RoleTarget)
	if t := o.Target; t != nil && o.Kind == model.SubjectDiscipline && (*t < 1 || *t > 5) {
		_, col := g.at(row, RoleTarget)
		g.bad(col, fmt.Sprintf("Target %s of a discipline is not a maturity score from 1 to 5", formatValue(*t)))
	}
	g.date(row, RoleTargetDate, &o.TargetDate)
	if s := g.text(row, RoleCadence); s != "" {
		c, err := model.ParseCadence(s)
		if err != nil {
			_, col := g.at(row, RoleCadence)
			g.bad(col, err.Error())
		}
		o.Cadence = c
	}
	g.date(row, RoleLastReviewed, &o.LastReviewed)
	g.cur.check = func() bool {
		label := fmt.Sprintf("%s %q", o.Kind, o.Key)
		return g.take(o.Validate(), RoleName, string(o.Kind)+"|"+strings.ToLower(o.Key), label, *o,
			[]string{string(o.Kind), o.Key, o.Owner, previewNumber(o.Target), previewDay(o.TargetDate),
				string(o.Cadence), previewDay(o.LastReviewed)})
	}
	g.cur.write = g.writer(func(gs GovernanceSink) error { return gs.PutOwnership(g.p.r.ctx, *o) })
}

func (g *govProc) actionRow(row Row) {
	a := &model.Action{}
	a.Title = g.text(row, RoleTitle)
	g.need(row, RoleTitle, "Title is empty: an action needs a title")
	a.Description = g.prose(row, RoleDescription)
	a.Discipline = g.discipline(row)
	a.Metric = g.metric(row, RoleMetric)
	a.Unit = g.unit(row)
	a.Owner = g.owner(row)
	g.date(row, RoleDue, &a.Due)
	st, err := model.ParseActionStatus(g.text(row, RoleStatus))
	if err != nil {
		_, col := g.at(row, RoleStatus)
		g.bad(col, err.Error())
	}
	a.Status = st
	a.Gap = g.number(row, RoleGap)
	g.date(row, RoleCreated, &a.Created)
	g.date(row, RoleClosed, &a.Closed)
	g.cur.check = func() bool {
		if !a.Closed.IsZero() && !a.Created.IsZero() && model.Day(a.Closed).Before(model.Day(a.Created)) {
			return g.reject(RoleClosed, fmt.Sprintf("Closed %s is before Created %s: an action cannot close before it was created",
				previewDay(a.Closed), previewDay(a.Created)))
		}
		return g.take(a.Validate(), RoleTitle, a.Key(), fmt.Sprintf("action %q", a.Title), *a,
			[]string{a.Title, a.Description, a.Discipline, a.Metric, a.Unit, a.Owner, previewDay(a.Due),
				string(a.Status), previewNumber(a.Gap), previewDay(a.Created), previewDay(a.Closed)})
	}
	g.cur.write = g.writer(func(gs GovernanceSink) error { return gs.PutAction(g.p.r.ctx, *a) })
}

func (g *govProc) issueRow(row Row) {
	i := &model.CXIssue{}
	g.date(row, RoleDate, &i.Date)
	g.need(row, RoleDate, "Date is empty: an issue needs the day it happened")
	i.Touchpoint = model.NormalizeTouchpoint(g.text(row, RoleTouchpoint))
	i.Unit = g.unit(row)
	if _, col := g.at(row, RoleSeverity); col < 0 {
		g.cur.failed = true // reported once for the sheet, in finish
		g.noSeverity()
	} else if s := g.text(row, RoleSeverity); s == "" {
		g.need(row, RoleSeverity, "Severity is empty: use low, medium, high or critical (or 1 to 4, 1 the worst)")
	} else {
		sev, err := model.ParseSeverity(s)
		if err != nil {
			g.bad(col, err.Error())
		}
		i.Severity = sev
	}
	i.Description = g.prose(row, RoleDescription)
	g.need(row, RoleDescription, "Description is empty: say what happened")
	i.RootCause = g.prose(row, RoleRootCause)
	st, err := model.ParseIssueStatus(g.text(row, RoleStatus))
	if err != nil {
		_, col := g.at(row, RoleStatus)
		g.bad(col, err.Error())
	}
	i.Status = st
	i.Discipline = g.discipline(row)
	i.ActionTitle = g.text(row, RoleAction)
	g.date(row, RoleResolved, &i.Resolved)
	g.cur.check = func() bool {
		if !i.Resolved.IsZero() && model.Day(i.Resolved).Before(model.Day(i.Date)) {
			return g.reject(RoleResolved, fmt.Sprintf("Resolved %s is before the issue's Date %s",
				previewDay(i.Resolved), previewDay(i.Date)))
		}
		label := fmt.Sprintf("issue of %s at %s %q", previewDay(i.Date), orDash(i.Touchpoint), i.Description)
		return g.take(i.Validate(), RoleDescription, i.Key(), label, *i,
			[]string{previewDay(i.Date), i.Touchpoint, i.Unit, string(i.Severity), i.Description, i.RootCause,
				string(i.Status), i.Discipline, i.ActionTitle, previewDay(i.Resolved)})
	}
	g.cur.write = g.writer(func(gs GovernanceSink) error { return gs.PutIssue(g.p.r.ctx, *i) })
}

func (g *govProc) eventRow(row Row) {
	e := &model.Event{}
	g.date(row, RoleDate, &e.Date)
	g.need(row, RoleDate, "Date is empty: an event needs a date")
	e.Unit = g.unit(row)
	e.Title = g.text(row, RoleTitle)
	g.need(row, RoleTitle, "Title is empty: an event needs a title")
	e.Description = g.prose(row, RoleDescription)
	g.cur.check = func() bool {
		return g.take(e.Validate(), RoleTitle, e.Key(), fmt.Sprintf("event %q of %s", e.Title, previewDay(e.Date)), *e,
			[]string{previewDay(e.Date), e.Unit, e.Title, e.Description})
	}
	g.cur.write = g.writer(func(gs GovernanceSink) error { return gs.PutEvent(g.p.r.ctx, *e) })
}

// noSeverity reports, once per sheet, an Issues sheet without a Severity
// column: every issue needs one.
func (g *govProc) noSeverity() {
	if g.noSev {
		return
	}
	g.noSev = true
	g.p.r.sheetProblem(g.p.s, "", "this Issues sheet has no Severity column: add one (low, medium, high or critical)")
}

// reject reports a row refused as a whole at the cell of role r.
func (g *govProc) reject(r Role, msg string) bool {
	g.p.problem(g.p.ref(g.colOf(r), g.rowIndex), msg)
	return false
}

// take validates a record, refuses a second, different record with the
// same natural key, and counts it and keeps it for the preview. It reports
// whether the record is to be written (a repeat of the same record is not).
func (g *govProc) take(invalid error, keyRole Role, key, label string, record any, preview []string) bool {
	if invalid != nil {
		return g.reject(keyRole, invalid.Error())
	}
	col := g.colOf(keyRole)
	where := g.p.where(g.p.ref(col, g.rowIndex))
	if prev, ok := g.seen[key]; ok {
		if !reflect.DeepEqual(prev.record, record) {
			g.p.problem(g.p.ref(col, g.rowIndex), fmt.Sprintf("%s is listed twice, differently (also at %s)", label, prev.where))
		}
		return false
	}
	g.seen[key] = govSeen{where: where, record: record}
	g.p.sr.Values++
	g.addPreview(preview)
	return true
}

// addPreview keeps the first rows taken in sheet order: held rows are
// taken after the rows below them.
func (g *govProc) addPreview(fields []string) {
	n := g.p.r.opts.PreviewRows
	i := sort.Search(len(g.preview), func(i int) bool { return g.preview[i].row > g.rowIndex })
	if i >= n {
		return
	}
	g.preview = slices.Insert(g.preview, i, govPreview{g.rowIndex, fields})
	if len(g.preview) > n {
		g.preview = g.preview[:n]
	}
}

// writer makes a row's write: to the sink, unless this is a dry run or a
// problem has doomed the batch.
func (g *govProc) writer(put func(GovernanceSink) error) func() error {
	return func() error {
		if !g.p.r.writing() {
			return nil
		}
		gs, ok := g.p.r.sink.(GovernanceSink)
		if !ok {
			return errors.New("importers: this import cannot store governance records")
		}
		return put(gs)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
