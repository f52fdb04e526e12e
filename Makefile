# One-command setup and the project's entry points. Every target that runs code depends on `setup`,
# which is idempotent: it only redoes a step when its inputs changed.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .setup-stamps
PYTEST := $(PY) -m pytest
WORKERS ?= 2
SEEDS ?= 10

.PHONY: setup test lint evidence bench bench-mock selftest seed-sweep serve clean

setup: $(STAMPS)/python $(STAMPS)/npm $(STAMPS)/chromium

$(STAMPS)/python: requirements.lock pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

$(STAMPS)/npm: mocks/web/package.json mocks/web/package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --prefix mocks/web >/dev/null
	@touch $@

$(STAMPS)/chromium:
	@mkdir -p $(STAMPS)
	@bash scripts/ensure-chromium.sh
	@touch $@

lint: setup
	$(VENV)/bin/ruff check .

test: setup lint
	$(PYTEST) -n $(WORKERS)

evidence: setup
	bash scripts/evidence.sh

bench: setup bench-mock
	$(PY) -m bench.suite

bench-mock: setup
	$(PY) -m bench.mock

seed-sweep: setup
	$(PY) -m harness.seed_sweep --seeds $(SEEDS) --workers $(WORKERS)

selftest: setup
	$(PY) -m harness.selftest

serve: setup
	$(PY) -m mocks serve --profile mixed

clean:
	rm -rf $(VENV) $(STAMPS) node_modules reports
