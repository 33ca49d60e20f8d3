package screen

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"

	"cxdash/charts"
	"cxdash/model"
	"cxdash/workspace"
)

// ScoreText prints a score, or a dash when there is none.
func ScoreText(present bool, v float64) string {
	if !present {
		return "–"
	}
	return charts.ScoreFormat.String(v)
}

// UnitNotes are the notes of observations (an outage, a reorganisation)
// by business unit and period: events on the trend.
type UnitNotes map[string]map[model.Period]string

// Of returns unit's notes, or every unit's (each named) for all units.
func (n UnitNotes) Of(unit string) map[model.Period]string {
	if unit != model.AllUnits {
		return n[unit]
	}
	units := make([]string, 0, len(n))
	for u := range n {
		units = append(units, u)
	}
	sort.Strings(units)
	out := map[model.Period]string{}
	for _, u := range units {
		for p, text := range n[u] {
			if u != model.AllUnits {
				text = u + ": " + text
			}
			if old := out[p]; old != "" {
				text = old + "; " + text
			}
			out[p] = text
		}
	}
	return out
}

func (n UnitNotes) Add(unit string, p model.Period, note string) {
	note = strings.TrimSpace(note)
	if note == "" {
		return
	}
	if n[unit] == nil {
		n[unit] = map[model.Period]string{}
	}
	if old := n[unit][p]; old != "" {
		if strings.Contains(old, note) {
			return
		}
		note = old + "; " + note
	}
	n[unit][p] = note
}

// NotesCache loads the notes once per snapshot. Workspaces too big to scan
// cheaply get no events: they are a nicety, not worth a slow dashboard.
type NotesCache struct {
	mu    sync.Mutex
	snap  *workspace.State
	notes UnitNotes
}

func (c *NotesCache) Get(ctx context.Context, ws *workspace.Workspace, snap *workspace.State) UnitNotes {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap == snap {
		return c.notes
	}
	c.snap, c.notes = snap, UnitNotes{}
	n, err := ws.CountObservations(ctx, workspace.ObservationFilter{})
	if err != nil || n > maxNoteScans {
		if err != nil {
			slog.Warn("dashboard: notes", "err", err)
		}
		return c.notes
	}
	obs, err := ws.Observations(ctx, workspace.ObservationFilter{OnlyCurrent: true})
	if err != nil {
		slog.Warn("dashboard: notes", "err", err)
		return c.notes
	}
	for _, o := range obs {
		c.notes.Add(o.Unit, o.Period, o.Note)
	}
	return c.notes
}

func SortMetrics(ms []model.Metric, order map[string]int) {
	slices.SortStableFunc(ms, func(a, b model.Metric) int {
		if c := cmp.Compare(order[a.Discipline], order[b.Discipline]); c != 0 {
			return c
		}
		return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}

// DisciplineExplanation says how a discipline's score was made.
func DisciplineExplanation(ds model.DisciplineScore, prev model.Period) []string {
	if !ds.Present {
		return []string{"No metric of " + ds.Name + " has data in this period."}
	}
	lines := []string{ds.Explain, fmt.Sprintf("Level %d (%s): the whole part of the score.", ds.Level, ds.LevelName)}
	if ds.Delta != nil {
		lines = append(lines, fmt.Sprintf("Change %s against %s.", charts.ScoreFormat.Signed(*ds.Delta), prev.Label()))
	}
	if ds.Target != nil && ds.Gap != nil {
		lines = append(lines, fmt.Sprintf("Target %s; gap to target %s.", charts.ScoreFormat.String(*ds.Target),
			charts.ScoreFormat.String(*ds.Gap)))
	}
	return lines
}

// OfUnit says whether a record of recordUnit shows under the filter unit:
// records for all units always do.
func OfUnit(recordUnit, filter string) bool {
	return recordUnit == "" || filter == "" || filter == model.AllUnits || strings.EqualFold(recordUnit, filter)
}

// EventNotes adds the store's timeline events that show under unit to
// notes (period → text), placed in their period at granularity g. notes is
// not changed: it may be a cache's.
func EventNotes(notes map[model.Period]string, events []model.Event, unit string, g model.Granularity) map[model.Period]string {
	out := make(map[model.Period]string, len(notes)+len(events))
	for p, n := range notes {
		out[p] = n
	}
	for _, e := range events {
		if !OfUnit(e.Unit, unit) || e.Date.IsZero() {
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

// maxNoteScans is the most observations NotesCache reads for their notes.
const maxNoteScans = 50_000
