# Parcours — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PARCOURS := $(BIN)/parcours
STAMP := $(VENV)/.installed
DEMO_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.dev
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.test

.PHONY: install system-deps system-check demo serve test lint format messages bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Parcours needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The Debian packages of system-packages.txt (WeasyPrint's libraries, fonts, gettext, Chromium,
# poppler, the PostgreSQL client): installed here, checked by `make test`, used by .ci/run.
system-deps:
	@bash scripts/system_deps.sh install

system-check:
	@bash scripts/system_deps.sh check

demo: install
	@mkdir -p var
	$(DEMO_SETTINGS) $(PARCOURS) migrate --no-input -v0
	$(DEMO_SETTINGS) $(PARCOURS) load_reference
	$(DEMO_SETTINGS) $(PARCOURS) seed_demo
	@echo
	@echo "Parcours demo: http://127.0.0.1:8000/"
	@echo "  Office finder:  http://127.0.0.1:8000/offices/"
	@echo "  Staff login:    http://127.0.0.1:8000/accounts/login/"
	@echo "  Admin:          http://127.0.0.1:8000/admin/"
	@echo "  API docs:       http://127.0.0.1:8000/api/v1/docs"
	@echo
	@# The task worker (reminders, letters) runs beside the web server and stops with it.
	$(DEMO_SETTINGS) $(PARCOURS) db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DEMO_SETTINGS) $(PARCOURS) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(TEST_SETTINGS) $(PARCOURS) makemigrations --check --dry-run -v0
	$(TEST_SETTINGS) $(BIN)/python scripts/check_translations.py

test: system-check lint
	$(TEST_SETTINGS) $(BIN)/pytest

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(TEST_SETTINGS) $(BIN)/python scripts/check_translations.py --write

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
