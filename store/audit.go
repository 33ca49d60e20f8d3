package store

import (
	"context"
	"fmt"
	"time"

	"cxdash/model"
)

// AuditFilter selects audit entries; zero fields select all. Entity is
// "ownership", "action", "issue" or "event"; Record is an action, issue or
// event id, or "discipline:strategy" / "metric:nps" for an ownership.
type AuditFilter struct {
	Entity, Record string
	Limit, Offset  int // Limit 0: no limit
}

// Audit lists the audit trail of governance records, newest first.
func (s *Store) Audit(ctx context.Context, f AuditFilter) ([]model.AuditEntry, error) {
	var conds []string
	var args []any
	if f.Entity != "" {
		conds, args = append(conds, `entity = ?`), append(args, f.Entity)
	}
	if f.Record != "" {
		conds, args = append(conds, `record = ?`), append(args, f.Record)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = noLimit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, username, entity, record, change, detail FROM audit`+
		whereClause(conds)+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	var es []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.User, &e.Entity, &e.Record, &e.Change, &e.Detail); err != nil {
			return nil, fmt.Errorf("store: audit: %w", err)
		}
		if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("store: audit entry %d: at %q: %w", e.ID, at, err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return es, nil
}
