//go:build linux || freebsd || openbsd || netbsd

package display

import (
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"
)

// dialTimeout bounds the connection attempt to a display on another host
// (ssh forwarding makes that localhost:10); a local socket answers at once.
const dialTimeout = 2 * time.Second

// reach connects to the first of addrs that answers and hangs up. When none
// does, it says that what cannot be reached, naming the last address and
// why, in words: "connection refused", "no such file or directory".
func reach(network string, addrs []string, what, server string) error {
	var err error
	for _, a := range addrs {
		var c net.Conn
		if c, err = net.DialTimeout(network, a, dialTimeout); err == nil {
			c.Close()
			return nil
		}
	}
	why := err.Error()
	var errno syscall.Errno
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		why = "no answer within " + dialTimeout.String()
	case errors.As(err, &errno):
		why = errno.Error()
	}
	return fmt.Errorf("cannot reach %s to open the window on (no %s at %s: %s)", what, server, addrs[len(addrs)-1], why)
}
