package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"cxdash/model"
)

// BatchInfo describes the file an import reads.
type BatchInfo struct {
	File   string // base name; from Path when empty
	Path   string
	SHA256 string // of the file's bytes: the same content imported again is recognised
	User   string // OS user name; the current user's when empty
}

// Batch is one import.
type Batch struct {
	ID         int64
	File       string
	Path       string
	SHA256     string
	User       string
	ImportedAt time.Time // UTC
	Rows       int       // observations
	Skipped    int       // blank, n/a and - cells
	Metrics    int       // distinct metrics observed or put in the catalogue
}

const batchCols = `id, file, path, sha256, imported_at, username, rows, skipped, metrics`

func scanBatch(r scanner) (Batch, error) {
	var b Batch
	var at string
	if err := r.Scan(&b.ID, &b.File, &b.Path, &b.SHA256, &at, &b.User, &b.Rows, &b.Skipped, &b.Metrics); err != nil {
		return Batch{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return Batch{}, fmt.Errorf("batch %d: imported_at %q: %w", b.ID, at, err)
	}
	b.ImportedAt = t
	return b, nil
}

// Batch returns the batch with the given id, or ErrNotFound.
func (s *Store) Batch(ctx context.Context, id int64) (Batch, error) {
	b, err := scanBatch(s.db.QueryRowContext(ctx, `SELECT `+batchCols+` FROM batches WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Batch{}, fmt.Errorf("store: batch %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Batch{}, fmt.Errorf("store: batch %d: %w", id, err)
	}
	return b, nil
}

// BatchBySHA returns the latest batch that imported content with this
// sha256, or ErrNotFound: the caller's check for a repeated import.
func (s *Store) BatchBySHA(ctx context.Context, sha string) (Batch, error) {
	if sha == "" {
		return Batch{}, fmt.Errorf("store: batch by sha256 %q: %w", sha, ErrNotFound)
	}
	b, err := scanBatch(s.db.QueryRowContext(ctx,
		`SELECT `+batchCols+` FROM batches WHERE sha256 = ? ORDER BY id DESC LIMIT 1`, sha))
	if errors.Is(err, sql.ErrNoRows) {
		return Batch{}, fmt.Errorf("store: batch by sha256 %s: %w", sha, ErrNotFound)
	}
	if err != nil {
		return Batch{}, fmt.Errorf("store: batch by sha256 %s: %w", sha, err)
	}
	return b, nil
}

// Batches lists every batch, newest first.
func (s *Store) Batches(ctx context.Context) ([]Batch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+batchCols+` FROM batches ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: batches: %w", err)
	}
	defer rows.Close()
	var bs []Batch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, fmt.Errorf("store: batches: %w", err)
		}
		bs = append(bs, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: batches: %w", err)
	}
	return bs, nil
}

// BatchTx is an import in progress: one transaction holding the store's
// writer slot until Commit or Rollback. Always defer Rollback (a no-op after
// Commit). Other writes of the same Store wait for it; reads do not. It is
// not safe for concurrent use. It implements importers.Sink.
type BatchTx struct {
	s      *Store
	tx     *txn
	ctx    context.Context // BeginBatch's: its cancellation rolls the batch back
	rowCtx context.Context // the same without cancellation, see flush
	batch  Batch
	done   bool
	err    error // a failed insert: the batch can only be rolled back

	// SQLite: rows are inserted rowsPerInsert at a time through one
	// prepared statement, which halves the per-row cost of single-row
	// inserts. PostgreSQL: rowsPerCopy at a time with COPY.
	insert *sql.Stmt
	buf    []any   // a chunk of rows of obsCols arguments
	nbuf   int     // rows in buf
	rows   [][]any // PostgreSQL: buf cut into rows, for COPY

	// Ids and canonical periods already boxed as driver arguments, so that a
	// row costs map lookups and no allocation for them.
	batchID any
	units   map[string]any       // unit name as given -> id
	metrics map[string]any       // metric name as given -> id
	periods map[model.Period]any // period -> canonical text
	touched map[int64]bool       // metric ids observed or put
	sheet   string
	sheetV  any
}

const (
	obsCols       = len(obsColumns)
	rowsPerInsert = 100
	// rowsPerCopy: each COPY costs round trips, and catalogue lookups
	// cannot run on the connection while one is open, so rows go in chunks.
	rowsPerCopy = 20000
)

// obsColumns are the observations columns a batch fills, in buf's order.
var obsColumns = [...]string{"batch_id", "metric_id", "unit_id", "period", "value", "note", "sheet", "cell"}

// insertObservations is the INSERT for n rows:
// INSERT INTO observations(batch_id, …, cell) VALUES (?, …, ?), (?, …, ?).
func insertObservations(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", obsCols), ", ") + ")"
	return "INSERT INTO observations(" + strings.Join(obsColumns[:], ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// BeginBatch starts an import of the file info describes. It waits while
// another write of this Store is in progress, or until ctx is done.
func (s *Store) BeginBatch(ctx context.Context, info BatchInfo) (*BatchTx, error) {
	if info.File == "" {
		info.File = filepath.Base(info.Path)
	}
	if info.User == "" {
		info.User = currentUser()
	}
	if err := s.lockWrite(ctx); err != nil {
		return nil, fmt.Errorf("store: begin batch %s: %w", info.File, err)
	}
	tx, err := s.beginBatch(ctx, info)
	if err != nil {
		s.unlockWrite()
		return nil, fmt.Errorf("store: begin batch %s: %w", info.File, err)
	}
	return tx, nil
}

func (s *Store) beginBatch(ctx context.Context, info BatchInfo) (*BatchTx, error) {
	sqlTx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	b := Batch{File: info.File, Path: info.Path, SHA256: info.SHA256, User: info.User, ImportedAt: time.Now().UTC()}
	err = sqlTx.QueryRowContext(ctx, `INSERT INTO batches(file, path, sha256, imported_at, username)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, b.File, b.Path, b.SHA256, b.ImportedAt.Format(time.RFC3339Nano), b.User).Scan(&b.ID)
	var stmt *sql.Stmt
	chunk := rowsPerInsert
	if s.d.postgres {
		chunk = rowsPerCopy
	} else if err == nil {
		stmt, err = sqlTx.PrepareContext(ctx, insertObservations(rowsPerInsert))
	}
	if err != nil {
		sqlTx.Rollback()
		return nil, err
	}
	return &BatchTx{s: s, tx: sqlTx, ctx: ctx, rowCtx: context.WithoutCancel(ctx), batch: b,
		insert: stmt, buf: make([]any, chunk*obsCols), batchID: b.ID,
		units: map[string]any{}, metrics: map[string]any{}, periods: map[model.Period]any{}, touched: map[int64]bool{},
	}, nil
}

// ID is the batch's id.
func (tx *BatchTx) ID() int64 { return tx.batch.ID }

// AddObservation stores one value. Its metric must be in the catalogue (put
// earlier in this batch or before); its unit is created when new, and an
// empty unit is model.AllUnits.
func (tx *BatchTx) AddObservation(ctx context.Context, o model.Observation) error {
	if tx.done {
		return fmt.Errorf("store: batch %d: %w", tx.batch.ID, sql.ErrTxDone)
	}
	if tx.err != nil {
		return tx.err
	}
	if tx.batch.Rows&1023 == 0 { // often enough to stop promptly, see flush
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("store: batch %d: %w", tx.batch.ID, err)
		}
	}
	metric, ok := tx.metrics[o.Metric]
	if !ok {
		var err error
		if metric, err = tx.metricID(ctx, o); err != nil {
			return err
		}
	}
	unit, ok := tx.units[o.Unit]
	if !ok {
		var err error
		if unit, err = tx.unitID(ctx, o); err != nil {
			return err
		}
	}
	period, ok := tx.periods[o.Period]
	if !ok {
		p := o.Period.String()
		if _, err := model.PeriodKey(p); err != nil {
			return fmt.Errorf("store: batch %d: %s: period %+v is not valid", tx.batch.ID, tx.where(o), o.Period)
		}
		period = p
		tx.periods[o.Period] = period
	}
	if math.IsNaN(o.Value) || math.IsInf(o.Value, 0) {
		return fmt.Errorf("store: batch %d: %s: value %v is not a finite number", tx.batch.ID, tx.where(o), o.Value)
	}
	if tx.sheetV == nil || o.Source.Sheet != tx.sheet {
		tx.sheet, tx.sheetV = o.Source.Sheet, o.Source.Sheet
	}
	a := tx.buf[tx.nbuf*obsCols : (tx.nbuf+1)*obsCols]
	a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] = tx.batchID, metric, unit, period, o.Value, o.Note, tx.sheetV, o.Source.Cell
	tx.nbuf++
	tx.batch.Rows++
	if tx.nbuf*obsCols == len(tx.buf) {
		return tx.flush()
	}
	return nil
}

// flush inserts the buffered rows. It runs without a cancellable context:
// the driver starts a watcher goroutine per statement for one, and
// AddObservation checks ctx itself.
func (tx *BatchTx) flush() error {
	if tx.nbuf == 0 {
		return nil
	}
	var err error
	switch {
	case tx.s.d.postgres:
		err = tx.copy()
	case tx.nbuf == rowsPerInsert:
		_, err = tx.insert.ExecContext(tx.rowCtx, tx.buf...)
	default:
		_, err = tx.tx.ExecContext(tx.rowCtx, insertObservations(tx.nbuf), tx.buf[:tx.nbuf*obsCols]...)
	}
	clear(tx.buf[:tx.nbuf*obsCols]) // let the caller's strings go
	tx.nbuf = 0
	if err != nil {
		tx.err = fmt.Errorf("store: batch %d: insert observations: %w", tx.batch.ID, err)
		return tx.err
	}
	return nil
}

// copy sends the buffered rows with COPY, text made storable as
// dialect.args does for statements.
func (tx *BatchTx) copy() error {
	tx.rows = tx.rows[:0]
	for i := range tx.nbuf {
		r := tx.buf[i*obsCols : (i+1)*obsCols]
		tx.s.d.args(r[3:])
		tx.rows = append(tx.rows, r)
	}
	return tx.tx.copyFrom(tx.rowCtx, "observations", obsColumns[:], tx.rows)
}

func (tx *BatchTx) metricID(ctx context.Context, o model.Observation) (any, error) {
	var id int64
	err := tx.tx.QueryRowContext(ctx, `SELECT id FROM metrics WHERE key = ?`, model.MetricKey(o.Metric)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: batch %d: %s: metric %q is not in the catalogue (%w)",
			tx.batch.ID, tx.where(o), o.Metric, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: batch %d: %s: metric %q: %w", tx.batch.ID, tx.where(o), o.Metric, err)
	}
	return tx.touch(o.Metric, id), nil
}

// touch caches a metric's id under the name given and counts it as touched.
func (tx *BatchTx) touch(name string, id int64) any {
	v := any(id)
	tx.metrics[name] = v
	tx.touched[id] = true
	return v
}

func (tx *BatchTx) unitID(ctx context.Context, o model.Observation) (any, error) {
	name := strings.TrimSpace(o.Unit)
	if name == "" {
		name = model.AllUnits
	}
	var id int64
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO units(name) VALUES (?) ON CONFLICT(name) DO NOTHING`, name)
	if err == nil {
		err = tx.tx.QueryRowContext(ctx, `SELECT id FROM units WHERE name = ?`, name).Scan(&id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: batch %d: %s: unit %q: %w", tx.batch.ID, tx.where(o), name, err)
	}
	v := any(id)
	tx.units[o.Unit] = v
	return v, nil
}

// where names an observation's place as importers do: "file: Sheet!C12".
func (tx *BatchTx) where(o model.Observation) string {
	s := o.Source
	if s.File == "" {
		s.File = tx.batch.File
	}
	switch {
	case s.Sheet != "" && s.Cell != "":
		return fmt.Sprintf("%s: %s!%s", s.File, s.Sheet, s.Cell)
	case s.Sheet != "" || s.Cell != "":
		return s.File + ": " + s.Sheet + s.Cell
	}
	return s.File
}

// Commit records the batch's counts (skipped: the blank cells the import
// passed over), brings metric_values up to date for the keys the batch
// observed, and commits.
func (tx *BatchTx) Commit(skipped int) (b Batch, err error) {
	if tx.done {
		return Batch{}, fmt.Errorf("store: commit batch %d: %w", tx.batch.ID, sql.ErrTxDone)
	}
	defer func() {
		if err != nil {
			tx.tx.Rollback()
		}
		tx.finish()
	}()
	if tx.err != nil {
		return Batch{}, tx.err
	}
	if err := tx.flush(); err != nil {
		return Batch{}, err
	}
	tx.batch.Skipped, tx.batch.Metrics = skipped, len(tx.touched)
	b = tx.batch
	if _, err := tx.tx.ExecContext(tx.ctx, `UPDATE batches SET rows = ?, skipped = ?, metrics = ? WHERE id = ?`,
		b.Rows, b.Skipped, b.Metrics, b.ID); err != nil {
		return Batch{}, fmt.Errorf("store: commit batch %d: %w", b.ID, err)
	}
	if err := addValues(tx.ctx, tx.tx, b.ID); err != nil {
		return Batch{}, fmt.Errorf("store: commit batch %d: values: %w", b.ID, err)
	}
	if err := tx.tx.Commit(); err != nil {
		return Batch{}, fmt.Errorf("store: commit batch %d: %w", b.ID, err)
	}
	return b, nil
}

// Rollback abandons the batch. It is safe to call after Commit.
func (tx *BatchTx) Rollback() error {
	if tx.done {
		return nil
	}
	defer tx.finish()
	if err := tx.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("store: roll back batch %d: %w", tx.batch.ID, err)
	}
	return nil
}

func (tx *BatchTx) finish() {
	if !tx.done {
		tx.done = true
		tx.s.unlockWrite()
	}
}

// currentUser is the OS user name, for the batch record.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}
