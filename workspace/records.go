package workspace

import (
	"context"
	"time"

	"cxdash/model"
)

// Framework reads the disciplines, levels, weights and targets.
func (w *Workspace) Framework(ctx context.Context) (model.Framework, error) {
	return w.st.Framework(ctx)
}

// Metrics reads the metric catalogue.
func (w *Workspace) Metrics(ctx context.Context) ([]model.Metric, error) {
	return w.st.Metrics(ctx)
}

// Values reads every metric value per unit and period (scoring rule 1's
// input), for screens that explain a score.
func (w *Workspace) Values(ctx context.Context) ([]model.Value, error) {
	return w.st.Values(ctx)
}

// Units lists the business units with data.
func (w *Workspace) Units(ctx context.Context) ([]string, error) {
	return w.st.Units(ctx)
}

// Observations reads one page of the observations f selects, each with
// its source cell and batch.
func (w *Workspace) Observations(ctx context.Context, f ObservationFilter) ([]model.Observation, error) {
	return w.st.Observations(ctx, f)
}

// CountObservations counts what f selects, ignoring its paging.
func (w *Workspace) CountObservations(ctx context.Context, f ObservationFilter) (int, error) {
	return w.st.CountObservations(ctx, f)
}

// Counts reads the workspace's row counts.
func (w *Workspace) Counts(ctx context.Context) (Counts, error) {
	return w.st.Counts(ctx)
}

// Batches lists the imports, newest first.
func (w *Workspace) Batches(ctx context.Context) ([]Batch, error) {
	return w.st.Batches(ctx)
}

// Batch reads one import by id.
func (w *Workspace) Batch(ctx context.Context, id int64) (Batch, error) {
	return w.st.Batch(ctx, id)
}

// Undo deletes a batch; the values it replaced count again (UndoEffect
// says which beforehand).
func (w *Workspace) Undo(ctx context.Context, id int64) (Batch, error) {
	return w.st.Undo(ctx, id)
}

// ChangeMark is a cheap token that changes whenever anyone (this process,
// another window, a command, a teammate on the server) writes to the
// workspace.
func (w *Workspace) ChangeMark(ctx context.Context) (string, error) {
	return w.st.ChangeMark(ctx)
}

// SetBusyWait makes writes wait up to d while another cxdash writes to the
// workspace, calling waiting once when they start to wait.
func (w *Workspace) SetBusyWait(d time.Duration, waiting func()) {
	w.st.SetBusyWait(d, waiting)
}

// SaveCopy writes the whole workspace into a new file at path.
func (w *Workspace) SaveCopy(ctx context.Context, path string) error {
	return w.st.SaveCopy(ctx, path)
}

// CopyTo copies the whole workspace into dst, which must be empty, and
// checks the counts of every table before committing.
func (w *Workspace) CopyTo(ctx context.Context, dst *Workspace, progress Progress) ([]TableCount, error) {
	var perTable func(table string, done, total int64)
	if p := progress.byPercent(); p != nil {
		perTable = func(_ string, done, total int64) { p(done, total) }
	}
	return w.st.CopyTo(ctx, dst.st, perTable)
}
