package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"cxdash/model"
	"cxdash/workspace"
)

// demo is the bundled demo workbook, scored.
type demo struct {
	fw      model.Framework
	metrics []model.Metric
	scorer  *model.Scorer
	// notes are the annotated events per unit and period, from the Note column.
	notes map[string]map[model.Period]string
}

// loadDemo imports the bundled demo workbook into a temporary workspace
// through the real importer and store, and scores it.
func loadDemo() (*demo, error) {
	dir, err := os.MkdirTemp("", "cxdash-gallery-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	ws, err := workspace.Open(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	if _, err := ws.LoadDemo(ctx, false); err != nil {
		return nil, err
	}
	d := &demo{notes: map[string]map[model.Period]string{}}
	if d.scorer, d.fw, err = ws.Scorer(ctx); err != nil {
		return nil, err
	}
	if d.metrics, err = ws.Metrics(ctx); err != nil {
		return nil, err
	}
	obs, err := ws.Observations(ctx, workspace.ObservationFilter{OnlyCurrent: true})
	if err != nil {
		return nil, err
	}
	for _, o := range obs {
		if o.Note != "" {
			q, _ := o.Period.Rollup(model.Quarter)
			d.addNote(o.Unit, q, o.Note)
		}
	}
	return d, nil
}

func (d *demo) addNote(unit string, p model.Period, note string) {
	if d.notes[unit] == nil {
		d.notes[unit] = map[model.Period]string{}
	}
	if old := d.notes[unit][p]; old != "" && !strings.Contains(old, note) {
		note = old + "; " + note
	}
	d.notes[unit][p] = note
}

// notesFor returns the notes of unit, or of every unit (named) for the
// all-units view.
func (d *demo) notesFor(unit string) map[model.Period]string {
	if unit != model.AllUnits {
		return d.notes[unit]
	}
	units := make([]string, 0, len(d.notes))
	for u := range d.notes {
		units = append(units, u)
	}
	sort.Strings(units)
	out := map[model.Period]string{}
	for _, u := range units {
		for p, n := range d.notes[u] {
			if old := out[p]; old != "" {
				out[p] = old + "; " + u + ": " + n
			} else {
				out[p] = u + ": " + n
			}
		}
	}
	return out
}
