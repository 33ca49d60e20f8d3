package app

import (
	"fmt"
	"strings"
	"time"

	"cxdash/app/screen"
	"cxdash/model"
)

// now is the clock of the governance screens: what "today", "overdue" and
// "mark reviewed today" mean. Tests replace it to get fixed dates.
var now = time.Now

// today is now's calendar day.
func today() time.Time { return model.Day(now()) }

// govDateLayout is how the governance screens write dates: unambiguous in
// every locale, and read back by model.ParseDate.
const govDateLayout = "2 Jan 2006"

// govDate writes a date, or "" for none.
func govDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(govDateLayout)
}

// parseGovDate reads a date typed in a governance dialog; blank is none.
// Dates that read two ways (03/04/2024) are refused, not guessed.
func parseGovDate(field, s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	t, err := model.ParseDate(s, model.DateOrderUnknown)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %v", field, err)
	}
	return t, nil
}

// parseGovOwner reads an owner typed in a governance dialog.
func parseGovOwner(s string) (string, error) {
	o, err := model.ParseOwner(s)
	if err != nil {
		return "", fmt.Errorf("Owner: %v", err)
	}
	return o, nil
}

// parseGovNumber reads an optional number (a target or a gap).
func parseGovNumber(field, s string) (*float64, error) {
	v, ok, err := screen.ParseSetting(s)
	switch {
	case !ok:
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("%s: %q is not a number", field, strings.TrimSpace(s))
	}
	return &v, nil
}
