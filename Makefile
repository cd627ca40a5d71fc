# Cardfile: `make run` serves the app; `make test` runs every suite. Both set everything up.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP_STAMP := $(VENV)/.installed
NPM_STAMP := frontend/node_modules/.installed
SPA := frontend/dist/index.html
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)

.PHONY: check-generated run stop test test-backend test-frontend test-e2e lint bench migrate migration openapi build install chromium clean

run: install build
	$(VENV)/bin/cardfile run

# Stops the embedded PostgreSQL and Redis under var/ if a run left them behind.
stop: $(PIP_STAMP)
	$(VENV)/bin/cardfile stop

install: $(PIP_STAMP) $(NPM_STAMP)

$(PIP_STAMP): backend/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e 'backend[test]'
	touch $@

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: $(SPA)

$(SPA): $(NPM_STAMP) $(FRONTEND_SRC)
	cd frontend && npm run build --silent

# Debian's Chromium for the end-to-end tests (Playwright drives /usr/bin/chromium).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

lint: $(PIP_STAMP)
	$(VENV)/bin/ruff check backend tests
	$(VENV)/bin/ruff format --check backend tests

test: install build chromium lint check-generated test-frontend
	$(PY) -m pytest tests/backend tests/e2e -q -p no:cacheprovider

test-backend: $(PIP_STAMP)
	$(PY) -m pytest tests/backend -q -p no:cacheprovider

test-frontend: $(NPM_STAMP)
	cd frontend && npm test --silent

test-e2e: install build chromium
	$(PY) -m pytest tests/e2e -q -p no:cacheprovider

bench: install
	$(PY) tests/bench/run.py

migrate: $(PIP_STAMP)
	$(VENV)/bin/cardfile migrate

# A new Alembic revision: make migration m="add notes" [kind=public] (default kind=tenant).
# Needs a database at DATABASE_URL (`make run` starts one) to compare the models against.
migration: $(PIP_STAMP)
	@test -n "$(m)" || (echo 'usage: make migration m="what it does" [kind=tenant|public]'; exit 2)
	$(VENV)/bin/cardfile migration --kind $(or $(kind),tenant) -m "$(m)"

# OpenAPI spec from the code, and the SPA's TypeScript types from the spec.
openapi: $(PIP_STAMP) $(NPM_STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgresql://unused/unused} REDIS_URL=$${REDIS_URL:-redis://unused} \
		$(VENV)/bin/cardfile openapi backend/openapi.json
	cd frontend && npm run openapi --silent

# The committed spec and SPA types match the code: a route or schema changed without
# `make openapi` fails the tests here.
check-generated: $(PIP_STAMP) $(NPM_STAMP)
	@tmp=$$(mktemp -d) && \
	DATABASE_URL=postgresql://unused/unused REDIS_URL=redis://unused \
		$(VENV)/bin/cardfile openapi $$tmp/openapi.json >/dev/null && \
	(cd frontend && npx --no-install openapi-typescript $$tmp/openapi.json -o $$tmp/schema.d.ts \
		>/dev/null 2>&1) && \
	cmp -s $$tmp/openapi.json backend/openapi.json && \
	cmp -s $$tmp/schema.d.ts frontend/src/api/schema.d.ts && rm -rf $$tmp || \
	(echo "backend/openapi.json or frontend/src/api/schema.d.ts is stale: run make openapi"; \
	rm -rf $$tmp; exit 1)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist
