# Snelservice bijzondere bijstand. `make run` starts everything with demo data; `make test`
# installs what it needs, starts PostgreSQL and Redis and runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: help install run demo-code test lint format services messages bench clean

help:
	@echo "make run     - start web, Celery worker and beat with demo data on http://127.0.0.1:8000 (PORT=8100 make run for another port)"
	@echo "make demo-code WIE=behandelaar - the second-factor code of a demo colleague (no phone needed)"
	@echo "make test    - install, start PostgreSQL and Redis, lint and run the whole test suite"
	@echo "make lint    - ruff check and format check"
	@echo "make format  - ruff format and fix"
	@echo "make bench   - seed PostgreSQL, load every page under gunicorn, time SLA, PDF, pain.001"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,saml]'
	touch $(STAMP)

install: $(STAMP)

run: install
	./scripts/run-dev.sh

# The code a demo colleague's authenticator app would show; demo only (refused without DEBUG).
demo-code: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py demo_code $(WIE)

services:
	./scripts/ensure-services.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	./scripts/messages.sh

test: install services lint
	./scripts/test.sh

# BENCH_SCALE=1000000 for a million aanvragen; BENCH_DUUR seconds of load per page.
bench: install services
	$(BIN)/python bench/run.py

clean:
	rm -rf var/test .pytest_cache
