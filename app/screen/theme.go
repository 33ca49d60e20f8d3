package screen

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The theme is a preference of this computer, not of a workspace: it lives
// in the Fyne preferences under PrefTheme.
const PrefTheme = "theme"

// Theme preferences.
const (
	ThemeLight  = "light"
	ThemeDark   = "dark"
	ThemeSystem = "system"
)

// ThemeChoices pairs each preference with its label in Settings, in the
// order shown.
var ThemeChoices = []struct{ Pref, Label string }{
	{ThemeLight, "Light"},
	{ThemeDark, "Dark"},
	{ThemeSystem, "Same as the system"},
}

// variantTheme forces one variant of the theme it wraps, whatever the
// system asks for; everything but colours comes from the wrapped theme.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color returns the wrapped theme's colour in the forced variant.
func (t *variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// ThemeFor is the theme for a preference; anything unknown follows the
// system.
func ThemeFor(pref string) fyne.Theme {
	switch pref {
	case ThemeLight:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case ThemeDark:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// ThemePreference is the stored preference, ThemeSystem when none or an
// unknown one is stored.
func ThemePreference(a fyne.App) string {
	p := a.Preferences().StringWithFallback(PrefTheme, ThemeSystem)
	for _, c := range ThemeChoices {
		if c.Pref == p {
			return p
		}
	}
	return ThemeSystem
}

// SetThemePreference stores pref and applies it at once.
func SetThemePreference(a fyne.App, pref string) {
	a.Preferences().SetString(PrefTheme, pref)
	a.Settings().SetTheme(ThemeFor(pref))
}

// ApplyThemePreference applies the stored theme at start-up. Following
// the system is what the app does anyway, so then the theme is left alone
// (a test app keeps its test theme).
func ApplyThemePreference(a fyne.App) {
	if p := ThemePreference(a); p != ThemeSystem {
		a.Settings().SetTheme(ThemeFor(p))
	}
}
