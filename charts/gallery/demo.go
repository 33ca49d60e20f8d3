package main

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"cxdash/assets"
	"cxdash/model"
)

// demo is the bundled demo workbook, scored.
type demo struct {
	fw      model.Framework
	metrics []model.Metric
	scorer  *model.Scorer
	// notes are the annotated events per unit and period, from the Note column.
	notes map[string]map[model.Period]string
}

// loadDemo reads the demo workbook's Catalogue and Scores sheets. It knows
// their layout (assets/internal/gen writes them), so that the gallery does
// not depend on the importer.
func loadDemo() (*demo, error) {
	f, err := excelize.OpenReader(bytes.NewReader(assets.DemoWorkbook))
	if err != nil {
		return nil, fmt.Errorf("demo workbook: %w", err)
	}
	defer f.Close()
	d := &demo{fw: model.DefaultFramework(), notes: map[string]map[model.Period]string{}}
	if d.metrics, err = readCatalogue(f); err != nil {
		return nil, err
	}
	values, err := d.readScores(f)
	if err != nil {
		return nil, err
	}
	d.scorer = model.NewScorer(d.fw, d.metrics, values)
	return d, nil
}

// table returns a sheet's rows below the header whose first cell is first,
// and the header's column indexes by name.
func table(f *excelize.File, sheet, first string) ([][]string, map[string]int, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fmt.Errorf("demo workbook: %s: %w", sheet, err)
	}
	for i, r := range rows {
		if len(r) > 0 && strings.EqualFold(strings.TrimSpace(r[0]), first) {
			cols := map[string]int{}
			for j, h := range r {
				cols[strings.ToLower(strings.TrimSpace(h))] = j
			}
			return rows[i+1:], cols, nil
		}
	}
	return nil, nil, fmt.Errorf("demo workbook: %s: no header starting with %q", sheet, first)
}

func cell(r []string, cols map[string]int, name string) string {
	if j, ok := cols[name]; ok && j < len(r) {
		return strings.TrimSpace(r[j])
	}
	return ""
}

func readCatalogue(f *excelize.File) ([]model.Metric, error) {
	rows, cols, err := table(f, "Catalogue", "Metric")
	if err != nil {
		return nil, err
	}
	var out []model.Metric
	for i, r := range rows {
		name := cell(r, cols, "metric")
		if name == "" {
			continue
		}
		where := fmt.Sprintf("demo workbook: Catalogue!A%d", i+2)
		disc, ok := model.ParseDiscipline(cell(r, cols, "discipline"))
		if !ok {
			return nil, fmt.Errorf("%s: unknown discipline %q", where, cell(r, cols, "discipline"))
		}
		m := model.Metric{Name: name, Discipline: disc, Unit: cell(r, cols, "measure unit"), Owner: cell(r, cols, "owner")}
		if m.Direction, err = model.ParseDirection(cell(r, cols, "direction")); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if m.Scale, err = model.ParseScale(cell(r, cols, "scale")); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if m.Scale == model.ScaleThresholds {
			for k := range m.Thresholds {
				if m.Thresholds[k], err = strconv.ParseFloat(cell(r, cols, fmt.Sprintf("t%d", k+1)), 64); err != nil {
					return nil, fmt.Errorf("%s: t%d: %w", where, k+1, err)
				}
			}
		}
		if w := cell(r, cols, "weight"); w != "" {
			if m.Weight, err = strconv.ParseFloat(w, 64); err != nil {
				return nil, fmt.Errorf("%s: weight: %w", where, err)
			}
		}
		if t := cell(r, cols, "target"); t != "" {
			v, err := strconv.ParseFloat(t, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: target: %w", where, err)
			}
			m.Target = &v
		}
		out = append(out, m)
	}
	return out, nil
}

func (d *demo) readScores(f *excelize.File) ([]model.Value, error) {
	rows, cols, err := table(f, "Scores", "Period")
	if err != nil {
		return nil, err
	}
	type key struct {
		metric, unit string
		period       model.Period
	}
	sums := map[key]*model.Value{}
	var order []key
	for i, r := range rows {
		if cell(r, cols, "metric") == "" {
			continue
		}
		where := fmt.Sprintf("demo workbook: Scores row %d", i+1)
		p, err := model.ParsePeriod(cell(r, cols, "period"))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		v, err := strconv.ParseFloat(cell(r, cols, "value"), 64)
		if err != nil {
			return nil, fmt.Errorf("%s: value: %w", where, err)
		}
		k := key{cell(r, cols, "metric"), cell(r, cols, "business unit"), p}
		s := sums[k]
		if s == nil {
			s = &model.Value{Metric: k.metric, Unit: k.unit, Period: p}
			sums[k] = s
			order = append(order, k)
		}
		s.Sum += v
		s.Count++
		if note := cell(r, cols, "note"); note != "" {
			d.addNote(k.unit, p, note)
		}
	}
	out := make([]model.Value, 0, len(order))
	for _, k := range order {
		out = append(out, *sums[k])
	}
	return out, nil
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
