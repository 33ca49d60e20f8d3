package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"cxdash/assets"
	"cxdash/importers"
	"cxdash/model"
	"cxdash/store"
)

// Workspace is one open workspace file and the operations the window and
// the command line share, so both take the same code paths.
type Workspace struct {
	Store *store.Store
}

// OpenWorkspace opens (creating if needed) the workspace at path: a file
// or a postgres:// URL of a team workspace.
func OpenWorkspace(ctx context.Context, path string) (*Workspace, error) {
	return OpenWorkspaceWith(ctx, path, store.Options{})
}

// OpenWorkspaceWith is OpenWorkspace with store options, such as the
// password a person typed for a team server.
func OpenWorkspaceWith(ctx context.Context, location string, opts store.Options) (*Workspace, error) {
	st, err := store.OpenWith(ctx, location, opts)
	if err != nil {
		return nil, err
	}
	return &Workspace{Store: st}, nil
}

// Close closes the workspace.
func (w *Workspace) Close() error { return w.Store.Close() }

// ImportResult is the outcome of importing one file.
type ImportResult struct {
	Report    importers.Report
	Batch     store.Batch // the new batch; zero for dry runs and rejected files
	Duplicate bool        // the same content was imported before, as Batch
	Err       error       // cancelled or failed to write; problems are in Report
}

// Imported reports whether the file added a batch.
func (r ImportResult) Imported() bool { return r.Batch.ID != 0 && !r.Duplicate }

// Rejected reports whether the file was refused for its content.
func (r ImportResult) Rejected() bool { return r.Err == nil && !r.Report.OK() }

// ImportOptions steer ImportFile.
type ImportOptions struct {
	DryRun    bool
	Overrides map[string]importers.Mapping
	Progress  func(done, total int64)
	// Name is the file name recorded in the batch and in messages; default
	// the path's base name.
	Name string
}

// ImportFile imports one file as one batch in one transaction: every value
// or none. A file whose exact content was imported before adds nothing.
func (w *Workspace) ImportFile(ctx context.Context, path string, opt ImportOptions) ImportResult {
	name := opt.Name
	if name == "" {
		name = filepath.Base(path)
	}
	res := ImportResult{Report: importers.Report{File: name, Path: path}}
	// A file too large to import is refused before it is hashed: reading
	// 2 GB only to refuse it would look like a hang.
	if err := importers.CheckFileSize(path); err != nil {
		res.Report.Problems = []importers.Problem{{File: name, Message: err.Error()}}
		return res
	}
	sum, err := fileSHA256(path)
	if err != nil {
		res.Report.Problems = []importers.Problem{{File: name, Message: readableOpenError(err)}}
		return res
	}
	if b, err := w.Store.BatchBySHA(ctx, sum); err == nil {
		res.Batch, res.Duplicate = b, true
		return res
	} else if !errors.Is(err, store.ErrNotFound) {
		res.Err = err
		return res
	}
	opts, err := w.readOptions(ctx, opt)
	if err != nil {
		res.Err = err
		return res
	}
	if opt.DryRun {
		res.Report, res.Err = importers.Read(ctx, path, opts, nil)
		res.Report.File = name
		return res
	}
	tx, err := w.Store.BeginBatch(ctx, store.BatchInfo{File: name, Path: path, SHA256: sum, User: osUser()})
	if err != nil {
		res.Err = err
		return res
	}
	defer tx.Rollback()
	// Another process may have imported the same content while this one
	// waited for the write lock; now that it holds it, nobody else can.
	if b, err := w.Store.BatchBySHA(ctx, sum); err == nil {
		res.Batch, res.Duplicate = b, true
		return res
	}
	pipe := NewPipeline(ctx, tx) // parse and insert overlap (pipeline.go)
	res.Report, res.Err = importers.Read(ctx, path, opts, pipe)
	if err := pipe.Close(); res.Err == nil {
		res.Err = err
	}
	res.Report.File = name
	if res.Err != nil || !res.Report.OK() {
		return res
	}
	res.Batch, res.Err = tx.Commit(res.Report.Skipped)
	if res.Err == nil {
		res.Err = w.rememberMappings(ctx, opt.Overrides, res.Report)
	}
	return res
}

// readOptions gives the importer the workspace's catalogue and the mappings
// users chose before.
func (w *Workspace) readOptions(ctx context.Context, opt ImportOptions) (importers.Options, error) {
	metrics, err := w.Store.Metrics(ctx)
	if err != nil {
		return importers.Options{}, err
	}
	catalogue := make(map[string]model.Metric, len(metrics))
	for _, m := range metrics {
		catalogue[model.MetricKey(m.Name)] = m
	}
	return importers.Options{
		Catalogue: func(name string) (model.Metric, bool) {
			m, ok := catalogue[model.MetricKey(name)]
			return m, ok
		},
		RememberedMapping: func(sig string) (importers.Mapping, bool) {
			return w.rememberedMapping(ctx, sig)
		},
		Overrides: opt.Overrides,
		Progress:  opt.Progress,
		TempDir:   w.tempDir(),
	}, nil
}

// tempDir is where an import may unpack large sheets: beside the workspace
// file, or the system's temporary folder for a team workspace, whose
// "path" is a URL.
func (w *Workspace) tempDir() string {
	if store.IsServer(w.Store.Path()) {
		return ""
	}
	return filepath.Dir(w.Store.Path())
}

const mappingKeyPrefix = "mapping:"

func (w *Workspace) rememberedMapping(ctx context.Context, sig string) (importers.Mapping, bool) {
	s, err := w.Store.Setting(ctx, mappingKeyPrefix+sig)
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
func (w *Workspace) rememberMappings(ctx context.Context, overrides map[string]importers.Mapping, rep importers.Report) error {
	for _, sh := range rep.Sheets {
		m, ok := overrides[sh.Name]
		if !ok || sh.Signature == "" {
			continue
		}
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if err := w.Store.SetSetting(ctx, mappingKeyPrefix+sh.Signature, string(b)); err != nil {
			return err
		}
	}
	return nil
}

// DemoFileName is the name the bundled demo workbook is imported under.
const DemoFileName = "cxdash-demo.xlsx"

// LoadDemo imports the bundled demo workbook. With ifEmpty it does nothing
// when the workspace already holds data.
func (w *Workspace) LoadDemo(ctx context.Context, ifEmpty bool) (ImportResult, error) {
	if ifEmpty {
		c, err := w.Store.Counts(ctx)
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
	res := w.ImportFile(ctx, path, ImportOptions{})
	if res.Err != nil {
		return res, res.Err
	}
	if !res.Report.OK() {
		return res, fmt.Errorf("the bundled demo workbook was rejected: %v", res.Report.Problems[0])
	}
	return res, nil
}

// Scorer loads everything scoring needs and indexes it.
func (w *Workspace) Scorer(ctx context.Context) (*model.Scorer, model.Framework, error) {
	fw, err := w.Store.Framework(ctx)
	if err != nil {
		return nil, fw, err
	}
	metrics, err := w.Store.Metrics(ctx)
	if err != nil {
		return nil, fw, err
	}
	values, err := w.Store.Values(ctx)
	if err != nil {
		return nil, fw, err
	}
	return model.NewScorer(fw, metrics, values), fw, nil
}

// ErrNoData is returned when a workspace has nothing to score.
var ErrNoData = errors.New("the workspace has no data yet: import a workbook first")

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
	if unit != "" && !strings.EqualFold(unit, model.AllUnits) {
		found, ok := matchUnit(sc.Units(), unit)
		if !ok {
			return model.Summary{}, fmt.Errorf("no business unit %q: the workspace has %s", unit, strings.Join(sc.Units(), ", "))
		}
		unit = found
	}
	return sc.Summary(unit, p), nil
}

// matchUnit finds a unit by name, ignoring case as the store does.
func matchUnit(units []string, name string) (string, bool) {
	for _, u := range units {
		if strings.EqualFold(u, strings.TrimSpace(name)) {
			return u, true
		}
	}
	return "", false
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func readableOpenError(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "file not found"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// osUser is recorded on each batch: who imported it.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}
