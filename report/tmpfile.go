package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// A report is written to a temporary file beside its target, named
// ".TARGET-DIGITS.tmp" (os.CreateTemp), and renamed onto the target only
// when complete: a failed, cancelled or killed export never leaves a
// half-written file under the target's name. A killed process cannot remove
// its temporary file, so writeFile first removes those that no live writer
// holds (see lockTemp and removeStaleTemps).

// writeFile writes path through write, via a temporary file in the same
// directory that is renamed into place only when everything succeeded.
func writeFile(path string, write func(io.Writer) error) (err error) {
	removeStaleTemps(path)
	tmp, err := createTemp(path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	// CreateTemp makes the file private; a report is an ordinary document.
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	// On disk before the rename, so that a power cut cannot leave an empty
	// file under the target's name.
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err = commitTemp(tmp, path); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// createTemp creates and locks path's temporary file. Another export of
// the same target may find it between the two steps, take it for stale and
// remove it; the file is then created again.
func createTemp(path string) (*os.File, error) {
	for attempt := 0; ; attempt++ {
		tmp, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*"+tempSuffix)
		if err != nil {
			return nil, err
		}
		lockTemp(tmp)
		if still(tmp) || attempt == 2 {
			return tmp, nil
		}
		tmp.Close()
	}
}

// still reports whether f's name still names f.
func still(f *os.File) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(f.Name())
	return err == nil && os.SameFile(a, b)
}

const tempSuffix = ".tmp"

func tempPrefix(path string) string { return "." + filepath.Base(path) + "-" }

// staleTemps lists the files in path's directory named like its temporary
// files: the prefix, CreateTemp's decimal digits, the suffix. Nothing else
// matches, so a person's own ".report.xlsx-notes.tmp" is left alone.
func staleTemps(path string) []string {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return nil
	}
	prefix := tempPrefix(path)
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, tempSuffix) {
			continue
		}
		digits := name[len(prefix) : len(name)-len(tempSuffix)]
		if digits != "" && strings.Trim(digits, "0123456789") == "" {
			out = append(out, filepath.Join(filepath.Dir(path), name))
		}
	}
	return out
}
