# Every target sets up what it needs: a fresh clone only needs `make site` or `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
# Versions of every Python package `make setup` installs (uv pip compile; see CONTRIBUTING.md)
LOCK   := requirements/lock.txt
SERVE_ADDR ?= 127.0.0.1:8000

.PHONY: help setup lock site serve catalogs check stats test test-fast properdocs-check bench repro guard guard-record lint clean

help:
	@echo "make site      build the whole site into site/ (strict; a failed build keeps the old site/)"
	@echo "make serve     live preview under site_url's path: http://$(SERVE_ADDR)/guide/, /guide/en/ (it prints each language's address; reloads on .md, .po and template changes)"
	@echo "make catalogs  extract messages and update every catalog in locales/ (never drops a translation)"
	@echo "make check     stale catalogs, broken translations, missing review dates or sources, broken links"
	@echo "make stats     translation statistics and plain-language figures per language and page"
	@echo "make test      set up, then run the whole test suite (browser tests included)"
	@echo "make test-fast the unit tests only: no browser, no site build (tests/conftest.py: slow)"
	@echo "make properdocs-check  build with ProperDocs 1.6.7 instead of MkDocs and compare the sites"
	@echo "make lock      refresh $(LOCK) to the newest versions pyproject.toml allows"
	@echo "make repro     build twice and compare byte for byte (reproducible builds)"
	@echo "make lint      ruff check (rules: pyproject.toml; left out for now: dev/ruff.md)"
	@echo "make guard     build site and catalogs, compare their SHA-256 with dev/guard-rail.sha256"
	@echo "make guard-record  rewrite dev/guard-rail.sha256 (after a content edit; commit it with the edit)"
	@echo "make bench     run the performance benchmark (figures in dev/performance.md; 15 to 30 min, and the booklets, cards and offline section after it: about 30 min more)"

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c $(LOCK) -e '.[test]'
	# bytecode for the editable package too (pip writes it only for the libraries it installs)
	$(BIN)/python -m compileall -q scripts/mdbabel
	touch $@

$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --silent
	touch $@

setup: $(STAMP)

# Every version pinned again, to the newest that pyproject.toml allows (uv resolves for every
# platform and Python >= 3.11); review the diff, run `make test`, commit the lock.
# Not on $(STAMP): a lock that no longer fits pyproject.toml is what this target repairs.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --upgrade -o $(LOCK)

# Build into a temporary directory and swap it in only when the build succeeded. Each language
# is built in its own process (same bytes as `mkdocs build --strict`, both cores used).
# The PDF booklets are made here only (MDBABEL_BOOKLETS=false leaves them out; dev/booklets.md).
site: $(STAMP)
	rm -rf .site-new
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)} \
	  MDBABEL_STRICT=true MDBABEL_BOOKLETS=$${MDBABEL_BOOKLETS:-true} \
	  $(BIN)/python -m mdbabel.parallel_build --site-dir .site-new
	rm -rf .site-old
	if [ -d site ]; then mv site .site-old; fi
	mv .site-new site
	rm -rf .site-old

# MkDocs serves the site under the path of site_url (/guide/ for https://bhxh.github.io/guide/);
# the mdbabel plugin prints each language's address once the first build is done.
serve: $(STAMP)
	@$(BIN)/mdbabel check-config --serve-addr $(SERVE_ADDR)
	$(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR)

catalogs: $(STAMP)
	$(BIN)/mdbabel update

check: $(STAMP)
	$(BIN)/mdbabel check

# The plain-language part of the report reads the built pages: build them first.
stats: site
	$(BIN)/mdbabel stats

# One worker per core (pytest-xdist); a test file's tests on one worker (its module fixtures
# built once) but for the long independent ones, and one build of the real site for all the
# workers (tests/conftest.py: SPREAD_MODULES, built_site).
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup -m "not browser and not slow"

# The exit kept open: the site built with ProperDocs (the maintained fork of MkDocs 1.6), with
# `properdocs build` and with the parallel build, compared with the MkDocs build.
properdocs-check: $(STAMP)
	$(BIN)/python scripts/properdocs_check.py

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# Two builds of this commit with the same SOURCE_DATE_EPOCH must be byte-identical.
repro: $(STAMP)
	$(BIN)/python scripts/reproducible_check.py

# The guard rail (dev/decisions/guard-rail.md): every file of the built site and every catalog,
# byte for byte, against the record. Same inputs and other bytes: the code changed the output.
guard: $(STAMP)
	$(BIN)/python scripts/guard_rail.py

guard-record: $(STAMP)
	$(BIN)/python scripts/guard_rail.py --record

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf site .site-new .site-old .pytest_cache
