package importers_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cxdash/importers"
)

// TestReadCorpus reads every real-world file of the shared corpus: none may
// panic or fail; each yields data, "no data sheet found", or a file-level
// problem naming the file; a dry run and a real run agree; and nothing is
// written for a file with problems beyond what the caller rolls back.
func TestReadCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus")
	var files []string
	for _, dir := range []string{"xlsx", "csv"} {
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() {
				files = append(files, filepath.Join(root, dir, e.Name()))
			}
		}
	}
	if len(files) == 0 {
		t.Skip("no corpus at ../../shared/corpus")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			dry, err := importers.Read(context.Background(), path, importers.Options{}, nil)
			if err != nil {
				t.Fatalf("dry run: %v", err)
			}
			rep, sink := semRead(t, path, importers.Options{})
			if len(dry.Problems) != len(rep.Problems) || dry.Values != rep.Values {
				t.Errorf("dry run %d problems/%d values, real run %d/%d", len(dry.Problems), dry.Values, len(rep.Problems), rep.Values)
			}
			for _, p := range rep.Problems {
				if p.File != filepath.Base(path) || p.Message == "" {
					t.Errorf("problem without file or message: %+v", p)
				}
				if strings.Contains(p.Message, "internal error") {
					t.Errorf("panic: %s", p.Error())
				}
			}
			if rep.OK() {
				if rep.Values == 0 && len(rep.NewMetrics) == 0 && !anyCatalogue(rep) {
					t.Errorf("OK but nothing read")
				}
				if len(sink.Observations) != rep.Values {
					t.Errorf("wrote %d observations, report says %d", len(sink.Observations), rep.Values)
				}
			}
			t.Logf("%s: %d sheets, %d values, %d problems; first: %s", rep.Format, len(rep.Sheets), rep.Values, len(rep.Problems), first(rep))
		})
	}
}

func anyCatalogue(rep importers.Result) bool {
	for _, s := range rep.Sheets {
		if s.Layout == importers.LayoutCatalogue {
			return true
		}
	}
	return false
}

func first(rep importers.Result) string {
	if len(rep.Problems) == 0 {
		return "-"
	}
	return rep.Problems[0].Error()
}
