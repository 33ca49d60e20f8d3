package databrowser

import (
	"context"
	"slices"

	"cxdash/app/screen"
	"cxdash/model"
	"cxdash/workspace"
)

// The data browser never holds more than a few pages of observations: a
// workspace may have millions, and the table asks only for the rows on
// screen.
const (
	pageSize  = 500
	maxPages  = 6 // pages kept in memory
	maxWanted = 3 // pages waiting to be fetched; older requests are dropped
)

// query is what the data browser shows: a workspace and a filter whose
// Limit and Offset the pager sets.
type query struct {
	ws     *workspace.Workspace
	filter workspace.ObservationFilter
}

// pager serves rows of an query from a small cache of pages that it
// fetches off the UI thread, one query at a time, newest request first, and
// counts the rows once per query. Its fields belong to the UI goroutine:
// row and length never touch the database.
type pager struct {
	host    screen.Host // its context, and the UI goroutine results go to
	work    *screen.Tracker
	changed func() // on the UI goroutine, after rows or the count arrived

	q       query
	gen     int // bumped by reset; older results are dropped
	qctx    context.Context
	cancel  context.CancelFunc
	total   int // rows the query selects; -1 while counting
	pages   map[int][]model.Observation
	used    []int // loaded pages, least recently used first
	wanted  []int // pages asked for and not loaded, newest last
	loading int   // the page being fetched, -1 when none
	err     error // the last failure; no more pages are fetched until reset

	// What it cost, for the tests: queries run and rows read.
	queries, counts, rowsRead int
}

func newPager(host screen.Host, work *screen.Tracker, changed func()) *pager {
	return &pager{host: host, work: work, changed: changed, total: -1, loading: -1, pages: map[int][]model.Observation{}}
}

// reset starts over on a new query: the count and the first page are
// fetched at once.
func (p *pager) reset(q query) {
	if p.cancel != nil {
		p.cancel()
	}
	p.q = q
	p.gen++
	p.qctx, p.cancel = context.WithCancel(p.host.Context())
	p.total, p.loading, p.err = -1, -1, nil
	p.pages = map[int][]model.Observation{}
	p.used, p.wanted = nil, nil
	if q.ws == nil {
		p.total = 0
		return
	}
	p.count()
	p.request(0)
}

// length is the number of rows to show: the count once known, the first
// page before that.
func (p *pager) length() int {
	if p.total >= 0 {
		return p.total
	}
	return len(p.pages[0])
}

// counting reports whether the count is still to come.
func (p *pager) counting() bool { return p.total < 0 && p.q.ws != nil && p.err == nil }

// row returns row i when its page is loaded, and otherwise asks for the page
// and returns false: the table shows a placeholder until it arrives.
func (p *pager) row(i int) (model.Observation, bool) {
	page := i / pageSize
	rows, ok := p.pages[page]
	if !ok {
		p.request(page)
		return model.Observation{}, false
	}
	if k := i - page*pageSize; k < len(rows) {
		p.touch(page)
		return rows[k], true
	}
	return model.Observation{}, false
}

func (p *pager) touch(page int) {
	if n := len(p.used); n > 0 && p.used[n-1] == page {
		return
	}
	p.used = append(slices.DeleteFunc(p.used, func(x int) bool { return x == page }), page)
}

// request queues a page; the newest request is served first because it is
// what the user looks at now.
func (p *pager) request(page int) {
	if p.err != nil || page == p.loading || p.q.ws == nil {
		return
	}
	p.wanted = append(slices.DeleteFunc(p.wanted, func(x int) bool { return x == page }), page)
	if len(p.wanted) > maxWanted {
		p.wanted = p.wanted[len(p.wanted)-maxWanted:]
	}
	if p.loading < 0 {
		p.fetchNext()
	}
}

// fetchNext starts the query for the newest wanted page.
func (p *pager) fetchNext() {
	for len(p.wanted) > 0 {
		page := p.wanted[len(p.wanted)-1]
		p.wanted = p.wanted[:len(p.wanted)-1]
		if _, ok := p.pages[page]; !ok {
			p.fetch(page)
			return
		}
	}
}

func (p *pager) fetch(page int) {
	f, reverse := p.pageFilter(page)
	ws, ctx, gen := p.q.ws, p.qctx, p.gen
	p.loading = page
	p.queries++
	p.work.Start()
	go func() {
		rows, err := ws.Observations(ctx, f)
		if reverse {
			slices.Reverse(rows)
		}
		p.host.Do(func() {
			defer p.work.Done()
			if gen != p.gen {
				return
			}
			p.loading = -1
			if err != nil {
				p.err = err
				p.changed()
				return
			}
			p.rowsRead += len(rows)
			p.pages[page] = rows
			p.touch(page)
			for len(p.used) > maxPages {
				delete(p.pages, p.used[0])
				p.used = p.used[1:]
			}
			if page == 0 && len(rows) < pageSize {
				p.total = len(rows) // the whole result: no need to wait for the count
			}
			p.changed()
			if p.loading < 0 {
				p.fetchNext()
			}
		})
	}()
}

// pageFilter is the query for one page. Pages past the middle are read
// from the other end, in reverse order: SQLite walks past every skipped row
// of an OFFSET, so the last page of a million rows would otherwise cost as
// much as reading them all.
func (p *pager) pageFilter(page int) (f workspace.ObservationFilter, reverse bool) {
	f = p.q.filter
	f.Offset, f.Limit = page*pageSize, pageSize
	if p.total > 0 && f.Offset > p.total/2 {
		end := min(f.Offset+pageSize, p.total)
		f.Desc = !f.Desc
		f.Offset, f.Limit = p.total-end, max(end-f.Offset, 1)
		return f, true
	}
	return f, false
}

// count runs the count query of the current query.
func (p *pager) count() {
	ws, ctx, gen, f := p.q.ws, p.qctx, p.gen, p.q.filter
	p.counts++
	p.work.Start()
	go func() {
		n, err := ws.CountObservations(ctx, f)
		p.host.Do(func() {
			defer p.work.Done()
			if gen != p.gen {
				return
			}
			if err != nil {
				p.err = err
			} else {
				p.total = n
			}
			p.changed()
		})
	}()
}

// stop cancels the queries under way.
func (p *pager) stop() {
	if p.cancel != nil {
		p.cancel()
	}
}
