package importers

import (
	"fmt"
	"reflect"
	"strings"

	"cxdash/model"
)

// catalogueRow reads one metric definition: Metric, Discipline, Measure
// unit, Direction, Scale, t1..t5, Weight, Target, Owner. Blank cells take
// the defaults: a known KPI's (NPS, CSAT %, ...) or a 1..5 level's; filled
// thresholds with a blank Scale mean the thresholds scale.
func (p *sheetProc) catalogueRow(row Row) error {
	l := p.l
	nameCell := row.At(l.metric)
	name := nameCell.Text
	filled := 0
	for c, r := range l.roles {
		if r != RoleIgnore && c != l.metric && !blankCell(row.At(c)) {
			filled++
		}
	}
	if filled == 0 {
		return nil // a footnote or a bare name under the table
	}
	at := func(c int) string { return p.ref(c, row.Index) }
	if name == "" {
		p.problem(at(l.metric), "Metric is empty")
		return nil
	}
	ok := true
	bad := func(c int, msg string) {
		p.problem(at(c), msg)
		ok = false
	}

	m, kpi := model.KnownKPI(name)
	disc, msg := p.r.cellDiscipline(row.At(l.discipline))
	switch {
	case msg != "":
		bad(l.discipline, msg)
	case disc == "" && !kpi:
		bad(l.discipline, fmt.Sprintf("Discipline is empty for metric %q: use one of %s", name, disciplineList))
	case disc == "":
		disc = m.Discipline
	}
	if !kpi {
		m = model.NewLevelMetric(name, disc)
	}
	m.Discipline = disc

	if c := l.measureUnit; c >= 0 && !blankCell(row.At(c)) {
		m.Unit = row.At(c).Text
	}
	if c := l.direction; c >= 0 && !blankCell(row.At(c)) {
		d, err := model.ParseDirection(row.At(c).Text)
		if err != nil {
			bad(c, "Direction "+strings.TrimPrefix(err.Error(), "direction "))
		}
		m.Direction = d
	}
	given := 0
	var t [5]float64
	for i, c := range l.thresholds {
		if c < 0 {
			continue
		}
		v, st := p.r.cellValue(row.At(c))
		switch st {
		case valueOK:
			t[i] = v
			given++
		case valueBad:
			bad(c, notNumber(fmt.Sprintf("t%d", i+1), row.At(c)))
			given++
		}
	}
	scaleSet := false
	if c := l.scale; c >= 0 && !blankCell(row.At(c)) {
		s, err := model.ParseScale(row.At(c).Text)
		if err != nil {
			bad(c, "Scale "+strings.TrimPrefix(err.Error(), "scale "))
		}
		m.Scale, scaleSet = s, true
	}
	switch {
	case given > 0 && given < 5:
		bad(l.metric, fmt.Sprintf("metric %q has %d of the thresholds t1..t5: give all five", name, given))
	case given == 5:
		m.Thresholds = t
		if !scaleSet {
			m.Scale = model.ScaleThresholds
		}
	case m.Scale == model.ScaleThresholds && !kpi:
		bad(l.metric, fmt.Sprintf("metric %q uses the thresholds scale but t1..t5 are empty", name))
	}
	if c := l.weight; c >= 0 {
		v, st := p.r.cellValue(row.At(c))
		switch st {
		case valueOK:
			m.Weight = v
		case valueBad:
			bad(c, notNumber("Weight", row.At(c)))
		}
	}
	if c := l.target; c >= 0 {
		v, st := p.r.cellValue(row.At(c))
		switch st {
		case valueOK:
			m.Target = &v
		case valueBad:
			bad(c, notNumber("Target", row.At(c)))
		}
	}
	if c := l.owner; c >= 0 && !blankCell(row.At(c)) {
		m.Owner = row.At(c).Text
	}
	if !ok {
		return nil
	}
	if err := m.Validate(); err != nil {
		p.problem(at(l.metric), strings.TrimPrefix(err.Error(), model.ErrInvalidMetric.Error()+": "))
		return nil
	}
	return p.define(m, at(l.metric))
}

// define records a catalogue sheet's metric and writes it when it is new
// or differs from the workspace's.
func (p *sheetProc) define(m model.Metric, ref string) error {
	r := p.r
	key := model.MetricKey(m.Name)
	if e := r.metrics[key]; e != nil && e.origin == fromCatalogueSheet {
		if !sameMetric(e.m, m) {
			p.problem(ref, fmt.Sprintf("metric %q is defined twice, differently (also at %s)", m.Name, e.defined))
		}
		return nil
	}
	e := &metricEntry{m: m, origin: fromCatalogueSheet, levelProblem: -1, defined: p.where(ref)}
	var old model.Metric
	known := false
	if r.opts.Catalogue != nil {
		old, known = r.opts.Catalogue(m.Name)
	}
	if known {
		e.m.Name = old.Name // keep the workspace's spelling: one metric, not two
		e.written = sameMetric(old, e.m)
	} else {
		r.res.NewMetrics = append(r.res.NewMetrics, m.Name)
	}
	r.metrics[key] = e
	if len(p.sr.Preview) < r.opts.PreviewRows {
		p.sr.Preview = append(p.sr.Preview, cataloguePreview(e.m))
	}
	return r.use(e)
}

// where names a cell with its sheet for messages: "Catalogue!A5".
func (p *sheetProc) where(ref string) string {
	if p.sheet == "" {
		return ref
	}
	return p.sheet + "!" + ref
}

// sameMetric compares definitions, targets by value.
func sameMetric(a, b model.Metric) bool {
	ta, tb := a.Target, b.Target
	a.Target, b.Target = nil, nil
	if !reflect.DeepEqual(a, b) {
		return false
	}
	switch {
	case ta == nil || tb == nil:
		return ta == tb
	default:
		return *ta == *tb
	}
}
