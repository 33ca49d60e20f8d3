package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"cxdash/model"
	"cxdash/store"
)

// now is the clock of the governance screens: what "today", "overdue" and
// "mark reviewed today" mean. Tests replace it to get fixed dates.
var now = time.Now

// today is now's calendar day.
func today() time.Time { return model.Day(now()) }

// settingStalePeriods is the workspace setting holding after how many
// periods without a value a metric is flagged stale.
const settingStalePeriods = "governance.stale_periods"

// defaultStalePeriods is used until a workspace sets its own.
const defaultStalePeriods = 2

// StalePeriods reads after how many periods without a value a metric is
// flagged stale: the workspace's setting, or defaultStalePeriods.
func (w *Workspace) StalePeriods(ctx context.Context) int {
	s, err := w.Store.Setting(ctx, settingStalePeriods)
	if err != nil {
		return defaultStalePeriods
	}
	var n int
	if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 {
		return defaultStalePeriods
	}
	return n
}

// SetStalePeriods stores after how many periods a metric is flagged stale.
func (w *Workspace) SetStalePeriods(ctx context.Context, n int) error {
	if n < 1 {
		return fmt.Errorf("a metric can only be stale after 1 period or more, not %d", n)
	}
	return w.Store.SetSetting(ctx, settingStalePeriods, fmt.Sprint(n))
}

// SaveOwnership stores who owns a discipline or metric. A discipline's
// target is also the one scoring uses (Settings shows the same number), so
// that the dashboard's gaps measure against what the owner answers for.
func (w *Workspace) SaveOwnership(ctx context.Context, o model.Ownership) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if err := w.Store.PutOwnership(ctx, o); err != nil {
		return err
	}
	if o.Kind != model.SubjectDiscipline || o.Target == nil {
		return nil
	}
	fw, err := w.Store.Framework(ctx)
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
	return w.Store.SaveFramework(ctx, fw)
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
	if g.Ownerships, err = w.Store.Ownerships(ctx); err != nil {
		return g, err
	}
	if g.Actions, err = w.Store.Actions(ctx, store.ActionFilter{}); err != nil {
		return g, err
	}
	if g.Issues, err = w.Store.Issues(ctx, store.IssueFilter{}); err != nil {
		return g, err
	}
	if g.Events, err = w.Store.Events(ctx, ""); err != nil {
		return g, err
	}
	g.Stale = w.StalePeriods(ctx)
	return g, nil
}

// OverdueActions lists the actions still open after their due day on day
// t, most overdue first.
func (w *Workspace) OverdueActions(ctx context.Context, t time.Time) ([]model.Action, error) {
	open, err := w.Store.Actions(ctx, store.ActionFilter{Statuses: []model.ActionStatus{model.ActionOpen, model.ActionInProgress}})
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

// ofUnit says whether a record of recordUnit shows under the filter unit:
// records for all units always do.
func ofUnit(recordUnit, filter string) bool {
	return recordUnit == "" || filter == "" || filter == model.AllUnits || strings.EqualFold(recordUnit, filter)
}

// govDateLayout is how the governance screens write dates: unambiguous in
// every locale, and read back by model.ParseDate.
const govDateLayout = "2 Jan 2006"

// govDate writes a date, or "" for none.
func govDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(govDateLayout)
}

// parseGovDate reads a date typed in a governance dialog; blank is none.
// Dates that read two ways (03/04/2024) are refused, not guessed.
func parseGovDate(field, s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	t, err := model.ParseDate(s, model.DateOrderUnknown)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %v", field, err)
	}
	return t, nil
}

// parseGovOwner reads an owner typed in a governance dialog.
func parseGovOwner(s string) (string, error) {
	o, err := model.ParseOwner(s)
	if err != nil {
		return "", fmt.Errorf("Owner: %v", err)
	}
	return o, nil
}

// parseGovNumber reads an optional number (a target or a gap).
func parseGovNumber(field, s string) (*float64, error) {
	v, ok, err := parseSetting(s)
	switch {
	case !ok:
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("%s: %q is not a number", field, strings.TrimSpace(s))
	}
	return &v, nil
}

// eventNotes adds the store's timeline events that show under unit to
// notes (period → text), placed in their period at granularity g. notes is
// not changed: it may be a cache's.
func eventNotes(notes map[model.Period]string, events []model.Event, unit string, g model.Granularity) map[model.Period]string {
	out := make(map[model.Period]string, len(notes)+len(events))
	for p, n := range notes {
		out[p] = n
	}
	for _, e := range events {
		if !ofUnit(e.Unit, unit) || e.Date.IsZero() {
			continue
		}
		text := e.Title
		if e.Unit != "" && (unit == "" || unit == model.AllUnits) {
			text = e.Unit + ": " + text
		}
		p := e.Period(g)
		if old := out[p]; old != "" {
			if strings.Contains(old, text) {
				continue
			}
			text = old + "; " + text
		}
		out[p] = text
	}
	return out
}
