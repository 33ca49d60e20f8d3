package pgtest

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// shmDir is a memory file system on Linux. On this project's machines
// (ext4 on a virtual disk) initdb takes 1.4 s there against 0.3 s in
// /dev/shm, and CREATE DATABASE 120-270 ms against 7 ms, even with fsync off.
const shmDir = "/dev/shm"

// shmMinFree is the free space /dev/shm needs before Start puts a server
// there: Docker's default /dev/shm of 64 MB would fill up at once.
const shmMinFree = 1 << 30

const tmpfsMagic = 0x01021994 // statfs f_type of tmpfs

// baseDir is where Start creates the server's directory: /dev/shm for a
// test server when it is a roomy tmpfs that anyone may write to, else the
// temporary directory. A Durable server (benchmarks) stays on disk, where
// its fsyncs mean something.
func baseDir(opts Options, asOtherUser bool) string {
	if !opts.Durable && roomyShm() {
		return shmDir
	}
	return tempBase(asOtherUser)
}

// sweepDirs are the directories that Start looks for stale servers in.
func sweepDirs(asOtherUser bool) []string {
	t := tempBase(asOtherUser)
	if t == shmDir {
		return []string{t}
	}
	return []string{shmDir, t}
}

func roomyShm() bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(shmDir, &st); err != nil || st.Type != tmpfsMagic {
		return false
	}
	if st.Bavail*uint64(st.Bsize) < shmMinFree {
		return false
	}
	fi, err := os.Stat(shmDir)
	return err == nil && fi.Mode()&fs.ModeSticky != 0 && fi.Mode().Perm() == 0o777
}

// tempBase is where the server directories go: os.TempDir(), unless the
// server runs as another user who could not reach into it (a TMPDIR under
// /root, say) or could not remove its directory from it (the watchdog runs
// as that user); then /tmp.
func tempBase(asOtherUser bool) string {
	base := os.TempDir()
	if !asOtherUser {
		return base
	}
	need := fs.FileMode(0o003) // the base itself: others may write and search
	for d := base; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&need != need {
			return "/tmp"
		}
		if d == filepath.Dir(d) {
			return base
		}
		need = 0o001 // its ancestors: others may search
	}
}
