package workspace

import (
	"context"
	"iter"
	"path/filepath"
	"strings"
	"time"

	"cxdash/model"
	"cxdash/report"
)

// exportPage is how many observations an export reads per query: enough to
// keep queries few, few enough to keep memory flat on a million rows.
const exportPage = 20000

// ExportXLSX writes the Excel report of unit ("" or "All" for all units)
// to path. The file appears only when complete; progress counts
// observations written.
func (w *Workspace) ExportXLSX(ctx context.Context, path, unit string, progress Progress) error {
	return w.fromSnapshot(ctx, func(w *Workspace) error {
		d, err := w.ReportData(ctx, unit)
		if err != nil {
			return err
		}
		return report.WriteXLSXFile(ctx, path, d, progress.report())
	})
}

// ExportHTML writes the offline interactive HTML report of unit to path.
func (w *Workspace) ExportHTML(ctx context.Context, path, unit string, progress Progress) error {
	return w.fromSnapshot(ctx, func(w *Workspace) error {
		d, err := w.ReportData(ctx, unit)
		if err != nil {
			return err
		}
		return report.WriteHTMLFile(ctx, path, d, progress.report())
	})
}

// ExportCSV writes unit's observations with their sources to path as CSV.
func (w *Workspace) ExportCSV(ctx context.Context, path, unit string, progress Progress) error {
	return w.fromSnapshot(ctx, func(w *Workspace) error {
		d, err := w.ReportData(ctx, unit)
		if err != nil {
			return err
		}
		return report.WriteCSVFile(ctx, path, d, progress.report())
	})
}

// fromSnapshot runs fn on a read-only snapshot of the workspace, so that a
// report's every part (summary, charts, data sheet) shows the same batches
// while others import into a team workspace, or the window into this file.
func (w *Workspace) fromSnapshot(ctx context.Context, fn func(*Workspace) error) error {
	st, err := w.st.Snapshot(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(&Workspace{st: st})
}

// ReportData gathers what a report shows: unit ("" or "All" for all units)
// scored in the latest period, at the default granularity, in which it has
// data; its trend over every period; every unit in that period; the
// catalogue, the import log, a stream of unit's observations, and the
// governance records: every owner and target, and the actions, CX issues
// and events of unit and of all units.
func (w *Workspace) ReportData(ctx context.Context, unit string) (report.Data, error) {
	st := w.st
	fw, err := st.Framework(ctx)
	if err != nil {
		return report.Data{}, err
	}
	metrics, err := st.Metrics(ctx)
	if err != nil {
		return report.Data{}, err
	}
	values, err := st.Values(ctx)
	if err != nil {
		return report.Data{}, err
	}
	sc := model.NewScorer(fw, metrics, values)
	periods := sc.Periods(sc.DefaultGranularity())
	if len(periods) == 0 {
		return report.Data{}, ErrNoData
	}
	unit, err = resolveUnit(sc.Units(), unit)
	if err != nil {
		return report.Data{}, err
	}
	trend := make([]model.Summary, len(periods))
	current := len(periods) - 1
	for i, p := range periods {
		trend[i] = sc.Summary(unit, p)
		if trend[i].Overall.Present {
			current = i
		}
	}
	var units []model.Summary
	for _, u := range sc.Units() {
		units = append(units, sc.Summary(u, periods[current]))
	}
	batches, err := st.Batches(ctx)
	if err != nil {
		return report.Data{}, err
	}
	filter := ObservationFilter{}
	if unit != model.AllUnits {
		filter.Unit = unit
	}
	count, err := st.CountObservations(ctx, filter)
	if err != nil {
		return report.Data{}, err
	}
	d := report.Data{
		Workspace:        ClientName(st.Path()),
		Unit:             unit,
		Period:           periods[current],
		Generated:        time.Now(),
		Framework:        fw,
		Summary:          trend[current],
		Trend:            trend,
		Units:            units,
		Metrics:          metrics,
		Values:           values,
		Observations:     w.observations(ctx, filter, batches),
		ObservationCount: count,
	}
	for _, b := range batches {
		d.Batches = append(d.Batches, report.Batch{ID: b.ID, File: b.File, ImportedAt: b.ImportedAt, User: b.User,
			Rows: b.Rows, Skipped: b.Skipped, Metrics: b.Metrics, SHA256: b.SHA256})
	}
	if err := w.governanceData(ctx, unit, &d); err != nil {
		return report.Data{}, err
	}
	return d, nil
}

// governanceData adds the governance records to d: every ownership, and
// the actions, issues and events of unit and of all units (every one for
// model.AllUnits). Overdue is judged today.
func (w *Workspace) governanceData(ctx context.Context, unit string, d *report.Data) error {
	st := w.st
	var err error
	if d.Ownerships, err = st.Ownerships(ctx); err != nil {
		return err
	}
	actions, err := st.Actions(ctx, ActionFilter{})
	if err != nil {
		return err
	}
	issues, err := st.Issues(ctx, IssueFilter{})
	if err != nil {
		return err
	}
	eventUnit := unit
	if unit == model.AllUnits {
		eventUnit = ""
	}
	if d.Events, err = st.Events(ctx, eventUnit); err != nil {
		return err
	}
	// The store's unit filter takes one unit only; a unit's report also
	// shows what concerns every unit.
	ofUnit := func(u string) bool {
		return unit == model.AllUnits || u == "" || strings.EqualFold(u, model.AllUnits) || strings.EqualFold(u, unit)
	}
	for _, a := range actions {
		if ofUnit(a.Unit) {
			d.Actions = append(d.Actions, a)
		}
	}
	for _, i := range issues {
		if ofUnit(i.Unit) {
			d.Issues = append(d.Issues, i)
		}
	}
	d.AsOf = model.Day(d.Generated)
	return nil
}

// observations streams what filter selects, oldest batch first and in
// import order within a batch, a page at a time. Paging by batch keeps
// each query on the batch index and its offsets small.
func (w *Workspace) observations(ctx context.Context, filter ObservationFilter, batches []Batch) iter.Seq2[model.Observation, error] {
	return func(yield func(model.Observation, error) bool) {
		for i := len(batches) - 1; i >= 0; i-- {
			f := filter
			f.BatchID, f.Limit = batches[i].ID, exportPage
			for {
				page, err := w.st.Observations(ctx, f)
				if err != nil {
					yield(model.Observation{}, err)
					return
				}
				for _, o := range page {
					if !yield(o, nil) {
						return
					}
				}
				if len(page) < exportPage {
					break
				}
				f.Offset += exportPage
			}
		}
	}
}

// ClientName names a workspace in reports: its file name without the
// extension, or a team workspace's database name.
func ClientName(path string) string {
	if db, ok := ServerDatabase(path); ok {
		return db // a team workspace: its database, not "postgres:" and the host
	}
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
