# Two commands for a newcomer: `make run` serves the demo, `make test` runs the whole suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# xstatic-bootstrap's sdist only builds with setuptools<81; pip >= 25.3 applies this to build environments.
export PIP_BUILD_CONSTRAINT := $(CURDIR)/build-constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run serve test security-lint lint bench profile loadtest install install-test browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=25.3"

$(VENV)/.installed: pyproject.toml build-constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py createcachetable
	DJANGO_DEBUG=true $(BIN)/python manage.py load_catalogue
	DJANGO_DEBUG=true $(BIN)/python manage.py create_demo_accounts
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-style serving: set DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL first.
# The long timeout lets a CSV export of a very large queue stream to the end (1M rows take about a minute).
serve: install
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_catalogue
	$(BIN)/gunicorn clinic.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3} --timeout $${GUNICORN_TIMEOUT:-300} --access-logfile -

# Browser tests and the bench use Debian's Chromium (never a browser a tool downloads): installed with apt when
# missing and we are root, as on CI; CHROMIUM_PATH points at another build.
browser: install-test
	@if [ -n "$$CHROMIUM_PATH" ] || command -v chromium >/dev/null 2>&1; then \
		echo "Using system Chromium: $${CHROMIUM_PATH:-$$(command -v chromium)}"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is needed: sudo apt-get install chromium (or set CHROMIUM_PATH)"; exit 1; \
	fi

test: install-test browser security-lint
	$(BIN)/pytest $(PYTEST_ARGS)

# ruff (with its bandit-derived S rules) and bandit itself; each accepted finding is justified where it stands.
security-lint: install-test
	$(BIN)/ruff check .
	$(BIN)/bandit -q -r clinic treatments consultations accounts audit -x '*/migrations/*'

lint: security-lint
	$(BIN)/ruff format --check .

# Benchmarks print their figures; ratios are against a baseline view measured in the same run.
# bench/intake.py: the suggestion engine alone and the intake in-process; bench/http_bench.py: gunicorn and
# PostgreSQL under wrk at BENCH_ROWS consultations (100,000 by default; BENCH_ROWS=1000000 for the big run).
bench: install-test browser
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || \
		{ echo "wrk is needed: install the Debian package wrk"; exit 1; }
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/http_bench.py

# Where the staff pages' time goes, in-process against the database `make bench` left (pyinstrument).
profile: install-test
	$(BIN)/python bench/profile_pages.py

# Load test: locust against gunicorn and PostgreSQL on 127.0.0.1 (CI: short; LOADTEST_PROFILE=long for 10 minutes).
# Locust gets a venv of its own so its dependencies (brotli, gevent) stay out of the app's.
.venv-load/.installed:
	$(PYTHON) -m venv .venv-load
	.venv-load/bin/pip install --quiet "locust>=2.47"
	touch $@

loadtest: install-test .venv-load/.installed
	LOCUST_PYTHON=.venv-load/bin/python $(BIN)/python bench/loadtest.py

clean:
	rm -rf $(VENV) .venv-load staticfiles
