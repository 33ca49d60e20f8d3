// Package settings is the Settings screen: how the open workspace scores
// (the names of the five maturity levels, each discipline's weight in the
// overall index and its target, the business unit the workspace opens
// on), the metric catalogue that says how each value becomes a 1–5 score,
// and this computer's light or dark theme.
package settings

import (
	"fmt"
	"reflect"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// Screen edits the workspace's scoring settings (level names, discipline
// weights and targets, default unit), shows its metric catalogue, and sets
// this computer's theme.
type Screen struct {
	h          screen.Host
	box        fyne.CanvasObject
	theme      *widget.RadioGroup
	levels     [5]*widget.Entry
	discs      []*disciplineRow
	unit       *widget.Select
	message    *widget.Label
	saveButton *widget.Button
	catalog    *catalogueTable
	page       *fyne.Container // the scoring page: its bottom bar holds the message

	fw         model.Framework      // what the form was filled from
	ws         *workspace.Workspace // the workspace the form shows
	unitLoaded chan struct{}        // closed once ws's default unit is read and applied
}

// disciplineRow is one discipline's line in the form.
type disciplineRow struct {
	key            string
	name, now      *widget.Label
	weight, target *widget.Entry
}

// New builds the Settings screen on h; it follows h's workspace and state.
func New(h screen.Host) *Screen {
	r := &Screen{h: h, catalog: newCatalogueTable()}
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Scoring", theme.SettingsIcon(), r.scoringPage()),
		container.NewTabItemWithIcon("Metric catalogue", theme.ListIcon(), r.catalog.box),
		container.NewTabItemWithIcon("Appearance", theme.ColorPaletteIcon(), r.appearancePage()),
	)
	tabs.SetTabLocation(container.TabLocationLeading)
	r.box = tabs
	h.OnChange(r.refresh)
	return r
}

// Content is the screen's widget tree.
func (r *Screen) Content() fyne.CanvasObject { return r.box }

func (r *Screen) scoringPage() fyne.CanvasObject {
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
		row := &disciplineRow{key: key, name: widget.NewLabel(key), now: widget.NewLabel(""),
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
	r.saveButton = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { r.save() })
	r.saveButton.Importance = widget.HighImportance
	revert := widget.NewButtonWithIcon("Undo changes", theme.ContentUndoIcon(), func() {
		r.fill(r.fw)
		r.hideMessage()
	})
	where := widget.NewLabel("Stored in the workspace file, so they travel with it.")
	where.Importance = widget.LowImportance

	scroll := container.NewVScroll(container.NewPadded(container.NewVBox(
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
	bar := container.NewPadded(container.NewVBox(r.message, container.NewHBox(r.saveButton, revert, where)))
	r.page = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil, scroll)
	return r.page
}

func (r *Screen) appearancePage() fyne.CanvasObject {
	labels := make([]string, len(screen.ThemeChoices))
	for i, c := range screen.ThemeChoices {
		labels[i] = c.Label
	}
	r.theme = widget.NewRadioGroup(labels, nil)
	for _, c := range screen.ThemeChoices {
		if c.Pref == screen.ThemePreference(r.h.App()) {
			r.theme.Selected = c.Label
		}
	}
	r.theme.OnChanged = func(label string) {
		for _, c := range screen.ThemeChoices {
			if c.Label == label {
				screen.SetThemePreference(r.h.App(), c.Pref)
			}
		}
	}
	return container.NewPadded(container.NewVBox(
		screen.Heading("Theme"),
		screen.Prose("Light, dark, or whatever the system uses. It applies at once and is kept on this computer."),
		r.theme,
	))
}

// refresh follows the host: a new workspace refills the form and
// applies its default unit; new data updates the scores and catalogue.
func (r *Screen) refresh() {
	snap := r.h.State()
	if snap == nil {
		return
	}
	opened := r.h.Workspace() != r.ws
	if opened {
		r.ws = r.h.Workspace()
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
func (r *Screen) fill(fw model.Framework) {
	r.fw = fw
	for i, e := range r.levels {
		e.SetText(fw.LevelNames[i])
	}
	for _, row := range r.discs {
		d, _ := fw.Discipline(row.key)
		row.name.SetText(d.Name)
		row.weight.SetText(screen.FormatSetting(disciplineWeight(d)))
		row.target.SetText("")
		if d.Target != nil {
			row.target.SetText(screen.FormatSetting(*d.Target))
		}
	}
}

// disciplineWeight is d's weight as scoring counts it: 1 when unset.
func disciplineWeight(d model.Discipline) float64 {
	if d.Weight <= 0 {
		return 1
	}
	return d.Weight
}

// showScores puts each discipline's current score and target beside its
// settings, for the filters' unit and period, so a change shows its effect.
func (r *Screen) showScores() {
	snap, f := r.h.State(), r.h.Filters()
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
func (r *Screen) unitOptions(selected string) {
	opts := []string{model.AllUnitsLabel}
	if r.h.State() != nil {
		opts = append(opts, r.h.State().Units...)
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
func (r *Screen) loadDefaultUnit(ws *workspace.Workspace) {
	done := make(chan struct{})
	r.unitLoaded = done
	ctx := r.h.Context()
	go func() {
		unit := ws.DefaultUnit(ctx)
		r.h.Do(func() {
			defer close(done)
			if r.h.Workspace() != ws {
				return
			}
			r.unitOptions(model.UnitLabel(unit))
			if unit == model.AllUnits || r.h.State() == nil || r.h.Filters().Unit != model.AllUnits {
				return
			}
			if found, ok := workspace.MatchUnit(r.h.State().Units, unit); ok {
				f := r.h.Filters()
				f.Unit = found
				r.h.SetFilters(f)
			}
		})
	}()
}

func (r *Screen) showMessage(text string, imp widget.Importance) {
	r.message.Importance = imp
	r.message.SetText(text)
	r.message.Show()
	r.page.Refresh() // the bar below the form grows to fit the message
}

func (r *Screen) hideMessage() {
	r.message.Hide()
	r.page.Refresh()
}
