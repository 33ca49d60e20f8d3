# cxdash: `make run` opens the app, `make test` runs every test. Both install
# what they need on a fresh Debian machine first.

GO        ?= go
BIN       ?= ./cxdash
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages Fyne's cgo GL driver needs to build (docs/NOTES.md).
BUILD_PKGS := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
              libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
# Extra packages the tests use: a virtual X server and a screenshot tool for
# the real window, headless Chromium for the HTML report, and the PostgreSQL
# server that internal/pgtest starts (initdb, pg_ctl; it also creates the
# unprivileged postgres user that the server runs as when tests run as root).
TEST_PKGS  := xvfb xauth imagemagick chromium postgresql

.PHONY: all deps test-deps build run test vet lint vuln bench fuzz fuzz-list fuzz-smoke generate package screenshots clean

all: build

# apt-get only what is missing, so a ready machine pays nothing and prints nothing.
define apt_install
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PKGS))

test-deps: deps
	$(call apt_install,$(TEST_PKGS))

build: deps
	$(GO) build -o $(BIN) .

# Opens the app on the default workspace; the demo workbook is loaded the
# first time that workspace is empty.
run: build
	$(BIN) demo --if-empty
	$(BIN)

vet: deps
	$(GO) vet ./...

# A PNG of every screen of the real window on the demo workspace, at
# 1280x800 and 1920x1080, under a virtual X server: SCREENSHOTS/SCREEN-WxH.png
# (the README shows docs/screenshots/dashboard-1280x800.png).
SCREENSHOTS ?= docs/screenshots
screenshots: build
	$(call apt_install,xvfb xauth imagemagick xdotool)
	tools/screenshots.sh $(BIN) $(SCREENSHOTS)

# Lint tools, pinned, installed on first use by `go install` into the
# user's cache (kept across clones, so CI's fresh clone does not rebuild
# them), one folder per version so that a new pin installs afresh and
# nothing lands in the developer's own GOBIN.
TOOLS           ?= $(HOME)/.cache/cxdash-tools
STATICCHECK_VER := v0.8.2
GOVULNCHECK_VER := v1.9.0
STATICCHECK     := $(TOOLS)/staticcheck-$(STATICCHECK_VER)/staticcheck
GOVULNCHECK     := $(TOOLS)/govulncheck-$(GOVULNCHECK_VER)/govulncheck

STATICCHECK_PKG := honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VER)
GOVULNCHECK_PKG := golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VER)

$(STATICCHECK):
	GOBIN=$(@D) $(GO) install $(STATICCHECK_PKG)

$(GOVULNCHECK):
	GOBIN=$(@D) $(GO) install $(GOVULNCHECK_PKG)

# The gate `make test` passes first: gofmt, go vet and staticcheck must be
# clean. Every check runs, so one run lists every problem. govulncheck runs
# too where it can: it needs its database (VULNDB, on the internet), and a
# machine that cannot reach it (or cannot install the tool) gets one line
# saying the check was skipped, not a failed build; its findings fail.
# govulncheck exits 3 on findings and 1 on any other error; "fetching
# vulnerabilities" starts its message when the database is out of reach,
# "loading packages" when the code does not build (go vet says why).
VULNDB ?= https://vuln.go.dev
lint: deps $(STATICCHECK)
	@st=0; \
	unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then \
	  echo "gofmt: these files are not formatted (gofmt -w them):"; echo "$$unformatted" | sed 's/^/  /'; st=1; \
	fi; \
	echo "go vet ./..."; $(GO) vet ./... || st=1; \
	echo "staticcheck ./..."; $(STATICCHECK) ./... || st=1; \
	if [ ! -x $(GOVULNCHECK) ] && ! GOBIN=$(dir $(GOVULNCHECK)) $(GO) install $(GOVULNCHECK_PKG) >/dev/null 2>&1; then \
	  echo "govulncheck skipped: $(GOVULNCHECK_PKG) does not install here"; \
	elif out=$$($(GOVULNCHECK) -db $(VULNDB) ./... 2>&1); then \
	  echo "govulncheck ./...: no known vulnerabilities in code that runs"; \
	elif echo "$$out" | grep -q 'fetching vulnerabilities'; then \
	  echo "govulncheck skipped: its database $(VULNDB) cannot be reached from here"; \
	elif echo "$$out" | grep -q 'loading packages'; then \
	  echo "govulncheck: not run, the packages do not build (see go vet above)"; st=1; \
	else \
	  echo "govulncheck ./..."; echo "$$out"; st=1; \
	fi; \
	if [ $$st != 0 ]; then echo "lint: failed"; fi; \
	exit $$st

# govulncheck on its own, strict: an unreachable database is an error here.
# VULNDB may name a local copy of the database (VULNDB=file:///path).
vuln: $(GOVULNCHECK)
	$(GOVULNCHECK) -db $(VULNDB) ./...

# The store's suite runs twice: on SQLite with everything else, then on
# PostgreSQL (a throwaway server the tests start, internal/pgtest).
test: test-deps lint
	$(GO) test -race -count=1 ./...
	CXDASH_STORE_ENGINE=postgres $(GO) test -race -count=1 ./store/
	@$(MAKE) --no-print-directory fuzz-smoke

# Every benchmark once (README, "Speed"); the million-row ones take minutes.
# BENCH narrows them (make bench BENCH=ImportXLSX); CXDASH_BENCH_ROWS sizes
# app's import benchmarks (default 100000,1000000) and importers' BenchmarkReadLong
# (default 100000). Generated files are kept in $TMPDIR/cxdash-bench (or /tmp).
BENCH ?= .
bench: deps
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -benchtime 1x -timeout 60m ./...

# Each fuzz target for FUZZTIME; found crashers land in testdata/fuzz as
# regression seeds that every `make test` runs. The targets are found, not
# listed by hand: every `func FuzzXxx` in the test files go list reports
# (build tags honoured, testdata skipped, nothing compiled), as DIR:NAME, so
# a new one is never left out; `make fuzz-list` prints them. FUZZ narrows
# the list (make fuzz FUZZ=importers:FuzzCSV). fuzz-smoke is the short form that
# `make test` runs: every target for SMOKETIME. The smoke counts executions,
# not seconds: Go 1.26's fuzz coordinator can fail a duration-bounded run
# with a spurious "context deadline exceeded" (golang/go#75804, fixed in
# 1.27), which would make CI flaky.
FUZZTIME  ?= 60s
SMOKETIME ?= 10000x
FUZZ_FIND := $(GO) list -e -f '{{$$d := .Dir}}{{range .TestGoFiles}} {{$$d}}/{{.}}{{end}}{{range .XTestGoFiles}} {{$$d}}/{{.}}{{end}}' ./... \
  | xargs -r grep -H '^func Fuzz[A-Za-z0-9_]*(' \
  | awk -v root='$(CURDIR)' -F: '{ d = $$1; sub(/\/[^\/]*$$/, "", d); \
      d = (d == root) ? "." : substr(d, length(root) + 2); \
      n = $$2; sub(/^func /, "", n); sub(/\(.*/, "", n); print d ":" n }' \
  | sort
FUZZ ?= $(shell $(FUZZ_FIND))
fuzz-list:
	@for t in $(FUZZ); do echo $$t; done
fuzz:
	@[ -n "$(strip $(FUZZ))" ] || { echo "fuzz: no fuzz targets found" >&2; exit 1; }
	@for t in $(FUZZ); do \
	  echo "fuzz $$t for $(FUZZTIME)"; \
	  $(GO) test ./$${t%%:*} -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(SMOKETIME)

# A desktop bundle (cxdash.tar.xz: binary, icon, .desktop file) from
# FyneApp.toml's metadata, built with the pinned fyne tool. The tool bumps
# the build number in FyneApp.toml; the file is put back as committed.
FYNE_TOOL ?= fyne.io/tools/cmd/fyne@v1.7.4
package: deps
	cp FyneApp.toml .FyneApp.toml.keep; \
	$(GO) run $(FYNE_TOOL) package --target linux --release; st=$$?; \
	mv .FyneApp.toml.keep FyneApp.toml; exit $$st

generate:
	$(GO) generate ./...

clean:
	rm -f $(BIN) cxdash.tar.xz
