package pgtest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const helperEnv = "PGTEST_WATCHDOG_HELPER"

func needPostgres(t *testing.T) {
	t.Helper()
	if os.Getenv(NoPostgresEnv) == "1" {
		t.Skip(NoPostgresEnv + "=1")
	}
}

// waitFor polls cond for up to a minute: a bound so that a broken guard
// fails the test instead of hanging it, not a speed assertion.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

func gone(path string) bool {
	_, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist)
}

// TestWatchdogHelper is the child of TestServerDiesWithKilledProcess: it
// starts a server, says where, and waits to be killed.
func TestWatchdogHelper(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("helper process for TestServerDiesWithKilledProcess")
	}
	s, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("SERVER %s %d\n", s.dir, postmasterPID(s.dataDir))
	// Until the parent kills us; the read ends early only if it died first.
	_, _ = io.Copy(io.Discard, os.Stdin)
	_ = s.Stop()
}

// A test binary killed with SIGKILL runs no cleanup at all; its server
// must still go away, with its directory.
func TestServerDiesWithKilledProcess(t *testing.T) {
	needPostgres(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestWatchdogHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"=1", NoPostgresEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var dir string
	var pid int
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if _, err := fmt.Sscanf(sc.Text(), "SERVER %s %d", &dir, &pid); err == nil {
			break
		}
	}
	if dir == "" || pid <= 0 {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("helper printed no server (dir %q, pid %d)", dir, pid)
	}
	if !processAlive(pid) {
		t.Fatalf("postmaster %d of the helper is not running", pid)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	waitFor(t, "the postmaster to exit", func() bool { return !processAlive(pid) })
	waitFor(t, "the directory to be removed", func() bool { return gone(dir) })
}

// Start's sweep stops a server whose owner died without its watchdog
// doing the job (a reboot, a killed watchdog), and removes its directory.
func TestSweepStopsServerOfDeadOwner(t *testing.T) {
	needPostgres(t)
	s, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	pid := postmasterPID(s.dataDir)
	if pid <= 0 || !processAlive(pid) {
		t.Fatalf("postmaster %d not running", pid)
	}
	writeFakeOwner(t, s.dir, deadPID(t), "1")
	sweepStale(filepath.Dir(s.dir))
	if processAlive(pid) {
		t.Fatalf("postmaster %d of a dead owner still running after the sweep", pid)
	}
	if !gone(s.dir) {
		t.Fatalf("directory %s of a dead owner still there", s.dir)
	}
}

// The sweep leaves alone what may still be in use: a live owner, and a
// fresh directory that has no owner file yet.
func TestSweepKeepsLiveDirectories(t *testing.T) {
	base := t.TempDir()
	mk := func(name string) string {
		dir := filepath.Join(base, name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	self := mk(dirPrefix + "self")
	if err := writeOwner(self); err != nil {
		t.Fatal(err)
	}
	reused := mk(dirPrefix + "reused-pid") // our pid, another start time
	writeFakeOwner(t, reused, os.Getpid(), "1")
	dead := mk(dirPrefix + "dead")
	writeFakeOwner(t, dead, deadPID(t), "")
	fresh := mk(dirPrefix + "fresh")
	old := mk(dirPrefix + "old")
	hourAgo := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(old, hourAgo, hourAgo); err != nil {
		t.Fatal(err)
	}
	other := mk("someone-else")
	writeFakeOwner(t, other, deadPID(t), "")

	sweepStale(base)
	for dir, wantKept := range map[string]bool{
		self: true, reused: false, dead: false, fresh: true, old: false, other: true,
	} {
		if kept := !gone(dir); kept != wantKept {
			t.Errorf("%s: kept %v, want %v", filepath.Base(dir), kept, wantKept)
		}
	}
}

func writeFakeOwner(t *testing.T, dir string, pid int, start string) {
	t.Helper()
	line := strings.TrimSpace(fmt.Sprintf("%d %s", pid, start)) + "\n"
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
}

// deadPID is the pid of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}
