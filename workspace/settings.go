package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"cxdash/importers"
	"cxdash/model"
)

// Workspace settings, by key. Settings live in the workspace, so a team
// shares them; per-computer preferences (theme, window size) do not.
const (
	settingDefaultUnit  = "default_unit"             // the unit the filter shows when the workspace opens
	settingStalePeriods = "governance.stale_periods" // periods without a value before a metric is stale
	mappingKeyPrefix    = "mapping:"                 // + a sheet's header signature: the roles a user chose
)

// defaultStalePeriods is used until a workspace sets its own.
const defaultStalePeriods = 2

// DefaultUnit is the business unit the filter shows when the workspace
// opens: its setting, or all units when there is none.
func (w *Workspace) DefaultUnit(ctx context.Context) string {
	u, err := w.st.Setting(ctx, settingDefaultUnit)
	if err != nil || strings.TrimSpace(u) == "" {
		return model.AllUnits
	}
	return u
}

// SaveSettings stores the framework (level names, weights, targets) and
// the default unit together, as the Settings screen saves them.
func (w *Workspace) SaveSettings(ctx context.Context, fw model.Framework, defaultUnit string) error {
	if err := w.st.SaveFramework(ctx, fw); err != nil {
		return err
	}
	return w.st.SetSetting(ctx, settingDefaultUnit, defaultUnit)
}

// StalePeriods reads after how many periods without a value a metric is
// flagged stale: the workspace's setting, or defaultStalePeriods.
func (w *Workspace) StalePeriods(ctx context.Context) int {
	s, err := w.st.Setting(ctx, settingStalePeriods)
	if err != nil {
		return defaultStalePeriods
	}
	var n int
	if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 {
		return defaultStalePeriods
	}
	return n
}

// SetStalePeriods stores after how many periods a metric is flagged stale.
func (w *Workspace) SetStalePeriods(ctx context.Context, n int) error {
	if n < 1 {
		return fmt.Errorf("a metric can only be stale after 1 period or more, not %d", n)
	}
	return w.st.SetSetting(ctx, settingStalePeriods, fmt.Sprint(n))
}

func (w *Workspace) rememberedMapping(ctx context.Context, sig string) (importers.Mapping, bool) {
	s, err := w.st.Setting(ctx, mappingKeyPrefix+sig)
	if err != nil {
		return nil, false
	}
	var m importers.Mapping
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil, false
	}
	return m, true
}

// rememberMappings stores the overrides a user chose for the sheets of an
// imported file, so the next file of the same shape needs no questions.
func (w *Workspace) rememberMappings(ctx context.Context, overrides map[string]importers.Mapping, rep importers.Result) error {
	for _, sh := range rep.Sheets {
		m, ok := overrides[sh.Name]
		if !ok || sh.Signature == "" {
			continue
		}
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if err := w.st.SetSetting(ctx, mappingKeyPrefix+sh.Signature, string(b)); err != nil {
			return err
		}
	}
	return nil
}
