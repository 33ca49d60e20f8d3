package store_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"cxdash/model"
	"cxdash/store"
)

// withPassword is loc with the test server's password in it.
func withPassword(t *testing.T, loc string) string {
	t.Helper()
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(pg.User(), pg.Password())
	return u.String()
}

// TestServerPasswords: the password comes from the pass file, the URL or
// Options; without one the error asks for it, a wrong one says so, and no
// message or Path ever holds it.
func TestServerPasswords(t *testing.T) {
	ctx := context.Background()
	loc := needPostgres(t)
	pw := pg.Password()

	s, err := store.Open(ctx, loc) // PGPASSFILE from pgtest.Main
	if err != nil {
		t.Fatalf("with the pass file: %v", err)
	}
	s.Close()

	t.Setenv("PGPASSFILE", t.TempDir()+"/none")
	_, err = store.Open(ctx, loc)
	var pe *store.PasswordError
	if !errors.As(err, &pe) || pe.Given || pe.User != pg.User() {
		t.Fatalf("without a password: %v (%+v), want a PasswordError asking for one", err, pe)
	}
	t.Logf("asks: %v", err)

	_, err = store.OpenWith(ctx, loc, store.Options{Password: "not-" + pw})
	if !errors.As(err, &pe) || !pe.Given {
		t.Fatalf("wrong password: %v, want a PasswordError saying it was refused", err)
	}
	if strings.Contains(err.Error(), pw) {
		t.Errorf("error %q holds the password", err)
	}
	t.Logf("refuses: %v", err)

	s, err = store.OpenWith(ctx, loc, store.Options{Password: pw})
	if err != nil {
		t.Fatalf("with Options.Password: %v", err)
	}
	s.Close()

	inURL := withPassword(t, loc)
	s, err = store.Open(ctx, inURL)
	if err != nil {
		t.Fatalf("password in the URL: %v", err)
	}
	defer s.Close()
	if strings.Contains(s.Path(), pw) || !strings.Contains(s.Path(), pg.User()+"@") {
		t.Errorf("Path = %q: want the URL with its user and without its password", s.Path())
	}
	if strings.Contains(store.Redact(inURL+"&password="+pw), pw) {
		t.Error("Redact kept a password parameter")
	}
	// A broken URL is not echoed: it may hold a password.
	_, err = store.Open(ctx, "postgres://ana:"+pw+"@db.example.com:notaport/cx")
	if err == nil || strings.Contains(err.Error(), pw) {
		t.Errorf("bad URL: %v", err)
	}
}

// TestServerSSLMode: sslmode in the URL is honoured: require encrypts,
// verify-full checks the server's certificate against sslrootcert.
func TestServerSSLMode(t *testing.T) {
	ctx := context.Background()
	loc := needPostgres(t)
	base := strings.Replace(loc, "sslmode=disable", "", 1)
	sslOf := func(loc string) (bool, error) {
		s, err := store.Open(ctx, loc)
		if err != nil {
			return false, err
		}
		s.Close()
		// The store's connections are its own; check the mode on a
		// connection made from the same URL.
		c, err := pgx.Connect(ctx, loc)
		if err != nil {
			return false, err
		}
		defer c.Close(ctx)
		var on bool
		err = c.QueryRow(ctx, `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`).Scan(&on)
		return on, err
	}
	if on, err := sslOf(base + "sslmode=require"); err != nil || !on {
		t.Errorf("sslmode=require: ssl %v, %v", on, err)
	}
	if on, err := sslOf(loc); err != nil || on {
		t.Errorf("sslmode=disable: ssl %v, %v", on, err)
	}
	// Without sslrootcert the system's CAs are used, which do not know the
	// test server's.
	_, err := store.Open(ctx, base+"sslmode=verify-full")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("verify-full against an unknown CA: %v, want a certificate error", err)
	}
	t.Logf("verify-full, unknown CA: %v", err)
	_, err = store.Open(ctx, base+"sslmode=verify-full&sslrootcert="+url.QueryEscape(t.TempDir()+"/none.crt"))
	if err == nil || !strings.Contains(err.Error(), "none.crt") {
		t.Errorf("verify-full with a missing CA file: %v", err)
	}
	if on, err := sslOf(base + "sslmode=verify-full&sslrootcert=" + url.QueryEscape(pg.CACertFile())); err != nil || !on {
		t.Errorf("verify-full with the CA: ssl %v, %v", on, err)
	}
}

// TestServerRefusesNewerSchema: a database written by a newer cxdash is
// refused, not misread.
func TestServerRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	loc := needPostgres(t)
	s, err := store.Open(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.SchemaVersion(ctx)
	s.Close()
	c, err := pgx.Connect(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, `INSERT INTO schema_version(version, applied_at) VALUES ($1, 'future')`, v+1); err != nil {
		t.Fatal(err)
	}
	c.Close(ctx)
	if _, err := store.Open(ctx, loc); !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("Open = %v, want ErrNewerSchema", err)
	}
}

// TestServerFirstOpenRace: several people opening a new team database at
// once migrate it once.
func TestServerFirstOpenRace(t *testing.T) {
	ctx := context.Background()
	loc := needPostgres(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := store.Open(ctx, loc)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestServerStoresAnyText: text SQLite keeps but PostgreSQL refuses (NUL
// bytes, invalid UTF-8, as broken spreadsheets hold) does not fail an
// import or a copy; it is stored with U+FFFD in place.
func TestServerStoresAnyText(t *testing.T) {
	ctx := context.Background()
	for _, loc := range []string{testLocation(t), needPostgres(t)} {
		s, err := store.Open(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		tx, err := s.BeginBatch(ctx, store.BatchInfo{File: "bad\x00name.csv"})
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.PutMetric(ctx, level("Vision\xff", model.Strategy)); err != nil {
			t.Fatal(err)
		}
		o := model.Observation{Metric: "Vision\xff", Unit: "North\x00", Period: model.YearPeriod(2024), Value: 3,
			Note: "a\x00b", Source: model.Source{Sheet: "S\xfe", Cell: "B2"}}
		if err := tx.AddObservation(ctx, o); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Commit(0); err != nil {
			t.Fatalf("%s: %v", s.Engine(), err)
		}
		obs, err := s.Observations(ctx, store.ObservationFilter{})
		if err != nil || len(obs) != 1 {
			t.Fatalf("%s: %d observations, %v", s.Engine(), len(obs), err)
		}
		t.Logf("%s stored %+q", s.Engine(), obs[0].Note)
	}
}
