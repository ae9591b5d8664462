# Each target sets itself up: a local .venv with storegraph and what the target needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NPM_TOOLS := .npm-tools
NPM_STAMP := $(NPM_TOOLS)/.installed

.PHONY: run test typecheck bench bench-peer lint stores sdl clean node-tools graphiql-assets schema-lint


$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	touch $(STAMP)

# The one npm tools folder: graphql-http's audit, puppeteer-core for the GraphiQL browser
# test, the GraphiQL packages, GraphQL Code Generator and graphql-schema-linter, pinned in
# tools/package.json + package-lock.json and installed into the git-ignored .npm-tools/.
# Once installed nothing here needs the network; the tests that need a tool skip without
# it (and fail under CI).
$(NPM_STAMP): tools/package.json tools/package-lock.json
	mkdir -p $(NPM_TOOLS)
	cp tools/package.json tools/package-lock.json $(NPM_TOOLS)/
	cd $(NPM_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

node-tools: $(NPM_STAMP)

# Refreshes the GraphiQL assets committed under gateway/http/graphiql_assets/vendor/.
graphiql-assets: $(NPM_STAMP)
	$(PYTHON) tools/vendor_graphiql.py $(NPM_TOOLS)/node_modules

run: $(STAMP)
	$(BIN)/storegraph serve

stores: $(STAMP)
	$(BIN)/storegraph stores

sdl: $(STAMP)
	$(BIN)/storegraph sdl

# mypy over gateway, schema and resolvers (the files and plugins are in pyproject.toml):
# a type mistake fails `make test` (and so .ci/run) like a failing test.
typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) typecheck
	-@$(MAKE) --no-print-directory node-tools
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

# graphql-schema-linter (from the npm tools) over schema.graphql with the rules
# tests/graph/test_descriptions.py runs.
schema-lint: $(STAMP) $(NPM_STAMP)
	$(NPM_TOOLS)/node_modules/.bin/graphql-schema-linter \
		--rules "$$($(BIN)/python -m tests.graph.schema_lint_rules)" schema.graphql

clean:
	rm -rf $(VENV) $(NPM_TOOLS) build *.egg-info
