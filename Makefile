# Corridor: two commands on a fresh machine with Python 3.11 and make.
#   make demo   set up and serve the demo on http://127.0.0.1:8000 (PORT overrides)
#   make test   run the test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: demo test check lint format typecheck contracts migrations-check messages messages-check install install-dev serve worker clean test-postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/corridor demo

serve: install
	$(BIN)/corridor serve

worker: install
	$(BIN)/corridor worker

test: install-dev
	$(BIN)/pytest -n 2 --dist loadfile

# The whole suite again on PostgreSQL (the local server, database created by the test runner).
test-postgres: install-dev
	CORRIDOR_DEMO=1 DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -n 2 --dist loadfile

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install-dev
	$(BIN)/mypy corridor config

contracts: install-dev
	$(BIN)/lint-imports

migrations-check: install-dev
	$(BIN)/corridor makemigrations --check --dry-run

# Rebuild the translation catalogues from the source (needs GNU gettext).
messages: install-dev
	cd corridor && ../$(BIN)/corridor makemessages --all --no-obsolete --no-location --ignore="tests/*" --ignore="*/tests/*"
	cd corridor && ../$(BIN)/corridor makemessages -d djangojs --all --no-obsolete --no-location
	$(BIN)/corridor compilemessages --ignore=.venv

# Fails when a catalogue is stale or ru/tr have empty or fuzzy entries.
messages-check: install-dev
	$(BIN)/python -m corridor.core.i18n_check

check: lint typecheck contracts migrations-check messages-check test

clean:
	rm -rf $(VENV) var/corridor.sqlite3 var/static
