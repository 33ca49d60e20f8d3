package imports

import (
	"fmt"
	"strings"
	"time"

	"cxdash/model"
)

// plural writes "1 value", "2 values", "1,240 values".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return model.FormatCount(n) + " " + many
}

// joinNames joins names: "a", "a and b", "a, b and 2 more".
func joinNames(names []string, most int) string {
	switch {
	case len(names) == 0:
		return ""
	case len(names) == 1:
		return names[0]
	case len(names) <= most:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return strings.Join(names[:most], ", ") + fmt.Sprintf(" and %d more", len(names)-most)
}

// when shows when a batch was imported, in the time zone of the host's
// clock: local time in the window, while tests fix the clock so that texts
// and images do not depend on where they run.
func (i *Screen) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(i.host.Now().Location()).Format("2 Jan 2006 15:04")
}

// userName names who imported a batch.
func userName(u string) string {
	if u == "" {
		return "unknown"
	}
	return u
}
