package app

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// settingsScreen edits the workspace's scoring settings (level names,
// discipline weights and targets, default unit), shows its metric
// catalogue, and sets this computer's theme.
type settingsScreen struct {
	s       *screen.Session
	box     fyne.CanvasObject
	theme   *widget.RadioGroup
	levels  [5]*widget.Entry
	discs   []*settingsDisciplineRow
	unit    *widget.Select
	message *widget.Label
	save    *widget.Button
	catalog *catalogueTable
	page    *fyne.Container // the scoring page: its bottom bar holds the message

	fw         model.Framework      // what the form was filled from
	ws         *workspace.Workspace // the workspace the form shows
	unitLoaded chan struct{}        // closed once ws's default unit is read and applied
}

// settingsDisciplineRow is one discipline's line in the form.
type settingsDisciplineRow struct {
	key            string
	name, now      *widget.Label
	weight, target *widget.Entry
}

func newSettingsScreen(s *screen.Session) fyne.CanvasObject { return newSettingsView(s).box }

func newSettingsView(s *screen.Session) *settingsScreen {
	r := &settingsScreen{s: s, catalog: newCatalogueTable()}
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Scoring", theme.SettingsIcon(), r.scoringPage()),
		container.NewTabItemWithIcon("Metric catalogue", theme.ListIcon(), r.catalog.box),
		container.NewTabItemWithIcon("Appearance", theme.ColorPaletteIcon(), r.appearancePage()),
	)
	tabs.SetTabLocation(container.TabLocationLeading)
	r.box = tabs
	s.OnChange(r.refresh)
	return r
}

func (r *settingsScreen) scoringPage() fyne.CanvasObject {
	levels := container.NewGridWithColumns(len(r.levels))
	for i := range r.levels {
		r.levels[i] = widget.NewEntry()
		levels.Add(container.NewVBox(widget.NewLabel(fmt.Sprintf("Level %d", i+1)), r.levels[i]))
	}

	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	grid := container.NewGridWithColumns(4, bold("Discipline"), bold("Weight"), bold("Target (1–5)"), bold("Now"))
	for _, key := range model.DisciplineKeys {
		row := &settingsDisciplineRow{key: key, name: widget.NewLabel(key), now: widget.NewLabel(""),
			weight: widget.NewEntry(), target: widget.NewEntry()}
		row.weight.SetPlaceHolder("1")
		row.target.SetPlaceHolder("from metrics")
		r.discs = append(r.discs, row)
		grid.Add(row.name)
		grid.Add(row.weight)
		grid.Add(row.target)
		grid.Add(row.now)
	}

	r.unit = widget.NewSelect(nil, nil)
	r.unit.PlaceHolder = model.AllUnitsLabel
	r.message = screen.Prose("")
	r.message.Hide()
	r.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { r.saveSettings() })
	r.save.Importance = widget.HighImportance
	revert := widget.NewButtonWithIcon("Undo changes", theme.ContentUndoIcon(), func() {
		r.fill(r.fw)
		r.hideMessage()
	})
	where := widget.NewLabel("Stored in the workspace file, so they travel with it.")
	where.Importance = widget.LowImportance

	form := container.NewVScroll(container.NewPadded(container.NewVBox(
		screen.Heading("Maturity levels"),
		screen.Prose("The names of levels 1 to 5, shown on the dashboard and in reports."),
		levels,
		widget.NewSeparator(),
		screen.Heading("Disciplines"),
		screen.Prose("Weight: how much a discipline counts in the overall index (empty means 1). "+
			"Target: the maturity score to reach, from 1 to 5; empty derives it from the targets of the discipline's metrics."),
		grid,
		widget.NewSeparator(),
		screen.Heading("Default business unit"),
		screen.Prose("The unit the filter shows when this workspace opens."),
		container.NewHBox(r.unit),
	)))
	// Save stays in view however far the form is scrolled.
	bar := container.NewPadded(container.NewVBox(r.message, container.NewHBox(r.save, revert, where)))
	r.page = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, form)
	return r.page
}

func (r *settingsScreen) appearancePage() fyne.CanvasObject {
	labels := make([]string, len(screen.ThemeChoices))
	for i, c := range screen.ThemeChoices {
		labels[i] = c.Label
	}
	r.theme = widget.NewRadioGroup(labels, nil)
	for _, c := range screen.ThemeChoices {
		if c.Pref == screen.ThemePreference(r.s.App()) {
			r.theme.Selected = c.Label
		}
	}
	r.theme.OnChanged = func(label string) {
		for _, c := range screen.ThemeChoices {
			if c.Label == label {
				screen.SetThemePreference(r.s.App(), c.Pref)
			}
		}
	}
	return container.NewPadded(container.NewVBox(
		screen.Heading("Theme"),
		screen.Prose("Light, dark, or whatever the system uses. It applies at once and is kept on this computer."),
		r.theme,
	))
}

// refresh follows the session: a new workspace refills the form and
// applies its default unit; new data updates the scores and catalogue.
func (r *settingsScreen) refresh() {
	snap := r.s.State()
	if snap == nil {
		return
	}
	opened := r.s.Workspace() != r.ws
	if opened {
		r.ws = r.s.Workspace()
		r.hideMessage()
	}
	if opened || !reflect.DeepEqual(snap.Framework, r.fw) {
		r.fill(snap.Framework)
	}
	r.unitOptions(r.unit.Selected)
	r.showScores()
	r.catalog.show(snap.Framework, snap.Metrics)
	if opened { // last: it finishes on its own, after this screen is drawn
		r.loadDefaultUnit(r.ws)
	}
}

// fill shows fw in the form.
func (r *settingsScreen) fill(fw model.Framework) {
	r.fw = fw
	for i, e := range r.levels {
		e.SetText(fw.LevelNames[i])
	}
	for _, row := range r.discs {
		d, _ := fw.Discipline(row.key)
		row.name.SetText(d.Name)
		row.weight.SetText(screen.FormatSetting(settingsWeight(d)))
		row.target.SetText("")
		if d.Target != nil {
			row.target.SetText(screen.FormatSetting(*d.Target))
		}
	}
}

func settingsWeight(d model.Discipline) float64 {
	if d.Weight <= 0 {
		return 1
	}
	return d.Weight
}

// showScores puts each discipline's current score and target beside its
// settings, for the filters' unit and period, so a change shows its effect.
func (r *settingsScreen) showScores() {
	snap, f := r.s.State(), r.s.Filters()
	p, ok := snap.Current(f)
	var sum model.Summary
	if ok {
		sum = snap.Scorer.Summary(f.Unit, p)
	}
	for _, row := range r.discs {
		text := "no data"
		for _, ds := range sum.Disciplines {
			if ds.Key != row.key || !ds.Present {
				continue
			}
			text = fmt.Sprintf("%.2f in %s", ds.Score, p.Label())
			if ds.Target != nil {
				text += fmt.Sprintf(", target %.2f", *ds.Target)
			}
		}
		row.now.SetText(text)
	}
}

// unitOptions offers all units and every unit with data, keeping selected.
func (r *settingsScreen) unitOptions(selected string) {
	opts := []string{model.AllUnitsLabel}
	if r.s.State() != nil {
		opts = append(opts, r.s.State().Units...)
	}
	if selected != "" && !slices.Contains(opts, selected) {
		opts = append(opts, selected) // a unit whose data was undone stays visible
	}
	r.unit.Options = opts
	r.unit.Selected = selected
	r.unit.Refresh()
}

// loadDefaultUnit reads ws's default unit off the UI thread, shows it, and
// makes it the filter when the filter still shows all units.
func (r *settingsScreen) loadDefaultUnit(ws *workspace.Workspace) {
	done := make(chan struct{})
	r.unitLoaded = done
	ctx := r.s.Context()
	go func() {
		unit := ws.DefaultUnit(ctx)
		r.s.Do(func() {
			defer close(done)
			if r.s.Workspace() != ws {
				return
			}
			r.unitOptions(model.UnitLabel(unit))
			if unit == model.AllUnits || r.s.State() == nil || r.s.Filters().Unit != model.AllUnits {
				return
			}
			if found, ok := workspace.MatchUnit(r.s.State().Units, unit); ok {
				f := r.s.Filters()
				f.Unit = found
				r.s.SetFilters(f)
			}
		})
	}()
}

// saveSettings validates the form, stores it in the workspace and rescores
// every screen. The channel is closed once that is done or refused.
func (r *settingsScreen) saveSettings() <-chan struct{} {
	done := make(chan struct{})
	form := settingsForm{Unit: r.unit.Selected}
	for i, e := range r.levels {
		form.Levels[i] = e.Text
	}
	for _, row := range r.discs {
		form.Weights = append(form.Weights, row.weight.Text)
		form.Targets = append(form.Targets, row.target.Text)
	}
	fw, err := form.framework(r.fw)
	if err != nil {
		r.showMessage(err.Error(), widget.DangerImportance)
		close(done)
		return done
	}
	unit := model.AllUnits
	if form.Unit != "" && form.Unit != model.AllUnitsLabel {
		unit = form.Unit
	}
	ws, ctx := r.s.Workspace(), r.s.Context()
	r.save.Disable()
	go func() {
		err := ws.SaveSettings(ctx, fw, unit)
		r.s.Do(func() {
			r.save.Enable()
			if err != nil {
				r.showMessage("Not saved: "+workspace.UserMessage(err), widget.DangerImportance)
				r.s.ShowError(fmt.Errorf("could not save the settings: %w", err))
				close(done)
				return
			}
			r.showMessage("Saved. Every screen now scores with these settings.", widget.SuccessImportance)
			reloaded := r.s.Reload()
			go func() {
				<-reloaded
				close(done)
			}()
		})
	}()
	return done
}

func (r *settingsScreen) showMessage(text string, imp widget.Importance) {
	r.message.Importance = imp
	r.message.SetText(text)
	r.message.Show()
	r.page.Refresh() // the bar below the form grows to fit the message
}

func (r *settingsScreen) hideMessage() {
	r.message.Hide()
	r.page.Refresh()
}

// settingsForm is what the person typed, before validation.
type settingsForm struct {
	Levels  [5]string
	Weights []string // in framework order
	Targets []string
	Unit    string
}

// maxLevelName keeps level names short enough for tiles and chart legends.
const maxLevelName = 40

// framework applies the form to base. The error lists every problem, one
// per line, in words a person can act on.
func (f settingsForm) framework(base model.Framework) (model.Framework, error) {
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
