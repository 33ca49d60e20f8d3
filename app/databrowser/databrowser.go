// Package databrowser is the Data screen: every observation the workspace
// holds, one row per imported cell, with the file, sheet and cell it was
// read from, so that a person can check where a score came from. Its own
// filters narrow the rows by unit, discipline, metric, period and batch,
// and a click on a column title sorts them. The table reads the rows a page
// at a time, so it stays quick on millions of them.
package databrowser

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// Screen is the data browser: every observation with its source, in a
// virtualised table over paged store queries, so that it stays quick on
// millions of rows.
type Screen struct {
	h     screen.Host
	work  screen.Tracker
	pager *pager
	table *widget.Table
	f     filters

	status                *widget.Label
	empty                 *fyne.Container
	emptyTitle, emptyText *widget.Label
	emptyAction           *widget.Button

	sortCol    int // index in columns, -1 for import order
	desc       bool
	discOf     map[string]string // metric key -> discipline name
	snap       *workspace.State  // the snapshot the options were filled from
	ws         *workspace.Workspace
	globalUnit string // the filter bar's unit last followed
	root       fyne.CanvasObject
}

// New builds the data browser on what h shows; it follows h's changes
// from then on.
func New(h screen.Host) *Screen {
	d := &Screen{h: h, sortCol: -1, discOf: map[string]string{}, globalUnit: model.AllUnits}
	d.pager = newPager(h, &d.work, d.rowsChanged)
	d.table = d.newTable()
	bar := d.newFilters()
	d.status = widget.NewLabel("")
	d.status.Truncation = fyne.TextTruncateEllipsis

	d.emptyTitle = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	d.emptyTitle.SizeName = theme.SizeNameSubHeadingText
	d.emptyText = widget.NewLabel("")
	d.emptyText.Wrapping = fyne.TextWrapWord
	d.emptyText.Alignment = fyne.TextAlignCenter
	d.emptyAction = widget.NewButton("", nil)
	d.emptyAction.Importance = widget.HighImportance
	box := container.NewVBox(d.emptyTitle, d.emptyText, container.NewCenter(d.emptyAction))
	d.empty = container.NewVBox(layout.NewSpacer(),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(560, box.MinSize().Height*1.6), box)), layout.NewSpacer())
	d.empty.Hide()

	top := container.NewVBox(bar, d.status)
	d.root = container.NewBorder(top, nil, nil, nil, container.NewStack(d.fitColumns(), d.empty))
	h.OnChange(d.refresh)
	d.refresh()
	return d
}

// Content is the screen, for the window's Data tab.
func (d *Screen) Content() fyne.CanvasObject { return d.root }

// Idle is closed once the screen's background reads (rows, counts,
// batches) have all been shown.
func (d *Screen) Idle() <-chan struct{} { return d.work.Idle() }

// refresh follows the session: new data refills the filter options and
// reloads the rows; the filter bar's unit is followed.
func (d *Screen) refresh() {
	changed := d.h.State() != d.snap || d.h.Workspace() != d.ws
	d.snap, d.ws = d.h.State(), d.h.Workspace()
	if changed {
		d.fillOptions()
		d.loadBatches()
	} else {
		d.fillPeriods() // the granularity may have changed
	}
	d.followUnit()
	d.apply(changed)
}

// apply queries the rows the filters and sort order select; with force
// also when they did not change (the data did).
func (d *Screen) apply(force bool) {
	q := query{ws: d.h.Workspace(), filter: d.filter()}
	if !force && q == d.pager.q {
		d.showState()
		return
	}
	d.pager.reset(q)
	d.table.ScrollToTop()
	d.table.Refresh()
	d.showState()
}

// rowsChanged runs when a page or the count arrived.
func (d *Screen) rowsChanged() {
	d.table.Refresh()
	d.showState()
}

// showState says how many rows there are, or why there are none.
func (d *Screen) showState() {
	p := d.pager
	d.status.Importance = widget.MediumImportance
	switch {
	case p.err != nil:
		d.status.Importance = widget.DangerImportance
		d.status.SetText("Could not read the observations: " + workspace.UserMessage(p.err))
	case p.counting():
		if n := p.length(); n > 0 {
			d.status.SetText(fmt.Sprintf("Counting the observations… (the first %s are shown)", model.FormatCount(n)))
		} else {
			d.status.SetText("Reading the observations…")
		}
	default:
		d.status.SetText(d.countText(p.total))
	}
	n := p.length()
	if n > 0 || p.counting() || p.err != nil {
		d.empty.Hide()
		d.table.Show()
		return
	}
	if filtered(p.q.filter) {
		d.emptyTitle.SetText("No observations match these filters")
		d.emptyText.SetText("Choose another unit, discipline, metric, period or batch, or clear the filters to see every value.")
		d.emptyAction.SetText("Clear filters")
		d.emptyAction.OnTapped = d.clearFilters
	} else {
		d.emptyTitle.SetText("No observations yet")
		d.emptyText.SetText("Every value imported from a workbook appears here, one row per cell: its period, unit, " +
			"metric and value, and the file, sheet and cell it was read from.\n\n" +
			"Import xlsx or csv workbooks on the Import screen, or drop them anywhere on this window.")
		d.emptyAction.SetText("Import workbooks…")
		d.emptyAction.OnTapped = func() { d.h.Show(screen.At(screen.Import)) }
	}
	d.emptyAction.Refresh()
	d.table.Hide()
	d.empty.Show()
}

// countText is the status line: how many rows and in which order.
func (d *Screen) countText(n int) string {
	what := "observations"
	if n == 1 {
		what = "observation"
	}
	if d.f.onlyCurrent.Checked {
		what += " that count"
	}
	order := "in import order"
	if d.desc {
		order = "newest import first"
	}
	if d.sortCol >= 0 {
		dir := "ascending"
		if d.desc {
			dir = "descending"
		}
		order = fmt.Sprintf("sorted by %s, %s", strings.ToLower(columns[d.sortCol].title), dir)
	}
	return fmt.Sprintf("%s %s · %s · click a column title to sort", model.FormatCount(n), what, order)
}
