# Each target sets itself up: a local .venv with storegraph and what the target needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SCHEMA_LINTER_DIR := .tools/schema-lint
SCHEMA_LINTER := $(SCHEMA_LINTER_DIR)/node_modules/.bin/graphql-schema-linter
SCHEMA_LINTER_PACKAGES := graphql-schema-linter@3.0.1 graphql@16.15.0

.PHONY: run test bench bench-peer lint stores sdl clean schema-lint

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

# graphql-schema-linter (npm) in a git-ignored local folder; the tests run it on
# schema.graphql (tests/graph/test_descriptions.py) when it is installed.
$(SCHEMA_LINTER):
	npm install --no-audit --no-fund --silent --prefix $(SCHEMA_LINTER_DIR) $(SCHEMA_LINTER_PACKAGES)

schema-lint: $(SCHEMA_LINTER)
	$(SCHEMA_LINTER) --rules "$$($(BIN)/python -m tests.graph.schema_lint_rules)" schema.graphql

clean:
	rm -rf $(VENV) build *.egg-info .tools
