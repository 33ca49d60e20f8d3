package workspace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"cxdash/importers"
	"cxdash/model"
	"cxdash/store"
)

// ImportResult is the outcome of importing one file: what the importer
// read (sheets, mapping, problems) and the batch it became.
type ImportResult struct {
	importers.Result
	Batch     Batch // the new batch; zero for dry runs and rejected files
	Duplicate bool  // the same content was imported before, as Batch
}

// Imported reports whether the file added a batch.
func (r ImportResult) Imported() bool { return r.Batch.ID != 0 && !r.Duplicate }

// Rejected reports whether the file was refused for its content.
func (r ImportResult) Rejected() bool { return !r.OK() }

// ImportOptions steer ImportFile.
type ImportOptions struct {
	DryRun    bool
	Overrides map[string]importers.Mapping
	Progress  Progress // bytes read of the file's size
	// Name is the file name recorded in the batch and in messages; default
	// the path's base name.
	Name string
	// Period and Unit apply to rows that state none (a survey without
	// response dates, a sheet without a unit column); zero and "" leave
	// them out (DESIGN.md, "Batches").
	Period model.Period
	Unit   string

	// define are metrics put in the batch before the file is read, when
	// the workspace has no metric of their name (LoadDemo's metrics from
	// answers, which no catalogue sheet can define).
	define []model.Metric
}

// ImportFile imports one file as one batch in one transaction: every value
// or none. A file whose exact content was imported before adds nothing.
// Problems with the file's content are in the result (Rejected); the error
// is for what stopped the import itself: cancellation, a failed write.
func (w *Workspace) ImportFile(ctx context.Context, path string, opt ImportOptions) (ImportResult, error) {
	name := opt.Name
	if name == "" {
		name = filepath.Base(path)
	}
	res := ImportResult{Result: importers.Result{File: name, Path: path}}
	// A file too large to import is refused before it is hashed: reading
	// 2 GB only to refuse it would look like a hang.
	if err := importers.CheckFileSize(path); err != nil {
		res.Problems = []importers.Problem{{File: name, Message: err.Error()}}
		return res, nil
	}
	sum, err := fileSHA256(path)
	if err != nil {
		res.Problems = []importers.Problem{{File: name, Message: openErrorText(err)}}
		return res, nil
	}
	if b, err := w.st.BatchBySHA(ctx, sum); err == nil {
		res.Batch, res.Duplicate = b, true
		return res, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return res, err
	}
	opts, defs, err := w.readOptions(ctx, opt)
	if err != nil {
		return res, err
	}
	if opt.DryRun {
		res.Result, err = importers.Read(ctx, path, opts, nil)
		res.File = name
		return res, err
	}
	tx, err := w.st.BeginBatch(ctx, store.BatchInfo{File: name, Path: path, SHA256: sum})
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	// Another process may have imported the same content while this one
	// waited for the write lock; now that it holds it, nobody else can.
	if b, err := w.st.BatchBySHA(ctx, sum); err == nil {
		res.Batch, res.Duplicate = b, true
		return res, nil
	}
	for _, m := range defs {
		if err := tx.PutMetric(ctx, m); err != nil {
			return res, err
		}
	}
	pipe := NewPipeline(ctx, tx) // parse and insert overlap (pipeline.go)
	res.Result, err = importers.Read(ctx, path, opts, pipe)
	if cerr := pipe.Close(); err == nil {
		err = cerr
	}
	res.File = name
	if err != nil || !res.OK() {
		return res, err
	}
	if res.Batch, err = tx.Commit(res.Skipped); err != nil {
		return res, err
	}
	return res, w.rememberMappings(ctx, opt.Overrides, res.Result)
}

// readOptions gives the importer the workspace's catalogue and the mappings
// users chose before. The metrics of opt.define that the workspace lacks
// join the catalogue, and are returned to be put in the batch first.
func (w *Workspace) readOptions(ctx context.Context, opt ImportOptions) (importers.Options, []model.Metric, error) {
	metrics, err := w.st.Metrics(ctx)
	if err != nil {
		return importers.Options{}, nil, err
	}
	catalogue := make(map[string]model.Metric, len(metrics))
	for _, m := range metrics {
		catalogue[model.MetricKey(m.Name)] = m
	}
	var defs []model.Metric
	for _, m := range opt.define {
		if _, known := catalogue[model.MetricKey(m.Name)]; !known {
			catalogue[model.MetricKey(m.Name)] = m
			defs = append(defs, m)
		}
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
		Period:    opt.Period,
		Unit:      strings.TrimSpace(opt.Unit),
	}, defs, nil
}

// tempDir is where an import may unpack large sheets: beside the workspace
// file, or the system's temporary folder for a team workspace, whose
// "path" is a URL.
func (w *Workspace) tempDir() string {
	if w.IsServer() {
		return ""
	}
	return filepath.Dir(w.st.Path())
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
