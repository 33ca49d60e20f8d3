package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"cxdash/model"
	"cxdash/store"
)

// Undoing a batch brings back, for each (metric, unit, period) whose value
// came from it, the value of the latest earlier batch with observations
// there (DESIGN.md, Import formats). importUndoEffect works out which
// before the user confirms, through the store's observation queries.

const (
	importUndoPage     = 20_000    // observations per query
	importUndoMaxRead  = 3_000_000 // stop reading earlier batches after this many
	importUndoExamples = 3         // values named as examples
)

// importKey is one value's place: metric, unit and period.
type importKey struct {
	metric, unit string
	period       model.Period
}

func (k importKey) String() string {
	return fmt.Sprintf("%s, %s, %s", k.metric, k.unit, k.period.Label())
}

type importAgg struct {
	sum float64
	n   int
}

func (a importAgg) mean() float64 { return a.sum / float64(a.n) }

// importUndoBack is an earlier batch whose values come back.
type importUndoBack struct {
	batch  store.Batch
	values int
}

// importUndoExample is one value before and after the undo.
type importUndoExample struct {
	key         importKey
	now, before float64
	from        int64
}

// importUndoEffect is what undoing a batch changes.
type importUndoEffect struct {
	batch    store.Batch
	values   int // values that come from the batch now
	back     []importUndoBack
	gone     int // values no earlier batch has: they disappear
	examples []importUndoExample
	partial  bool // earlier batches were too large to read through
}

// importEffectOfUndo reads the batch's current values and the earlier
// batches, newest first, until every value is settled.
func importEffectOfUndo(ctx context.Context, ws *Workspace, b store.Batch) (importUndoEffect, error) {
	e := importUndoEffect{batch: b}
	now := map[importKey]*importAgg{}
	err := importEachObservation(ctx, ws, store.ObservationFilter{BatchID: b.ID, OnlyCurrent: true}, func(o model.Observation) {
		importAdd(now, o)
	})
	if err != nil {
		return e, err
	}
	e.values = len(now)
	pending := make(map[importKey]bool, len(now))
	for k := range now {
		pending[k] = true
	}
	batches, err := ws.Store.Batches(ctx)
	if err != nil {
		return e, err
	}
	read := 0
	for _, eb := range batches { // newest first
		if eb.ID >= b.ID || len(pending) == 0 {
			continue
		}
		if read += eb.Rows; read > importUndoMaxRead {
			e.partial = true
			break
		}
		found := map[importKey]*importAgg{}
		err := importEachObservation(ctx, ws, store.ObservationFilter{BatchID: eb.ID}, func(o model.Observation) {
			if k := importKeyOf(o); pending[k] {
				importAdd(found, o)
			}
		})
		if err != nil {
			return e, err
		}
		if len(found) == 0 {
			continue
		}
		e.back = append(e.back, importUndoBack{batch: eb, values: len(found)})
		keys := make([]importKey, 0, len(found))
		for k := range found {
			delete(pending, k)
			keys = append(keys, k)
		}
		slices.SortFunc(keys, importCompareKeys)
		for _, k := range keys {
			if len(e.examples) == importUndoExamples {
				break
			}
			e.examples = append(e.examples, importUndoExample{key: k, now: now[k].mean(), before: found[k].mean(), from: eb.ID})
		}
	}
	e.gone = len(pending)
	return e, nil
}

func importKeyOf(o model.Observation) importKey {
	return importKey{metric: o.Metric, unit: o.Unit, period: o.Period}
}

func importAdd(m map[importKey]*importAgg, o model.Observation) {
	k := importKeyOf(o)
	a := m[k]
	if a == nil {
		a = &importAgg{}
		m[k] = a
	}
	a.sum += o.Value
	a.n++
}

func importCompareKeys(a, b importKey) int {
	if c := cmp.Compare(strings.ToLower(a.metric), strings.ToLower(b.metric)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.unit, b.unit); c != 0 {
		return c
	}
	return cmp.Compare(a.period.String(), b.period.String())
}

// importEachObservation calls fn for every observation f selects, a page at
// a time, so that a large batch is never held whole.
func importEachObservation(ctx context.Context, ws *Workspace, f store.ObservationFilter, fn func(model.Observation)) error {
	f.Limit = importUndoPage
	for f.Offset = 0; ; f.Offset += importUndoPage {
		obs, err := ws.Store.Observations(ctx, f)
		if err != nil {
			return err
		}
		for _, o := range obs {
			fn(o)
		}
		if len(obs) < importUndoPage {
			return nil
		}
	}
}

// text tells the user, before they confirm, what the undo changes.
func (e importUndoEffect) text() string {
	b := e.batch
	var s strings.Builder
	fmt.Fprintf(&s, "Batch %d is %s, imported %s by %s: %s. Undoing it deletes them",
		b.ID, b.File, importWhen(b.ImportedAt), importUser(b.User), importPlural(b.Rows, "observation", "observations"))
	if b.Metrics > 0 {
		s.WriteString(" and puts back any metric definition it added or changed")
	}
	s.WriteString(".\n\n")
	if e.values == 0 {
		s.WriteString("None of its values count any more (later imports replaced them), so the scores do not change.")
		return s.String()
	}
	restored := e.values - e.gone
	fmt.Fprintf(&s, "%s from this batch now.", importPlural(e.values, "value comes", "values come"))
	if restored > 0 {
		var from []string
		for _, bk := range e.back {
			from = append(from, fmt.Sprintf("%s from batch %d (%s)", dataCount(bk.values), bk.batch.ID, bk.batch.File))
		}
		fmt.Fprintf(&s, "\n• %s back from earlier imports: %s.", importPlural(restored, "value comes", "values come"), importList(from, 4))
		for _, ex := range e.examples {
			fmt.Fprintf(&s, "\n    %s: %s now, %s after the undo (batch %d)", ex.key, dataValueText(ex.now), dataValueText(ex.before), ex.from)
		}
	}
	if e.gone > 0 {
		verb, them := "disappear", "them"
		if e.gone == 1 {
			verb, them = "disappears", "it"
		}
		if e.partial {
			fmt.Fprintf(&s, "\n• Up to %s %s from the scores: the earlier batches read do not have %s.", dataCount(e.gone), verb, them)
		} else {
			fmt.Fprintf(&s, "\n• %s %s from the scores: no earlier import has %s.", dataCount(e.gone), verb, them)
		}
	}
	return s.String()
}

// doneText says what an undo did, for the status line.
func (e importUndoEffect) doneText() string {
	b := e.batch
	s := fmt.Sprintf("Batch %d (%s) undone: %s deleted", b.ID, b.File, importPlural(b.Rows, "observation", "observations"))
	if restored := e.values - e.gone; restored > 0 {
		var ids []string
		for _, bk := range e.back {
			ids = append(ids, fmt.Sprint(bk.batch.ID))
		}
		s += fmt.Sprintf("; %s came back from batch %s", importPlural(restored, "value", "values"), importList(ids, 4))
	}
	return s + "."
}
