package store

import (
	"context"
	"fmt"

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

// eventTable is the events table to the shared governance helpers.
var eventTable = &govTable[model.Event]{
	entity: entityEvent, table: "events", selectSQL: `SELECT ` + eventCols + ` FROM events`, idCol: "id",
	writeCols: `key, date, unit, title, description`, scan: scanEvent, args: eventArgs, fields: eventFields,
	id: func(e model.Event) int64 { return e.ID },
	dup: func(e model.Event) string {
		return fmt.Sprintf("an event %q on %s", e.Title, dateText(e.Date))
	},
}

func eventFields(e model.Event) []field {
	return []field{{"date", dateText(e.Date)}, {"unit", e.Unit}, {"title", e.Title}, {"description", e.Description}}
}

// Events lists events in date order: with unit "" every event, else those
// of that unit (any case) and those of all units.
func (s *Store) Events(ctx context.Context, unit string) ([]model.Event, error) {
	q, args := eventTable.selectSQL, []any{}
	if u := tidy(unit); u != "" {
		q, args = q+` WHERE unit = '' OR unit = ?`, append(args, u)
	}
	return queryAll(ctx, s.db, "events", scanEvent, q+` ORDER BY date, id`, args...)
}

// SaveEvent creates the event (ID 0) or updates event e.ID, and returns it
// as stored. Unit "" or "All" is all units. Another event with the same
// date, unit and title is ErrDuplicate. Validated and audited.
func (s *Store) SaveEvent(ctx context.Context, e model.Event) (model.Event, error) {
	if err := eventTable.save(ctx, s, e.ID, &e, (*govWriter).saveEvent); err != nil {
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
	var err error
	e.ID, err = eventTable.put(ctx, g, e, old)
	return e, err
}

func eventArgs(e model.Event) []any {
	return []any{e.Key(), dateText(e.Date), e.Unit, e.Title, e.Description}
}

// DeleteEvent removes event id, or returns ErrNotFound. Audited.
func (s *Store) DeleteEvent(ctx context.Context, id int64) error {
	if err := eventTable.delete(ctx, s, id); err != nil {
		return fmt.Errorf("store: delete event %d: %w", id, err)
	}
	return nil
}
