package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"cxdash/model"
)

// IssueFilter selects CX issues; zero fields select all.
type IssueFilter struct {
	Unit, Touchpoint, Discipline string
	Statuses                     []model.IssueStatus
	From, To                     time.Time // days, both included
}

const issueCols = `i.id, i.date, i.touchpoint, i.unit, i.severity, i.description, i.root_cause, i.status,
	i.discipline, COALESCE(i.action_id, 0), COALESCE(a.title, ''), i.resolved`

const issueFrom = ` FROM issues i LEFT JOIN actions a ON a.id = i.action_id`

func scanIssue(r scanner) (model.CXIssue, error) {
	var i model.CXIssue
	var date, severity, status, resolved string
	if err := r.Scan(&i.ID, &date, &i.Touchpoint, &i.Unit, &severity, &i.Description, &i.RootCause, &status,
		&i.Discipline, &i.ActionID, &i.ActionTitle, &resolved); err != nil {
		return model.CXIssue{}, err
	}
	i.Severity, i.Status = model.Severity(severity), model.IssueStatus(status)
	var err error
	if i.Date, err = parseDateText("date", date); err != nil {
		return model.CXIssue{}, fmt.Errorf("issue %d: %w", i.ID, err)
	}
	if i.Resolved, err = parseDateText("resolved", resolved); err != nil {
		return model.CXIssue{}, fmt.Errorf("issue %d: %w", i.ID, err)
	}
	return i, nil
}

func issueFields(i model.CXIssue) []field {
	return []field{{"date", dateText(i.Date)}, {"touchpoint", i.Touchpoint}, {"unit", i.Unit},
		{"severity", string(i.Severity)}, {"description", i.Description}, {"root cause", i.RootCause},
		{"status", string(i.Status)}, {"discipline", i.Discipline}, {"action", i.ActionTitle},
		{"resolved", dateText(i.Resolved)}}
}

// Issues lists the issues f selects, newest first.
func (s *Store) Issues(ctx context.Context, f IssueFilter) ([]model.CXIssue, error) {
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds, args = append(conds, c), append(args, a...) }
	if f.Unit != "" {
		add(`i.unit = ?`, unitName(f.Unit))
	}
	if f.Touchpoint != "" {
		add(`i.touchpoint = ?`, model.NormalizeTouchpoint(f.Touchpoint))
	}
	if f.Discipline != "" {
		add(`i.discipline = ?`, disciplineKey(f.Discipline))
	}
	if len(f.Statuses) > 0 {
		c, a := inList("i.status", f.Statuses)
		add(c, a...)
	}
	if !f.From.IsZero() {
		add(`i.date >= ?`, dateText(f.From))
	}
	if !f.To.IsZero() {
		add(`i.date <= ?`, dateText(f.To))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+issueCols+issueFrom+whereClause(conds)+
		` ORDER BY i.date DESC, i.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: issues: %w", err)
	}
	defer rows.Close()
	var is []model.CXIssue
	for rows.Next() {
		i, err := scanIssue(rows)
		if err != nil {
			return nil, fmt.Errorf("store: issues: %w", err)
		}
		is = append(is, i)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: issues: %w", err)
	}
	return is, nil
}

// getIssue returns the issue of a where clause over issues i; ok is false
// when none.
func getIssue(ctx context.Context, tx *sql.Tx, where string, arg any) (i model.CXIssue, ok bool, err error) {
	i, err = scanIssue(tx.QueryRowContext(ctx, `SELECT `+issueCols+issueFrom+` WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return model.CXIssue{}, false, nil
	}
	return i, err == nil, err
}

// SaveIssue creates the issue (ID 0) or updates issue i.ID, and returns it
// as stored. ActionTitle names the linked action when ActionID is 0.
// Resolved becomes today when the status becomes resolved and no date is
// given, and is cleared when the issue is reopened. Another issue with the
// same date, touchpoint and description is ErrDuplicate. Validated and
// audited.
func (s *Store) SaveIssue(ctx context.Context, i model.CXIssue) (model.CXIssue, error) {
	err := s.govWrite(ctx, func(g *govWriter) error {
		var old *model.CXIssue
		if i.ID != 0 {
			o, ok, err := getIssue(ctx, g.tx, `i.id = ?`, i.ID)
			if err != nil {
				return err
			}
			if !ok {
				return ErrNotFound
			}
			old = &o
		}
		var err error
		i, err = g.saveIssue(ctx, i, old)
		return err
	})
	if err != nil {
		return model.CXIssue{}, fmt.Errorf("store: save issue %q: %w", i.Description, err)
	}
	return i, nil
}

// linkAction resolves the issue's action: ActionID when set, else the
// action titled ActionTitle.
func (g *govWriter) linkAction(ctx context.Context, i *model.CXIssue) error {
	var a model.Action
	var ok bool
	var err error
	switch {
	case i.ActionID != 0:
		if a, ok, err = getAction(ctx, g.tx, `id = ?`, i.ActionID); err == nil && !ok {
			return fmt.Errorf("the issue's action %d does not exist", i.ActionID)
		}
	case tidy(i.ActionTitle) != "":
		title := tidy(i.ActionTitle)
		if a, ok, err = getAction(ctx, g.tx, `key = ?`, model.Action{Title: title}.Key()); err == nil && !ok {
			return fmt.Errorf("no action is titled %q", title)
		}
	default:
		i.ActionTitle = ""
		return nil
	}
	if err != nil {
		return err
	}
	i.ActionID, i.ActionTitle = a.ID, a.Title
	return nil
}

// saveIssue writes i over old (nil: a new issue) and returns it as stored.
func (g *govWriter) saveIssue(ctx context.Context, i model.CXIssue, old *model.CXIssue) (model.CXIssue, error) {
	i.Touchpoint, i.Unit, i.Discipline = model.NormalizeTouchpoint(i.Touchpoint), unitName(i.Unit), disciplineKey(i.Discipline)
	i.Date, i.Resolved = day(i.Date), day(i.Resolved)
	if i.Status == "" {
		i.Status = model.IssueOpen
	}
	switch {
	case i.Status != model.IssueResolved:
		i.Resolved = time.Time{}
	case !i.Resolved.IsZero():
	case old != nil && old.Status == model.IssueResolved && !old.Resolved.IsZero():
		i.Resolved = old.Resolved
	default:
		i.Resolved = g.today
	}
	if err := i.Validate(); err != nil {
		return i, err
	}
	if err := g.linkAction(ctx, &i); err != nil {
		return i, err
	}
	if old == nil {
		res, err := g.tx.ExecContext(ctx, `INSERT INTO issues(`+issueWriteCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, issueArgs(i)...)
		if err == nil {
			i.ID, err = res.LastInsertId()
		}
		if err != nil {
			return i, duplicate(err, "an issue of %s at %q described so", dateText(i.Date), i.Touchpoint)
		}
	} else {
		i.ID = old.ID
		if err := updateIssue(ctx, g.tx, i); err != nil {
			return i, duplicate(err, "an issue of %s at %q described so", dateText(i.Date), i.Touchpoint)
		}
	}
	record := strconv.FormatInt(i.ID, 10)
	var before []field
	var prev any
	if old != nil {
		before, prev = issueFields(*old), *old
	}
	if err := g.remember(ctx, entityIssue, record, prev, old != nil); err != nil {
		return i, err
	}
	return i, g.logSave(ctx, entityIssue, record, before, issueFields(i))
}

// issueWriteCols are the columns issueArgs fills.
const issueWriteCols = `key, date, touchpoint, unit, severity, description, root_cause, status, discipline,
	action_id, resolved`

func issueArgs(i model.CXIssue) []any {
	var action any
	if i.ActionID != 0 {
		action = i.ActionID
	}
	return []any{i.Key(), dateText(i.Date), i.Touchpoint, i.Unit, string(i.Severity), i.Description,
		i.RootCause, string(i.Status), i.Discipline, action, dateText(i.Resolved)}
}

// updateIssue writes i over issue i.ID.
func updateIssue(ctx context.Context, tx *sql.Tx, i model.CXIssue) error {
	_, err := tx.ExecContext(ctx, `UPDATE issues SET (`+issueWriteCols+`) =
		(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`, append(issueArgs(i), i.ID)...)
	return err
}

// DeleteIssue removes issue id, or returns ErrNotFound. Audited.
func (s *Store) DeleteIssue(ctx context.Context, id int64) error {
	err := s.govWrite(ctx, func(g *govWriter) error {
		old, ok, err := getIssue(ctx, g.tx, `i.id = ?`, id)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		if _, err := g.tx.ExecContext(ctx, `DELETE FROM issues WHERE id = ?`, id); err != nil {
			return err
		}
		return g.audit(ctx, entityIssue, strconv.FormatInt(id, 10), changeDeleted, listFields(issueFields(old)))
	})
	if err != nil {
		return fmt.Errorf("store: delete issue %d: %w", id, err)
	}
	return nil
}
