package pgtest

import (
	"net"
	"strings"
	"testing"
)

// A port taken between the probe and the server's bind (another test
// binary starting its server) makes Start try another one; when every try
// fails, the error shows the server log's reason.
func TestStartRetriesTakenPort(t *testing.T) {
	needPostgres(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	taken := l.Addr().(*net.TCPAddr).Port
	t.Cleanup(func() { pickPort = freePort })

	calls := 0
	pickPort = func() (int, error) {
		calls++
		if calls == 1 {
			return taken, nil
		}
		return freePort()
	}
	s, err := Start(Options{})
	if err != nil {
		t.Fatalf("Start with the first port taken: %v", err)
	}
	defer s.Stop()
	if calls != 2 || s.Port() == taken {
		t.Fatalf("port %d after %d picks; %d was taken", s.Port(), calls, taken)
	}

	pickPort = func() (int, error) { return taken, nil }
	s2, err := Start(Options{})
	if err == nil {
		s2.Stop()
		t.Fatal("Start on a taken port succeeded")
	}
	if !strings.Contains(err.Error(), "Address already in use") {
		t.Fatalf("error does not show the log's reason: %v", err)
	}
}
