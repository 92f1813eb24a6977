# bantin: two commands are all the set-up.
#   make build   creates .venv from pinned versions and builds the demo site into site/
#   make test    runs every test
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

VNU := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: build serve test lint check bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve

check: $(STAMP)
	$(BIN)/bantin check

lint: $(STAMP)
	$(BIN)/ruff check .

# The Nu Html Checker comes from the npm registry (pinned); it needs npm and Java,
# which .ci/run installs. Without them the HTML validation test says so and fails.
$(VNU):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@26.9.27; \
	else echo "npm not found: the HTML validation test will fail (run .ci/run to install it)"; fi

test: $(STAMP) $(VNU)
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist loadgroup

# Quick benchmarks (a few minutes). The full figures of issue 11:
#   .venv/bin/python bench/build.py --sizes 1000,10000 --runs 1
#   .venv/bin/python bench/preview.py --posts 10000
bench: $(STAMP)
	$(BIN)/python bench/build.py --quick
	$(BIN)/python bench/preview.py --posts 300
	$(BIN)/python bench/bench_views_import.py --lines 100000

clean:
	rm -rf site .site-staging-* .site-old-* .site-headers .bantin-build.lock .cache test-output
