# One-command setup and the project's entry points. Every target that runs code depends on `setup`,
# which is idempotent: it only redoes a step when its inputs changed.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .setup-stamps
PYTEST := $(PY) -m pytest
WORKERS ?= 2
SEEDS ?= 10
# Keep Python's bytecode cache (and pytest's cache of rewritten modules) on even where a shell turns it
# off: every pytest process and xdist worker starts faster.
unexport PYTHONDONTWRITEBYTECODE
# The issue's measurement: suite at -n 2 with its phase breakdown, happy-path ratios best of 3 interleaved.
BENCH_ARGS ?= --skip-serial --rounds 3

.PHONY: setup lock test lint evidence bench bench-mock selftest seed-sweep serve clean

setup: $(STAMPS)/python $(STAMPS)/npm $(STAMPS)/chromium

# requirements.lock pins every package (the dev extra included) with its hashes, so pip checks them.
$(STAMPS)/python: requirements.lock pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Regenerate requirements.lock from pyproject.toml (keeps the current pins; `make lock LOCK_ARGS=--upgrade` moves them).
# Hashes come from PyPI, for every platform's files, so the lock installs anywhere.
lock: $(STAMPS)/python
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --extra dev --generate-hashes \
	  --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock $(LOCK_ARGS) pyproject.toml

$(STAMPS)/npm: mocks/web/package.json mocks/web/package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --prefix mocks/web >/dev/null
	@touch $@

$(STAMPS)/chromium: scripts/ensure-chromium.sh
	@mkdir -p $(STAMPS)
	@bash scripts/ensure-chromium.sh
	@touch $@

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The slowest tests are listed at the end (issue 21): where the next minute of CI goes. worksteal: an idle
# worker takes queued tests from one that is busy with a long one (tests/conftest.py starts those first).
test: setup lint
	$(PYTEST) -n $(WORKERS) --dist worksteal --durations=25 --durations-min=1

evidence: setup
	bash scripts/evidence.sh

bench: setup bench-mock
	$(PY) -m bench.suite --workers $(WORKERS) $(BENCH_ARGS)

bench-mock: setup
	$(PY) -m bench.mock

seed-sweep: setup
	$(PY) -m harness.selfcheck.seed_sweep --seeds $(SEEDS) --workers $(WORKERS)

# `make selftest SELFTEST_ARGS=--first-catch`: each defect against its own scenario, in one run (minutes).
selftest: setup
	$(PY) -m harness.selfcheck.selftest --workers $(WORKERS) $(SELFTEST_ARGS)

serve: setup
	$(PY) -m mocks serve --profile mixed

clean:
	rm -rf $(VENV) $(STAMPS) node_modules reports
