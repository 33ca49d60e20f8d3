package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// filterBar edits the filters every screen shares: business unit,
// granularity and period range.
type filterBar struct {
	s                    *screen.Session
	unit, gran, from, to *widget.Select
	updating             bool // set while the bar fills itself, so no change loops back
	box                  *fyne.Container
}

var granularityLabels = []string{"Month", "Quarter", "Year"}

func newFilterBar(s *screen.Session) *filterBar {
	b := &filterBar{s: s}
	changed := func(string) {
		if !b.updating {
			b.apply()
		}
	}
	b.unit = widget.NewSelect(nil, changed)
	b.gran = widget.NewSelect(granularityLabels, changed)
	b.from = widget.NewSelect(nil, changed)
	b.to = widget.NewSelect(nil, changed)
	b.unit.PlaceHolder, b.from.PlaceHolder, b.to.PlaceHolder = model.AllUnitsLabel, "first", "latest"
	b.box = container.NewHBox(
		widget.NewLabel("Business unit"), b.unit,
		widget.NewLabel("Granularity"), b.gran,
		widget.NewLabel("From"), b.from,
		widget.NewLabel("To"), b.to,
	)
	s.OnChange(b.fill)
	return b
}

func (b *filterBar) content() fyne.CanvasObject { return b.box }

// focus moves the keyboard focus to the filters (Ctrl+F).
func (b *filterBar) focus() { b.s.Window().Canvas().Focus(b.unit) }

// fill shows the session's filters and the choices the data offers.
func (b *filterBar) fill() {
	b.updating = true
	defer func() { b.updating = false }()
	f, snap := b.s.Filters(), b.s.State()
	units := []string{model.AllUnitsLabel}
	if snap != nil {
		units = append(units, snap.Units...)
	}
	b.unit.Options = units
	b.unit.Selected = model.UnitLabel(f.Unit)
	b.gran.Selected = granularityLabel(f.Gran)
	all := snap.Periods(workspace.Filters{Gran: f.Gran})
	labels := make([]string, len(all))
	for i, p := range all {
		labels[i] = p.Label()
	}
	b.from.Options, b.to.Options = labels, labels
	b.from.Selected, b.to.Selected = "", ""
	if !f.From.IsZero() {
		b.from.Selected = f.From.Label()
	}
	if !f.To.IsZero() {
		b.to.Selected = f.To.Label()
	}
	for _, w := range []*widget.Select{b.unit, b.gran, b.from, b.to} {
		w.Refresh()
	}
}

// apply turns the bar's choices into filters for every screen.
func (b *filterBar) apply() {
	f := workspace.Filters{Unit: model.AllUnits}
	if b.unit.Selected != "" && b.unit.Selected != model.AllUnitsLabel {
		f.Unit = b.unit.Selected
	}
	if g, err := model.ParseGranularity(b.gran.Selected); err == nil {
		f.Gran = g
	}
	regranulated := f.Gran != b.s.Filters().Gran
	if !regranulated { // a range chosen at another granularity does not carry over
		for _, p := range b.s.State().Periods(workspace.Filters{Gran: f.Gran}) {
			if p.Label() == b.from.Selected {
				f.From = p
			}
			if p.Label() == b.to.Selected {
				f.To = p
			}
		}
		if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
			f.From, f.To = f.To, f.From
		}
	}
	b.s.SetFilters(f)
}

// granularityLabel is the bar's word for g: "Quarter".
func granularityLabel(g model.Granularity) string {
	if g >= model.Month && int(g) <= len(granularityLabels) {
		return granularityLabels[g-model.Month]
	}
	return ""
}
