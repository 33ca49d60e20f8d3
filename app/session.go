package app

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cxdash/model"
)

// Filters apply to every screen.
type Filters struct {
	Unit string            // model.AllUnits for every unit
	Gran model.Granularity // periods are shown at this granularity
	From model.Period      // first period shown; zero: the earliest with data
	To   model.Period      // last period shown; zero: the latest with data
}

// Snapshot is the scored state of a workspace, rebuilt after every change
// off the UI thread and then shared read-only by the screens.
type Snapshot struct {
	Scorer    *model.Scorer
	Framework model.Framework
	Metrics   []model.Metric
	Units     []string      // units with data, sorted
	Events    []model.Event // timeline events of every unit, date order: marked on the trends
}

// Empty reports a workspace without data.
func (s *Snapshot) Empty() bool { return s == nil || len(s.Units) == 0 }

// Periods are the periods with data at the filters' granularity, within
// their range, oldest first.
func (s *Snapshot) Periods(f Filters) []model.Period {
	if s == nil || s.Scorer == nil {
		return nil
	}
	var out []model.Period
	for _, p := range s.Scorer.Periods(f.Gran) {
		if !f.From.IsZero() && p.Before(f.From) {
			continue
		}
		if !f.To.IsZero() && f.To.Before(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// Current is the last period in the filters' range: the one the dashboard
// scores; ok is false when there is none.
func (s *Snapshot) Current(f Filters) (model.Period, bool) {
	ps := s.Periods(f)
	if len(ps) == 0 {
		return model.Period{}, false
	}
	return ps[len(ps)-1], true
}

// session is what every screen shares: the window, the open workspace, the
// filters and the latest snapshot. Its fields are read and written on the
// Fyne goroutine only; slow work goes through run or reload.
type session struct {
	ctx     context.Context
	app     fyne.App
	win     fyne.Window
	ws      *Workspace
	filters Filters
	snap    *Snapshot

	listeners []func()
	// navigate shows a screen by name ("dashboard", "discipline", "data",
	// "import", "governance", "reports", "settings") with an optional
	// argument, such as a discipline key for "discipline" or a section for
	// "governance".
	navigate func(screen string, arg any)

	mu      sync.Mutex
	loadSeq int // the latest reload; older results are dropped
	// shown is the workspace whose data the screens show and the change
	// mark it had when read: watchChanges compares (see live.go).
	shown     *Workspace
	shownMark string
	watching  sync.Once
}

// onChange registers f to run on the UI goroutine whenever the snapshot
// or the filters change. Screens re-render from s.snap and s.filters.
func (s *session) onChange(f func()) { s.listeners = append(s.listeners, f) }

func (s *session) notify() {
	for _, f := range s.listeners {
		f()
	}
}

// setFilters applies new filters to every screen.
func (s *session) setFilters(f Filters) {
	if f.Gran == 0 {
		f.Gran = model.Quarter
	}
	s.filters = f
	s.notify()
}

// reload rebuilds the snapshot off the UI thread and notifies the screens.
// The channel is closed once they show it.
func (s *session) reload() <-chan struct{} {
	done := make(chan struct{})
	ws := s.ws
	s.mu.Lock()
	s.loadSeq++
	seq := s.loadSeq
	s.mu.Unlock()
	s.watching.Do(func() { go s.watchChanges(s.ctx, liveInterval) })
	go func() {
		mark, _ := ws.Store.ChangeMark(s.ctx) // before reading: the data is at least this new
		snap, err := loadSnapshot(s.ctx, ws)
		uiDo(func() {
			defer close(done)
			s.mu.Lock()
			stale := seq != s.loadSeq || ws != s.ws
			if !stale {
				s.shown, s.shownMark = ws, mark
			}
			s.mu.Unlock()
			if stale {
				return
			}
			if err != nil {
				s.showError(fmt.Errorf("could not read the workspace: %w", err))
				return
			}
			s.snap = snap
			s.fitFilters()
			s.notify()
		})
	}()
	return done
}

// fitFilters keeps the filters valid for the new data: a unit that no
// longer exists falls back to all units.
func (s *session) fitFilters() {
	f := &s.filters
	if f.Gran == 0 {
		f.Gran = s.snap.defaultGranularity()
	}
	if f.Unit == "" {
		f.Unit = model.AllUnits
	}
	if f.Unit != model.AllUnits {
		if _, ok := matchUnit(s.snap.Units, f.Unit); !ok {
			f.Unit = model.AllUnits
		}
	}
}

func (s *Snapshot) defaultGranularity() model.Granularity {
	if s.Scorer == nil {
		return model.Quarter
	}
	return s.Scorer.DefaultGranularity()
}

func loadSnapshot(ctx context.Context, ws *Workspace) (*Snapshot, error) {
	sc, fw, err := ws.Scorer(ctx)
	if err != nil {
		return nil, err
	}
	metrics, err := ws.Store.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	events, err := ws.Store.Events(ctx, "")
	if err != nil {
		return nil, err
	}
	return &Snapshot{Scorer: sc, Framework: fw, Metrics: metrics, Units: sc.Units(), Events: events}, nil
}

// showError shows err in a dialog a person can act on; the details go to
// the log.
func (s *session) showError(err error) {
	slog.Error("cxdash", "err", err)
	dialog.ShowError(fmt.Errorf("%s", UserMessage(err)), s.win)
}

// Progress reports how far long work has come: done of total, total < 0
// when unknown.
type Progress func(done, total int64)

// run does slow work off the UI thread behind a progress dialog with a
// Cancel button; then calls finish on the UI thread with the work's error.
func (s *session) run(title string, work func(ctx context.Context, progress Progress) error, finish func(err error)) {
	ctx, cancel := context.WithCancel(s.ctx)
	bar := widget.NewProgressBar()
	infinite := widget.NewProgressBarInfinite()
	status := widget.NewLabel(title + "…")
	box := container.NewVBox(status, infinite, bar)
	bar.Hide()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(box, widget.NewButton("Cancel", cancel)), s.win)
	d.Show()
	progress := func(done, total int64) {
		uiDo(func() {
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
		uiDo(func() {
			infinite.Stop()
			d.Hide()
			if finish != nil {
				finish(err)
			}
		})
	}()
}
