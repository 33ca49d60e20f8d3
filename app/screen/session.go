package screen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen/internal/uithread"
	"cxdash/model"
	"cxdash/workspace"
)

// Session is the Host a window gives its screens: the window, the open
// workspace, the filters and the latest state. Its fields are read and
// written on the UI goroutine only; slow work goes through Run or Reload.
type Session struct {
	ctx     context.Context
	app     fyne.App
	win     fyne.Window
	ws      *workspace.Workspace
	filters workspace.Filters
	state   *workspace.State

	listeners []func()
	// Navigate shows a place; the window sets it (tests may record).
	Navigate func(Place)
	// Clock is Now's source; tests fix it.
	Clock func() time.Time
	// LiveInterval is how often the session looks for changes made
	// elsewhere (another person's import into a team workspace, a
	// command-line import into this file): one small query each time.
	LiveInterval time.Duration

	mu      sync.Mutex
	loadSeq int  // the latest reload; older results are dropped
	loading bool // the latest reload has not been shown yet
	// waiting are the channels of the reloads not shown yet: closed when
	// the newest is, since it shows data at least as new as they asked for.
	waiting []chan struct{}
	// shown is the workspace whose data the screens show and the change
	// mark it had when read: watchChanges compares.
	shown     *workspace.Workspace
	shownMark string
	watching  sync.Once
}

// NewSession is a session on ws in win; call Reload to load its state.
func NewSession(ctx context.Context, a fyne.App, win fyne.Window, ws *workspace.Workspace) *Session {
	return &Session{ctx: ctx, app: a, win: win, ws: ws, Clock: time.Now, LiveInterval: 5 * time.Second}
}

// Context is cancelled when the window closes.
func (s *Session) Context() context.Context { return s.ctx }

// App is the Fyne app.
func (s *Session) App() fyne.App { return s.app }

// Window is the main window.
func (s *Session) Window() fyne.Window { return s.win }

// Workspace is the open workspace.
func (s *Session) Workspace() *workspace.Workspace { return s.ws }

// State is the scored state of the workspace; nil before the first load.
func (s *Session) State() *workspace.State { return s.state }

// Filters are the filters every screen shows.
func (s *Session) Filters() workspace.Filters { return s.filters }

// Now is the session's clock.
func (s *Session) Now() time.Time { return s.Clock() }

// Do runs f on the UI goroutine.
func (s *Session) Do(f func()) { uithread.Do(f) }

// Show goes to p through the window's Navigate.
func (s *Session) Show(p Place) {
	if s.Navigate != nil {
		s.Navigate(p)
	}
}

// SwitchTo makes ws the open workspace with fresh filters; the caller
// reloads.
func (s *Session) SwitchTo(ws *workspace.Workspace) {
	s.ws, s.filters = ws, workspace.Filters{}
}

// OnChange registers f to run on the UI goroutine whenever the state or
// the filters change.
func (s *Session) OnChange(f func()) { s.listeners = append(s.listeners, f) }

func (s *Session) notify() {
	for _, f := range s.listeners {
		f()
	}
}

// SetFilters applies new filters to every screen.
func (s *Session) SetFilters(f workspace.Filters) {
	if f.Gran == 0 {
		f.Gran = model.Quarter
	}
	s.filters = f
	s.notify()
}

// Reload rebuilds the state off the UI thread and notifies the screens.
// The channel is closed once they show it, or the state of a later
// reload that superseded it.
func (s *Session) Reload() <-chan struct{} {
	done := make(chan struct{})
	ws := s.ws
	s.mu.Lock()
	s.loadSeq++
	seq := s.loadSeq
	s.loading = true
	s.waiting = append(s.waiting, done)
	s.mu.Unlock()
	s.watching.Do(func() { go s.watchChanges(s.ctx, s.LiveInterval) })
	go func() {
		mark, _ := ws.ChangeMark(s.ctx) // before reading: the data is at least this new
		state, err := ws.State(s.ctx)
		s.Do(func() {
			s.mu.Lock()
			stale := seq != s.loadSeq || ws != s.ws
			var shown []chan struct{}
			if !stale {
				// Every reload asked for so far is answered by this newer
				// one: their callers wait for what the screens show.
				s.shown, s.shownMark, s.loading = ws, mark, false
				shown, s.waiting = s.waiting, nil
			}
			s.mu.Unlock()
			if stale {
				return
			}
			defer func() {
				for _, c := range shown {
					close(c)
				}
			}()
			if err != nil {
				s.ShowError(fmt.Errorf("could not read the workspace: %w", err))
				return
			}
			s.state = state
			s.fitFilters()
			s.notify()
		})
	}()
	return done
}

// fitFilters keeps the filters valid for the new data: a unit that no
// longer exists falls back to all units.
func (s *Session) fitFilters() {
	f := &s.filters
	if f.Gran == 0 {
		f.Gran = s.state.DefaultGranularity()
	}
	if f.Unit == "" {
		f.Unit = model.AllUnits
	}
	if f.Unit != model.AllUnits {
		if _, ok := workspace.MatchUnit(s.state.Units, f.Unit); !ok {
			f.Unit = model.AllUnits
		}
	}
}

// watchChanges reloads the screens when the shown workspace's change mark
// moves, until ctx is done. Changes made in this window reload it
// themselves, and their reload records the new mark, so they are not
// loaded twice. A workspace that cannot be read (a server gone away) is
// left as shown; the next user action reports it.
func (s *Session) watchChanges(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.mu.Lock()
		ws, seen, loading := s.shown, s.shownMark, s.loading
		s.mu.Unlock()
		// While a reload is under way its result will carry a newer mark:
		// starting another would make it stale, and a workspace slower to
		// read than the interval would then never be shown.
		if ws == nil || loading {
			continue
		}
		mark, err := ws.ChangeMark(ctx)
		if err != nil || mark == seen {
			continue
		}
		s.Do(func() {
			if s.ws == ws {
				s.Reload()
			}
		})
	}
}

// ShowError shows err in a dialog a person can act on; the details go to
// the log.
func (s *Session) ShowError(err error) {
	slog.Error("cxdash", "err", err)
	dialog.ShowError(errors.New(workspace.UserMessage(err)), s.win)
}

// Run does slow work off the UI thread behind a progress dialog with a
// Cancel button; then calls finish on the UI goroutine with the work's
// error.
func (s *Session) Run(title string, work func(ctx context.Context, progress workspace.Progress) error, finish func(err error)) {
	ctx, cancel := context.WithCancel(s.ctx)
	bar := widget.NewProgressBar()
	infinite := widget.NewProgressBarInfinite()
	status := widget.NewLabel(title + "…")
	box := container.NewVBox(status, infinite, bar)
	bar.Hide()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(box, widget.NewButton("Cancel", cancel)), s.win)
	d.Show()
	progress := func(done, total int64) {
		s.Do(func() {
			if total > 0 {
				infinite.Hide()
				infinite.Stop()
				bar.Show()
				bar.SetValue(float64(done) / float64(total))
			}
		})
	}
	go func() {
		defer cancel()
		err := work(ctx, progress)
		s.Do(func() {
			infinite.Stop()
			d.Hide()
			if finish != nil {
				finish(err)
			}
		})
	}()
}
