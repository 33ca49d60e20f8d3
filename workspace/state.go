package workspace

import (
	"context"

	"cxdash/model"
)

// Filters apply to every screen.
type Filters struct {
	Unit string            // model.AllUnits for every unit
	Gran model.Granularity // periods are shown at this granularity
	From model.Period      // first period shown; zero: the earliest with data
	To   model.Period      // last period shown; zero: the latest with data
}

// State is the scored state of a workspace, rebuilt after every change
// off the UI thread and then shared read-only by the screens.
type State struct {
	Scorer    *model.Scorer
	Framework model.Framework
	Metrics   []model.Metric
	Units     []string      // units with data, sorted
	Events    []model.Event // timeline events of every unit, date order: marked on the trends
}

// Empty reports a workspace without data.
func (s *State) Empty() bool { return s == nil || len(s.Units) == 0 }

// Periods are the periods with data at the filters' granularity, within
// their range, oldest first.
func (s *State) Periods(f Filters) []model.Period {
	if s == nil || s.Scorer == nil {
		return nil
	}
	var out []model.Period
	for _, p := range s.Scorer.Periods(f.Gran) {
		if !f.From.IsZero() && p.Before(f.From) {
			continue
		}
		if !f.To.IsZero() && f.To.Before(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// Current is the last period in the filters' range: the one the dashboard
// scores; ok is false when there is none.
func (s *State) Current(f Filters) (model.Period, bool) {
	ps := s.Periods(f)
	if len(ps) == 0 {
		return model.Period{}, false
	}
	return ps[len(ps)-1], true
}

// DefaultGranularity is the granularity the data is shown at when the
// user has not chosen one.
func (s *State) DefaultGranularity() model.Granularity {
	if s == nil || s.Scorer == nil {
		return model.Quarter
	}
	return s.Scorer.DefaultGranularity()
}

// State reads and scores the whole workspace: what every screen shows.
func (w *Workspace) State(ctx context.Context) (*State, error) {
	sc, fw, metrics, err := w.scorer(ctx)
	if err != nil {
		return nil, err
	}
	events, err := w.st.Events(ctx, "")
	if err != nil {
		return nil, err
	}
	return &State{Scorer: sc, Framework: fw, Metrics: metrics, Units: sc.Units(), Events: events}, nil
}
