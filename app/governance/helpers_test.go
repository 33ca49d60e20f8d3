package governance

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cxdash/app/screen"
	"cxdash/app/screen/screentest"
)

func TestMain(m *testing.M) {
	screentest.Install()
	os.Exit(m.Run())
}

// testToday is the tests' today: in the demo data's last quarter
// (Q3 2026), so that recent events fall on the trend charts.
var testToday = time.Date(2026, 9, 14, 10, 0, 0, 0, time.UTC)

// testWindow is the size of the window the screen is tested in: the
// whole window's, as the golden images were first made in.
var testWindow = fyne.NewSize(1240, 780)

// harness is the Governance screen with the dashboard's two hooks beside
// it, on a session whose clock reads testToday and whose navigation is
// recorded.
type harness struct {
	s    *screen.Session
	g    *Screen
	gap  *GapAction   // nil for the screen alone
	card *OverdueCard // nil for the screen alone
	// gaps is what the gap button offers; nil offers none.
	gaps func() []Gap
	nav  []screen.Place
}

// newHarness opens the harness on a new workspace, with the demo data
// when demo is set, and waits until every part shows its data.
func newHarness(t *testing.T, demo bool) *harness {
	t.Helper()
	ws := screentest.Workspace(t, "acme.db", demo)
	h := &harness{}
	h.s = screentest.Session(t, ws, testWindow, func(s *screen.Session) fyne.CanvasObject {
		s.Clock = func() time.Time { return testToday }
		s.Navigate = func(p screen.Place) { h.nav = append(h.nav, p) }
		h.g = New(s)
		h.card = NewOverdueCard(s)
		h.gap = NewGapAction(s, func() []Gap {
			if h.gaps == nil {
				return nil
			}
			return h.gaps()
		})
		return container.NewBorder(container.NewVBox(h.card.Content(), container.NewHBox(h.gap.Button())), nil, nil, nil,
			h.g.Content())
	})
	h.settle(t)
	return h
}

// settle waits until the screen and the card, if any, show the latest
// data.
func (h *harness) settle(t *testing.T) {
	t.Helper()
	screentest.Wait(t, "the governance screen", h.g.Idle(), 30*time.Second)
	if h.card != nil {
		screentest.Wait(t, "the overdue card", h.card.Idle(), 30*time.Second)
	}
}

// reload reloads the state, as a change elsewhere does, and settles.
func (h *harness) reload(t *testing.T) {
	t.Helper()
	screentest.Wait(t, "the reload", h.s.Reload(), 60*time.Second)
	h.settle(t)
}

// save taps Save and waits until the record is stored (or refused) and
// every part shows the result. It reports whether the dialog closed.
func (h *harness) save(t *testing.T, f *form) bool {
	t.Helper()
	done := f.done
	test.Tap(f.save)
	screentest.Wait(t, "the save", done, 30*time.Second)
	if f.message.Visible() {
		return false
	}
	// A reload of our own makes the one the save started stale, and tells
	// when the screens have the new data.
	h.reload(t)
	return true
}

// field is the widget of the form item labelled label.
func field(t *testing.T, f *form, label string) fyne.CanvasObject {
	t.Helper()
	for _, it := range f.form.Items {
		if it.Text == label {
			return it.Widget
		}
	}
	t.Fatalf("the dialog has no %q field", label)
	return nil
}

func entryOf(t *testing.T, f *form, label string) *widget.Entry {
	t.Helper()
	switch w := field(t, f, label).(type) {
	case *widget.Entry:
		return w
	case *widget.SelectEntry:
		return &w.Entry
	case *fyne.Container: // an entry with a button beside it
		for _, o := range w.Objects {
			if e, ok := o.(*widget.Entry); ok {
				return e
			}
		}
	}
	t.Fatalf("field %q is not an entry", label)
	return nil
}

func selectOf(t *testing.T, f *form, label string) *widget.Select {
	t.Helper()
	s, ok := field(t, f, label).(*widget.Select)
	if !ok {
		t.Fatalf("field %q is not a select", label)
	}
	return s
}

// typeInto replaces an entry's text the way a person does: select all,
// then type.
func typeInto(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// buttonIn finds the button labelled text in obj's tree.
func buttonIn(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(obj)
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}

// hasText reports whether a label in obj's tree shows text.
func hasText(obj fyne.CanvasObject, text string) bool {
	switch x := obj.(type) {
	case *widget.Label:
		return x.Text == text
	case *fyne.Container:
		for _, c := range x.Objects {
			if hasText(c, text) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if hasText(c, text) {
				return true
			}
		}
	}
	return false
}
