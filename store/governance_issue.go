package store

import (
	"context"
	"fmt"
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

// issueTable is the issues table to the shared governance helpers.
var issueTable = &govTable[model.CXIssue]{
	entity: entityIssue, table: "issues", selectSQL: `SELECT ` + issueCols + issueFrom, idCol: "i.id",
	writeCols: issueWriteCols, scan: scanIssue, args: issueArgs, fields: issueFields,
	id: func(i model.CXIssue) int64 { return i.ID },
	dup: func(i model.CXIssue) string {
		return fmt.Sprintf("an issue of %s at %q described so", dateText(i.Date), i.Touchpoint)
	},
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
	return queryAll(ctx, s.db, "issues", scanIssue, issueTable.selectSQL+whereClause(conds)+
		` ORDER BY i.date DESC, i.id DESC`, args...)
}

// SaveIssue creates the issue (ID 0) or updates issue i.ID, and returns it
// as stored. ActionTitle names the linked action when ActionID is 0.
// Resolved becomes today when the status becomes resolved and no date is
// given, and is cleared when the issue is reopened. Another issue with the
// same date, touchpoint and description is ErrDuplicate. Validated and
// audited.
func (s *Store) SaveIssue(ctx context.Context, i model.CXIssue) (model.CXIssue, error) {
	if err := issueTable.save(ctx, s, i.ID, &i, (*govWriter).saveIssue); err != nil {
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
		if a, ok, err = actionTable.byID(ctx, g.tx, i.ActionID); err == nil && !ok {
			return fmt.Errorf("the issue's action %d does not exist", i.ActionID)
		}
	case tidy(i.ActionTitle) != "":
		title := tidy(i.ActionTitle)
		if a, ok, err = actionTable.get(ctx, g.tx, `key = ?`, model.Action{Title: title}.Key()); err == nil && !ok {
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
	var err error
	i.ID, err = issueTable.put(ctx, g, i, old)
	return i, err
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

// DeleteIssue removes issue id, or returns ErrNotFound. Audited.
func (s *Store) DeleteIssue(ctx context.Context, id int64) error {
	if err := issueTable.delete(ctx, s, id); err != nil {
		return fmt.Errorf("store: delete issue %d: %w", id, err)
	}
	return nil
}
