# Two commands on a fresh clone: `make run` and `make test`.
# Needs only Python 3.11+ and make; everything else goes into .venv from requirements.lock.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Apps that keep their own translation catalog in <app>/locale/; everything else
# (core, accounts, templates/) goes to the project catalog in locale/.
CATALOG_APPS := skills consulting courses jobs fairs search reports

.PHONY: help run test setup install migrate seed serve lint deploy-check ci messages worker beat bench-pages clean

run: setup seed serve ## set everything up and serve the demo at http://127.0.0.1:8000

test: install ## set up and run the whole test suite (PYTEST_ARGS="-k foo -x" to narrow it)
	$(PY) -m pytest $(PYTEST_ARGS)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup: install migrate ## virtual environment, dependencies and database

install: $(STAMP) ## create .venv and install the locked dependencies

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is required") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	@mkdir -p var/staticfiles
	@touch $(STAMP)

migrate: install ## apply database migrations (SQLite in var/ unless DATABASE_URL is set)
	@mkdir -p var/staticfiles
	$(PY) manage.py migrate --noinput

seed: migrate ## create the demo centers, people and data (idempotent) and print the logins
	$(PY) manage.py seed_demo

serve: ## run the development server
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install ## ruff, as CI runs it
	$(VENV)/bin/ruff check .

deploy-check: install ## production settings must pass check --deploy
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=example.org \
	$(PY) manage.py check --deploy --fail-level WARNING

bench-pages: install ## page-load harness on PostgreSQL (DATABASE_URL); BENCH_ARGS="--postings 1000 --duration 20"
	$(PIP) install --quiet -r perf/requirements.txt
	$(PY) manage.py bench_pages $(BENCH_ARGS)

ci: ## what CI runs: system packages, PostgreSQL, Redis, lint, deploy check, tests (as root)
	bash .ci/run

messages: install ## extract and compile translation catalogs (needs GNU gettext)
	@for app in $(CATALOG_APPS); do mkdir -p $$app/locale; done
	$(PY) manage.py makemessages -l ko -l en --ignore=.venv --ignore=var --ignore=tests --ignore=test-artifacts --no-obsolete
	$(PY) manage.py fill_english_catalogs
	$(PY) manage.py compilemessages --ignore=.venv

worker: install ## a Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A config worker -l info

beat: install ## the Celery beat scheduler (needs CELERY_BROKER_URL)
	@mkdir -p var
	$(VENV)/bin/celery -A config beat -l info --schedule var/celerybeat-schedule

clean: ## remove the virtual environment and local data (SQLite database, cache, media)
	rm -rf $(VENV) var
