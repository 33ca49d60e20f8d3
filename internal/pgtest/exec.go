package pgtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// serverUser is the account the server runs as when the tests run as root
// (initdb and postgres refuse root); Debian's postgresql package creates it.
const serverUser = "postgres"

// installHint ends every "binaries not found" error, so that a developer
// or a CI log says what to do next.
const installHint = "install Debian's postgresql package (`make test-deps`, or " +
	"`sudo apt-get install postgresql`), or set PG_BINDIR to the directory that " +
	"holds initdb and pg_ctl; CXDASH_NO_POSTGRES=1 skips the PostgreSQL tests instead"

// findBinDir finds the directory with initdb and pg_ctl: $PG_BINDIR, else
// pg_config --bindir, else the newest /usr/lib/postgresql/*/bin, else
// initdb on PATH.
func findBinDir() (string, error) {
	if d := os.Getenv("PG_BINDIR"); d != "" {
		if hasServerTools(d) {
			return d, nil
		}
		return "", fmt.Errorf("pgtest: PG_BINDIR=%s has no initdb and pg_ctl: %s", d, installHint)
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if d := strings.TrimSpace(string(out)); hasServerTools(d) {
			return d, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return debianVersion(dirs[i]) > debianVersion(dirs[j]) })
	for _, d := range dirs {
		if hasServerTools(d) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		// Resolve symlinks so that pg_ctl and postgres are found beside
		// the real binary, not beside a link in /usr/local/bin.
		if real, err := filepath.EvalSymlinks(p); err == nil && hasServerTools(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
	}
	return "", fmt.Errorf("pgtest: PostgreSQL server binaries (initdb, pg_ctl) not found: %s", installHint)
}

// debianVersion is the major version in /usr/lib/postgresql/VERSION/bin,
// compared as a number so that 16 sorts above 9.6.
func debianVersion(dir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(dir)), 64)
	return v
}

func hasServerTools(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// serverCredential is nil when this process is not root, and otherwise the
// credential of the unprivileged server user that initdb and pg_ctl run as.
func serverCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(serverUser)
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, and PostgreSQL refuses root: "+
			"need the unprivileged user %q (%v): %s", serverUser, err, installHint)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("pgtest: user %s: %w", serverUser, err)
	}
	// Groups empty: drop root's supplementary groups too.
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// command prepares a PostgreSQL tool from bindir to run as the server user,
// in the server's directory, with a clean environment.
func (s *Server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bindir, name), args...)
	cmd.Dir = s.dir
	cmd.Env = childEnv(s.dir)
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return cmd
}

// childEnv is this process's environment without PG* and locale variables,
// which could point the tools at another cluster or translate the messages
// that startServer looks for, and with HOME in the server's directory,
// since the server user may not read the caller's home.
func childEnv(dir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") || strings.HasPrefix(k, "LC_") || k == "LANG" ||
			k == "LANGUAGE" || k == "HOME" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LANG=C", "LC_ALL=C", "HOME="+dir)
}

// chown gives path to the server user when there is one.
func (s *Server) chown(path string) error {
	if s.cred == nil {
		return nil
	}
	if err := os.Chown(path, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return nil
}

// serverVersion is the server's version in server_version_num form
// (150018 for 15.18), from postgres --version: enough to choose SQL syntax.
func (s *Server) serverVersion() (int, error) {
	out, err := exec.Command(filepath.Join(s.bindir, "postgres"), "--version").Output()
	if err != nil {
		return 0, fmt.Errorf("pgtest: postgres --version: %w", err)
	}
	// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
	f := strings.Fields(string(out))
	if len(f) < 3 {
		return 0, fmt.Errorf("pgtest: postgres --version: unexpected %q", out)
	}
	major, minor, _ := strings.Cut(f[2], ".")
	ma, err := strconv.Atoi(major)
	if err != nil {
		return 0, fmt.Errorf("pgtest: postgres --version: unexpected %q", out)
	}
	mi, _ := strconv.Atoi(strings.TrimRightFunc(minor, func(r rune) bool { return r < '0' || r > '9' }))
	return ma*10000 + mi, nil
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// readFrom reads path from offset on; errors give an empty result, since
// it only decorates another error.
func readFrom(path string, offset int64) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(f, 1<<20))
	return b
}

// lastLines is the last n lines of b, for error messages.
func lastLines(b []byte, n int) string {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

func urlPathEscape(s string) string { return url.PathEscape(s) }
