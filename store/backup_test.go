package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"cxdash/store"
)

func TestSaveCopy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, testLocation(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetSetting(ctx, "client", "Acme"); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "b.db")
	if err := st.SaveCopy(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCopy(ctx, copyPath); err == nil {
		t.Error("SaveCopy overwrote an existing file")
	}
	cp, err := store.Open(ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if v, err := cp.Setting(ctx, "client"); err != nil || v != "Acme" {
		t.Errorf("copy holds %q, %v", v, err)
	}
}
