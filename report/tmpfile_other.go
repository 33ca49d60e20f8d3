//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package report

import (
	"os"
	"runtime"
)

// lockTemp does nothing: on Windows an open file cannot be removed, which
// protects a live writer's temporary file.
func lockTemp(*os.File) {}

// removeStaleTemps removes path's temporary files that no process has open
// (Windows refuses to remove the others). Elsewhere it leaves them.
func removeStaleTemps(path string) {
	if runtime.GOOS != "windows" {
		return
	}
	for _, name := range staleTemps(path) {
		os.Remove(name)
	}
}

// commitTemp closes the temporary file, then renames it onto path: Windows
// does not rename an open file.
func commitTemp(tmp *os.File, path string) error {
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
