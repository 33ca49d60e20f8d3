package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The theme is a preference of this computer, not of a workspace: it lives
// in the Fyne preferences under prefTheme.
const prefTheme = "theme"

// Theme preferences.
const (
	themeLight  = "light"
	themeDark   = "dark"
	themeSystem = "system"
)

// themeChoices pairs each preference with its label in Settings, in the
// order shown.
var themeChoices = []struct{ pref, label string }{
	{themeLight, "Light"},
	{themeDark, "Dark"},
	{themeSystem, "Same as the system"},
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

// themeFor is the theme for a preference; anything unknown follows the
// system.
func themeFor(pref string) fyne.Theme {
	switch pref {
	case themeLight:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case themeDark:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// themePreference is the stored preference, themeSystem when none or an
// unknown one is stored.
func themePreference(a fyne.App) string {
	p := a.Preferences().StringWithFallback(prefTheme, themeSystem)
	for _, c := range themeChoices {
		if c.pref == p {
			return p
		}
	}
	return themeSystem
}

// setThemePreference stores pref and applies it at once.
func setThemePreference(a fyne.App, pref string) {
	a.Preferences().SetString(prefTheme, pref)
	a.Settings().SetTheme(themeFor(pref))
}

// applyThemePreference applies the stored theme at start-up. Following
// the system is what the app does anyway, so then the theme is left alone
// (a test app keeps its test theme).
func applyThemePreference(a fyne.App) {
	if p := themePreference(a); p != themeSystem {
		a.Settings().SetTheme(themeFor(p))
	}
}
