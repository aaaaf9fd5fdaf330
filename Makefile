# careerguide: `make` (= make build) builds the bundled guide; `make test` runs the tests.
# Both create .venv on first use and install the package with its test tools.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.DEFAULT_GOAL := build
.PHONY: build test lint bench schema clean check-system

build: $(STAMP)
	$(BIN)/careerguide build guide/ --out build

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The committed JSON Schema of the guide file; a test fails until this is rerun after a model change.
schema: $(STAMP)
	$(BIN)/careerguide schema > schema/guide.schema.json

# WeasyPrint draws text with Pango (and HarfBuzz); pip cannot install them. Say the one
# line that does, instead of a long ImportError later. Without HarfBuzz's subsetter the
# build still works, with fontTools cutting the fonts down instead, much more slowly.
check-system:
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" || \
	  { echo "careerguide needs Python 3.11 or newer (found $$($(PYTHON) --version))." >&2; exit 1; }
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || \
	  { echo "careerguide needs Python's venv module. Install it with: sudo apt-get install -y python3-venv" >&2; exit 1; }
	@$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(0 if u.find_library('pango-1.0') and u.find_library('pangoft2-1.0') else 1)" || \
	  { echo "WeasyPrint needs Pango. Install it with: sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" >&2; exit 1; }
	@$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(0 if u.find_library('harfbuzz-subset') else 1)" || \
	  echo "Note: every PDF takes about 2.5 times as long without HarfBuzz's subsetter. Install it with: sudo apt-get install -y libharfbuzz-subset0" >&2

$(STAMP): pyproject.toml | check-system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build .pytest_cache
