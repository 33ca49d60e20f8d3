package workspace

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"

	"cxdash/store"
)

// UserMessage turns an error into a sentence a person can act on; the full
// error goes to the log. The window and the command line both print it.
func UserMessage(err error) string {
	if err == nil {
		return ""
	}
	slog.Debug("error", "err", err)
	var busy *store.BusyError
	switch {
	case errors.As(err, &busy):
		return "workspace " + busy.Path + " is in use by another cxdash (a window or command is writing to it); " +
			"nothing was changed here: try again when it has finished"
	case errors.Is(err, context.Canceled):
		return "cancelled; nothing was changed"
	case errors.Is(err, store.ErrNotFound):
		return strings.TrimPrefix(err.Error(), "store: ")
	case errors.Is(err, store.ErrNewerSchema):
		return "this workspace was written by a newer cxdash; update cxdash to open it (" + err.Error() + ")"
	}
	return err.Error()
}

// openErrorText says why a file could not be opened, without the path the
// message around it already names.
func openErrorText(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "file not found"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
