package workspace

import (
	"net/url"
	"path/filepath"
	"strings"

	"cxdash/store"
)

// ServerParts are the database and host a server URL names, for people.
func ServerParts(location string) (db, host string) {
	u, err := url.Parse(store.Redact(location))
	if err != nil {
		return "team workspace", ""
	}
	db = strings.TrimPrefix(u.Path, "/")
	if db == "" {
		db = u.Query().Get("dbname")
	}
	if db == "" && u.User != nil {
		db = u.User.Username() // PostgreSQL's default database is the user's name
	}
	if db == "" {
		db = "team workspace"
	}
	return db, u.Hostname()
}

// Label names a workspace in the title bar: the file name, or
// "cx_programme on db.example.com (team)".
func Label(location string) string {
	if !store.IsServer(location) {
		return filepath.Base(location)
	}
	db, host := ServerParts(location)
	if host == "" {
		return db + " (team)"
	}
	return db + " on " + host + " (team)"
}

// ServerDatabase is the database name of a server URL; ok is false for a
// file. Reports and copies are named after it.
func ServerDatabase(location string) (db string, ok bool) {
	if !store.IsServer(location) {
		return "", false
	}
	db, _ = ServerParts(location)
	return db, true
}
