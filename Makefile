# Each target sets itself up: a local .venv with storegraph and what the target needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-peer lint stores sdl clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storegraph serve

stores: $(STAMP)
	$(BIN)/storegraph stores

sdl: $(STAMP)
	$(BIN)/storegraph sdl

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# The peer (Hive Gateway over GraphQL Mesh) installs from npm into bench/hive/node_modules.
PEER := bench/hive
PEER_STAMP := $(PEER)/node_modules/.installed

$(PEER_STAMP): $(PEER)/package.json $(PEER)/package-lock.json
	cd $(PEER) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench-peer: $(STAMP) $(PEER_STAMP)
	$(BIN)/python -m bench.peer

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) build *.egg-info
