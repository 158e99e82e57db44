# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pitf
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
# The suite's processes (pytest-xdist): one per core by default; PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= auto

.PHONY: run test check-setup fuzz scan setup lint format services-check demo-code bench bench-load bench-pages clean

PIP := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes

# The installer first (requirements-bootstrap.txt: one pip, by hash, installed by whichever pip
# the interpreter bundles), then the runtime packages (requirements.txt) and the tests' and
# linters' (requirements-dev.txt) beside them. All are pinned with hashes by pip-compile from
# requirements*.in, so the set-up is the same whatever the interpreter bundles or the index serves.
$(BIN)/.bootstrapped: requirements-bootstrap.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) --no-deps -r requirements-bootstrap.txt
	touch $@

$(BIN)/.installed: $(BIN)/.bootstrapped requirements.txt
	$(PIP) -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(PIP) -r requirements.txt -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## setup: the virtual environment, the npm packages and the static files
setup: $(BIN)/.installed node_modules/.installed
	$(PY) manage.py collectstatic --noinput --verbosity 0

## run: the whole application on http://localhost:8000 (web, Celery worker and beat, started
## together by honcho, a development requirement)
run: setup $(BIN)/.installed-dev
	$(PY) manage.py prepare_var_dir
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	@if [ -z "$$DATABASE_URL" ]; then $(PY) manage.py create_demo_accounts; fi
	$(BIN)/honcho start -f Procfile

## test: lint, migration and deployment checks, then the whole suite on PostgreSQL and Redis
test: setup $(BIN)/.installed-dev lint services-check
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(PY) manage.py makemigrations --check --dry-run --settings=tests.settings
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

## check-setup: a fresh clone of HEAD installed from the interpreter's bundled pip with no cache,
## then `make run` must serve (tools/check_setup.sh; CI runs it before `make test`)
check-setup:
	tools/check_setup.sh

## fuzz: every form, the product's and the admin's, with every bad value in every field
fuzz: setup $(BIN)/.installed-dev
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		FUZZ_ALL=1 $(BIN)/pytest tests/test_fuzz_forms.py $(PYTEST_ARGS)

## scan: a black-box scan with Debian's wapiti on loopback, signed out and as the demo site
## administrator (not part of `make test`; SCAN_MINUTES=10 each); reports in var/scan/
scan: setup
	$(PY) tools/scan.py

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/bandit --quiet --recursive pitf spog committees grants

format: $(BIN)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

services-check: $(BIN)/.installed-dev
	@DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(PY) -m tests.services_check

## demo-code: the current authenticator-app code of a demo account (EMAIL=admin@demo.pitf.gov)
demo-code: $(BIN)/.installed
	@if [ -z "$(EMAIL)" ]; then echo "Usage: make demo-code EMAIL=admin@demo.pitf.gov"; exit 2; fi
	@$(PY) manage.py demo_code "$(EMAIL)"

## bench: the main pages under load on gunicorn beside the floor (bench/load.py; needs wrk), then
## the pages and background work timed in-process; figures in docs/performance.md. bench-load's
## databases: BENCH_DATABASE_URL (fifteen years), BENCH_REFERENCE_DATABASE_URL; Redis:
## BENCH_REDIS_URL; BENCH_DATA=fifteen|reference; BENCH_REBUILD=1 fills them anew
bench: bench-load bench-pages

bench-load: setup
	$(PY) bench/load.py

bench-pages: setup
	DATABASE_URL=$${BENCH_PAGES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pitf_bench} $(PY) bench/public_pages.py
	DATABASE_URL=$${BENCH_PAGES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pitf_bench} $(PY) bench/management_pages.py
	DATABASE_URL=$${BENCH_PAGES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pitf_bench} $(PY) bench/meetings.py
	DATABASE_URL=$${BENCH_PAGES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pitf_bench} LOG_LEVEL=WARNING $(PY) bench/circulation.py
	DATABASE_URL=$${BENCH_PAGES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pitf_bench} LOG_LEVEL=WARNING $(PY) bench/meeting_records.py
	DATABASE_URL=$${BENCH_PAGES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pitf_bench} LOG_LEVEL=WARNING $(PY) bench/spog_reporting.py
	DATABASE_URL=$${BENCH_PAGES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pitf_bench} LOG_LEVEL=WARNING $(PY) bench/committees.py

clean:
	rm -rf var/static var/broker var/cache
