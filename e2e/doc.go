// Package e2e holds no code, only the tests that build cxdash and run it
// as a separate process, as a person or a script would: killed mid-import
// or mid-export, two at once, on a PostgreSQL server, at a terminal, with
// or without a display, its HTML report in Chromium. They start Xvfb,
// Chromium and PostgreSQL when these are installed (make test-deps) and
// skip what needs one that is not, so `go test ./e2e/` is the slow suite
// and the packages' own tests stay fast.
package e2e
