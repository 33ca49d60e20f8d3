package workspace

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"cxdash/model"
)

// Undoing a batch brings back, for each (metric, unit, period) whose value
// came from it, the value of the latest earlier batch with observations
// there (docs/DESIGN.md, Import formats). UndoEffect works out which
// before the user confirms, through the store's observation queries; the
// window asks with its Text, `cxdash undo` prints its DoneText.

const (
	undoPage     = 20_000    // observations per query
	undoMaxRead  = 3_000_000 // stop reading earlier batches after this many
	undoExamples = 3         // values named as examples
)

// valueKey is one value's place: metric, unit and period.
type valueKey struct {
	metric, unit string
	period       model.Period
}

func (k valueKey) String() string {
	return fmt.Sprintf("%s, %s, %s", k.metric, k.unit, k.period.Label())
}

type meanAgg struct {
	sum float64
	n   int
}

func (a meanAgg) mean() float64 { return a.sum / float64(a.n) }

// UndoSource is an earlier batch whose values come back.
type UndoSource struct {
	batch  Batch
	values int
}

// UndoExample is one value before and after the undo.
type UndoExample struct {
	key         valueKey
	now, before float64
	from        int64
}

// UndoEffect is what undoing a batch changes.
type UndoEffect struct {
	batch    Batch
	values   int // values that come from the batch now
	back     []UndoSource
	gone     int // values no earlier batch has: they disappear
	examples []UndoExample
	partial  bool // earlier batches were too large to read through
}

// importEffectOfUndo reads the batch's current values and the earlier
// batches, newest first, until every value is settled.
func (w *Workspace) UndoEffect(ctx context.Context, b Batch) (UndoEffect, error) {
	e := UndoEffect{batch: b}
	now := map[valueKey]*meanAgg{}
	err := w.eachObservation(ctx, ObservationFilter{BatchID: b.ID, OnlyCurrent: true}, func(o model.Observation) {
		addValue(now, o)
	})
	if err != nil {
		return e, err
	}
	e.values = len(now)
	pending := make(map[valueKey]bool, len(now))
	for k := range now {
		pending[k] = true
	}
	batches, err := w.st.Batches(ctx)
	if err != nil {
		return e, err
	}
	read := 0
	for _, eb := range batches { // newest first
		if eb.ID >= b.ID || len(pending) == 0 {
			continue
		}
		if read += eb.Rows; read > undoMaxRead {
			e.partial = true
			break
		}
		found := map[valueKey]*meanAgg{}
		err := w.eachObservation(ctx, ObservationFilter{BatchID: eb.ID}, func(o model.Observation) {
			if k := keyOf(o); pending[k] {
				addValue(found, o)
			}
		})
		if err != nil {
			return e, err
		}
		if len(found) == 0 {
			continue
		}
		e.back = append(e.back, UndoSource{batch: eb, values: len(found)})
		keys := make([]valueKey, 0, len(found))
		for k := range found {
			delete(pending, k)
			keys = append(keys, k)
		}
		slices.SortFunc(keys, compareKeys)
		for _, k := range keys {
			if len(e.examples) == undoExamples {
				break
			}
			e.examples = append(e.examples, UndoExample{key: k, now: now[k].mean(), before: found[k].mean(), from: eb.ID})
		}
	}
	e.gone = len(pending)
	return e, nil
}

func keyOf(o model.Observation) valueKey {
	return valueKey{metric: o.Metric, unit: o.Unit, period: o.Period}
}

func addValue(m map[valueKey]*meanAgg, o model.Observation) {
	k := keyOf(o)
	a := m[k]
	if a == nil {
		a = &meanAgg{}
		m[k] = a
	}
	a.sum += o.Value
	a.n++
}

func compareKeys(a, b valueKey) int {
	if c := cmp.Compare(strings.ToLower(a.metric), strings.ToLower(b.metric)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.unit, b.unit); c != 0 {
		return c
	}
	return cmp.Compare(a.period.String(), b.period.String())
}

// eachObservation calls fn for every observation f selects, a page at
// a time, so that a large batch is never held whole.
func (w *Workspace) eachObservation(ctx context.Context, f ObservationFilter, fn func(model.Observation)) error {
	f.Limit = undoPage
	for f.Offset = 0; ; f.Offset += undoPage {
		obs, err := w.st.Observations(ctx, f)
		if err != nil {
			return err
		}
		for _, o := range obs {
			fn(o)
		}
		if len(obs) < undoPage {
			return nil
		}
	}
}

// Text tells the user, before they confirm, what the undo changes; when
// writes the batch's import time.
func (e UndoEffect) Text(when func(time.Time) string) string {
	b := e.batch
	var s strings.Builder
	fmt.Fprintf(&s, "Batch %d is %s, imported %s by %s: %s. Undoing it deletes them",
		b.ID, b.File, when(b.ImportedAt), userName(b.User), plural(b.Rows, "observation", "observations"))
	if b.Metrics > 0 {
		s.WriteString(" and puts back any metric definition it added or changed")
	}
	s.WriteString(".\n\n")
	if e.values == 0 {
		s.WriteString("None of its values count any more (later imports replaced them), so the scores do not change.")
		return s.String()
	}
	restored := e.values - e.gone
	fmt.Fprintf(&s, "%s from this batch now.", plural(e.values, "value comes", "values come"))
	if restored > 0 {
		var from []string
		for _, bk := range e.back {
			from = append(from, fmt.Sprintf("%s from batch %d (%s)", model.FormatCount(bk.values), bk.batch.ID, bk.batch.File))
		}
		fmt.Fprintf(&s, "\n• %s back from earlier imports: %s.", plural(restored, "value comes", "values come"), listNames(from, 4))
		for _, ex := range e.examples {
			fmt.Fprintf(&s, "\n    %s: %s now, %s after the undo (batch %d)", ex.key, ValueText(ex.now), ValueText(ex.before), ex.from)
		}
	}
	if e.gone > 0 {
		verb, them := "disappear", "them"
		if e.gone == 1 {
			verb, them = "disappears", "it"
		}
		if e.partial {
			fmt.Fprintf(&s, "\n• Up to %s %s from the scores: the earlier batches read do not have %s.", model.FormatCount(e.gone), verb, them)
		} else {
			fmt.Fprintf(&s, "\n• %s %s from the scores: no earlier import has %s.", model.FormatCount(e.gone), verb, them)
		}
	}
	return s.String()
}

// DoneText says what an undo did, for a status line.
func (e UndoEffect) DoneText() string {
	b := e.batch
	s := fmt.Sprintf("Batch %d (%s) undone: %s deleted", b.ID, b.File, plural(b.Rows, "observation", "observations"))
	if back := e.cameBack(); back != "" {
		s += "; " + back
	}
	return s + "."
}

// Outcome says, in one line, what the scores lose and get back: for a
// terminal, after the batch itself is named.
func (e UndoEffect) Outcome() string {
	if e.values == 0 {
		return "none of its values counted any more; the scores do not change"
	}
	var parts []string
	if back := e.cameBack(); back != "" {
		parts = append(parts, back)
	}
	if e.gone > 0 {
		parts = append(parts, plural(e.gone, "value", "values")+" no earlier import has left the scores")
	}
	return strings.Join(parts, "; ")
}

// cameBack names the values earlier batches give back, "" when none.
func (e UndoEffect) cameBack() string {
	restored := e.values - e.gone
	if restored <= 0 {
		return ""
	}
	var ids []string
	for _, bk := range e.back {
		ids = append(ids, fmt.Sprint(bk.batch.ID))
	}
	return fmt.Sprintf("%s came back from batch %s", plural(restored, "value", "values"), listNames(ids, 4))
}

// userName names who imported a batch.
func userName(u string) string {
	if u == "" {
		return "unknown"
	}
	return u
}
