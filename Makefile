# govdigest — two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EMU    := tests/e2e/emulator

.PHONY: install install-test install-postgres run chat test test-fast lint bench quality clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when the project's metadata changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

$(EMU)/node_modules/.installed: $(EMU)/package.json $(EMU)/package-lock.json
	cd $(EMU) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test $(EMU)/node_modules/.installed install-postgres

# The storage tests also run on a throw-away PostgreSQL server (tests/pg_server.py): the Debian
# package's initdb/postgres, installed when missing (it also creates the `postgres` system user
# the server runs as when the tests run as root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
install-postgres:
	@if [ -n "$$PG_BIN" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; else \
		echo "installing PostgreSQL (Debian package postgresql)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			postgresql >/dev/null; \
	fi

run: install
	$(BIN)/govdigest run

chat: install
	$(BIN)/govdigest chat

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install-test
	$(BIN)/python -m pytest -m "not e2e and not slow" $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy govdigest

bench: install-test
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/broadcast.py --backend both
	$(BIN)/python benchmarks/sources.py
	$(BIN)/python benchmarks/roundtrip.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/export.py
	$(BIN)/python benchmarks/instances.py

# Extraction quality on the annotated corpus (dev, seed and the held-out sets), as JSON.
quality: install-test
	$(BIN)/python benchmarks/quality.py

clean:
	rm -rf $(VENV) $(EMU)/node_modules .pytest_cache .mypy_cache .ruff_cache
