package workspace

import (
	"context"
	"time"

	"cxdash/model"
)

// SaveOwnership stores who owns a discipline or metric. A discipline's
// target is also the one scoring uses (Settings shows the same number), so
// that the dashboard's gaps measure against what the owner answers for.
func (w *Workspace) SaveOwnership(ctx context.Context, o model.Ownership) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if err := w.st.PutOwnership(ctx, o); err != nil {
		return err
	}
	if o.Kind != model.SubjectDiscipline || o.Target == nil {
		return nil
	}
	fw, err := w.st.Framework(ctx)
	if err != nil {
		return err
	}
	changed := false
	for i := range fw.Disciplines {
		d := &fw.Disciplines[i]
		if d.Key == o.Key && (d.Target == nil || *d.Target != *o.Target) {
			t := *o.Target
			d.Target, changed = &t, true
		}
	}
	if !changed {
		return nil
	}
	return w.st.SaveFramework(ctx, fw)
}

// Governance is every governance record of a workspace, read at once for
// the Governance screen.
type Governance struct {
	Ownerships []model.Ownership
	Actions    []model.Action // due date order, no due date last
	Issues     []model.CXIssue
	Events     []model.Event
	Stale      int // periods without a value before a metric is stale
}

// Governance reads every governance record.
func (w *Workspace) Governance(ctx context.Context) (Governance, error) {
	var g Governance
	var err error
	if g.Ownerships, err = w.st.Ownerships(ctx); err != nil {
		return g, err
	}
	if g.Actions, err = w.st.Actions(ctx, ActionFilter{}); err != nil {
		return g, err
	}
	if g.Issues, err = w.st.Issues(ctx, IssueFilter{}); err != nil {
		return g, err
	}
	if g.Events, err = w.st.Events(ctx, ""); err != nil {
		return g, err
	}
	g.Stale = w.StalePeriods(ctx)
	return g, nil
}

// OverdueActions lists the actions still open after their due day on day
// t, most overdue first.
func (w *Workspace) OverdueActions(ctx context.Context, t time.Time) ([]model.Action, error) {
	open, err := w.st.Actions(ctx, ActionFilter{Statuses: []model.ActionStatus{model.ActionOpen, model.ActionInProgress}})
	if err != nil {
		return nil, err
	}
	var out []model.Action
	for _, a := range open {
		if a.Overdue(t) {
			out = append(out, a)
		}
	}
	return out, nil // the store lists by due date: the most overdue come first
}

// SaveAction stores an action (a new one gets its id) and returns it as
// stored.
func (w *Workspace) SaveAction(ctx context.Context, a model.Action) (model.Action, error) {
	return w.st.SaveAction(ctx, a)
}

// Ownerships lists who owns each discipline and metric.
func (w *Workspace) Ownerships(ctx context.Context) ([]model.Ownership, error) {
	return w.st.Ownerships(ctx)
}

// Actions lists the actions f selects, by due date.
func (w *Workspace) Actions(ctx context.Context, f ActionFilter) ([]model.Action, error) {
	return w.st.Actions(ctx, f)
}

// Issues lists the CX issues f selects.
func (w *Workspace) Issues(ctx context.Context, f IssueFilter) ([]model.CXIssue, error) {
	return w.st.Issues(ctx, f)
}

// Events lists the timeline events of unit ("" for every unit), by date.
func (w *Workspace) Events(ctx context.Context, unit string) ([]model.Event, error) {
	return w.st.Events(ctx, unit)
}

// Audit lists the governance audit trail entries f selects.
func (w *Workspace) Audit(ctx context.Context, f AuditFilter) ([]model.AuditEntry, error) {
	return w.st.Audit(ctx, f)
}

// DeleteAction deletes an action; the audit trail keeps what it was.
func (w *Workspace) DeleteAction(ctx context.Context, id int64) error {
	return w.st.DeleteAction(ctx, id)
}

// SaveIssue stores a CX issue (a new one gets its id).
func (w *Workspace) SaveIssue(ctx context.Context, i model.CXIssue) (model.CXIssue, error) {
	return w.st.SaveIssue(ctx, i)
}

// DeleteIssue deletes a CX issue.
func (w *Workspace) DeleteIssue(ctx context.Context, id int64) error {
	return w.st.DeleteIssue(ctx, id)
}

// SaveEvent stores a timeline event (a new one gets its id).
func (w *Workspace) SaveEvent(ctx context.Context, e model.Event) (model.Event, error) {
	return w.st.SaveEvent(ctx, e)
}

// DeleteEvent deletes a timeline event.
func (w *Workspace) DeleteEvent(ctx context.Context, id int64) error {
	return w.st.DeleteEvent(ctx, id)
}
