# bantin: two commands are all the set-up.
#   make build   creates .venv with what building needs (pinned versions) and builds the demo into site/
#   make test    adds the test tools (pytest, Playwright, ruff, mypy…) to .venv and runs every
#                gate: ruff check, ruff format --check, mypy (strict), every test
#   make unit    the fast unit tests only
# Staff only ever need `make build`, `make serve` and `make check`: the test tools
# (about half of a full .venv) are installed by `make test` alone.
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock

VNU := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
AXE := .cache/axe/node_modules/axe-core/axe.min.js
LIGHTHOUSE := .cache/lighthouse/node_modules/lighthouse/cli/index.js

.PHONY: build serve test unit lint check bench clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Cần Python 3.11 trở lên (đang có: $$($(PYTHON) --version 2>&1)). Xem mục Cài đặt trong README.md."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Không tạo được .venv: máy thiếu gói venv của Python. Trên Ubuntu/Debian chạy:"; \
	  echo "    sudo apt install python3-venv"; echo "rồi chạy lại lệnh make."; exit 1; }
	@echo "Đang cài các gói Python vào .venv (lần đầu cần mạng Internet)..."
	$(PIP) -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(PIP) -e '.[test]'
	touch $(TEST_STAMP)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/bantin serve

check: $(STAMP)
	$(BIN)/bantin check

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

# The Nu Html Checker comes from the npm registry (pinned); it needs npm and Java,
# which .ci/run installs. Without them the HTML validation test says so and fails.
$(VNU):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@26.9.27; \
	else echo "npm not found: the HTML validation test will fail (run .ci/run to install it)"; fi

# axe-core (accessibility test) and Lighthouse (bench/lighthouse.py), from the
# npm registry at exact versions; they drive Debian's Chromium (.ci/run).
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.14.1; \
	else echo "npm not found: the accessibility test will fail (run .ci/run to install it)"; fi

$(LIGHTHOUSE):
	npm install --silent --no-audit --no-fund --prefix .cache/lighthouse -E lighthouse@12.2.3

# Every gate covers all the code (tests/gates proves it and that each can fail).
test: $(TEST_STAMP) $(VNU) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadgroup

# The fast tests only: pure domain code, no site builds, browser or servers.
unit: $(TEST_STAMP)
	$(BIN)/pytest -n 2 -q tests/unit

# Quick benchmarks (a few minutes). The full figures of issue 11:
#   .venv/bin/python bench/build.py --sizes 1000,10000 --runs 1
#   .venv/bin/python bench/preview.py --posts 10000
bench: $(TEST_STAMP) $(LIGHTHOUSE)
	$(BIN)/python bench/build.py --quick
	$(BIN)/python bench/preview.py --posts 300
	$(BIN)/python bench/bench_views_import.py --lines 100000
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf site .site-staging-* .site-old-* .site-headers .bantin-build.lock .cache test-output
