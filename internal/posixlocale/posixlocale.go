// Package posixlocale maps the POSIX "C" locale to US English before Fyne
// reads it. Fyne cannot parse "C" or "C.UTF-8" (the default on servers and
// containers) and logs an error on every start, which would also land in
// the output of every headless command. Import it for its side effect, from
// main: packages initialise in import-path order once their dependencies
// have, and this one needs only the standard library, so it runs before
// fyne.io/fyne/v2/lang.
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(env)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if base == "C" || base == "POSIX" {
			os.Setenv(env, "en_US.UTF-8")
		}
	}
}
