package store_test

import (
	"context"
	"testing"

	"cxdash/model"
	"cxdash/store"
)

// TestChangeMark: another client's import, undo, governance edit and
// setting each change the mark; reads do not.
func TestChangeMark(t *testing.T) {
	ctx := context.Background()
	loc := testLocation(t)
	mine, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	theirs, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	mark := func() string {
		t.Helper()
		m, err := mine.ChangeMark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	last := mark()
	var b store.Batch
	steps := []struct {
		name string
		do   func()
	}{
		{"import", func() {
			b = importBatch(t, theirs, "q1.xlsx", []model.Metric{level("Vision", model.Strategy)}, row{"Vision", "", "2024-Q1", 3})
		}},
		{"action", func() { saveAction(t, theirs, model.Action{Title: "Fix", Status: model.ActionOpen}) }},
		{"setting", func() {
			if err := theirs.SetSetting(ctx, "default-unit", "North"); err != nil {
				t.Fatal(err)
			}
		}},
		{"undo", func() {
			if _, err := theirs.Undo(ctx, b.ID); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, st := range steps {
		st.do()
		if m := mark(); m == last {
			t.Errorf("%s did not change the mark %s", st.name, m)
		} else {
			last = m
		}
		if m := mark(); m != last {
			t.Errorf("reading changed the mark: %s then %s", last, m)
		}
	}
}
