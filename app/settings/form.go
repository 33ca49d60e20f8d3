package settings

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// save validates the form, stores it in the workspace and rescores every
// screen. The channel is closed once that is done or refused.
func (r *Screen) save() <-chan struct{} {
	done := make(chan struct{})
	typed := form{Unit: r.unit.Selected}
	for i, e := range r.levels {
		typed.Levels[i] = e.Text
	}
	for _, row := range r.discs {
		typed.Weights = append(typed.Weights, row.weight.Text)
		typed.Targets = append(typed.Targets, row.target.Text)
	}
	fw, err := typed.framework(r.fw)
	if err != nil {
		r.showMessage(err.Error(), widget.DangerImportance)
		close(done)
		return done
	}
	unit := model.AllUnits
	if typed.Unit != "" && typed.Unit != model.AllUnitsLabel {
		unit = typed.Unit
	}
	ws, ctx := r.h.Workspace(), r.h.Context()
	r.saveButton.Disable()
	go func() {
		err := ws.SaveSettings(ctx, fw, unit)
		r.h.Do(func() {
			r.saveButton.Enable()
			if err != nil {
				r.showMessage("Not saved: "+workspace.UserMessage(err), widget.DangerImportance)
				r.h.ShowError(fmt.Errorf("could not save the settings: %w", err))
				close(done)
				return
			}
			r.showMessage("Saved. Every screen now scores with these settings.", widget.SuccessImportance)
			reloaded := r.h.Reload()
			go func() {
				<-reloaded
				close(done)
			}()
		})
	}()
	return done
}

// form is what the person typed, before validation.
type form struct {
	Levels  [5]string
	Weights []string // in framework order
	Targets []string
	Unit    string
}

// maxLevelName keeps level names short enough for tiles and chart legends.
const maxLevelName = 40

// framework applies the form to base. The error lists every problem, one
// per line, in words a person can act on.
func (f form) framework(base model.Framework) (model.Framework, error) {
	fw := base
	fw.Disciplines = slices.Clone(base.Disciplines)
	var problems []string
	for i, raw := range f.Levels {
		name := strings.TrimSpace(raw)
		switch {
		case name == "":
			problems = append(problems, fmt.Sprintf("Level %d: the name is empty.", i+1))
		case len([]rune(name)) > maxLevelName:
			problems = append(problems, fmt.Sprintf("Level %d: the name is longer than %d characters.", i+1, maxLevelName))
		}
		for j := range i {
			if name != "" && strings.EqualFold(name, strings.TrimSpace(f.Levels[j])) {
				problems = append(problems, fmt.Sprintf("Levels %d and %d are both called %q; give each level its own name.", j+1, i+1, name))
			}
		}
		fw.LevelNames[i] = name
	}
	for i := range fw.Disciplines {
		d := &fw.Disciplines[i]
		if i < len(f.Weights) {
			w, err := parseWeight(f.Weights[i])
			if err != nil {
				problems = append(problems, d.Name+": "+err.Error()+".")
			}
			d.Weight = w
		}
		if i < len(f.Targets) {
			t, err := parseTarget(f.Targets[i])
			if err != nil {
				problems = append(problems, d.Name+": "+err.Error()+".")
			}
			d.Target = t
		}
	}
	if len(problems) > 0 {
		return base, errors.New(strings.Join(problems, "\n"))
	}
	return fw, nil
}

// parseWeight reads a discipline weight: above 0, empty meaning 1. Zero is
// refused rather than silently read as 1, which is what scoring does with it.
func parseWeight(s string) (float64, error) {
	v, ok, err := screen.ParseSetting(s)
	switch {
	case !ok:
		return 1, nil
	case err != nil:
		return 1, fmt.Errorf("weight %q is not a number; use a number above 0 such as 1 or 2.5, or leave it empty for 1", strings.TrimSpace(s))
	case v <= 0:
		return 1, fmt.Errorf("weight %s must be above 0; leave it empty for the default of 1", screen.FormatSetting(v))
	}
	return v, nil
}

// parseTarget reads a discipline target: a maturity score from 1 to 5, or
// none when empty.
func parseTarget(s string) (*float64, error) {
	v, ok, err := screen.ParseSetting(s)
	switch {
	case !ok:
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("target %q is not a number; use a maturity score from 1 to 5, or leave it empty to derive it from the metrics", strings.TrimSpace(s))
	case v < 1 || v > 5:
		return nil, fmt.Errorf("target %s must be a maturity score from 1 to 5", screen.FormatSetting(v))
	}
	return &v, nil
}
