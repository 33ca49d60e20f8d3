package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"cxdash/model"
)

const eventCols = `id, date, unit, title, description`

func scanEvent(r scanner) (model.Event, error) {
	var e model.Event
	var date string
	if err := r.Scan(&e.ID, &date, &e.Unit, &e.Title, &e.Description); err != nil {
		return model.Event{}, err
	}
	var err error
	if e.Date, err = parseDateText("date", date); err != nil {
		return model.Event{}, fmt.Errorf("event %d: %w", e.ID, err)
	}
	return e, nil
}

func eventFields(e model.Event) []field {
	return []field{{"date", dateText(e.Date)}, {"unit", e.Unit}, {"title", e.Title}, {"description", e.Description}}
}

// Events lists events in date order: with unit "" every event, else those
// of that unit (any case) and those of all units.
func (s *Store) Events(ctx context.Context, unit string) ([]model.Event, error) {
	q, args := `SELECT `+eventCols+` FROM events`, []any{}
	if u := tidy(unit); u != "" {
		q, args = q+` WHERE unit = '' OR unit = ?`, append(args, u)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY date, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var es []model.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	return es, nil
}

// getEvent returns the event of a where clause; ok is false when none.
func getEvent(ctx context.Context, tx *sql.Tx, where string, arg any) (e model.Event, ok bool, err error) {
	e, err = scanEvent(tx.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Event{}, false, nil
	}
	return e, err == nil, err
}

// SaveEvent creates the event (ID 0) or updates event e.ID, and returns it
// as stored. Unit "" or "All" is all units. Another event with the same
// date, unit and title is ErrDuplicate. Validated and audited.
func (s *Store) SaveEvent(ctx context.Context, e model.Event) (model.Event, error) {
	err := s.govWrite(ctx, func(g *govWriter) error {
		var old *model.Event
		if e.ID != 0 {
			o, ok, err := getEvent(ctx, g.tx, `id = ?`, e.ID)
			if err != nil {
				return err
			}
			if !ok {
				return ErrNotFound
			}
			old = &o
		}
		var err error
		e, err = g.saveEvent(ctx, e, old)
		return err
	})
	if err != nil {
		return model.Event{}, fmt.Errorf("store: save event %q: %w", e.Title, err)
	}
	return e, nil
}

// saveEvent writes e over old (nil: a new event) and returns it as stored.
func (g *govWriter) saveEvent(ctx context.Context, e model.Event, old *model.Event) (model.Event, error) {
	e.Date, e.Unit, e.Title = day(e.Date), unitName(e.Unit), tidy(e.Title)
	if err := e.Validate(); err != nil {
		return e, err
	}
	if old == nil {
		res, err := g.tx.ExecContext(ctx, `INSERT INTO events(key, date, unit, title, description)
			VALUES (?, ?, ?, ?, ?)`, eventArgs(e)...)
		if err == nil {
			e.ID, err = res.LastInsertId()
		}
		if err != nil {
			return e, duplicate(err, "an event %q on %s", e.Title, dateText(e.Date))
		}
	} else {
		e.ID = old.ID
		if err := updateEvent(ctx, g.tx, e); err != nil {
			return e, duplicate(err, "an event %q on %s", e.Title, dateText(e.Date))
		}
	}
	record := strconv.FormatInt(e.ID, 10)
	var before []field
	var prev any
	if old != nil {
		before, prev = eventFields(*old), *old
	}
	if err := g.remember(ctx, entityEvent, record, prev, old != nil); err != nil {
		return e, err
	}
	return e, g.logSave(ctx, entityEvent, record, before, eventFields(e))
}

func eventArgs(e model.Event) []any {
	return []any{e.Key(), dateText(e.Date), e.Unit, e.Title, e.Description}
}

// updateEvent writes e over event e.ID.
func updateEvent(ctx context.Context, tx *sql.Tx, e model.Event) error {
	_, err := tx.ExecContext(ctx, `UPDATE events SET (key, date, unit, title, description) =
		(?, ?, ?, ?, ?) WHERE id = ?`, append(eventArgs(e), e.ID)...)
	return err
}

// DeleteEvent removes event id, or returns ErrNotFound. Audited.
func (s *Store) DeleteEvent(ctx context.Context, id int64) error {
	err := s.govWrite(ctx, func(g *govWriter) error {
		old, ok, err := getEvent(ctx, g.tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		if _, err := g.tx.ExecContext(ctx, `DELETE FROM events WHERE id = ?`, id); err != nil {
			return err
		}
		return g.audit(ctx, entityEvent, strconv.FormatInt(id, 10), changeDeleted, listFields(eventFields(old)))
	})
	if err != nil {
		return fmt.Errorf("store: delete event %d: %w", id, err)
	}
	return nil
}
