package importers_test

import (
	"path/filepath"
	"testing"

	"cxdash/importers"
)

func TestOpenBookFileErrors(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		filepath.Join(dir, "missing.xlsx"): "no such file",
		dir:                                "a folder, not a file",
	}
	for path, want := range tests {
		t.Run(want, func(t *testing.T) {
			_, err := importers.OpenBook(path, importers.BookOptions{})
			if err == nil || err.Error() != want {
				t.Errorf("OpenBook(%s) error %v, want %q", path, err, want)
			}
		})
	}
}
