package app

import (
	"context"
	"time"
)

// liveInterval is how often a window looks for changes made elsewhere:
// another person's import into a team workspace, a command-line import
// into this file. One small query each time.
var liveInterval = 5 * time.Second

// watchChanges reloads the screens when the shown workspace's change mark
// moves, until ctx is done. Changes made in this window reload it
// themselves, and their reload records the new mark, so they are not
// loaded twice. A workspace that cannot be read (a server gone away) is
// left as shown; the next user action reports it.
func (s *session) watchChanges(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.mu.Lock()
		ws, seen := s.shown, s.shownMark
		s.mu.Unlock()
		if ws == nil {
			continue
		}
		mark, err := ws.Store.ChangeMark(ctx)
		if err != nil || mark == seen {
			continue
		}
		uiDo(func() {
			if s.ws == ws {
				s.reload()
			}
		})
	}
}
