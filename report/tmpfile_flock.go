//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package report

import (
	"os"
	"syscall"
)

// lockTemp takes an exclusive advisory lock on the temporary file for as
// long as it is open. The kernel drops it when the process dies, however
// it dies, which is how removeStaleTemps tells a killed writer's file from a
// live one's. A file system without locks leaves the file unlocked: it may
// then be removed by a concurrent export of the same target, whose rename
// fails with an error; never a wrong file.
func lockTemp(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// removeStaleTemps removes path's temporary files that no process holds:
// those of exports that were killed.
func removeStaleTemps(path string) {
	for _, name := range staleTemps(path) {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			os.Remove(name)
		}
		f.Close()
	}
}

// commitTemp renames the temporary file onto path, then closes it: the
// lock is held until the name is gone, so no other export removes it in
// between.
func commitTemp(tmp *os.File, path string) error {
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return tmp.Close()
}
