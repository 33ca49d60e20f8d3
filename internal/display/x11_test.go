//go:build !wayland && (linux || freebsd || openbsd || netbsd)

package display

import (
	"net"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestX11Addrs(t *testing.T) {
	local := []string{"/tmp/.X11-unix/X0"}
	if runtime.GOOS == "linux" {
		local = []string{"@/tmp/.X11-unix/X0", "/tmp/.X11-unix/X0"}
	}
	for _, tc := range []struct {
		display, network string
		addrs            []string
	}{
		{":0", "unix", local},
		{":0.1", "unix", local},
		{"unix:0", "unix", local},
		{"unix/:0", "unix", local},
		{"localhost:10.0", "tcp", []string{"localhost:6010"}},
		{"tcp/:3", "tcp", []string{"localhost:6003"}},
		{"example.org:1", "tcp", []string{"example.org:6001"}},
		{"[::1]:2", "tcp", []string{"[::1]:6002"}},
		{"inet6/::1:2", "tcp", []string{"[::1]:6002"}},
		{"/private/tmp/launchd-1/org.xquartz:0", "unix", []string{"/private/tmp/launchd-1/org.xquartz:0"}},
		// What it cannot read is left to the driver.
		{"host::0", "", nil},
		{"nonsense", "", nil},
		{":x", "", nil},
		{"decnet/host:0", "", nil},
	} {
		network, addrs, ok := x11Addrs(tc.display)
		if network != tc.network || !slices.Equal(addrs, tc.addrs) || ok != (tc.addrs != nil) {
			t.Errorf("x11Addrs(%q) = %q, %q, %v; want %q, %q", tc.display, network, addrs, ok, tc.network, tc.addrs)
		}
	}
}

func env(kv ...string) func(string) string {
	return func(k string) string {
		for i := 0; i < len(kv); i += 2 {
			if kv[i] == k {
				return kv[i+1]
			}
		}
		return ""
	}
}

func TestCheck(t *testing.T) {
	// An X server that answers: a listener on TCP port 6000+N.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	if port <= 6000 {
		t.Skipf("the listener got port %d, below X's 6000", port)
	}
	up := "127.0.0.1:" + strconv.Itoa(port-6000)
	l2, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "127.0.0.1:" + strconv.Itoa(l2.Addr().(*net.TCPAddr).Port-6000)
	l2.Close()

	for _, tc := range []struct {
		env  func(string) string
		says string // "" when the window may open
	}{
		{env(), "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)"},
		{env("WAYLAND_DISPLAY", "wayland-0"), "DISPLAY is not set"},
		{env("DISPLAY", up), ""},
		{env("DISPLAY", down), "cannot reach the display DISPLAY=" + down + " to open the window on (no X server at 127.0.0.1:"},
		{env("DISPLAY", ":4093"), "cannot reach the display DISPLAY=:4093 to open the window on (no X server at /tmp/.X11-unix/X4093: "},
		{env("DISPLAY", "host::0"), ""},
	} {
		err := check(tc.env)
		switch {
		case tc.says == "" && err != nil:
			t.Errorf("DISPLAY=%q: %v, want nil", tc.env("DISPLAY"), err)
		case tc.says != "" && (err == nil || !strings.Contains(err.Error(), tc.says)):
			t.Errorf("DISPLAY=%q: %v, want %q", tc.env("DISPLAY"), err, tc.says)
		case err != nil && strings.Contains(err.Error(), "\n"):
			t.Errorf("DISPLAY=%q: the error has more than one line: %q", tc.env("DISPLAY"), err)
		}
	}
}
