package dashboard

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

// disciplineTable lists the six disciplines with their score on a bar,
// level, change, target and gap; tapping a row opens the discipline and
// the info button explains the score.
type disciplineTable struct {
	h    screen.Host
	sum  model.Summary
	box  *fyne.Container
	rows []*disciplineRow
}

type disciplineRow struct {
	row                                    *screen.TapRow
	name, score, level, delta, target, gap *widget.Label
	bar                                    *screen.ScoreBar
}

// disciplineColumns are the table's column widths; the bar takes the rest.
var disciplineColumns = []float32{230, 160, 70, 160, 90, 70, 70, 44}

func newDisciplineTable(h screen.Host) *disciplineTable {
	t := &disciplineTable{h: h}
	head := container.New(&screen.ColumnsLayout{Widths: disciplineColumns})
	for _, h := range []string{"Discipline", "Score on the 1–5 scale", "Score", "Level", "Change", "Target", "Gap", ""} {
		l := widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		head.Add(l)
	}
	t.box = container.NewVBox(head)
	for i := range model.DisciplineKeys {
		t.rows = append(t.rows, t.newRow(i))
		t.box.Add(t.rows[i].row)
	}
	return t
}

func (t *disciplineTable) newRow(i int) *disciplineRow {
	num := func() *widget.Label {
		l := widget.NewLabel("")
		l.Alignment = fyne.TextAlignTrailing
		return l
	}
	r := &disciplineRow{name: widget.NewLabel(""), score: num(), level: widget.NewLabel(""), delta: num(),
		target: num(), gap: num(), bar: screen.NewScoreBar(model.DisciplineScore{})}
	r.name.Truncation, r.level.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	info := screen.InfoButton(func() { t.explain(i) })
	cells := container.New(&screen.ColumnsLayout{Widths: disciplineColumns},
		r.name, r.bar, r.score, r.level, r.delta, r.target, r.gap, info)
	r.row = screen.NewTapRow(cells, func() {
		if i < len(t.sum.Disciplines) {
			t.h.Show(screen.DisciplinePlace(t.sum.Disciplines[i].Key))
		}
	})
	return r
}

func (t *disciplineTable) content() fyne.CanvasObject { return t.box }

// set shows the disciplines of sum.
func (t *disciplineTable) set(sum model.Summary) {
	t.sum = sum
	for i, r := range t.rows {
		if i >= len(sum.Disciplines) {
			r.row.Hide()
			continue
		}
		ds := sum.Disciplines[i]
		r.row.Show()
		r.name.SetText(ds.Name)
		r.bar.Set(ds.Present, ds.Score, ds.Target)
		r.bar.Refresh()
		r.score.SetText(screen.ScoreText(ds.Present, ds.Score))
		r.level.SetText("–")
		if ds.Present {
			r.level.SetText(fmt.Sprintf("%d %s", ds.Level, ds.LevelName))
		}
		r.delta.SetText(optText(ds.Delta, true))
		r.target.SetText(optText(ds.Target, false))
		r.gap.SetText(optText(ds.Gap, false))
	}
}

func (t *disciplineTable) explain(i int) {
	if i >= len(t.sum.Disciplines) {
		return
	}
	ds := t.sum.Disciplines[i]
	screen.ShowExplanation(t.h.Window(), ds.Name, screen.DisciplineExplanation(ds, t.sum.Period.Prev()), "Open "+ds.Name,
		func() { t.h.Show(screen.DisciplinePlace(ds.Key)) })
}

// optText prints an optional score, signed for changes.
func optText(v *float64, signed bool) string {
	switch {
	case v == nil:
		return "–"
	case signed:
		return charts.ScoreFormat.Signed(*v)
	}
	return charts.ScoreFormat.String(*v)
}
