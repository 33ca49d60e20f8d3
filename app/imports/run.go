package imports

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cxdash/workspace"
)

// maxProblemsShown bounds the problems a result summary lists; the
// preview lists them all.
const maxProblemsShown = 12

// runImport imports every ready file, each as one batch, behind a progress
// dialog with Cancel; then shows what happened and reloads the screens.
func (i *Screen) runImport() {
	todo := i.ready()
	if len(todo) == 0 {
		return
	}
	ws := i.host.Workspace()
	type job struct {
		path string
		opt  workspace.ImportOptions
	}
	jobs := make([]job, len(todo))
	for k, f := range todo {
		jobs[k] = job{f.path, workspace.ImportOptions{Overrides: copyOverrides(f.overrides)}}
	}
	results := make([]outcome, len(todo))
	title := "Importing " + todo[0].name
	if len(todo) > 1 {
		title = fmt.Sprintf("Importing %d files", len(todo))
	}
	i.importing = true
	i.importBtn.Disable()
	i.work.Start()
	progressed := i.progressed
	i.host.Run(title, func(ctx context.Context, progress workspace.Progress) error {
		const scale = 1000 // progress of each file, in thousandths
		for k, j := range jobs {
			if err := ctx.Err(); err != nil {
				return err
			}
			base := int64(k) * scale
			j.opt.Progress = func(done, total int64) {
				if total > 0 {
					progress(base+min(done*scale/total, scale), int64(len(jobs))*scale)
				}
				if progressed != nil {
					progressed(done, total)
				}
			}
			results[k] = runFile(ctx, ws, j.path, j.opt)
			if errors.Is(results[k].Err, context.Canceled) {
				return results[k].Err
			}
		}
		return nil
	}, func(err error) {
		defer i.work.Done()
		i.importing = false
		i.finishImport(ws, todo, results, err)
	})
}

// finishImport takes the imported files off the list, keeps the rejected
// ones with their problems, says what happened and reloads every screen.
func (i *Screen) finishImport(ws *workspace.Workspace, files []*file, results []outcome, err error) {
	var lines []fyne.CanvasObject
	imported := 0
	for k, f := range files {
		res := results[k]
		text, problems := i.resultText(f.name, res)
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		switch {
		case res.Imported():
			imported++
			l.Importance = widget.SuccessImportance
		case res.Duplicate:
		case res.Result.File == "" && res.Err == nil:
			l.Importance = widget.WarningImportance
		default:
			l.Importance = widget.DangerImportance
		}
		lines = append(lines, l)
		for _, p := range problems {
			pl := widget.NewLabel("    " + p)
			pl.Wrapping = fyne.TextWrapWord
			lines = append(lines, pl)
		}
		switch {
		case res.Imported() || res.Duplicate:
			i.drop(f)
		case res.Rejected() && ws == f.ws:
			// The file changed since its preview: show the problems found
			// while importing. A cancelled or failed file keeps its preview,
			// so that it can be imported again at once.
			f.res = res
			f.learn(res.Result)
		}
	}
	i.list.UnselectAll()
	i.list.Refresh()
	if i.selected >= len(i.files) {
		i.selected = -1
	}
	switch {
	case i.selected >= 0:
		i.list.Select(i.selected)
	case len(i.files) > 0:
		i.list.Select(0)
	}
	i.showPreview()
	i.update()

	title, importance := "Import finished", widget.SuccessImportance
	switch {
	case errors.Is(err, context.Canceled):
		title, importance = "Import cancelled", widget.WarningImportance
		if len(files) > 1 {
			lines = append(lines, widget.NewLabel("Files after the cancelled one were not imported; the ones imported before it stay (undo them in the history)."))
		}
	case err != nil:
		title, importance = "Import failed", widget.DangerImportance
	case imported < len(files):
		importance = widget.WarningImportance
	}
	i.showResult(fmt.Sprintf("%s: %s imported. The history below lists every batch.", title, plural(imported, "file", "files")), importance)
	d := dialog.NewCustom(title, "Close", container.NewVScroll(container.NewVBox(lines...)), i.host.Window())
	d.Resize(fyne.NewSize(680, min(float32(160+60*len(lines)), 520)))
	d.Show()
	i.summary = d
	i.hist.load()
	if imported > 0 {
		i.reload()
	}
}

// drop takes a file off the list.
func (i *Screen) drop(f *file) {
	k := slices.Index(i.files, f)
	if k < 0 {
		return
	}
	i.files = slices.Delete(i.files, k, k+1)
	switch {
	case i.selected == k:
		i.selected = -1
		i.list.UnselectAll()
	case i.selected > k:
		i.selected--
	}
}

// reload rebuilds the session's snapshot; the screen counts as busy until
// every screen shows the new data.
func (i *Screen) reload() {
	done := i.host.Reload()
	i.work.Start()
	go func() {
		<-done
		i.work.Done()
	}()
}

// resultText says what importing one file did; problems are listed
// for a rejected file, at most maxProblemsShown of them.
func (i *Screen) resultText(name string, res outcome) (string, []string) {
	r := res.Result
	switch {
	case res.Duplicate:
		return fmt.Sprintf("%s: already imported as batch %d on %s; nothing was added.", name, res.Batch.ID, i.when(res.Batch.ImportedAt)), nil
	case res.Imported():
		s := fmt.Sprintf("%s: imported as batch %d: %s", name, res.Batch.ID, plural(res.Batch.Rows, "value", "values"))
		if r.Records > 0 {
			s += ", " + plural(r.Records, "governance record", "governance records")
		}
		s += fmt.Sprintf(", %s skipped", plural(res.Batch.Skipped, "blank cell", "blank cells"))
		if n := len(r.NewMetrics); n > 0 {
			s += fmt.Sprintf(", %s new to the catalogue (%s)", plural(n, "metric", "metrics"), joinNames(r.NewMetrics, 4))
		}
		return s + ".", nil
	case errors.Is(res.Err, context.Canceled):
		return name + ": cancelled; nothing from it was imported.", nil
	case res.Err != nil:
		return name + ": not imported: " + workspace.UserMessage(res.Err), nil
	case r.File == "":
		return name + ": not imported (the import was cancelled before it).", nil
	}
	var probs []string
	for k, p := range r.Problems {
		if k == maxProblemsShown {
			probs = append(probs, fmt.Sprintf("… and %d more, listed in the preview", len(r.Problems)-k))
			break
		}
		probs = append(probs, p.Error())
	}
	return fmt.Sprintf("%s: rejected, nothing was imported: %s.", name, plural(len(r.Problems), "problem", "problems")), probs
}

// outcome is a file's import result and the error that stopped it
// (cancelled, a failed write), kept together in the wizard's list.
type outcome struct {
	workspace.ImportResult
	Err error
}

// runFile imports (or, with opt.DryRun, previews) one file.
func runFile(ctx context.Context, ws *workspace.Workspace, path string, opt workspace.ImportOptions) outcome {
	res, err := ws.ImportFile(ctx, path, opt)
	return outcome{res, err}
}
