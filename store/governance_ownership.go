package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"cxdash/model"
)

const ownershipCols = `kind, name, owner, target, target_date, cadence, last_reviewed`

func scanOwnership(r scanner) (model.Ownership, error) {
	var o model.Ownership
	var kind, cadence, targetDate, reviewed string
	var target sql.NullFloat64
	if err := r.Scan(&kind, &o.Key, &o.Owner, &target, &targetDate, &cadence, &reviewed); err != nil {
		return model.Ownership{}, err
	}
	o.Kind, o.Cadence, o.Target = model.SubjectKind(kind), model.Cadence(cadence), floatPtr(target)
	var err error
	if o.TargetDate, err = parseDateText("target date", targetDate); err != nil {
		return model.Ownership{}, err
	}
	if o.LastReviewed, err = parseDateText("last reviewed", reviewed); err != nil {
		return model.Ownership{}, err
	}
	return o, nil
}

// subject is the stored natural key of an ownership's subject.
func subject(kind model.SubjectKind, key string) string {
	if kind == model.SubjectMetric {
		return model.MetricKey(key)
	}
	return disciplineKey(key)
}

// ownershipRecord names an ownership in the audit trail: "metric:nps".
func ownershipRecord(kind model.SubjectKind, key string) string {
	return string(kind) + ":" + subject(kind, key)
}

func ownershipFields(o model.Ownership) []field {
	return []field{{"owner", o.Owner}, {"target", numText(o.Target)}, {"target date", dateText(o.TargetDate)},
		{"cadence", string(o.Cadence)}, {"last reviewed", dateText(o.LastReviewed)}}
}

// Ownerships lists every ownership: disciplines in framework order, then
// metrics by name.
func (s *Store) Ownerships(ctx context.Context) ([]model.Ownership, error) {
	list, err := queryAll(ctx, s.db, "ownerships", scanOwnership,
		`SELECT `+ownershipCols+` FROM ownerships ORDER BY kind, subject`)
	if err != nil {
		return nil, err
	}
	order := map[string]int{}
	for i, k := range model.DisciplineKeys {
		order[k] = i
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Kind != b.Kind {
			return a.Kind == model.SubjectDiscipline
		}
		return a.Kind == model.SubjectDiscipline && order[a.Key] < order[b.Key]
	})
	return list, nil
}

// getOwnership returns the ownership of (kind, key); ok is false when there
// is none.
func getOwnership(ctx context.Context, tx *txn, kind model.SubjectKind, key string) (o model.Ownership, ok bool, err error) {
	o, err = scanOwnership(tx.QueryRowContext(ctx, `SELECT `+ownershipCols+` FROM ownerships
		WHERE kind = ? AND subject = ?`, string(kind), subject(kind, key)))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Ownership{}, false, nil
	}
	return o, err == nil, err
}

// PutOwnership adds the ownership of (o.Kind, o.Key) or replaces the one
// there. A metric is named as the catalogue spells it when it is there.
// Audited.
func (s *Store) PutOwnership(ctx context.Context, o model.Ownership) error {
	err := s.govWrite(ctx, func(g *govWriter) error { return g.putOwnership(ctx, o) })
	if err != nil {
		return fmt.Errorf("store: put ownership of %s %q: %w", o.Kind, o.Key, err)
	}
	return nil
}

func (g *govWriter) putOwnership(ctx context.Context, o model.Ownership) error {
	o.Owner, o.TargetDate, o.LastReviewed = tidyOwner(o.Owner), day(o.TargetDate), day(o.LastReviewed)
	if o.Kind == model.SubjectDiscipline {
		o.Key = disciplineKey(o.Key)
	} else {
		var err error
		if o.Key, err = metricName(ctx, g.tx, o.Key); err != nil {
			return err
		}
	}
	if _, err := model.ParseCadence(string(o.Cadence)); err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return err
	}
	old, exists, err := getOwnership(ctx, g.tx, o.Kind, o.Key)
	if err != nil {
		return err
	}
	record := ownershipRecord(o.Kind, o.Key)
	if err := g.remember(ctx, entityOwnership, record, old, exists); err != nil {
		return err
	}
	if _, err := g.tx.ExecContext(ctx, `INSERT INTO ownerships(subject, `+ownershipCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, subject) DO UPDATE SET (`+ownershipCols+`) =
		(excluded.kind, excluded.name, excluded.owner, excluded.target, excluded.target_date,
		 excluded.cadence, excluded.last_reviewed)`,
		append([]any{subject(o.Kind, o.Key)}, ownershipArgs(o)...)...); err != nil {
		return err
	}
	var before []field
	if exists {
		before = ownershipFields(old)
	}
	return g.logSave(ctx, entityOwnership, record, before, ownershipFields(o))
}

func ownershipArgs(o model.Ownership) []any {
	return []any{string(o.Kind), o.Key, o.Owner, nullFloat(o.Target), dateText(o.TargetDate),
		string(o.Cadence), dateText(o.LastReviewed)}
}

// DeleteOwnership removes the ownership of (kind, key), or returns
// ErrNotFound. Audited.
func (s *Store) DeleteOwnership(ctx context.Context, kind model.SubjectKind, key string) error {
	err := s.govWrite(ctx, func(g *govWriter) error {
		old, ok, err := getOwnership(ctx, g.tx, kind, key)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		if _, err := g.tx.ExecContext(ctx, `DELETE FROM ownerships WHERE kind = ? AND subject = ?`,
			string(kind), subject(kind, key)); err != nil {
			return err
		}
		return g.audit(ctx, entityOwnership, ownershipRecord(kind, key), changeDeleted,
			append([]string{"subject: " + old.Key}, listFields(ownershipFields(old))...))
	})
	if err != nil {
		return fmt.Errorf("store: delete ownership of %s %q: %w", kind, key, err)
	}
	return nil
}
