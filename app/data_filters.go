package app

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

// The first choice of each filter select, which turns the filter off.
const (
	dataAllUnits       = "All units"
	dataAllDisciplines = "All disciplines"
	dataAllMetrics     = "All metrics"
	dataAllPeriods     = "All periods"
	dataAllBatches     = "All batches"
)

// dataFilters are the data browser's own filters. The unit follows the
// filter bar until the user picks one here.
type dataFilters struct {
	unit, disc, metric, period, batch *widget.Select
	onlyCurrent                       *widget.Check
	clear                             *widget.Button

	periods map[string]model.Period // by label
	batches map[string]int64        // by label
	discs   map[string]string       // discipline name -> key
	filling bool                    // set while options are refilled, so no change loops back
}

func (d *dataScreen) newFilters() fyne.CanvasObject {
	f := &d.f
	changed := func(string) {
		if !f.filling {
			d.apply(false)
		}
	}
	f.unit = widget.NewSelect([]string{dataAllUnits}, changed)
	f.disc = widget.NewSelect([]string{dataAllDisciplines}, func(string) {
		if !f.filling {
			d.fillMetrics()
			d.apply(false)
		}
	})
	f.metric = widget.NewSelect([]string{dataAllMetrics}, changed)
	f.period = widget.NewSelect([]string{dataAllPeriods}, changed)
	f.batch = widget.NewSelect([]string{dataAllBatches}, changed)
	f.unit.PlaceHolder, f.disc.PlaceHolder, f.metric.PlaceHolder = dataAllUnits, dataAllDisciplines, dataAllMetrics
	f.period.PlaceHolder, f.batch.PlaceHolder = dataAllPeriods, dataAllBatches
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
func (d *dataScreen) fillOptions() {
	f := &d.f
	f.filling = true
	defer func() { f.filling = false }()
	snap := d.s.State()
	units := []string{dataAllUnits}
	discs := []string{dataAllDisciplines}
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
	dataSetOptions(f.unit, units)
	dataSetOptions(f.disc, discs)
	d.fillPeriods()
	f.filling = false
	d.fillMetrics()
}

// fillMetrics offers the metrics of the chosen discipline.
func (d *dataScreen) fillMetrics() {
	f := &d.f
	was := f.filling
	f.filling = true
	defer func() { f.filling = was }()
	metrics := []string{dataAllMetrics}
	if snap := d.s.State(); snap != nil {
		key := f.discs[f.disc.Selected]
		for _, m := range snap.Metrics {
			if key == "" || m.Discipline == key {
				metrics = append(metrics, m.Name)
			}
		}
	}
	slices.SortFunc(metrics[1:], func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	dataSetOptions(f.metric, metrics)
}

// fillPeriods offers the periods with data at the filter bar's granularity.
func (d *dataScreen) fillPeriods() {
	f := &d.f
	was := f.filling
	f.filling = true
	defer func() { f.filling = was }()
	labels := []string{dataAllPeriods}
	f.periods = map[string]model.Period{}
	for _, p := range d.s.State().Periods(workspace.Filters{Gran: d.s.Filters().Gran}) {
		labels = append(labels, p.Label())
		f.periods[p.Label()] = p
	}
	if sel := f.period.Selected; sel != "" && sel != dataAllPeriods {
		if _, ok := f.periods[sel]; !ok {
			// A period chosen at another granularity stays chosen: the
			// browser shows it until the user picks another.
			if p, err := model.ParsePeriod(sel); err == nil {
				labels = append(labels, sel)
				f.periods[sel] = p
			}
		}
	}
	dataSetOptions(f.period, labels)
}

// loadBatches fills the batch filter off the UI thread.
func (d *dataScreen) loadBatches() {
	ws := d.s.Workspace()
	if ws == nil {
		return
	}
	d.work.Start()
	go func() {
		bs, err := ws.Batches(d.s.Context())
		d.s.Do(func() {
			defer d.work.Done()
			if err != nil || ws != d.s.Workspace() {
				return // the table shows read errors; the filter keeps its options
			}
			f := &d.f
			f.filling = true
			defer func() { f.filling = false }()
			labels := []string{dataAllBatches}
			f.batches = map[string]int64{}
			for _, b := range bs {
				l := dataBatchLabel(b)
				labels = append(labels, l)
				f.batches[l] = b.ID
			}
			before := f.batch.Selected
			dataSetOptions(f.batch, labels)
			if f.batch.Selected != before {
				d.apply(false)
			}
		})
	}()
}

func dataBatchLabel(b workspace.Batch) string { return fmt.Sprintf("Batch %d · %s", b.ID, b.File) }

// followUnit shows the filter bar's unit when it changed there.
func (d *dataScreen) followUnit() {
	u := d.s.Filters().Unit
	if u == d.globalUnit {
		return
	}
	d.globalUnit = u
	f := &d.f
	f.filling = true
	defer func() { f.filling = false }()
	if u == "" || u == model.AllUnits {
		f.unit.SetSelected(dataAllUnits)
	} else if slices.Contains(f.unit.Options, u) {
		f.unit.SetSelected(u)
	}
}

// clearFilters shows every observation of every unit.
func (d *dataScreen) clearFilters() {
	f := &d.f
	f.filling = true
	f.unit.SetSelected(dataAllUnits)
	f.disc.SetSelected(dataAllDisciplines)
	f.period.SetSelected(dataAllPeriods)
	f.batch.SetSelected(dataAllBatches)
	f.onlyCurrent.SetChecked(false)
	f.filling = false
	d.fillMetrics()
	f.metric.SetSelected(dataAllMetrics)
	d.apply(false)
}

// filter is the store filter the selects describe, sorted as the header
// says.
func (d *dataScreen) filter() workspace.ObservationFilter {
	f := &d.f
	var of workspace.ObservationFilter
	if u := f.unit.Selected; u != "" && u != dataAllUnits {
		of.Unit = u
	}
	of.Discipline = f.discs[f.disc.Selected]
	if m := f.metric.Selected; m != "" && m != dataAllMetrics {
		of.Metric = m
	}
	of.Period = f.periods[f.period.Selected]
	of.BatchID = f.batches[f.batch.Selected]
	of.OnlyCurrent = f.onlyCurrent.Checked
	if d.sortCol >= 0 {
		of.OrderBy, of.Desc = dataColumns[d.sortCol].order, d.desc
	}
	return of
}

// dataFiltered reports whether any filter narrows the rows.
func dataFiltered(of workspace.ObservationFilter) bool {
	of.OrderBy, of.Desc = "", false
	return of != workspace.ObservationFilter{}
}

// dataSetOptions replaces a select's options and keeps its choice when it
// is still offered; otherwise the first option ("All …") is chosen.
func dataSetOptions(s *widget.Select, options []string) {
	sel := s.Selected
	s.Options = options
	if !slices.Contains(options, sel) {
		sel = options[0]
	}
	s.Selected = sel
	s.Refresh()
}
