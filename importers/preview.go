package importers

import (
	"strings"

	"cxdash/model"
)

// PreviewColumns names the fields of SheetResult.Preview rows for a layout:
// period, unit, metric, value and note for data sheets; the metric's name,
// discipline, direction, scale and thresholds for a catalogue sheet.
func PreviewColumns(l Layout) []string {
	if cols := governancePreviewColumns(l); cols != nil { // a governance sheet: its canonical headers
		return cols
	}
	if l == LayoutCatalogue {
		return []string{"Metric", "Discipline", "Direction", "Scale", "t1..t5"}
	}
	return []string{"Period", "Unit", "Metric", "Value", "Note"}
}

// cataloguePreview shows a metric definition as a preview row.
func cataloguePreview(m model.Metric) []string {
	disc := m.Discipline
	if d, ok := model.DefaultFramework().Discipline(m.Discipline); ok {
		disc = d.Name
	}
	t := ""
	if m.Scale == model.ScaleThresholds {
		parts := make([]string, len(m.Thresholds))
		for i, v := range m.Thresholds {
			parts[i] = formatValue(v)
		}
		t = strings.Join(parts, " / ")
	}
	return []string{m.Name, disc, string(m.Direction), string(m.Scale), t}
}

// previewRow shows an observation as a preview row.
func previewRow(o model.Observation) []string {
	return []string{o.Period.Label(), o.Unit, o.Metric, formatValue(o.Value), o.Note}
}
