package governance

import (
	"fmt"
	"strings"
	"time"

	"cxdash/app/screen"
	"cxdash/model"
)

// today is the calendar day of the host's clock: what "today", "overdue"
// and "mark reviewed today" mean here.
func today(h screen.Host) time.Time { return model.Day(h.Now()) }

// fieldError is what is wrong with one field of a dialog, as the dialog
// says it: the field's label first, "Due: February has no day 31".
func fieldError(field string, err error) error { return fmt.Errorf("%s: %w", field, err) }

// dateLayout is how the governance screen writes dates: unambiguous in
// every locale, and read back by model.ParseDate.
const dateLayout = "2 Jan 2006"

// dateText writes a date, or "" for none.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// parseDate reads a date typed in a governance dialog; blank is none.
// Dates that read two ways (03/04/2024) are refused, not guessed.
func parseDate(field, s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	t, err := model.ParseDate(s, model.DateOrderUnknown)
	if err != nil {
		return time.Time{}, fieldError(field, err)
	}
	return t, nil
}

// parseOwner reads an owner typed in a governance dialog.
func parseOwner(s string) (string, error) {
	o, err := model.ParseOwner(s)
	if err != nil {
		return "", fieldError("Owner", err)
	}
	return o, nil
}

// parseNumber reads an optional number (a target or a gap).
func parseNumber(field, s string) (*float64, error) {
	v, ok, err := screen.ParseSetting(s)
	switch {
	case !ok:
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("%s: %q is not a number", field, strings.TrimSpace(s))
	}
	return &v, nil
}
