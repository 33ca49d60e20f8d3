package importers

import (
	"fmt"
	"sort"
)

// problemList keeps the first max problems and counts the rest.
type problemList struct {
	max   int
	file  string
	items []Problem
	sheet []int // sheet position of each item; -1 for the file
	more  int   // problems not kept
	total int   // every problem, kept or not
}

// add records p, found in the sheet at position sheet (-1: the file). It
// returns p's index, or -1 when the list is full.
func (l *problemList) add(sheet int, p Problem) int {
	l.total++
	if len(l.items) >= l.max {
		l.more++
		return -1
	}
	l.items = append(l.items, p)
	l.sheet = append(l.sheet, sheet)
	return len(l.items) - 1
}

// ordered returns the problems in file order: the file's own first, then
// sheet by sheet as they sit in the workbook (catalogue sheets are read
// first but are listed where they are), and a last line for those not kept.
func (l *problemList) ordered() []Problem {
	idx := make([]int, len(l.items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return l.sheet[idx[a]] < l.sheet[idx[b]] })
	out := make([]Problem, 0, len(idx)+1)
	for _, i := range idx {
		out = append(out, l.items[i])
	}
	if l.more > 0 {
		out = append(out, Problem{File: l.file, Message: fmt.Sprintf("... and %d more problems", l.more)})
	}
	return out
}
