# cxdash: `make run` opens the app, `make test` runs every test. Both install
# what they need on a fresh Debian machine first.

GO        ?= go
BIN       ?= ./cxdash
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages Fyne's cgo GL driver needs to build (NOTES.md).
BUILD_PKGS := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
              libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
# Extra packages the tests use: a virtual X server and a screenshot tool for
# the real window, headless Chromium for the HTML report, and the PostgreSQL
# server that internal/pgtest starts (initdb, pg_ctl; it also creates the
# unprivileged postgres user that the server runs as when tests run as root).
TEST_PKGS  := xvfb xauth imagemagick chromium postgresql

.PHONY: all deps test-deps build run test vet bench fuzz fuzz-smoke generate package clean

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

# The store's suite runs twice: on SQLite with everything else, then on
# PostgreSQL (a throwaway server the tests start, internal/pgtest).
test: test-deps vet
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
# regression seeds that every `make test` runs. FUZZ narrows the list
# (make fuzz FUZZ=importers:FuzzCSV). fuzz-smoke is the short form that
# `make test` runs: every target for SMOKETIME. The smoke counts executions,
# not seconds: Go 1.26's fuzz coordinator can fail a duration-bounded run
# with a spurious "context deadline exceeded" (golang/go#75804, fixed in
# 1.27), which would make CI flaky.
FUZZTIME  ?= 60s
SMOKETIME ?= 10000x
FUZZ ?= model:FuzzParsePeriod model:FuzzParseDate model:FuzzParseDiscipline model:FuzzParseOwner \
        model:FuzzParseEnums importers:FuzzParseNumber importers:FuzzCSV importers:FuzzDetectHeader \
        importers:FuzzHeaderMapping importers:FuzzXMLScanner importers:FuzzXLSXSheet
fuzz:
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
