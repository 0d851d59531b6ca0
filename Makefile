# Two entry points (see README): `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
DEV_STAMP := $(VENV)/.requirements-dev-installed
PORT ?= 8501
SEED := seeds/000_e0fae7b1ce5278b9.txt
SEED_TARGET := US military strikes against Iran-backed militias in Iraq
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test lint install install-dev seed system-deps eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

# The seed, analysed into the library before the server starts, so the first screen needs no model
# (a rerun with the same models reads it back in about a second).
seed: install
	-$(BIN)/python -m analysis analyze $(SEED) --target "$(SEED_TARGET)" --save --format json --out /dev/null

# Chromium drives chart export (kaleido) and the browser tests (Playwright); Debian's package.
system-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; \
	  elif command -v sudo >/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; \
	  else \
	    echo "note: no /usr/bin/chromium and no root: PNG/SVG/PDF export and browser tests are skipped"; \
	  fi; \
	fi

run: install seed
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.address localhost --server.headless true

test: install-dev system-deps
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

eval: install-dev
	$(BIN)/python -m eval.evaluate_models
	$(BIN)/python -m eval.evaluate_attribution

bench: install-dev
	$(BIN)/python bench/bench_models.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
