package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/term"

	"cxdash/model"
	"cxdash/workspace"
)

// copyCommand copies a whole workspace between a file and a server, either
// way: `cxdash copy --from FILE --to postgres://...` moves a laptop's
// workspace to the team's server, and back again. The destination must be
// new or empty; the copy is one transaction there, so a failure or Ctrl-C
// leaves it as it was (and removes a file this command created).
func copyCommand() *command {
	fs := newFlagSet("copy")
	var from, to string
	fs.StringVar(&from, "from", "", "the workspace file or postgres:// URL to copy")
	fs.StringVar(&to, "to", "", "a new workspace file, or an empty database on a server")
	wait := fs.Duration("wait", defaultBusyWait, "how long to wait while another cxdash writes to the destination")
	return &command{
		synopsis: "cxdash copy --from FILE|URL --to FILE|URL [--wait D]",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runCopy(ctx, e, args, from, to, *wait)
		},
	}
}

// runCopy copies the workspace at from into to; see copyCommand.
func runCopy(ctx context.Context, e *env, args []string, from, to string, wait time.Duration) (err error) {
	if err := wantArgs(args, 0, 0, "no positional arguments; name the workspaces with --from and --to"); err != nil {
		return err
	}
	if from == "" || to == "" {
		return fmt.Errorf("%w: copy needs both --from and --to, each a workspace file or a postgres:// URL", errUsage)
	}
	if sameWorkspace(from, to) {
		return fmt.Errorf("%w: --from and --to name the same workspace", errUsage)
	}
	if !workspace.IsServer(from) {
		// Open would create a missing file: a typo would copy nothing.
		if _, err := os.Stat(from); err != nil {
			return fmt.Errorf("no workspace file %s to copy from (%v)", from, errors.Unwrap(err))
		}
	}
	src, err := openAsking(ctx, e, from, workspace.OpenWith)
	if err != nil {
		return err
	}
	defer src.Close()

	created := false
	if !workspace.IsServer(to) {
		_, statErr := os.Stat(to)
		created = errors.Is(statErr, os.ErrNotExist)
	}
	dst, err := openAsking(ctx, e, to, workspace.OpenWith)
	if err != nil {
		if created {
			removeWorkspaceFile(to)
		}
		return err
	}
	defer func() {
		if cerr := dst.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if err != nil && created {
			removeWorkspaceFile(to)
		}
	}()
	waitFor(e, dst, wait)

	show := newCopyProgress(e.stderr)
	counts, err := src.CopyTo(ctx, dst, show.update)
	show.done()
	if errors.Is(err, workspace.ErrNotEmpty) {
		return fmt.Errorf("%s already holds a workspace; nothing was copied: copy into a new workspace file "+
			"or an empty database", dst.Path())
	}
	if err != nil {
		return err
	}
	var total int64
	nameW := 0
	for _, tc := range counts {
		total += tc.Rows
		nameW = max(nameW, len(tc.Table))
	}
	countW := len(model.FormatCount(total))
	for _, tc := range counts { // names left, counts right
		fmt.Fprintf(e.stdout, "  %-*s  %*s\n", nameW, tc.Table, countW, model.FormatCount(tc.Rows))
	}
	fmt.Fprintf(e.stdout, "copied %s rows in %d tables from %s to %s; every table's count checked\n",
		model.FormatCount(total), len(counts), src.Path(), dst.Path())
	return nil
}

// sameWorkspace tells whether two locations name one workspace, which a
// copy would find not empty only after opening both.
func sameWorkspace(a, b string) bool {
	if workspace.IsServer(a) || workspace.IsServer(b) {
		return workspace.Redact(a) == workspace.Redact(b)
	}
	fa, errA := filepath.Abs(a)
	fb, errB := filepath.Abs(b)
	if errA != nil || errB != nil {
		return false
	}
	if fa == fb {
		return true
	}
	ia, errA := os.Stat(fa)
	ib, errB := os.Stat(fb)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// removeWorkspaceFile removes a SQLite workspace file and the journal
// files beside it.
func removeWorkspaceFile(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}

// copyProgress shows a copy's progress on one line of a terminal, rewritten
// at most progressEvery; on anything else it is quiet, so that logs and
// scripts get only the result.
type copyProgress struct {
	w     io.Writer // nil when quiet
	last  time.Time
	shown bool
}

// progressEvery keeps the line readable and the terminal cheap.
const progressEvery = 250 * time.Millisecond

func newCopyProgress(stderr io.Writer) *copyProgress {
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &copyProgress{w: stderr}
	}
	return &copyProgress{}
}

func (p *copyProgress) update(done, total int64) {
	if p.w == nil || done >= total || time.Since(p.last) < progressEvery {
		return
	}
	p.last = time.Now()
	pct := int64(100)
	if total > 0 {
		pct = done * 100 / total
	}
	fmt.Fprintf(p.w, "\rcopying: %s of %s rows (%d%%)\x1b[K", model.FormatCount(done), model.FormatCount(total), pct)
	p.shown = true
}

// done clears the progress line before the result is printed.
func (p *copyProgress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
