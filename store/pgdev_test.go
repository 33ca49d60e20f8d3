package store_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

var devN atomic.Int64

// needPostgres: TEMPORARY dev version until internal/pgtest lands.
func needPostgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("CXDASH_DEV_PG")
	if admin == "" {
		t.Skip("no dev server")
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), devN.Add(1))
	if _, err := c.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	return strings.Replace(admin, "/postgres", "/"+name, 1)
}
