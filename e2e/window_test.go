package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestRealWindowUnderXvfb builds cxdash, opens its real window on a
// virtual X server with the demo workspace and checks that a screenshot of
// the screen shows the dashboard's scores.
func TestRealWindowUnderXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the GL app")
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Skip("Xvfb is not installed (make test installs it)")
	}
	if _, err := exec.LookPath("import"); err != nil {
		t.Skip("imagemagick is not installed (make test installs it)")
	}
	bin := cxdashBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	if out, err := exec.Command(bin, "demo", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}

	display := startXvfb(t, xvfb)
	shot := filepath.Join(dir, "window.png")
	ready := filepath.Join(dir, "ready")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	app := exec.CommandContext(ctx, bin, "--db", db)
	app.Env = append(os.Environ(), "DISPLAY="+display, "CXDASH_READY_FILE="+ready, "LANG=en_US.UTF-8")
	var appOut bytes.Buffer
	app.Stdout, app.Stderr = &appOut, &appOut
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { app.Process.Kill(); app.Wait() }()
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("the window never became ready:\n%s", appOut.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// A screenshot of the X screen, as a person would see it.
	grab := exec.Command("import", "-display", display, "-window", "root", shot)
	if out, err := grab.CombinedOutput(); err != nil {
		t.Fatalf("screenshot (imagemagick import): %v\n%s", err, out)
	}
	img := decodePNG(t, shot)
	if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 500 {
		t.Fatalf("screen is %v", b)
	}
	// Score bars are drawn in the level colours only when scores are on
	// screen: an empty or broken dashboard has none.
	bars := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
			if isLevelColour(img.At(x, y)) {
				bars++
			}
		}
	}
	if bars < 200 {
		t.Errorf("only %d score-bar pixels in the window; the dashboard did not render its scores (see %s)", bars, shot)
	}
	if keep := os.Getenv("CXDASH_KEEP_SCREENSHOT"); keep != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(keep, data, 0o644)
	}
}

func startXvfb(t *testing.T, xvfb string) string {
	t.Helper()
	for n := 90; n < 140; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		cmd := exec.Command(xvfb, fmt.Sprintf(":%d", n), "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatalf("Xvfb: %v", err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		sock := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(sock); err == nil {
				return fmt.Sprintf(":%d", n)
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("Xvfb :%d did not start", n)
	}
	t.Fatal("no free X display")
	return ""
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("the window wrote no screenshot: %v", err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// isLevelColour matches the dashboard's level ramp (app.levelColor).
func isLevelColour(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	r, g, b = r>>8, g>>8, b>>8
	for _, l := range [][3]uint32{{0xd5, 0x5e, 0x00}, {0xe6, 0x9f, 0x00}, {0xf0, 0xe4, 0x42}, {0x56, 0xb4, 0xe9}, {0x00, 0x72, 0xb2}} {
		if absDiff(r, l[0]) < 6 && absDiff(g, l[1]) < 6 && absDiff(b, l[2]) < 6 {
			return true
		}
	}
	return false
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
