package settings

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/model"
)

// catalogueColumns are the catalogue table's columns and their widths.
var catalogueColumns = []struct {
	title string
	width float32
}{
	{"Metric", 230}, {"Discipline", 170}, {"Scale", 90}, {"Thresholds t1…t5", 190},
	{"Direction", 80}, {"Weight", 65}, {"Target", 90}, {"Owner", 150},
}

// catalogueTable lists the workspace's metrics read-only: how each one is
// scored, so a number on the dashboard can be traced to its rule.
type catalogueTable struct {
	box   fyne.CanvasObject
	table *widget.Table
	empty *widget.Label
	rows  [][]string
}

func newCatalogueTable() *catalogueTable {
	c := &catalogueTable{}
	c.table = widget.NewTable(
		func() (int, int) { return len(c.rows), len(catalogueColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(c.rows) && id.Col < len(c.rows[id.Row]) {
				o.(*widget.Label).SetText(c.rows[id.Row][id.Col])
			}
		})
	c.table.ShowHeaderRow = true
	c.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(catalogueColumns) {
			o.(*widget.Label).SetText(catalogueColumns[id.Col].title)
		}
	}
	for i, col := range catalogueColumns {
		c.table.SetColumnWidth(i, col.width)
	}
	c.empty = screen.Prose("No metrics yet. Importing a workbook adds its metrics here; a Catalogue sheet " +
		"(Metric, Discipline, Scale, t1…t5, Weight, Target, Owner) sets how each one is scored.")
	c.empty.Hide()
	top := container.NewVBox(screen.Heading("Metric catalogue"),
		screen.Prose("How each metric becomes a 1–5 maturity score. Import a Catalogue sheet to change it."), c.empty)
	c.box = container.NewBorder(container.NewPadded(top), nil, nil, nil, c.table)
	return c
}

// show lists metrics, by discipline in framework order and then by name.
func (c *catalogueTable) show(fw model.Framework, metrics []model.Metric) {
	order := map[string]int{}
	for i, d := range fw.Disciplines {
		order[d.Key] = i
	}
	ms := append([]model.Metric(nil), metrics...)
	screen.SortMetrics(ms, order)
	c.rows = c.rows[:0]
	for _, m := range ms {
		c.rows = append(c.rows, catalogueRow(fw, m))
	}
	if len(c.rows) == 0 {
		c.empty.Show()
	} else {
		c.empty.Hide()
	}
	c.table.Refresh()
}

func catalogueRow(fw model.Framework, m model.Metric) []string {
	disc := m.Discipline
	if d, ok := fw.Discipline(m.Discipline); ok {
		disc = d.Name
	}
	thresholds, direction := "—", "—"
	if m.Scale == model.ScaleThresholds {
		parts := make([]string, len(m.Thresholds))
		for i, t := range m.Thresholds {
			parts[i] = screen.FormatSetting(t)
		}
		thresholds = strings.Join(parts, " / ")
		direction = string(m.Direction)
	}
	target := ""
	if m.Target != nil {
		target = strings.TrimSpace(screen.FormatSetting(*m.Target) + " " + m.Unit)
	}
	scale := string(m.Scale)
	if scale == "" {
		scale = string(model.ScaleLevel)
	}
	return []string{m.Name, disc, scale, thresholds, direction, screen.FormatSetting(m.EffectiveWeight()), target, m.Owner}
}
