// Package reports is the Reports screen: it writes what a consultant hands
// over, the Excel and HTML maturity reports and a CSV of the observations
// of the business unit chosen in the filter bar, and the blank import
// template the client's teams fill in. Each export asks where to save,
// runs behind a progress dialog with Cancel, and then offers to open the
// file or its folder.
package reports

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/report"
	"cxdash/workspace"
)

// exportKind is one of the files the Reports screen writes.
type exportKind int

const (
	exportXLSX exportKind = iota
	exportHTML
	exportCSV
	exportTemplate
)

// exportSpec describes an export to the person choosing it.
type exportSpec struct {
	title     string             // "Excel report"
	phrase    string             // mid-sentence: "blank import template"
	action    string             // the button: "Export Excel report…"
	blurb     string             // what the consultant gets, in a sentence
	ext       string             // ".xlsx"
	noun      string             // in the default file name; "" for the report itself
	needsData bool               // disabled in an empty workspace
	icon      fyne.ThemeIconName // resolved when shown: the theme needs a running app
}

var exportSpecs = [...]exportSpec{
	exportXLSX: {
		title: "Excel report", phrase: "Excel report", action: "Export Excel report…",
		ext: ".xlsx", needsData: true, icon: theme.IconNameDocument,
		blurb: "A styled workbook to hand to the client: the maturity summary with native Excel charts, " +
			"the trend and every unit, a sheet per discipline, the import log and every observation with its source cell.",
	},
	exportHTML: {
		title: "HTML report", phrase: "HTML report", action: "Export HTML report…",
		ext: ".html", needsData: true, icon: theme.IconNameComputer,
		blurb: "One offline web page with interactive charts (radar, trend, heatmap, units) and the scores " +
			"behind them; it opens in any browser without internet, easy to e-mail.",
	},
	exportCSV: {
		title: "CSV of observations", phrase: "CSV of observations", action: "Export CSV…",
		ext: ".csv", noun: "observations", needsData: true, icon: theme.IconNameList,
		blurb: "Every observation of the unit with its period, value and source (file, sheet, cell, batch) " +
			"as plain CSV, for Excel, Power BI or a script.",
	},
	exportTemplate: {
		title: "Blank import template", phrase: "blank import template", action: "Save template…",
		ext: ".xlsx", noun: "import-template", icon: theme.IconNameContentAdd,
		blurb: "A workbook to send to the teams: instructions, this workspace's metric catalogue and a Data " +
			"sheet with drop-downs, ready to fill in and import.",
	},
}

// prefExportDir remembers where the last export went, so the next save
// dialog starts there.
const prefExportDir = "reports.folder"

// Screen offers the exports. Every export asks for a path, runs off the
// UI thread behind a progress dialog with Cancel, and then offers to open
// the file or its folder.
type Screen struct {
	h       screen.Host
	box     fyne.CanvasObject
	scope   *widget.Label
	hint    *widget.Label
	buttons [len(exportSpecs)]*widget.Button

	result    *widget.Label
	resultBar *fyne.Container // Open and Show in folder for the last export
	lastPath  string
	openURL   func(*url.URL) error // the app's; tests record instead
}

// New builds the Reports screen on h; it follows h's state and filters.
func New(h screen.Host) *Screen {
	r := &Screen{h: h, openURL: h.App().OpenURL}
	r.scope = widget.NewLabel("")
	r.scope.Wrapping = fyne.TextWrapWord
	r.hint = widget.NewLabel("This workspace has no data yet: import a workbook first (the Import tab, or Ctrl+O). " +
		"The blank import template is available now.")
	r.hint.Wrapping = fyne.TextWrapWord
	r.hint.Importance = widget.WarningImportance
	r.hint.Hide()

	cards := container.NewGridWithColumns(2)
	for k, spec := range exportSpecs {
		kind := exportKind(k)
		r.buttons[k] = widget.NewButtonWithIcon(spec.action, theme.Icon(spec.icon), func() { r.saveDialog(kind) })
		blurb := widget.NewLabel(spec.blurb)
		blurb.Wrapping = fyne.TextWrapWord
		cards.Add(widget.NewCard(spec.title, "", container.NewBorder(nil, container.NewHBox(r.buttons[k]), nil, nil, blurb)))
	}
	r.buttons[exportXLSX].Importance = widget.HighImportance

	r.result = widget.NewLabel("")
	r.result.Wrapping = fyne.TextWrapWord
	r.result.Hide()
	r.resultBar = container.NewHBox(
		widget.NewButtonWithIcon("Open", theme.FileIcon(), func() { r.open(r.lastPath) }),
		widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { r.open(filepath.Dir(r.lastPath)) }),
	)
	r.resultBar.Hide()

	tip := widget.NewLabel("Tip: Ctrl+E exports from any screen.")
	tip.Importance = widget.LowImportance
	r.box = container.NewVScroll(container.NewPadded(container.NewVBox(
		r.scope, r.hint, cards, r.result, r.resultBar, tip,
	)))
	h.OnChange(r.refresh)
	return r
}

// Content is the screen's widget tree.
func (r *Screen) Content() fyne.CanvasObject { return r.box }

// refresh shows what an export would cover and enables what the data
// allows.
func (r *Screen) refresh() {
	snap, unit := r.h.State(), r.h.Filters().Unit
	empty := snap.Empty()
	for k, b := range r.buttons {
		if exportSpecs[k].needsData && empty {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if empty {
		r.hint.Show()
		r.scope.SetText("Exports cover the business unit chosen in the filter bar.")
		return
	}
	r.hint.Hide()
	text := fmt.Sprintf("Business unit: %s (change it in the filter bar).", model.UnitLabel(unit))
	if p, ok := reportPeriod(snap, unit); ok {
		text += fmt.Sprintf(" The Excel and HTML reports score %s, the latest %s with data, with the trend over every %s.",
			p.Label(), p.Gran, p.Gran)
	}
	r.scope.SetText(text)
}

// reportPeriod is the period Workspace.ReportData scores for unit: the
// latest at the default granularity in which the unit has data.
func reportPeriod(snap *workspace.State, unit string) (model.Period, bool) {
	if snap.Empty() {
		return model.Period{}, false
	}
	if unit == "" {
		unit = model.AllUnits
	}
	ps := snap.Scorer.Periods(snap.Scorer.DefaultGranularity())
	for i := len(ps) - 1; i >= 0; i-- {
		if snap.Scorer.Summary(unit, ps[i]).Overall.Present {
			return ps[i], true
		}
	}
	if len(ps) > 0 {
		return ps[len(ps)-1], true
	}
	return model.Period{}, false
}

// ExportDialog asks which export to write (Ctrl+E and the File menu), then
// for the path.
func (r *Screen) ExportDialog() {
	var d dialog.Dialog
	box := container.NewVBox()
	for k, spec := range exportSpecs {
		kind := exportKind(k)
		b := widget.NewButtonWithIcon(spec.title+"…", theme.Icon(spec.icon), func() {
			d.Hide()
			r.saveDialog(kind)
		})
		b.Alignment = widget.ButtonAlignLeading
		if spec.needsData && r.h.State().Empty() {
			b.Disable()
		}
		box.Add(b)
	}
	if r.h.State().Empty() {
		box.Add(widget.NewLabel("Import a workbook first; the template is available now."))
	}
	d = dialog.NewCustom("Export", "Cancel", box, r.h.Window())
	d.Show()
}

// saveDialog asks where to write kind, then writes it there.
func (r *Screen) saveDialog(kind exportKind) {
	spec := exportSpecs[kind]
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			r.h.ShowError(err)
			return
		}
		if w == nil { // the user closed the dialog
			return
		}
		path := w.URI().Path()
		w.Close()
		// The dialog made an empty file; the export writes its own temporary
		// file and renames it into place, so a cancelled export leaves none.
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		if filepath.Ext(path) == "" {
			path += spec.ext
		}
		r.export(kind, path)
	}, r.h.Window())
	d.SetTitleText("Save " + spec.phrase)
	d.SetConfirmText("Export")
	d.SetFileName(r.defaultFileName(kind, r.h.Now()))
	d.SetFilter(storage.NewExtensionFileFilter([]string{spec.ext}))
	if dir := r.h.App().Preferences().String(prefExportDir); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// defaultFileName is client_unit_period_date.ext for reports, with the
// export's noun for the others: acme_North_2024-Q4_2025-01-15.xlsx,
// acme_all-units_observations_2025-01-15.csv.
func (r *Screen) defaultFileName(kind exportKind, now time.Time) string {
	spec := exportSpecs[kind]
	parts := []string{workspace.ClientName(r.h.Workspace().Path())}
	if kind != exportTemplate {
		unit := r.h.Filters().Unit
		if unit == "" || unit == model.AllUnits {
			unit = "all-units"
		}
		parts = append(parts, unit)
	}
	if spec.noun != "" {
		parts = append(parts, spec.noun)
	} else if p, ok := reportPeriod(r.h.State(), r.h.Filters().Unit); ok {
		parts = append(parts, p.String())
	}
	parts = append(parts, now.Format("2006-01-02"))
	for i, p := range parts {
		parts[i] = safeFileNamePart(p)
	}
	return strings.Join(parts, "_") + spec.ext
}

// safeFileNamePart keeps a name part valid on every desktop: no path
// separators or characters Windows refuses, no spaces.
func safeFileNamePart(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), r < ' ':
			return '-'
		case r == ' ':
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, ".-")
	if s == "" {
		return "cxdash"
	}
	return s
}

// export writes kind to path off the UI thread; the returned channel is
// closed once the result is on screen. It is what the save dialog calls
// after the user picked a path, and what tests call directly.
func (r *Screen) export(kind exportKind, path string) <-chan struct{} {
	done := make(chan struct{})
	spec := exportSpecs[kind]
	ws, unit := r.h.Workspace(), r.h.Filters().Unit
	var metrics []model.Metric
	var units []string
	if r.h.State() != nil {
		metrics, units = r.h.State().Metrics, r.h.State().Units
	}
	r.h.Run("Exporting "+spec.phrase, func(ctx context.Context, progress workspace.Progress) error {
		switch kind {
		case exportXLSX:
			return ws.ExportXLSX(ctx, path, unit, progress)
		case exportHTML:
			return ws.ExportHTML(ctx, path, unit, progress)
		case exportCSV:
			return ws.ExportCSV(ctx, path, unit, progress)
		case exportTemplate:
			if err := ctx.Err(); err != nil {
				return err
			}
			return report.WriteTemplateFile(path, metrics, units)
		}
		return fmt.Errorf("unknown export %d", kind)
	}, func(err error) {
		defer close(done)
		r.finished(spec, path, err)
	})
	return done
}

// finished tells how an export went and, when it worked, offers the file.
func (r *Screen) finished(spec exportSpec, path string, err error) {
	name := filepath.Base(path)
	switch {
	case errors.Is(err, context.Canceled):
		r.result.Importance = widget.MediumImportance
		r.result.Show()
		r.result.SetText(fmt.Sprintf("Export of %s cancelled; no file was written.", name))
		r.resultBar.Hide()
		return
	case err != nil:
		r.result.Importance = widget.DangerImportance
		r.result.Show()
		r.result.SetText(fmt.Sprintf("Could not export %s: %s", name, workspace.UserMessage(err)))
		r.resultBar.Hide()
		r.h.ShowError(fmt.Errorf("could not export %s: %w", name, err))
		return
	}
	r.lastPath = path
	r.h.App().Preferences().SetString(prefExportDir, filepath.Dir(path))
	r.result.Importance = widget.SuccessImportance
	r.result.Show()
	r.result.SetText(fmt.Sprintf("Saved the %s as %s in %s.", spec.phrase, name, filepath.Dir(path)))
	r.resultBar.Show()

	var d dialog.Dialog
	msg := widget.NewLabel(fmt.Sprintf("The %s is saved as\n%s", spec.phrase, path))
	buttons := container.NewHBox(
		widget.NewButtonWithIcon("Open", theme.FileIcon(), func() { d.Hide(); r.open(path) }),
		widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { d.Hide(); r.open(filepath.Dir(path)) }),
	)
	d = dialog.NewCustom("Export done", "Close", container.NewVBox(msg, buttons), r.h.Window())
	d.Show()
}

// open hands path to the desktop: a file opens in its program, a folder in
// the file manager.
func (r *Screen) open(path string) {
	if path == "" || path == "." {
		return
	}
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = r.openURL(u)
	}
	if err != nil {
		r.h.ShowError(fmt.Errorf("could not open %s: %w", path, err))
	}
}
