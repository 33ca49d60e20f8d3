//go:build !wayland && (linux || freebsd || openbsd || netbsd)

package display

import (
	"fmt"
	"net"
	"runtime"
	"strconv"
	"strings"
)

// Here cxdash draws through X11, as Fyne's driver does on these systems
// unless built with the wayland tag; a Wayland session offers X11 as
// XWayland, with DISPLAY set.
func check(getenv func(string) string) error {
	d := getenv("DISPLAY")
	if d == "" {
		if getenv("WAYLAND_DISPLAY") == "" {
			return fmt.Errorf("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)")
		}
		return fmt.Errorf("no X display to open the window on (DISPLAY is not set; this cxdash draws through X11, which Wayland offers as XWayland)")
	}
	network, addrs, ok := x11Addrs(d)
	if !ok {
		return nil
	}
	return reach(network, addrs, "the display DISPLAY="+d, "X server")
}

// x11Addrs is where the X server of display d listens, as Xlib reads d:
// [PROTOCOL/][HOST]:NUMBER[.SCREEN]. Without a host (or with "unix") it is
// the local socket /tmp/.X11-unix/XNUMBER, which on Linux also exists in
// the abstract namespace, tried first as Xlib does; with a host it is TCP
// port 6000+NUMBER; a host that is a path names the socket itself, with
// ":NUMBER" (XQuartz). ok is false for what it cannot read, such as
// DECnet's "host::0".
func x11Addrs(d string) (network string, addrs []string, ok bool) {
	proto, rest := "", d
	if p, r, found := strings.Cut(d, "/"); found && p != "" {
		proto, rest = p, r
	}
	i := strings.LastIndex(rest, ":")
	if i < 0 || strings.HasSuffix(rest[:i], ":") {
		return "", nil, false
	}
	host := rest[:i]
	num, _, _ := strings.Cut(rest[i+1:], ".")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return "", nil, false
	}
	switch {
	case strings.HasPrefix(host, "/"):
		return "unix", []string{host + ":" + num}, true
	case proto == "unix" || proto == "" && (host == "" || host == "unix"):
		path := "/tmp/.X11-unix/X" + num
		if runtime.GOOS == "linux" {
			return "unix", []string{"@" + path, path}, true
		}
		return "unix", []string{path}, true
	case proto == "" || proto == "tcp" || proto == "inet" || proto == "inet6":
		if host == "" {
			host = "localhost"
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		return "tcp", []string{net.JoinHostPort(host, strconv.Itoa(6000+n))}, true
	}
	return "", nil, false
}
