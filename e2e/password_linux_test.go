package e2e_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The password prompt, on a real pseudo-terminal: cxdash runs with the
// terminal as its stdin, as in a person's shell, and the test types.

// openPTY opens a pseudo-terminal pair: the test writes to master what a
// person would type, and the child reads slave as its stdin.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// echoOn reports whether the terminal echoes what is typed.
func echoOn(t *testing.T, tty *os.File) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// ptyProc is cxdash with a terminal as stdin, and what the terminal shows.
type ptyProc struct {
	*proc
	master, slave *os.File
	screen        syncBuffer // the terminal's output: echoes
}

func startOnPTY(t *testing.T, env []string, args ...string) *ptyProc {
	t.Helper()
	master, slave := openPTY(t)
	pp := &ptyProc{proc: &proc{cmd: exec.Command(cxdashBinary(t), args...), done: make(chan struct{})}, master: master, slave: slave}
	p := pp.proc
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = slave, &p.out, &p.errOut
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	go func() {
		b := make([]byte, 256)
		for {
			n, err := master.Read(b)
			pp.screen.Write(b[:n])
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return pp
}

// waitFor waits until cond holds, failing after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s after a minute", what)
		}
	}
}

// prompted waits for the n-th prompt and for the terminal to stop
// echoing, as a person waits for the prompt before typing.
func (pp *ptyProc) prompted(t *testing.T, n int) {
	t.Helper()
	waitFor(t, "prompt "+strconv.Itoa(n), func() bool {
		return strings.Count(pp.errOut.String(), "Password for cxdash at 127.0.0.1: ") >= n && !echoOn(t, pp.slave) || pp.ended()
	})
	if pp.ended() {
		t.Fatalf("cxdash ended before prompt %d:\n%s%s", n, pp.out.String(), pp.errOut.String())
	}
}

func (pp *ptyProc) typeLine(t *testing.T, s string) {
	t.Helper()
	if _, err := pp.master.Write([]byte(s + "\n")); err != nil {
		t.Fatal(err)
	}
}

func TestServerPasswordPrompt(t *testing.T) {
	db := serverDB(t)
	file := filepath.Join(t.TempDir(), "q1.csv")
	writeCSV(t, file, "2024-Q1,North,Strategy,Vision,2")
	env := noPasswordEnv(t)
	pw := pgsrv.Password()

	t.Run("wrong then right", func(t *testing.T) {
		pp := startOnPTY(t, env, "import", "--db", db, file)
		pp.prompted(t, 1)
		pp.typeLine(t, "typo-one")
		pp.prompted(t, 2)
		pp.typeLine(t, pw)
		if code := pp.wait(t); code != 0 || !strings.Contains(pp.out.String(), "q1.csv: imported as batch 1") {
			t.Fatalf("exit %d\n%s%s", code, pp.out.String(), pp.errOut.String())
		}
		if !strings.Contains(pp.errOut.String(), "refused that password; try again") {
			t.Errorf("no word that the first password was refused:\n%s", pp.errOut.String())
		}
		if all := pp.out.String() + pp.errOut.String() + pp.screen.String(); strings.Contains(all, pw) || strings.Contains(all, "typo-one") {
			t.Errorf("a typed password was echoed or printed:\n%s", all)
		}
		if !echoOn(t, pp.slave) {
			t.Error("the terminal no longer echoes")
		}
	})

	t.Run("three wrong", func(t *testing.T) {
		pp := startOnPTY(t, env, "batches", "--db", db)
		for i := 1; i <= 3; i++ {
			pp.prompted(t, i)
			pp.typeLine(t, "typo-"+strconv.Itoa(i))
		}
		code := pp.wait(t)
		if want := "refused the password of user cxdash 3 times"; code != 1 || !strings.Contains(pp.errOut.String(), want) {
			t.Errorf("exit %d, want 1 and %q:\n%s", code, want, pp.errOut.String())
		}
	})

	t.Run("Ctrl-C", func(t *testing.T) {
		pp := startOnPTY(t, env, "batches", "--db", db)
		pp.prompted(t, 1)
		if err := pp.cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		if code := pp.wait(t); code != 1 || !strings.Contains(pp.errOut.String(), "cancelled") {
			t.Errorf("exit %d, want 1 and a word that it was cancelled:\n%s", code, pp.errOut.String())
		}
		if !echoOn(t, pp.slave) {
			t.Error("Ctrl-C at the prompt left the terminal without echo")
		}
	})
}
