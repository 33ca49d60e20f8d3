package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cxdash/assets"
	"cxdash/importers"
	"cxdash/model"
	"cxdash/store"
)

// Workspace is one open workspace (a file, or a database on a team's
// PostgreSQL server) and the operations the window and the command line
// share. It is the only way either reaches the store.
type Workspace struct {
	st *store.Store
}

// Open opens (creating if needed) the workspace at location: a file path
// or a postgres:// URL of a team workspace.
func Open(ctx context.Context, location string) (*Workspace, error) {
	return OpenWith(ctx, location, Options{})
}

// OpenWith is Open with store options, such as the password a person typed
// for a team server.
func OpenWith(ctx context.Context, location string, opts Options) (*Workspace, error) {
	st, err := store.OpenWith(ctx, location, opts)
	if err != nil {
		return nil, err
	}
	return &Workspace{st: st}, nil
}

// Close closes the workspace.
func (w *Workspace) Close() error { return w.st.Close() }

// Path is the workspace's file path, or its server URL without a password.
func (w *Workspace) Path() string { return w.st.Path() }

// Engine names the database engine: "SQLite" or "PostgreSQL".
func (w *Workspace) Engine() string { return w.st.Engine() }

// IsServer reports whether the workspace lives on a team server.
func (w *Workspace) IsServer() bool { return store.IsServer(w.st.Path()) }

// DemoFileName is the name the bundled demo workbook is imported under.
const DemoFileName = "cxdash-demo.xlsx"

// demoMapping reads the demo's survey sheet as a user would map it in the
// import preview: the unit from its Business unit column, which the
// importer only offers as a candidate. The workspace remembers it, as it
// remembers any mapping a user chose. The survey's NPS is defined by
// assets.DemoSurveyMetrics, put in the same batch.
var demoMapping = map[string]importers.Mapping{
	assets.DemoSurveySheet: {1: importers.RolePeriod, 2: importers.RoleUnit, 3: importers.RoleNPS},
}

// LoadDemo imports the bundled demo workbook. With ifEmpty it does nothing
// when the workspace already holds data.
func (w *Workspace) LoadDemo(ctx context.Context, ifEmpty bool) (ImportResult, error) {
	if ifEmpty {
		c, err := w.st.Counts(ctx)
		if err != nil {
			return ImportResult{}, err
		}
		if c.Batches > 0 {
			return ImportResult{}, nil
		}
	}
	dir, err := os.MkdirTemp("", "cxdash-demo-")
	if err != nil {
		return ImportResult{}, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, DemoFileName)
	if err := os.WriteFile(path, assets.DemoWorkbook, 0o600); err != nil {
		return ImportResult{}, err
	}
	res, err := w.ImportFile(ctx, path, ImportOptions{Overrides: demoMapping, define: assets.DemoSurveyMetrics()})
	if err != nil {
		return res, err
	}
	if !res.OK() {
		return res, fmt.Errorf("the bundled demo workbook was rejected: %v", res.Problems[0])
	}
	return res, nil
}

// Scorer loads everything scoring needs and indexes it.
func (w *Workspace) Scorer(ctx context.Context) (*model.Scorer, model.Framework, error) {
	sc, fw, _, err := w.scorer(ctx)
	return sc, fw, err
}

// scorer is Scorer that also hands back the catalogue it read, so that a
// caller needing both reads it once.
func (w *Workspace) scorer(ctx context.Context) (*model.Scorer, model.Framework, []model.Metric, error) {
	fw, err := w.st.Framework(ctx)
	if err != nil {
		return nil, fw, nil, err
	}
	metrics, err := w.st.Metrics(ctx)
	if err != nil {
		return nil, fw, nil, err
	}
	values, err := w.st.Values(ctx)
	if err != nil {
		return nil, fw, nil, err
	}
	return model.NewScorer(fw, metrics, values), fw, metrics, nil
}

// Summary scores unit (or all units when "" or "All") in period p; a zero p
// means the latest period at the default granularity.
func (w *Workspace) Summary(ctx context.Context, unit string, p model.Period) (model.Summary, error) {
	sc, _, err := w.Scorer(ctx)
	if err != nil {
		return model.Summary{}, err
	}
	if p.IsZero() {
		latest, ok := sc.Latest(sc.DefaultGranularity())
		if !ok {
			return model.Summary{}, ErrNoData
		}
		p = latest
	}
	unit, err = resolveUnit(sc.Units(), unit)
	if err != nil {
		return model.Summary{}, err
	}
	return sc.Summary(unit, p), nil
}

// resolveUnit is model.AllUnits for "" and "All", else the workspace's
// spelling of unit.
func resolveUnit(units []string, unit string) (string, error) {
	if strings.TrimSpace(unit) == "" || strings.EqualFold(strings.TrimSpace(unit), model.AllUnits) {
		return model.AllUnits, nil
	}
	found, ok := MatchUnit(units, unit)
	if !ok {
		return "", fmt.Errorf("no business unit %q: the workspace has %s", unit, strings.Join(units, ", "))
	}
	return found, nil
}

// MatchUnit finds a unit by name, ignoring case and surrounding spaces as
// the store does.
func MatchUnit(units []string, name string) (string, bool) {
	for _, u := range units {
		if strings.EqualFold(u, strings.TrimSpace(name)) {
			return u, true
		}
	}
	return "", false
}
