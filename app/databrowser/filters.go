package databrowser

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cxdash/model"
	"cxdash/workspace"
)

// The first choice of each filter select, which turns the filter off; the
// unit's is model.AllUnitsLabel.
const (
	allDisciplines = "All disciplines"
	allMetrics     = "All metrics"
	allPeriods     = "All periods"
	allBatches     = "All batches"
)

// filters are the data browser's own filters. The unit follows the
// filter bar until the user picks one here.
type filters struct {
	unit, disc, metric, period, batch *widget.Select
	onlyCurrent                       *widget.Check
	clear                             *widget.Button

	periods map[string]model.Period // by label
	batches map[string]int64        // by label
	discs   map[string]string       // discipline name -> key
	filling bool                    // set while options are refilled, so no change loops back
}

func (d *Screen) newFilters() fyne.CanvasObject {
	f := &d.f
	changed := func(string) {
		if !f.filling {
			d.apply(false)
		}
	}
	f.unit = widget.NewSelect([]string{model.AllUnitsLabel}, changed)
	f.disc = widget.NewSelect([]string{allDisciplines}, func(string) {
		if !f.filling {
			d.fillMetrics()
			d.apply(false)
		}
	})
	f.metric = widget.NewSelect([]string{allMetrics}, changed)
	f.period = widget.NewSelect([]string{allPeriods}, changed)
	f.batch = widget.NewSelect([]string{allBatches}, changed)
	f.unit.PlaceHolder, f.disc.PlaceHolder, f.metric.PlaceHolder = model.AllUnitsLabel, allDisciplines, allMetrics
	f.period.PlaceHolder, f.batch.PlaceHolder = allPeriods, allBatches
	f.onlyCurrent = widget.NewCheck("Only values that count", func(bool) {
		if !f.filling {
			d.apply(false)
		}
	})
	f.clear = widget.NewButton("Clear filters", d.clearFilters)
	return container.NewBorder(nil, nil, nil, container.NewHBox(f.onlyCurrent, f.clear),
		container.NewGridWithColumns(5, f.unit, f.disc, f.metric, f.period, f.batch))
}

// fillOptions offers the units, disciplines, metrics and periods of the
// snapshot, keeping the choices that still exist.
func (d *Screen) fillOptions() {
	f := &d.f
	f.filling = true
	defer func() { f.filling = false }()
	snap := d.h.State()
	units := []string{model.AllUnitsLabel}
	discs := []string{allDisciplines}
	f.discs = map[string]string{}
	d.discOf = map[string]string{}
	if snap != nil {
		units = append(units, snap.Units...)
		for _, disc := range snap.Framework.Disciplines {
			discs = append(discs, disc.Name)
			f.discs[disc.Name] = disc.Key
		}
		for _, m := range snap.Metrics {
			if disc, ok := snap.Framework.Discipline(m.Discipline); ok {
				d.discOf[model.MetricKey(m.Name)] = disc.Name
			} else {
				d.discOf[model.MetricKey(m.Name)] = m.Discipline
			}
		}
	}
	setOptions(f.unit, units)
	setOptions(f.disc, discs)
	d.fillPeriods()
	f.filling = false
	d.fillMetrics()
}

// fillMetrics offers the metrics of the chosen discipline.
func (d *Screen) fillMetrics() {
	f := &d.f
	was := f.filling
	f.filling = true
	defer func() { f.filling = was }()
	metrics := []string{allMetrics}
	if snap := d.h.State(); snap != nil {
		key := f.discs[f.disc.Selected]
		for _, m := range snap.Metrics {
			if key == "" || m.Discipline == key {
				metrics = append(metrics, m.Name)
			}
		}
	}
	slices.SortFunc(metrics[1:], func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	setOptions(f.metric, metrics)
}

// fillPeriods offers the periods with data at the filter bar's granularity.
func (d *Screen) fillPeriods() {
	f := &d.f
	was := f.filling
	f.filling = true
	defer func() { f.filling = was }()
	labels := []string{allPeriods}
	f.periods = map[string]model.Period{}
	for _, p := range d.h.State().Periods(workspace.Filters{Gran: d.h.Filters().Gran}) {
		labels = append(labels, p.Label())
		f.periods[p.Label()] = p
	}
	if sel := f.period.Selected; sel != "" && sel != allPeriods {
		if _, ok := f.periods[sel]; !ok {
			// A period chosen at another granularity stays chosen: the
			// browser shows it until the user picks another.
			if p, err := model.ParsePeriod(sel); err == nil {
				labels = append(labels, sel)
				f.periods[sel] = p
			}
		}
	}
	setOptions(f.period, labels)
}

// loadBatches fills the batch filter off the UI thread.
func (d *Screen) loadBatches() {
	ws := d.h.Workspace()
	if ws == nil {
		return
	}
	d.work.Start()
	go func() {
		bs, err := ws.Batches(d.h.Context())
		d.h.Do(func() {
			defer d.work.Done()
			if err != nil || ws != d.h.Workspace() {
				return // the table shows read errors; the filter keeps its options
			}
			f := &d.f
			f.filling = true
			defer func() { f.filling = false }()
			labels := []string{allBatches}
			f.batches = map[string]int64{}
			for _, b := range bs {
				l := batchLabel(b)
				labels = append(labels, l)
				f.batches[l] = b.ID
			}
			before := f.batch.Selected
			setOptions(f.batch, labels)
			if f.batch.Selected != before {
				d.apply(false)
			}
		})
	}()
}

func batchLabel(b workspace.Batch) string { return fmt.Sprintf("Batch %d · %s", b.ID, b.File) }

// followUnit shows the filter bar's unit when it changed there.
func (d *Screen) followUnit() {
	u := d.h.Filters().Unit
	if u == d.globalUnit {
		return
	}
	d.globalUnit = u
	f := &d.f
	f.filling = true
	defer func() { f.filling = false }()
	if model.IsAllUnits(u) {
		f.unit.SetSelected(model.AllUnitsLabel)
	} else if slices.Contains(f.unit.Options, u) {
		f.unit.SetSelected(u)
	}
}

// clearFilters shows every observation of every unit.
func (d *Screen) clearFilters() {
	f := &d.f
	f.filling = true
	f.unit.SetSelected(model.AllUnitsLabel)
	f.disc.SetSelected(allDisciplines)
	f.period.SetSelected(allPeriods)
	f.batch.SetSelected(allBatches)
	f.onlyCurrent.SetChecked(false)
	f.filling = false
	d.fillMetrics()
	f.metric.SetSelected(allMetrics)
	d.apply(false)
}

// filter is the store filter the selects describe, sorted as the header
// says.
func (d *Screen) filter() workspace.ObservationFilter {
	f := &d.f
	var of workspace.ObservationFilter
	if u := f.unit.Selected; u != "" && u != model.AllUnitsLabel {
		of.Unit = u
	}
	of.Discipline = f.discs[f.disc.Selected]
	if m := f.metric.Selected; m != "" && m != allMetrics {
		of.Metric = m
	}
	of.Period = f.periods[f.period.Selected]
	of.BatchID = f.batches[f.batch.Selected]
	of.OnlyCurrent = f.onlyCurrent.Checked
	if d.sortCol >= 0 {
		of.OrderBy, of.Desc = columns[d.sortCol].order, d.desc
	}
	return of
}

// filtered reports whether any filter narrows the rows.
func filtered(of workspace.ObservationFilter) bool {
	of.OrderBy, of.Desc = "", false
	return of != workspace.ObservationFilter{}
}

// setOptions replaces a select's options and keeps its choice when it
// is still offered; otherwise the first option ("All …") is chosen.
func setOptions(s *widget.Select, options []string) {
	sel := s.Selected
	s.Options = options
	if !slices.Contains(options, sel) {
		sel = options[0]
	}
	s.Selected = sel
	s.Refresh()
}
