package imports

import (
	"slices"
	"strings"

	"cxdash/importers"
	"cxdash/model"
)

// Roles a user can give a column of a data sheet, in the order offered.
var dataRoles = []importers.Role{
	importers.RolePeriod, importers.RoleUnit, importers.RoleDiscipline, importers.RoleMetric,
	importers.RoleValue, importers.RoleTarget, importers.RoleNote, importers.RoleIgnore,
}

// Roles of a catalogue sheet's columns.
var catalogueRoles = []importers.Role{
	importers.RoleMetric, importers.RoleDiscipline, importers.RoleMeasureUnit, importers.RoleDirection,
	importers.RoleScale, importers.RoleT1, importers.RoleT2, importers.RoleT3, importers.RoleT4, importers.RoleT5,
	importers.RoleWeight, importers.RoleTarget, importers.RoleOwner, importers.RoleIgnore,
}

// roleTitle names a role for a column: "Values of Q1 2024" for a
// period column of a wide sheet, "Values of NPS" for a metric column.
func roleTitle(r importers.Role, c importers.Column) string {
	switch r {
	case importers.RoleIgnore, "":
		return "Ignore"
	case importers.RolePeriodValues:
		p := c.Period
		if p.IsZero() {
			p, _ = model.ParsePeriod(c.Header)
		}
		if p.IsZero() {
			return "Values of this period"
		}
		return "Values of " + p.Label()
	case importers.RoleMetricValues:
		if h := strings.TrimSpace(c.Header); h != "" {
			return "Values of " + h
		}
		return "Values of this metric"
	case importers.RoleT1, importers.RoleT2, importers.RoleT3, importers.RoleT4, importers.RoleT5:
		return "Threshold " + string(r)
	case importers.RoleSubjectType:
		return "Discipline or metric"
	case importers.RoleAction:
		return "Linked action"
	}
	s := strings.ReplaceAll(string(r), "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// roleChoices are the roles offered for column c of a sheet whose
// layout was detected as l: the catalogue's roles for a catalogue, the data
// roles otherwise, plus "values of this period" under a period header and
// "values of this metric" where the sheet has metrics across (or was not
// recognised, so the user may say so). The column's role is always offered.
func roleChoices(c importers.Column, l importers.Layout, current importers.Role) []importers.Role {
	base := dataRoles
	if l == importers.LayoutCatalogue {
		base = catalogueRoles
	}
	if gov := importers.GovernanceRoles(l); gov != nil {
		// An Owners, Actions, Issues or Events sheet offers its own fields.
		base = append(gov, importers.RoleIgnore)
	}
	roles := append([]importers.Role(nil), base[:len(base)-1]...) // Ignore goes last
	_, perr := model.ParsePeriod(c.Header)
	isPeriod := !c.Period.IsZero() || perr == nil
	if l != importers.LayoutCatalogue && importers.GovernanceRoles(l) == nil {
		if isPeriod || c.Role == importers.RolePeriodValues {
			roles = append(roles, importers.RolePeriodValues)
		}
		named := strings.TrimSpace(c.Header) != "" && !isPeriod
		if c.Role == importers.RoleMetricValues || (named && (l == importers.LayoutWideMetric || l == importers.LayoutSkipped)) {
			roles = append(roles, importers.RoleMetricValues)
		}
	}
	roles = append(roles, importers.RoleIgnore)
	if current != "" && current != importers.RoleIgnore && !slices.Contains(roles, current) {
		roles = append(roles[:len(roles)-1], current, importers.RoleIgnore)
	}
	return roles
}

// layoutTitle says what a layout is in a few words.
func layoutTitle(l importers.Layout) string {
	switch l {
	case importers.LayoutLong:
		return "Long: one value per row"
	case importers.LayoutWidePeriod:
		return "Wide by period: periods across the columns"
	case importers.LayoutWideMetric:
		return "Wide by metric: metrics across the columns"
	case importers.LayoutCatalogue:
		return "Catalogue: metric definitions"
	case importers.LayoutSkipped:
		return "Skipped: nothing is read from this sheet"
	case importers.LayoutOwners:
		return "Owners: who owns each discipline and metric, with targets"
	case importers.LayoutActions:
		return "Actions: the action plan"
	case importers.LayoutIssues:
		return "Issues: the CX issue log"
	case importers.LayoutEvents:
		return "Events: dated notes for the timeline"
	}
	return string(l)
}

// itemWords names what a sheet of layout l holds, one and many: values
// for data sheets, records for governance sheets.
func itemWords(l importers.Layout) (string, string) {
	if importers.GovernanceRoles(l) != nil {
		return "record", "records"
	}
	return "value", "values"
}

// remap gives column col of a sheet a new role and previews the file again.
func (i *Screen) remap(f *file, sheet string, col int, role importers.Role) {
	m := importers.Mapping{}
	if cur, ok := f.overrides[sheet]; ok {
		for k, v := range cur {
			m[k] = v
		}
	} else {
		for _, c := range f.columns[sheet] {
			if c.Role != "" && c.Role != importers.RoleIgnore {
				m[c.Index] = c.Role
			}
		}
	}
	if role == importers.RoleIgnore {
		delete(m, col)
	} else {
		m[col] = role
	}
	if f.overrides == nil {
		f.overrides = map[string]importers.Mapping{}
	}
	f.overrides[sheet] = m
	f.sheet = sheet
	i.check(f)
	i.fileChanged(f)
}

// resetMapping drops the user's mapping of a sheet.
func (i *Screen) resetMapping(f *file, sheet string) {
	delete(f.overrides, sheet)
	f.sheet = sheet
	i.check(f)
	i.fileChanged(f)
}
