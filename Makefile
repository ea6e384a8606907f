# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Every package pinned with its hashes: the runtime lock for the Docker image, the dev lock (runtime + test tools)
# for .venv and CI. `make lock` writes both from pyproject.toml.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
UV := $(VENV)/bin/uv
LOCK_FLAGS := --custom-compile-command "make lock" --universal --python-version 3.12 --generate-hashes --quiet $(if $(UPGRADE),--upgrade)
# The newest Python >= 3.12 on this machine: pyenv's (selected by .python-version) or python3.13/3.12 on PATH.
PYTHON ?= $(shell for c in python3.12 python3.13 python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: help venv run test lint lock bench clean chromium screenshots

help:
	@echo "make run    start the service on PORT (default 8000) with SQLite under ./data/"
	@echo "make test   run the whole test suite (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)"
	@echo "make lint   ruff and import-linter (the one-way dependencies between packages)"
	@echo "make lock   pin the dependencies again after editing pyproject.toml (UPGRADE=1: newest releases)"
	@echo "make bench  benchmarks under bench/"
	@echo "make screenshots  the web pages' screenshots under docs/screenshots/"

# Re-run whenever a lock or pyproject.toml changes. Plain pip, so nothing but Python is needed to start.
$(STAMP): $(DEV_LOCK) pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python >= 3.12 is required but none was found (tried python3.12, python3.13, python3)."; \
		echo "       Install it (e.g. 'pyenv install 3.12' or your package manager) and run make again."; \
		exit 1; fi
	@test -x $(PY) || { echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

# `serve` migrates the database and trains the default model when none is stored yet.
run: $(STAMP)
	DEV_LOGIN=$${DEV_LOGIN:-true} $(VENV)/bin/forslagskassa serve

test: $(STAMP) chromium
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest $(PYTEST_ARGS)

# The browser tests drive Debian's chromium (`playwright install` cannot download browsers here).
chromium:
	@test -x /usr/bin/chromium || { echo "installing Debian's chromium for the browser tests"; \
		$$([ "$$(id -u)" = 0 ] || echo sudo) apt-get update -qq && \
		$$([ "$$(id -u)" = 0 ] || echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

screenshots: $(STAMP) chromium
	SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -q tests/api/web/test_screenshots.py
	@# The generated package's pages as pictures for the README (pdftoppm: Debian's poppler-utils).
	pdftoppm -png -r 60 docs/screenshots/package.pdf docs/screenshots/package-document

lint: $(STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

# uv (pinned in the dev lock) resolves once for every platform and Python >= 3.12; the dev lock is constrained to
# the runtime lock's versions, so tests run on what the image ships. Pins already in a lock are kept unless UPGRADE=1.
lock: $(STAMP)
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) -o $(LOCK)
	$(UV) pip compile pyproject.toml --extra dev -c $(LOCK) $(LOCK_FLAGS) -o $(DEV_LOCK)

# Each benchmark prints its figures and exits non-zero when a target is missed; all run, then the status tells.
# BENCH_DATABASE_URL=postgresql://... runs load, queries and support on PostgreSQL too (a scratch database each, dropped after).
BENCH_DATABASE_URL ?= $(TEST_DATABASE_URL)
bench: $(STAMP)
	@status=0; \
	$(PY) bench/classifier.py || status=1; \
	$(PY) bench/slack_ack.py || status=1; \
	$(PY) bench/load.py || status=1; \
	$(PY) bench/queries.py || status=1; \
	$(PY) bench/support.py || status=1; \
	if [ -n "$(BENCH_DATABASE_URL)" ]; then \
		$(PY) bench/load.py --database-url "$(BENCH_DATABASE_URL)" || status=1; \
		$(PY) bench/queries.py --database-url "$(BENCH_DATABASE_URL)" || status=1; \
		$(PY) bench/support.py --database-url "$(BENCH_DATABASE_URL)" || status=1; \
	fi; \
	exit $$status

clean:
	rm -rf $(VENV) .pytest_cache
