# newsgraph tasks. `make run` sets up and analyses the bundled example; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: default setup run test lint format bench eval docs clean

default: test lint

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

## The main job on the bundled example: a readable report, and the JSON analysis in out/.
run: $(STAMP)
	mkdir -p out
	$(BIN)/newsgraph analyze examples/dw-japan-south-korea.txt --format json > out/dw-japan-south-korea.json
	$(BIN)/newsgraph analyze examples/dw-japan-south-korea.txt --format text
	@echo "JSON analysis written to out/dw-japan-south-korea.json"

## The whole test suite (what CI runs).
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python tools/cli_reference.py --check
	@big=$$( (find src -name '*.py' -exec wc -l {} + | awk '$$2 != "total" && $$1 > 640'; \
	  find tests -name '*.py' -exec wc -l {} + | awk '$$2 != "total" && $$1 > 1000') ); \
	  if [ -n "$$big" ]; then echo "modules over 640 lines (tests: 1,000):"; echo "$$big"; exit 1; fi

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks tools
	$(BIN)/ruff format src tests benchmarks tools

## docs/cli.md, generated from the commands (make lint checks it is current).
docs: $(STAMP)
	$(BIN)/python tools/cli_reference.py

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

## Accuracy on the development gold sets in ../shared/eval (skipped when absent).
eval: $(STAMP)
	for d in scrapinghub-aeb naeb-dev fundus-fixtures-dev; do \
	  $(BIN)/newsgraph eval extraction ../shared/eval/extraction/$$d || exit 1; done

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .mypy_cache
