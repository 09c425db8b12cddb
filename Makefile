# InScope: `make run` serves the demo at http://127.0.0.1:8000; `make test` runs every check.
# Both set up everything they need on a fresh machine (virtualenv, packages, database).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_PRACTITIONERS ?= 60

.PHONY: run test setup install browser lint format clean

$(INSTALLED): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "InScope needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(INSTALLED)

# Migrate, load reference data and demo data, build the search index (all idempotent).
setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py seed_demo --practitioners $(DEMO_PRACTITIONERS)
	$(BIN)/python manage.py search_index rebuild

run: export DEBUG ?= 1
run: setup
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Chromium for the browser tests, from Debian's packages (Playwright's own download does not work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Browser tests need Chromium: sudo apt-get install chromium (they are skipped without it)"; fi; }

test: install browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media staticfiles artifacts
