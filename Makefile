# The few verbs people need. See README.md.
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=true $(PY) manage.py

.PHONY: install run test check lint format messages seed superuser

$(VENV)/installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/installed

## Serve the portal on http://127.0.0.1:8000/ with the seed registry loaded (SQLite).
run: install
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	@ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null)
	$(DEV) compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(DEV) migrate --no-input -v 0
	$(DEV) load_registry
	$(DEV) runserver 127.0.0.1:8000

## Run the whole test suite on SQLite and on PostgreSQL (installs what is missing).
test: install
	scripts/test

## The quick loop: lint, then the suite on SQLite without the browser tests.
check: install
	$(DEV) compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(VENV)/bin/pre-commit run --all-files
	DATABASE_URL= $(PY) -m pytest -m "not browser" -q

## ruff, template indentation (djhtml) and the layers' contract (import-linter).
lint: install
	$(VENV)/bin/pre-commit run --all-files

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(VENV)/bin/djhtml templates

## Extract interface strings into locale/{fr,ar,en}.
messages: install
	$(DEV) makemessages -l fr -l ar -l en --ignore=.venv --ignore=node_modules --no-obsolete --no-wrap

seed: install
	$(DEV) migrate --no-input -v 0
	$(DEV) load_registry

superuser: install
	$(DEV) createsuperuser
