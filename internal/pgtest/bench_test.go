package pgtest

import (
	"fmt"
	"testing"
)

// BenchmarkStart measures Start plus Stop: initdb, certificates, pg_ctl
// start -w, and the shutdown.
func BenchmarkStart(b *testing.B) {
	for b.Loop() {
		s, err := Start(Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Stop(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateDatabase compares CREATE DATABASE strategies (PostgreSQL
// 15+) on a server with fsync off, which is what tests get. The drop is
// timed too: a test pays for both.
func BenchmarkCreateDatabase(b *testing.B) {
	for _, durable := range []bool{false, true} {
		s, err := Start(Options{Durable: durable})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = s.Stop() })
		for _, strategy := range []string{"FILE_COPY", "WAL_LOG"} {
			b.Run(fmt.Sprintf("durable=%v/%s", durable, strategy), func(b *testing.B) {
				s.strategy = strategy
				i := 0
				for b.Loop() {
					i++
					name := fmt.Sprintf("bench_%s_%d", strategy, i)
					if _, err := s.CreateDatabase(name); err != nil {
						b.Fatal(err)
					}
					if err := s.DropDatabase(name); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
