package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A server must not outlive the test process that started it. Two cheap
// guards, besides Main stopping the server on SIGINT and SIGTERM:
//
//   - a watchdog: a tiny shell, in its own session, whose stdin is a pipe
//     from this process. When this process dies, however it dies (even
//     SIGKILL or a test timeout), the kernel closes the pipe, the shell's
//     read returns, and it stops the server and removes the directory;
//   - a sweep in Start: directories named cxdash-pgtest-* whose owner
//     process is gone have their server stopped and are removed. That covers
//     a machine that rebooted or a watchdog that was killed too.

const (
	dirPrefix = "cxdash-pgtest-"
	ownerFile = "owner" // "PID STARTTIME" of the test process that owns the directory
)

// watchdogScript reads one line; "done" means Stop did the work already.
// Arguments: $1 pg_ctl, $2 data directory, $3 server directory.
const watchdogScript = `read -r line
[ "$line" = done ] && exit 0
"$1" stop -D "$2" -m immediate -w -t 30 >/dev/null 2>&1
rm -rf "$3"
`

// startWatchdog starts the watchdog as the server user, so that it may run
// pg_ctl, in its own session, so that a Ctrl-C to the test's process group
// does not kill it before it has done its job.
func (s *Server) startWatchdog() error {
	r, w, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	defer r.Close()
	cmd := exec.Command("/bin/sh", "-c", watchdogScript, "pgtest-watchdog",
		filepath.Join(s.bindir, "pg_ctl"), s.dataDir, s.dir)
	cmd.Dir = s.dir
	cmd.Env = childEnv(s.dir)
	cmd.Stdin = r
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Credential: s.cred}
	if err := cmd.Start(); err != nil {
		w.Close()
		return fmt.Errorf("pgtest: start watchdog: %w", err)
	}
	s.watchdog, s.wdPipe = cmd, w
	return nil
}

// stopWatchdog tells the watchdog that it is not needed (cleanup false) or
// that it should stop the server itself (cleanup true), and waits for it.
func (s *Server) stopWatchdog(cleanup bool) {
	if s.watchdog == nil {
		return
	}
	if !cleanup {
		_, _ = s.wdPipe.WriteString("done\n")
	}
	_ = s.wdPipe.Close()
	_ = s.watchdog.Wait()
	s.watchdog = nil
}

// writeOwner records this process in dir, for sweepStale in later runs.
func writeOwner(dir string) error {
	pid := os.Getpid()
	line := fmt.Sprintf("%d %s\n", pid, procStart(pid))
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(line), 0o644); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return nil
}

// sweepStale stops and removes servers under base whose owner process is
// gone. Errors are ignored: the sweep is a courtesy, and a directory that
// cannot be removed (another user's) is simply left alone.
func sweepStale(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), dirPrefix) {
			continue
		}
		dir := filepath.Join(base, e.Name())
		if !isStale(dir) {
			continue
		}
		stopPostmaster(filepath.Join(dir, "data"))
		_ = os.RemoveAll(dir)
	}
}

// isStale reports whether dir's owner has died. A directory without an
// owner file is one whose creator died at once, or one being set up this
// very moment: it counts as stale only once it is an hour old.
func isStale(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, ownerFile))
	if errors.Is(err, os.ErrNotExist) {
		fi, err := os.Stat(dir)
		return err == nil && time.Since(fi.ModTime()) > time.Hour
	}
	if err != nil {
		return false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return false
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil || pid <= 0 {
		return false
	}
	if !processAlive(pid) {
		return true
	}
	// Alive, but is it the same process, or a new one with a reused pid?
	return len(f) > 1 && procStart(pid) != "" && procStart(pid) != f[1]
}

// stopPostmaster asks the postmaster of dataDir for an immediate shutdown
// and waits up to ten seconds for it to go. It signals only a live process
// whose command line names dataDir, so a reused pid is never hit.
func stopPostmaster(dataDir string) {
	pid := postmasterPID(dataDir)
	if pid <= 0 || !processAlive(pid) {
		return
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || !strings.Contains(string(cmdline), dataDir) {
		return
	}
	_ = syscall.Kill(pid, syscall.SIGQUIT)
	for range 100 {
		if !processAlive(pid) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
}

// postmasterPID is the first line of dataDir/postmaster.pid, or 0.
func postmasterPID(dataDir string) int {
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return 0
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(first))
	return pid
}

// processAlive reports whether pid exists and is not a zombie. EPERM means
// it exists but belongs to someone else.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true // no /proc: trust kill
	}
	// The state follows the command name, which may itself hold ") ".
	i := strings.LastIndexByte(string(b), ')')
	return i < 0 || !strings.HasPrefix(string(b[i+1:]), " Z")
}

// procStart is the process's start time in clock ticks since boot (field 22
// of /proc/PID/stat), which with the pid identifies a process; "" if unknown.
func procStart(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The command name in field 2 may hold spaces and parentheses: fields
	// are counted after its last ')'.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return ""
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 {
		return ""
	}
	return f[19] // field 22 overall: fields 3.. start at f[0]
}
