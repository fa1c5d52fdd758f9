# Two commands for a newcomer: `make run` serves the demo, `make test` runs the whole suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# xstatic-bootstrap's sdist only builds with setuptools<81; pip >= 25.3 applies this to build environments.
export PIP_BUILD_CONSTRAINT := $(CURDIR)/build-constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run serve proxy test services security-lint lint bench profile loadtest install install-test browser clean

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
	@[ -f .env ] || printf '# Written by make run, for the command line only: DEBUG and demo mode on.\nDJANGO_DEBUG=true\n' > .env
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py createcachetable
	DJANGO_DEBUG=true $(BIN)/python manage.py load_catalogue
	DJANGO_DEBUG=true $(BIN)/python manage.py create_demo_accounts
	DJANGO_DEBUG=true $(BIN)/python manage.py create_demo_consultations
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-style serving: set DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL first. nginx (deploy/nginx.conf)
# listens on PORT and buffers every request before gunicorn (on APP_PORT) sees it; TLS goes in front of both.
# The long timeout lets a CSV export of a very large queue stream to the end (1M rows take about a minute).
APP_PORT ?= 8100
serve: install proxy
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_catalogue
	conf=$$($(BIN)/python deploy/nginx_conf.py $(PORT) $(APP_PORT) .run/nginx) && \
	nginx -c "$$conf" -p $(CURDIR)/.run/nginx -e $(CURDIR)/.run/nginx/nginx-error.log & nginx=$$!; \
	trap 'kill $$nginx' EXIT; \
	TRUSTED_PROXY_COUNT=$${TRUSTED_PROXY_COUNT:-1} $(BIN)/gunicorn clinic.wsgi --bind 127.0.0.1:$(APP_PORT) \
		--workers $${WEB_CONCURRENCY:-3} --timeout $${GUNICORN_TIMEOUT:-300} --access-logfile -

# nginx and its headers-more module from Debian (installed with apt when missing and we are root, as on CI).
proxy:
	@[ -x /usr/sbin/nginx ] && [ -e /usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so ] || \
		{ [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		nginx libnginx-mod-http-headers-more-filter >/dev/null; } || \
		{ echo "nginx is needed: sudo apt-get install nginx libnginx-mod-http-headers-more-filter"; exit 1; }

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

# The journey tests serve the app as in production: PostgreSQL 15 on 127.0.0.1:5432 (started here if it is down)
# and a redis-server of their own (the Debian package, installed here when missing and we are root, as on CI).
services:
	@command -v redis-server >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } || \
		{ echo "redis-server is needed: sudo apt-get install redis-server"; exit 1; }
	@pg_isready -h 127.0.0.1 -p 5432 -q || { pg_ctlcluster --skip-systemctl-redirect 15 main start || [ $$? -eq 2 ]; \
		for _ in $$(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done; }
	@pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL 15 must answer on 127.0.0.1:5432"; exit 1; }

test: install-test browser services proxy security-lint
	$(BIN)/pytest $(PYTEST_ARGS)

# ruff (with its bandit-derived S rules) and bandit itself; each accepted finding is justified where it stands.
security-lint: install-test
	$(BIN)/ruff check .
	$(BIN)/bandit -q -r clinic treatments consultations staff accounts audit -x '*/migrations/*'

lint: security-lint
	$(BIN)/ruff format --check .

# Benchmark against the real limit: a bare Django view served and loaded exactly as the app, then every endpoint,
# the admin changelist as a peer, and Lighthouse on the public pages (bench/README.md). PostgreSQL and Redis must be
# up; wrk comes from apt, Lighthouse 12.2.3 from npm into bench/.lighthouse (Debian's Chromium, never a download).
bench: install-test browser
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || \
		{ echo "wrk is needed: install the Debian package wrk"; exit 1; }
	@[ "$$(bench/.lighthouse/node_modules/.bin/lighthouse --version 2>/dev/null)" = 12.2.3 ] || PUPPETEER_SKIP_DOWNLOAD=1 \
		npm install --prefix bench/.lighthouse --no-audit --no-fund --silent lighthouse@12.2.3
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
