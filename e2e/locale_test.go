package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPOSIXLocale runs cxdash in the POSIX locale, the default of servers
// and containers. Fyne cannot parse "C.UTF-8" and, when it reads the
// locale at start-up, logs "Fyne error: Error parsing user locale C" on
// stderr, into every command's output; internal/posixlocale, imported by
// main.go, maps the POSIX locale to US English first. It can only do so
// while its import path sorts before fyne.io's (packages initialise in
// that order), so renaming the module can bring the error back: this
// test says so.
func TestPOSIXLocale(t *testing.T) {
	for _, env := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(env, "")
		os.Unsetenv(env)
	}
	for _, lang := range []string{"C.UTF-8", "C", "POSIX"} {
		t.Run(lang, func(t *testing.T) {
			t.Setenv("LANG", lang)
			code, out, errOut := cxdash(t, "help")
			if code != 0 || !strings.HasPrefix(out, "cxdash: ") || errOut != "" {
				t.Errorf("LANG=%s cxdash help: exit %d, stdout %.40q…, stderr:\n%s", lang, code, out, errOut)
			}
			// A new workspace has no data to sum up: one line says so.
			_, _, errOut = cxdash(t, "summary", "--db", filepath.Join(t.TempDir(), "ws.db"))
			if l := strings.ToLower(errOut); strings.Contains(l, "locale") || strings.Contains(l, "fyne") {
				t.Errorf("LANG=%s cxdash summary, stderr:\n%s", lang, errOut)
			}
		})
	}
}
