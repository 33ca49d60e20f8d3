package discipline

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/charts"
	"cxdash/model"
)

// metricTable lists a discipline's metrics with the model's numbers and the
// catalogue's facts: value, score, target, weight, observations, owner and
// how the value scores. A metric computed from answers shows its 95%
// margin of error beside its value and its n (answers) as observations.
type metricTable struct {
	table    *widget.Table
	rows     []metricRow
	onSelect func(row int)
	quiet    bool // set while a row is selected from code
}

// metricColumns: the first column takes the width the others leave.
var metricColumns = []screen.TableColumn{
	{Title: "Metric", Width: 0, Right: false}, {Title: "Value", Width: 84, Right: true}, {Title: "Score", Width: 62, Right: true}, {Title: "Target", Width: 84, Right: true},
	{Title: "Weight", Width: 72, Right: true}, {Title: "Obs.", Width: 54, Right: true}, {Title: "Owner", Width: 160, Right: false}, {Title: "Direction, scale", Width: 200, Right: false},
}

func newMetricTable(onSelect func(int)) *metricTable {
	m := &metricTable{onSelect: onSelect}
	m.table = screen.NewHeaderTable(metricColumns, func() int { return len(m.rows) }, m.cell)
	m.table.OnSelected = func(id widget.TableCellID) {
		if !m.quiet && m.onSelect != nil {
			m.onSelect(id.Row)
		}
	}
	return m
}

// content is the table with its first column fitted to the width.
func (m *metricTable) content() fyne.CanvasObject {
	return screen.FitColumns(m.table, metricColumns, 0, 220)
}

func (m *metricTable) cell(row, col int) string {
	if row >= len(m.rows) {
		return ""
	}
	r := m.rows[row]
	ms := r.score
	var s string
	switch col {
	case 0:
		s = ms.Metric
	case 1:
		s = r.format.String(ms.Value)
		if ms.Answers {
			s = screen.ValueWithMargin(ms.Estimate, r.format)
		}
	case 2:
		s = charts.ScoreFormat.String(ms.Score)
	case 3:
		s = "–"
		if ms.Target != nil {
			s = r.format.String(*ms.Target)
		}
	case 4:
		s = strconv.FormatFloat(ms.Weight, 'g', 4, 64)
	case 5:
		s = strconv.Itoa(ms.Rows)
		if ms.Answers {
			s = model.FormatCount(ms.Estimate.N)
		}
	case 6:
		s = strings.TrimSpace(r.metric.Owner)
		if s == "" {
			s = "–"
		}
	case 7:
		s = scoringText(r.metric)
	}
	return s
}

// scoringText says in a few words how a metric's value becomes a score:
// which way is better, and the level scale or the thresholds t1..t5.
func scoringText(m model.Metric) string {
	if m.Name == "" {
		return "–"
	}
	dir := "Higher"
	if m.Direction == model.LowerBetter {
		dir = "Lower"
	}
	if m.Scale != model.ScaleThresholds {
		return dir + ", level 1–5"
	}
	parts := make([]string, len(m.Thresholds))
	for i, t := range m.Thresholds {
		parts[i] = strconv.FormatFloat(t, 'f', -1, 64)
	}
	return dir + ", " + withMeasure(strings.Join(parts, "/"), m.Unit)
}

// set shows rows.
func (m *metricTable) set(rows []metricRow) {
	m.rows = rows
	m.table.Refresh()
}

// selectRow marks row i without reporting it back.
func (m *metricTable) selectRow(i int) {
	m.quiet = true
	m.table.Select(widget.TableCellID{Row: i, Col: 0})
	m.quiet = false
}

func (m *metricTable) unselect() {
	m.quiet = true
	m.table.UnselectAll()
	m.quiet = false
}
