package model

// AllUnitsLabel is how the all-units view is named to a reader, in titles,
// lists and reports.
const AllUnitsLabel = "All units"

// IsAllUnits reports whether unit u stands for the all-units view:
// AllUnits, or "" (no unit chosen).
func IsAllUnits(u string) bool { return u == "" || u == AllUnits }

// UnitLabel is how unit u is named to a reader: AllUnitsLabel for the
// all-units view (see IsAllUnits), else u itself.
func UnitLabel(u string) string {
	if IsAllUnits(u) {
		return AllUnitsLabel
	}
	return u
}
