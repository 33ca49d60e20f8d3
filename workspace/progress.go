package workspace

// Progress reports how far long work has come: done of total, total < 0
// when unknown. Imports count bytes of the file, exports observations
// written, copies rows. It may be called from any goroutine.
type Progress func(done, total int64)

// report adapts p to the report package's int callback; nil stays nil.
func (p Progress) report() func(done, total int) {
	if p == nil {
		return nil
	}
	return func(done, total int) { p(int64(done), int64(total)) }
}

// byPercent passes progress on only when the percentage moves: a
// row-by-row report would flood a window's update queue.
func (p Progress) byPercent() func(done, total int64) {
	if p == nil {
		return nil
	}
	last := int64(-1)
	return func(done, total int64) {
		if total <= 0 {
			return
		}
		if pct := done * 100 / total; pct != last {
			last = pct
			p(done, total)
		}
	}
}
