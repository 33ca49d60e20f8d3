// Command wscheck opens a cxdash workspace as the next process to open it
// after a crash would (SQLite recovers the WAL) and prints, as JSON, what
// the crash tests of e2e check: PRAGMA integrity_check, foreign
// key violations, rows that refer to a missing batch, each batch with the
// observations stored under it, and the names of units and metrics.
//
// It is a separate program because the tests run with -race, under which
// SQLite (a Go translation of C) checks a 200,000-row workspace some fifty
// times slower.
package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"

	_ "modernc.org/sqlite"
)

// Batch is one batch row and what its observations add up to.
type Batch struct {
	ID    int64
	Rows  int // the batch row's count
	Count int // observations stored under it
	Sum   float64
}

// State is wscheck's output.
type State struct {
	Integrity    string
	ForeignKeys  int            // violations
	Orphans      map[string]int // rows of a table that refer to a missing batch
	Batches      map[string]Batch
	Units        []string
	Metrics      []string
	Observations int
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: wscheck WORKSPACE")
		os.Exit(2)
	}
	st, err := check(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "wscheck:", err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(st)
}

func check(path string) (State, error) {
	st := State{Orphans: map[string]int{}, Batches: map[string]Batch{}}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return st, err
	}
	defer db.Close()
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&st.Integrity); err != nil {
		return st, err
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&st.ForeignKeys); err != nil {
		return st, err
	}
	for table, q := range map[string]string{
		"observations":  `SELECT COUNT(*) FROM observations WHERE batch_id NOT IN (SELECT id FROM batches)`,
		"metric_values": `SELECT COUNT(*) FROM metric_values WHERE batch_id NOT IN (SELECT id FROM batches)`,
		"metrics":       `SELECT COUNT(*) FROM metrics WHERE created_by_batch NOT IN (SELECT id FROM batches)`,
	} {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			return st, err
		}
		st.Orphans[table] = n
	}
	rows, err := db.Query(`SELECT b.id, b.file, b.rows, COUNT(o.id), COALESCE(SUM(o.value), 0)
		FROM batches b LEFT JOIN observations o ON o.batch_id = b.id GROUP BY b.id`)
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var b Batch
		var file string
		if err := rows.Scan(&b.ID, &file, &b.Rows, &b.Count, &b.Sum); err != nil {
			return st, err
		}
		st.Batches[file] = b
	}
	if err := rows.Close(); err != nil {
		return st, err
	}
	if st.Units, err = names(db, `SELECT name FROM units ORDER BY name`); err != nil {
		return st, err
	}
	if st.Metrics, err = names(db, `SELECT name FROM metrics ORDER BY name`); err != nil {
		return st, err
	}
	return st, db.QueryRow(`SELECT COUNT(*) FROM observations`).Scan(&st.Observations)
}

func names(db *sql.DB, q string) ([]string, error) {
	rows, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
