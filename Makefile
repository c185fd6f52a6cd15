# Two commands matter: `make run` (the bot) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Installing also builds the C pricing (models/tally/_*.c, _native.h): a change to it reinstalls.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml setup.py models/tally/_native.h models/tally/_*.c | cksum | cut -d' ' -f1)

.PHONY: run test test-fast lint bench bench-load migrate clean

$(STAMP): pyproject.toml setup.py models/tally/_native.h $(wildcard models/tally/_*.c)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	$(PY) -m bot

migrate: $(STAMP)
	$(PY) -m bot migrate

# One pytest worker per core; tests with long real-time waits (the end-to-end ones) are
# spread by work-stealing so no worker sits idle at the end. TEST_WORKERS=0 runs in-process.
TEST_WORKERS ?= auto

test: $(STAMP)
	$(PY) -m bot check-locales
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal

# Everything but the end-to-end tests (no bot processes): `pytest -m "not e2e"`.
test-fast: $(STAMP)
	$(PY) -m bot check-locales
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal -m "not e2e"

lint: $(STAMP)
	$(PY) -m ruff check bot handlers models tests bench

bench: $(STAMP)
	$(PY) -m bench.broadcast

# 600 voters through two webhook processes on PostgreSQL + Redis (servers on 127.0.0.1).
bench-load: $(STAMP)
	$(PY) -m bench.load
	$(PY) -m bench.load --sqlite --processes 1

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
