package imports

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cxdash/importers"
	"cxdash/workspace"
)

// preview shows one file's dry run: what it holds, each sheet's
// layout, mapping and first rows, and every problem with its cell.
type preview struct {
	i        *Screen
	f        *file
	summary  *widget.Label
	tabs     *container.AppTabs
	sheets   []*sheetView
	problems *widget.List
	root     fyne.CanvasObject
}

// sheetView is one sheet's tab.
type sheetView struct {
	name    string
	cols    []importers.Column
	selects []*widget.Select // one per column, in cols order
	rows    [][]string       // the preview rows shown
	reason  *widget.Label
}

func newPreview(i *Screen, f *file) *preview {
	p := &preview{i: i, f: f}
	title := widget.NewLabelWithStyle(f.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	p.summary = widget.NewLabel(p.summaryText())
	p.summary.Wrapping = fyne.TextWrapWord
	switch f.state() {
	case stateProblems, stateFailed:
		p.summary.Importance = widget.DangerImportance
	case stateReady:
		p.summary.Importance = widget.SuccessImportance
	}
	top := container.NewVBox(title, p.summary)

	var center fyne.CanvasObject = widget.NewLabel("")
	if rep := f.res.Result; len(rep.Sheets) > 0 {
		p.tabs = container.NewAppTabs()
		sel := 0
		for k, sh := range rep.Sheets {
			v := p.newSheetView(sh)
			p.sheets = append(p.sheets, v)
			p.tabs.Append(container.NewTabItem(sheetTitle(sh), v.content(p, sh)))
			if sh.Name == f.sheet {
				sel = k
			} else if f.sheet == "" && sel == 0 && rep.Sheets[0].Layout == importers.LayoutSkipped && sh.Layout != importers.LayoutSkipped {
				sel = k // open on the first sheet that holds data
			}
		}
		p.tabs.SelectIndex(sel)
		p.tabs.OnSelected = func(t *container.TabItem) { f.sheet = p.sheets[p.tabs.SelectedIndex()].name }
		center = p.tabs
	}
	var bottom fyne.CanvasObject
	if probs := f.res.Result.Problems; len(probs) > 0 && !f.checking {
		bottom = p.newProblems(probs)
	}
	p.root = container.NewBorder(top, bottom, nil, nil, center)
	return p
}

// summaryText says what the file holds and what Import will do with it.
func (p *preview) summaryText() string {
	f, r := p.f, p.f.res.Result
	switch f.state() {
	case stateChecking:
		if len(r.Sheets) > 0 {
			return "Reading the file again with the new mapping…"
		}
		return "Reading the file for the preview…"
	case stateFailed:
		return "Could not read this file: " + workspace.UserMessage(f.res.Err)
	case stateDuplicate:
		b := f.res.Batch
		return fmt.Sprintf("Already imported as batch %d (%s, %s by %s): importing the same content again would add nothing. "+
			"Undo batch %d in the history below to import it again.", b.ID, b.File, p.i.when(b.ImportedAt), userName(b.User), b.ID)
	case stateProblems:
		return fmt.Sprintf("%s. Nothing from this file can be imported until %s fixed in the workbook; "+
			"then click Check again. A wrong column role can be changed below.",
			plural(len(r.Problems), "problem", "problems"), map[bool]string{true: "it is", false: "they are"}[len(r.Problems) == 1])
	}
	var data []string
	for _, sh := range r.Sheets {
		if sh.Layout != importers.LayoutSkipped {
			data = append(data, sh.Name)
		}
	}
	s := fmt.Sprintf("Ready to import %s from %s (%s)",
		plural(r.Values, "value", "values"), plural(len(data), "sheet", "sheets"), joinNames(data, 4))
	if r.Skipped > 0 {
		s += fmt.Sprintf("; %s skipped", plural(r.Skipped, "blank cell", "blank cells"))
	}
	if n := len(r.NewMetrics); n > 0 {
		s += fmt.Sprintf("; %s new to the catalogue (%s)", plural(n, "metric", "metrics"), joinNames(r.NewMetrics, 3))
	}
	return s + "."
}

func sheetTitle(sh importers.SheetResult) string {
	if sh.Layout == importers.LayoutSkipped {
		return sh.Name + " (skipped)"
	}
	return sh.Name
}

func (p *preview) newSheetView(sh importers.SheetResult) *sheetView {
	v := &sheetView{name: sh.Name, cols: p.f.columns[sh.Name], rows: sh.Preview}
	if len(v.cols) == 0 {
		v.cols = sh.Columns
	}
	return v
}

// content is the sheet's tab: how it was read, its mapping and first rows.
func (v *sheetView) content(p *preview, sh importers.SheetResult) fyne.CanvasObject {
	f := p.f
	layoutName := widget.NewLabelWithStyle(layoutTitle(sh.Layout), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.reason = widget.NewLabel(reasonText(sh))
	v.reason.Wrapping = fyne.TextWrapWord
	parts := []fyne.CanvasObject{layoutName, v.reason}

	if len(v.cols) > 0 {
		_, chosen := f.overrides[sh.Name]
		head := "Column mapping: what each column holds"
		if chosen {
			head = "Column mapping (changed by you; it is remembered for files with the same headers)"
		}
		mapTitle := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		var headRow fyne.CanvasObject = mapTitle
		if chosen {
			reset := widget.NewButtonWithIcon("Use the detected mapping", theme.ContentUndoIcon(), func() { p.i.resetMapping(f, sh.Name) })
			reset.Importance = widget.LowImportance
			headRow = container.NewBorder(nil, nil, nil, reset, mapTitle)
		}
		parts = append(parts, widget.NewSeparator(), headRow, v.mappingGrid(p, sh))
	}
	if len(v.rows) > 0 {
		parts = append(parts, widget.NewSeparator(),
			widget.NewLabelWithStyle(rowsTitle(sh, len(v.rows)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			rowsGrid(importers.PreviewColumns(sh.Layout), v.rows))
	}
	return container.NewVScroll(container.NewVBox(parts...))
}

// rowsTitle heads the first rows: they are values (or metric
// definitions) as the importer read them, not the sheet's own rows.
func rowsTitle(sh importers.SheetResult, n int) string {
	if sh.Layout == importers.LayoutCatalogue {
		return fmt.Sprintf("First %s as read", plural(n, "metric definition", "metric definitions"))
	}
	one, many := itemWords(sh.Layout)
	if sh.Values > n {
		return fmt.Sprintf("First %d of %s, as read", n, plural(sh.Values, one, many))
	}
	return plural(n, one, many) + ", as read"
}

// reasonText is how the sheet was read, with its counts.
func reasonText(sh importers.SheetResult) string {
	s := sh.Reason
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:] + "."
	}
	if sh.Layout != importers.LayoutSkipped {
		one, many := itemWords(sh.Layout)
		s += fmt.Sprintf(" %s read, %s taken, %s skipped.", plural(sh.Rows, "row", "rows"),
			plural(sh.Values, one, many), plural(sh.Skipped, "blank cell", "blank cells"))
	}
	if n := len(sh.Problems); n > 0 {
		s += fmt.Sprintf(" %s in this sheet, listed below.", plural(n, "problem", "problems"))
	}
	return strings.TrimSpace(s)
}

// mappingGrid has one choice per column: its letter, header and role.
func (v *sheetView) mappingGrid(p *preview, sh importers.SheetResult) fyne.CanvasObject {
	f := p.f
	layout := f.layouts[sh.Name]
	if layout == "" {
		layout = sh.Layout
	}
	override, chosen := f.overrides[sh.Name]
	cards := make([]fyne.CanvasObject, 0, len(v.cols))
	for _, c := range v.cols {
		current := c.Role
		if chosen {
			current = override[c.Index]
		}
		if current == "" {
			current = importers.RoleIgnore
		}
		roles := roleChoices(c, layout, current)
		labels := make([]string, len(roles))
		byLabel := map[string]importers.Role{}
		for k, r := range roles {
			labels[k] = roleTitle(r, c)
			byLabel[labels[k]] = r
		}
		col, sheet := c.Index, sh.Name
		sel := widget.NewSelect(labels, nil)
		sel.Selected = roleTitle(current, c)
		sel.OnChanged = func(s string) {
			if r, ok := byLabel[s]; ok && r != current {
				p.i.remap(f, sheet, col, r)
			}
		}
		if f.checking {
			sel.Disable()
		}
		v.selects = append(v.selects, sel)
		header := strings.TrimSpace(c.Header)
		if header == "" {
			header = "(no header)"
		}
		name := widget.NewLabel(c.Letter + " · " + header)
		name.Truncation = fyne.TextTruncateEllipsis
		name.TextStyle.Bold = current != importers.RoleIgnore
		// The header and its role side by side: a sheet's mapping takes a
		// few lines and leaves room for its first rows.
		h := sel.MinSize().Height
		cards = append(cards, container.NewBorder(nil, nil,
			container.NewGridWrap(fyne.NewSize(mapNameWidth, h), name), nil, sel))
	}
	return container.NewGridWrap(fyne.NewSize(mapCardWidth, cards[0].MinSize().Height), cards...)
}

// Widths of a column's card in the mapping: its letter and header, then
// its role; room for "Values of Q1 2024".
const (
	mapNameWidth = 130
	mapCardWidth = 300
)

// rowsGrid lays out preview rows under their column names.
func rowsGrid(names []string, rows [][]string) fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, 0, (len(rows)+1)*len(names))
	for _, n := range names {
		cells = append(cells, widget.NewLabelWithStyle(n, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, r := range rows {
		for k := range names {
			text := ""
			if k < len(r) {
				text = r[k]
			}
			l := widget.NewLabel(text)
			l.Truncation = fyne.TextTruncateEllipsis
			cells = append(cells, l)
		}
	}
	weights := make([]float32, len(names))
	for k, n := range names {
		weights[k] = columnWeight(n)
	}
	return container.New(&weightedGrid{weights: weights}, cells...)
}

// columnWeight gives long texts (metric names, notes) more room.
func columnWeight(name string) float32 {
	switch name {
	case "Metric":
		return 3
	case "Note", "t1..t5", "Discipline", "Title", "Description", "Root cause":
		return 1.6
	}
	return 1
}

// newProblems lists every problem as file: Sheet!C12: message.
func (p *preview) newProblems(probs []importers.Problem) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(plural(len(probs), "problem", "problems")+" (select one to see its sheet)",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.DangerImportance
	p.problems = widget.NewList(func() int { return len(probs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(probs[id].Error()) })
	p.problems.OnSelected = func(id widget.ListItemID) {
		if p.tabs == nil {
			return
		}
		for k, v := range p.sheets {
			if v.name == probs[id].Sheet {
				p.tabs.SelectIndex(k)
			}
		}
	}
	rows := min(len(probs), 4)
	h := float32(rows)*(widget.NewLabel("X").MinSize().Height+theme.SeparatorThicknessSize()) + theme.Padding()
	return container.NewBorder(container.NewVBox(widget.NewSeparator(), title), nil, nil, nil,
		container.New(minHeight(h), p.problems))
}
