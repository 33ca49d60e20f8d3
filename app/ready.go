package app

import (
	"log/slog"
	"os"
	"time"
)

// SignalReady creates the file at path once the dashboard has loaded and
// painted, so scripts and tests know when to look at the real window.
func (u *UI) SignalReady(path string) {
	go func() {
		<-u.loaded
		time.Sleep(time.Second) // let the driver paint a few frames
		if err := os.WriteFile(path, []byte("ready\n"), 0o644); err != nil {
			slog.Error("ready file", "err", err)
		}
	}()
}
