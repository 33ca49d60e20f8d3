package main

import (
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestGallery(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every chart twice")
	}
	d, err := loadDemo()
	if err != nil {
		t.Fatal(err)
	}
	if units := d.scorer.Units(); len(units) != 3 {
		t.Errorf("the demo has units %q, want three", units)
	}
	if len(d.notesFor("All")) == 0 {
		t.Error("the demo's notes (outage, reorganisation) were not read")
	}
	dir := t.TempDir()
	if err := run(io.Discard, dir, 1); err != nil {
		t.Fatal(err)
	}
	for _, s := range shots(d) {
		for _, variant := range []string{"light", "dark"} {
			path := filepath.Join(dir, s.name+"_"+variant+".png")
			f, err := os.Open(path)
			if err != nil {
				t.Error(err)
				continue
			}
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			if cfg.Width != int(s.size.Width) || cfg.Height != int(s.size.Height) {
				t.Errorf("%s is %dx%d, want %v", path, cfg.Width, cfg.Height, s.size)
			}
		}
	}
}

func TestGalleryRejectsBadScale(t *testing.T) {
	for _, scale := range []float32{0, -1, 5} {
		if err := run(io.Discard, t.TempDir(), scale); err == nil {
			t.Errorf("scale %v accepted", scale)
		}
	}
}
