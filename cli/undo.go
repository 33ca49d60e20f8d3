package cli

import (
	"context"
	"fmt"
	"strconv"

	"cxdash/workspace"
)

func undoCommand() *command {
	fs := newFlagSet("undo")
	wf := addWorkspaceFlags(fs)
	return &command{
		synopsis: "cxdash undo [--db FILE|URL] [--wait D] BATCH",
		flags:    fs,
		run: func(ctx context.Context, e *env, args []string) error {
			return runUndo(ctx, e, wf, args)
		},
	}
}

// runUndo undoes one batch and says what the scores get back, as the
// window does before it asks.
func runUndo(ctx context.Context, e *env, wf *workspaceFlags, args []string) error {
	if err := wantArgs(args, 1, 1, "one BATCH id (see cxdash batches)"); err != nil {
		return err
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: BATCH must be a batch id such as 3, not %q", errUsage, workspace.Redact(args[0]))
	}
	ws, err := wf.open(ctx, e)
	if err != nil {
		return err
	}
	defer ws.Close()
	b, err := ws.Batch(ctx, id)
	if err != nil {
		return err
	}
	effect, err := ws.UndoEffect(ctx, b)
	if err != nil {
		return err
	}
	if b, err = ws.Undo(ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "undid batch %d (%s, %d values); %s\n", b.ID, b.File, b.Rows, effect.Outcome())
	return nil
}
