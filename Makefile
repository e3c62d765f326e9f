# Corridor: two commands on a fresh machine with Python 3.11 and make.
#   make demo   set up and serve the demo on http://127.0.0.1:8000 (PORT overrides)
#   make test   run the test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: deploy-check demo test check lint format typecheck contracts migrations-check messages messages-check install install-dev serve worker clean test-postgres

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

# Browser tests run on their own, after the rest: their live server needs transactional
# tests, whose flush would empty the reference tables other tests read.
test: install-dev
	$(BIN)/pytest -n 2 --dist loadfile -m "not browser"
	$(BIN)/pytest -p no:xdist -m browser

# The whole suite again on PostgreSQL (the local server, database created by the test runner).
test-postgres: install-dev
	CORRIDOR_DEMO=1 DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -n 2 --dist loadfile -m "not browser"
	CORRIDOR_DEMO=1 DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -p no:xdist -m browser

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
	# makemessages files each string under the nearest locale/ folder (a module's own, or corridor/locale).
	# It may pre-fill new entries with fuzzy guesses: read them before removing the flag.
	cd corridor && ../$(BIN)/corridor makemessages --all --no-obsolete --no-location \
		--ignore="tests/*" --ignore="*/tests/*"
	$(BIN)/corridor compilemessages --ignore=.venv

# Fails when a catalogue is stale or ru/tr have empty or fuzzy entries.
messages-check: install-dev
	$(BIN)/python -m corridor.core.i18n_check

# Django's deployment checks with production-like settings must give no warning (G14).
deploy-check: install-dev
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	SECRET_KEY=ci-only-$$(date +%s%N)-not-a-real-secret-key-but-long-enough-for-the-check \
	CORRIDOR_MASTER_KEY=ci-only-master-key ALLOWED_HOSTS=corridor.example.org \
	$(BIN)/corridor check --deploy --fail-level WARNING

check: lint typecheck contracts migrations-check messages-check test

clean:
	rm -rf $(VENV) var/corridor.sqlite3 var/static
