package workspace

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync/atomic"

	"cxdash/importers"
	"cxdash/model"
)

// An xlsx import is bound by parsing, not by SQLite (docs/NOTES.md): with two
// cores the importer can parse the next rows while another goroutine inserts
// the previous ones. Pipeline is that hand-over.
const (
	// pipelineBatch observations go over the channel at a time, so that the
	// channel costs little per row.
	pipelineBatch = 512
	// pipelineDepth batches exist in all: one being filled, the rest queued
	// or being written. Their number bounds the memory in flight (about
	// 70 KB each) and makes a fast parser wait for a slow writer.
	pipelineDepth = 4
)

// ErrPipelineClosed is returned by a Pipeline's methods after Close.
var ErrPipelineClosed = errors.New("workspace: import pipeline is closed")

// Pipeline is an importers.Sink (and GovernanceSink) that passes what it receives, in order, to
// another Sink (the store's batch transaction) on its own goroutine, so that
// parsing and inserting overlap. Observations travel in batches; a metric
// travels alone, after the observations handed over before it and before
// those handed over after it, so the store sees exactly the sequence of calls
// the importer made.
//
// The writer's first error ends the writing: the next call returns it, and
// so does Close. Cancelling the context given to NewPipeline stops the
// writer, and the error is then the context's. Close must be called, and
// the destination must not be touched (committed, rolled back) until Close
// has returned. A Pipeline's methods are not safe for concurrent use: one
// importer feeds it.
type Pipeline struct {
	dst  importers.Sink
	work chan *pipeChunk // filled chunks, in order, to the writer
	free chan *pipeChunk // written chunks, back to the importer
	done chan struct{}   // closed when the writer has returned
	fail atomic.Pointer[pipeFailure]

	cur    *pipeChunk // being filled; nil when none is held
	closed bool
}

// pipeChunk is one hand-over: a single call (a metric, a governance
// record), or a run of observations.
type pipeChunk struct {
	single func(ctx context.Context, dst importers.Sink) error
	obs    []model.Observation
}

type pipeFailure struct{ err error }

// NewPipeline starts the writer goroutine that calls dst until Close or
// until ctx is done.
func NewPipeline(ctx context.Context, dst importers.Sink) *Pipeline {
	p := &Pipeline{
		dst:  dst,
		work: make(chan *pipeChunk, pipelineDepth),
		free: make(chan *pipeChunk, pipelineDepth),
		done: make(chan struct{}),
	}
	for range pipelineDepth {
		p.free <- &pipeChunk{obs: make([]model.Observation, 0, pipelineBatch)}
	}
	go p.write(ctx)
	return p
}

// AddObservation queues o. It returns the writer's error, if it had one.
func (p *Pipeline) AddObservation(ctx context.Context, o model.Observation) error {
	if err := p.check(); err != nil {
		return err
	}
	if p.cur == nil {
		if err := p.take(ctx); err != nil {
			return err
		}
	}
	p.cur.obs = append(p.cur.obs, o)
	if len(p.cur.obs) == pipelineBatch {
		return p.send(ctx)
	}
	return nil
}

// PutMetric queues m after the observations queued so far.
func (p *Pipeline) PutMetric(ctx context.Context, m model.Metric) error {
	return p.queueSingle(ctx, func(ctx context.Context, dst importers.Sink) error {
		return dst.PutMetric(ctx, m)
	})
}

// PutOwnership queues o after what was queued so far.
func (p *Pipeline) PutOwnership(ctx context.Context, o model.Ownership) error {
	return p.queueGovernance(ctx, func(ctx context.Context, g importers.GovernanceSink) error {
		return g.PutOwnership(ctx, o)
	})
}

// PutAction queues a after what was queued so far.
func (p *Pipeline) PutAction(ctx context.Context, a model.Action) error {
	return p.queueGovernance(ctx, func(ctx context.Context, g importers.GovernanceSink) error {
		return g.PutAction(ctx, a)
	})
}

// PutIssue queues i after what was queued so far.
func (p *Pipeline) PutIssue(ctx context.Context, i model.CXIssue) error {
	return p.queueGovernance(ctx, func(ctx context.Context, g importers.GovernanceSink) error {
		return g.PutIssue(ctx, i)
	})
}

// PutEvent queues e after what was queued so far.
func (p *Pipeline) PutEvent(ctx context.Context, e model.Event) error {
	return p.queueGovernance(ctx, func(ctx context.Context, g importers.GovernanceSink) error {
		return g.PutEvent(ctx, e)
	})
}

// queueGovernance queues a governance call; the destination must take
// governance records.
func (p *Pipeline) queueGovernance(ctx context.Context, fn func(context.Context, importers.GovernanceSink) error) error {
	return p.queueSingle(ctx, func(ctx context.Context, dst importers.Sink) error {
		g, ok := dst.(importers.GovernanceSink)
		if !ok {
			return errors.New("app: this import cannot store governance records")
		}
		return fn(ctx, g)
	})
}

// queueSingle queues one call after the observations queued so far.
func (p *Pipeline) queueSingle(ctx context.Context, fn func(context.Context, importers.Sink) error) error {
	if err := p.check(); err != nil {
		return err
	}
	if p.cur != nil && len(p.cur.obs) > 0 {
		if err := p.send(ctx); err != nil {
			return err
		}
	}
	if p.cur == nil {
		if err := p.take(ctx); err != nil {
			return err
		}
	}
	p.cur.single = fn
	return p.send(ctx)
}

// Close hands over what is queued, waits until the writer has written it
// (or failed, or seen its context done) and returns the writer's first
// error. Later calls return the same.
func (p *Pipeline) Close() error {
	if !p.closed {
		p.closed = true
		if p.cur != nil && len(p.cur.obs) > 0 && p.failure() == nil {
			// Never blocks: work has room for every chunk there is.
			p.work <- p.cur
		}
		p.cur = nil
		close(p.work)
		<-p.done
	}
	return p.failure()
}

// check returns the writer's error, or ErrPipelineClosed after Close.
func (p *Pipeline) check() error {
	if err := p.failure(); err != nil {
		return err
	}
	if p.closed {
		return ErrPipelineClosed
	}
	return nil
}

func (p *Pipeline) failure() error {
	if f := p.fail.Load(); f != nil {
		return f.err
	}
	return nil
}

// take gets an empty chunk, waiting while the writer is behind.
func (p *Pipeline) take(ctx context.Context) error {
	select {
	case p.cur = <-p.free:
		return nil
	case <-p.done:
		return p.stopped()
	case <-ctx.Done():
		return ctx.Err()
	}
}

// send hands the current chunk to the writer.
func (p *Pipeline) send(ctx context.Context) error {
	select {
	case p.work <- p.cur:
		p.cur = nil
		return nil
	case <-p.done:
		return p.stopped()
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stopped is the error once the writer has returned before Close: it only
// does so on a failure, which it records first.
func (p *Pipeline) stopped() error {
	if err := p.failure(); err != nil {
		return err
	}
	return ErrPipelineClosed
}

// write is the writer goroutine.
func (p *Pipeline) write(ctx context.Context) {
	defer func() {
		// importers.Read turns a panic into a problem; on this goroutine
		// it would end the program, so it becomes the writer's error.
		if v := recover(); v != nil {
			slog.Error("app: panic while writing an import", "panic", v, "stack", string(debug.Stack()))
			p.fail.Store(&pipeFailure{fmt.Errorf("app: internal error while saving the import (%v); nothing was imported", v)})
		}
		close(p.done)
	}()
	for {
		select {
		case c, ok := <-p.work:
			if !ok {
				return
			}
			if err := p.apply(ctx, c); err != nil {
				if ctx.Err() != nil {
					// The driver rolls a transaction back when its context
					// ends, so the insert fails with "transaction done":
					// the cause is the cancellation.
					err = ctx.Err()
				}
				p.fail.Store(&pipeFailure{err})
				return
			}
			clear(c.obs) // let the importer's strings go
			c.obs, c.single = c.obs[:0], nil
			p.free <- c // never blocks: free has room for every chunk
		case <-ctx.Done():
			p.fail.Store(&pipeFailure{ctx.Err()})
			return
		}
	}
}

func (p *Pipeline) apply(ctx context.Context, c *pipeChunk) error {
	if c.single != nil {
		return c.single(ctx, p.dst)
	}
	for _, o := range c.obs {
		if err := p.dst.AddObservation(ctx, o); err != nil {
			return err
		}
	}
	return nil
}
