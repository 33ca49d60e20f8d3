package cli

import (
	"context"
	"fmt"
	"strings"

	"cxdash/importers"
	"cxdash/workspace"
)

// columnMap is one --map: a column's role, in one sheet or in every sheet.
type columnMap struct {
	sheet  string // "" for every sheet
	column int    // 0-based
	role   importers.Role
}

var mappableRoles = []importers.Role{importers.RolePeriod, importers.RoleUnit, importers.RoleDiscipline,
	importers.RoleMetric, importers.RoleValue, importers.RoleTarget, importers.RoleNote, importers.RoleIgnore,
	importers.RoleNPS, importers.RoleCSAT, importers.RoleCES, importers.RoleFCR}

// parseColumnMap reads "C=unit" or "Scores!C=unit".
func parseColumnMap(v string) (columnMap, error) {
	ref, role, ok := strings.Cut(v, "=")
	if !ok {
		return columnMap{}, fmt.Errorf("--map %q: write COLUMN=ROLE, e.g. C=unit", v)
	}
	m := columnMap{role: importers.Role(strings.ToLower(strings.TrimSpace(role)))}
	if i := strings.LastIndex(ref, "!"); i >= 0 {
		m.sheet, ref = ref[:i], ref[i+1:]
	}
	col, ok := columnIndex(strings.TrimSpace(ref))
	if !ok {
		return columnMap{}, fmt.Errorf("--map %q: %q is not a column letter such as C", v, ref)
	}
	m.column = col
	for _, r := range mappableRoles {
		if m.role == r {
			return m, nil
		}
	}
	return columnMap{}, fmt.Errorf("--map %q: role %q is not one of %v", v, role, mappableRoles)
}

// columnIndex turns "A" into 0 and "AB" into 27.
func columnIndex(letters string) (int, bool) {
	if letters == "" || len(letters) > 3 {
		return 0, false
	}
	n := 0
	for _, r := range strings.ToUpper(letters) {
		if r < 'A' || r > 'Z' {
			return 0, false
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1, n <= 16384
}

// overrides previews path and applies the --map changes to the mappings
// found, per sheet: an override replaces a sheet's whole mapping.
func overrides(ctx context.Context, ws *workspace.Workspace, path string, maps []columnMap, batch batchDefaults) (map[string]importers.Mapping, error) {
	if len(maps) == 0 {
		return nil, nil
	}
	preview, previewErr := ws.ImportFile(ctx, path, workspace.ImportOptions{DryRun: true,
		Period: batch.period, Unit: batch.unit})
	if previewErr != nil || preview.Duplicate {
		return nil, previewErr // a file imported before adds nothing anyway
	}
	out := map[string]importers.Mapping{}
	for _, sh := range preview.Sheets {
		m := sh.Mapping()
		changed := false
		for _, cm := range maps {
			if cm.sheet != "" && !strings.EqualFold(cm.sheet, sh.Name) {
				continue
			}
			changed = true
			if cm.role == importers.RoleIgnore {
				delete(m, cm.column)
			} else {
				m[cm.column] = cm.role
			}
		}
		if changed {
			out[sh.Name] = m
		}
	}
	return out, nil
}
