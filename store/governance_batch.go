package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"cxdash/model"
)

// The BatchTx methods below make it an importers.GovernanceSink: the
// governance sheets of a workbook are written in the import's transaction,
// all or nothing with its observations, and upserted by natural key (the
// model's Key methods; an ownership by kind and subject).

// putCheck refuses a put into a finished or failed batch.
func (tx *BatchTx) putCheck() error {
	if tx.done {
		return fmt.Errorf("store: batch %d: %w", tx.batch.ID, sql.ErrTxDone)
	}
	return tx.err
}

// PutOwnership adds or replaces the ownership of (o.Kind, o.Key).
func (tx *BatchTx) PutOwnership(ctx context.Context, o model.Ownership) error {
	if err := tx.putCheck(); err != nil {
		return err
	}
	if err := tx.gov().putOwnership(ctx, o); err != nil {
		return fmt.Errorf("store: batch %d: ownership of %s %q: %w", tx.batch.ID, o.Kind, o.Key, err)
	}
	return nil
}

// PutAction adds the action, or replaces the one with the same title (any
// case and spacing), keeping its id and, when a has none, its created date.
func (tx *BatchTx) PutAction(ctx context.Context, a model.Action) error {
	if err := tx.putCheck(); err != nil {
		return err
	}
	g := tx.gov()
	old, ok, err := actionTable.get(ctx, tx.tx, `key = ?`, model.Action{Title: tidy(a.Title)}.Key())
	if err == nil {
		a.ID = 0
		_, err = g.saveAction(ctx, a, ptrIf(old, ok))
	}
	if err != nil {
		return fmt.Errorf("store: batch %d: action %q: %w", tx.batch.ID, a.Title, err)
	}
	return nil
}

// PutIssue adds the issue, or replaces the one with the same date,
// touchpoint and description. ActionTitle names the linked action when
// ActionID is 0; an action the workspace does not have is an error.
func (tx *BatchTx) PutIssue(ctx context.Context, i model.CXIssue) error {
	if err := tx.putCheck(); err != nil {
		return err
	}
	g := tx.gov()
	k := i
	k.Date, k.Touchpoint = day(k.Date), model.NormalizeTouchpoint(k.Touchpoint)
	old, ok, err := issueTable.get(ctx, tx.tx, `i.key = ?`, k.Key())
	if err == nil {
		i.ID = 0
		_, err = g.saveIssue(ctx, i, ptrIf(old, ok))
	}
	if err != nil {
		return fmt.Errorf("store: batch %d: issue %q: %w", tx.batch.ID, i.Description, err)
	}
	return nil
}

// PutEvent adds the event, or replaces the one with the same date, unit
// and title.
func (tx *BatchTx) PutEvent(ctx context.Context, e model.Event) error {
	if err := tx.putCheck(); err != nil {
		return err
	}
	g := tx.gov()
	k := e
	k.Date, k.Unit = day(k.Date), unitName(k.Unit)
	old, ok, err := eventTable.get(ctx, tx.tx, `key = ?`, k.Key())
	if err == nil {
		e.ID = 0
		_, err = g.saveEvent(ctx, e, ptrIf(old, ok))
	}
	if err != nil {
		return fmt.Errorf("store: batch %d: event %q: %w", tx.batch.ID, e.Title, err)
	}
	return nil
}

func ptrIf[T any](v T, ok bool) *T {
	if !ok {
		return nil
	}
	return &v
}

// remember keeps, the first time a batch puts a record, what the record was
// before (prev; nil when the batch creates it), even when nothing changes:
// undo then knows that a later batch stated the record too. Outside a
// batch it does nothing.
func (g *govWriter) remember(ctx context.Context, entity, record string, prev any, existed bool) error {
	if g.batch == nil {
		return nil
	}
	var data any
	if existed {
		b, err := json.Marshal(prev)
		if err != nil {
			return err
		}
		data = string(b)
	}
	_, err := g.tx.ExecContext(ctx, `INSERT INTO governance_history(batch_id, entity, record, prev)
		VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, g.batch.ID, entity, record, data)
	return err
}

// undoGovernance reverts the governance records batch b put, inside Undo's
// transaction, as undoCatalogue does for metrics: when a later batch put a
// record too, that batch's memory of the record before it becomes this
// batch's; otherwise the record is restored as it was before the batch, or
// deleted when the batch created it. Each change is audited as "undone".
func undoGovernance(ctx context.Context, tx *txn, b Batch) error {
	type entry struct {
		entity, record string
		prev           sql.NullString
	}
	rows, err := tx.QueryContext(ctx, `SELECT entity, record, prev FROM governance_history
		WHERE batch_id = ? ORDER BY entity, record`, b.ID)
	if err != nil {
		return err
	}
	var es []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.entity, &e.record, &e.prev); err != nil {
			rows.Close()
			return err
		}
		es = append(es, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Restores first, removals after: an issue restored to its old action
	// is audited as such before the action the batch created disappears.
	sort.SliceStable(es, func(i, j int) bool { return es[i].prev.Valid && !es[j].prev.Valid })
	g := newGovWriter(tx, &b)
	g.user = currentUser() // who undoes, not who imported
	for _, e := range es {
		var next int64
		err := tx.QueryRowContext(ctx, `SELECT batch_id FROM governance_history
			WHERE entity = ? AND record = ? AND batch_id > ? ORDER BY batch_id LIMIT 1`, e.entity, e.record, b.ID).Scan(&next)
		switch {
		case err == nil:
			_, err = tx.ExecContext(ctx, `UPDATE governance_history SET prev = ?
				WHERE batch_id = ? AND entity = ? AND record = ?`, e.prev, next, e.entity, e.record)
		case !errors.Is(err, sql.ErrNoRows):
		case e.prev.Valid:
			err = g.restore(ctx, e.entity, e.record, e.prev.String)
		default:
			err = g.remove(ctx, e.entity, e.record)
		}
		if err != nil {
			return fmt.Errorf("%s %s: %w", e.entity, e.record, err)
		}
	}
	return nil
}

// current reads the record as it is now and its audit fields; ok is false
// when it is gone (deleted by hand since the batch).
func (g *govWriter) current(ctx context.Context, entity, record string) (fs []field, ok bool, err error) {
	if entity == entityOwnership {
		kind, key, _ := strings.Cut(record, ":")
		o, ok, err := getOwnership(ctx, g.tx, model.SubjectKind(kind), key)
		return ownershipFields(o), ok, err
	}
	id, err := strconv.ParseInt(record, 10, 64)
	if err != nil {
		return nil, false, fmt.Errorf("record %q: %w", record, err)
	}
	switch entity {
	case entityAction:
		a, ok, err := actionTable.byID(ctx, g.tx, id)
		return actionFields(a), ok, err
	case entityIssue:
		i, ok, err := issueTable.byID(ctx, g.tx, id)
		return issueFields(i), ok, err
	case entityEvent:
		e, ok, err := eventTable.byID(ctx, g.tx, id)
		return eventFields(e), ok, err
	}
	return nil, false, fmt.Errorf("unknown entity %q", entity)
}

// remove deletes a record the undone batch created.
func (g *govWriter) remove(ctx context.Context, entity, record string) error {
	cur, ok, err := g.current(ctx, entity, record)
	if err != nil || !ok {
		return err
	}
	if entity == entityOwnership {
		kind, key, _ := strings.Cut(record, ":")
		_, err = g.tx.ExecContext(ctx, `DELETE FROM ownerships WHERE kind = ? AND subject = ?`, kind, key)
	} else {
		_, err = g.tx.ExecContext(ctx, `DELETE FROM `+entityTable[entity]+` WHERE id = ?`, record)
	}
	if err != nil {
		return err
	}
	return g.audit(ctx, entity, record, changeUndone, append([]string{"removed"}, listFields(cur)...))
}

var entityTable = map[string]string{entityAction: "actions", entityIssue: "issues", entityEvent: "events"}

// restore writes back a record as the undone batch found it (prev, JSON).
func (g *govWriter) restore(ctx context.Context, entity, record, prev string) error {
	cur, ok, err := g.current(ctx, entity, record)
	if err != nil || !ok {
		return err
	}
	var was []field
	switch entity {
	case entityOwnership:
		var o model.Ownership
		if err = json.Unmarshal([]byte(prev), &o); err == nil {
			was = ownershipFields(o)
			_, err = g.tx.ExecContext(ctx, `UPDATE ownerships SET (`+ownershipCols+`) = (?, ?, ?, ?, ?, ?, ?)
				WHERE kind = ? AND subject = ?`, append(ownershipArgs(o), string(o.Kind), subject(o.Kind, o.Key))...)
		}
	case entityAction:
		var a model.Action
		if err = json.Unmarshal([]byte(prev), &a); err == nil {
			was = actionFields(a)
			err = actionTable.update(ctx, g.tx, a.ID, a)
		}
	case entityIssue:
		var i model.CXIssue
		if err = json.Unmarshal([]byte(prev), &i); err == nil {
			// The action it named may be gone since (a stays zero), or
			// renamed.
			var a model.Action
			if i.ActionID != 0 {
				a, _, err = actionTable.byID(ctx, g.tx, i.ActionID)
			}
			if err == nil {
				i.ActionID, i.ActionTitle = a.ID, a.Title
				was = issueFields(i)
				err = issueTable.update(ctx, g.tx, i.ID, i)
			}
		}
	case entityEvent:
		var e model.Event
		if err = json.Unmarshal([]byte(prev), &e); err == nil {
			was = eventFields(e)
			err = eventTable.update(ctx, g.tx, e.ID, e)
		}
	}
	if err != nil {
		return duplicate(err, "restoring it: another %s", entity)
	}
	changes := diffFields(cur, was)
	if len(changes) == 0 {
		return nil
	}
	return g.audit(ctx, entity, record, changeUndone, changes)
}
