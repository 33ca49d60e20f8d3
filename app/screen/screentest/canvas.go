package screentest

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Visit calls visit for o and everything visible under it, widgets'
// rendered parts included.
func Visit(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			Visit(child, visit)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			Visit(child, visit)
		}
	}
}

// Texts lists what a user reads under o: labels, the choices shown by
// selects and button titles.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	Visit(o, func(x fyne.CanvasObject) {
		switch w := x.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Select:
			out = append(out, w.Selected)
		case *widget.Button:
			out = append(out, w.Text)
		}
	})
	return out
}

// HasText reports whether one of texts contains want.
func HasText(texts []string, want string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) })
}

// Button finds the button titled text on screen under o, failing the test
// when there is none.
func Button(tb testing.TB, o fyne.CanvasObject, text string) *widget.Button {
	tb.Helper()
	var found *widget.Button
	Visit(o, func(x fyne.CanvasObject) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		tb.Fatalf("no %q button on screen", text)
	}
	return found
}

// TapDialogButton taps the button titled text in win's top dialog.
func TapDialogButton(tb testing.TB, win fyne.Window, text string) {
	tb.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		tb.Fatalf("no dialog to click %q in", text)
	}
	test.Tap(Button(tb, top, text))
}

// DialogTexts lists the texts of win's top dialog.
func DialogTexts(win fyne.Window) []string {
	return Texts(win.Canvas().Overlays().Top())
}
