# rustify: two commands do everything on a fresh clone.
#   make demo   set up .venv and run the pipeline on an example
#   make test   set up .venv and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
EXAMPLE ?= examples/euclidean.py
THRESHOLD ?= 5
OUT    ?= rustify-out

.PHONY: demo test test-fast setup bench profile select clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

setup: $(VENV)/.installed

demo: setup
	@mkdir -p $(OUT)
	@echo "== the pipeline, as a pipe (documents also kept in $(OUT)/) =="
	$(BIN)/rustify-profile -v $(EXAMPLE) | tee $(OUT)/profile.json \
	  | $(BIN)/rustify-select -v --threshold $(THRESHOLD) | tee $(OUT)/selection.json \
	  | $(BIN)/rustify-gen -v --force --out $(OUT)/crate | tee $(OUT)/generation.json \
	  | $(BIN)/rustify-build -v > $(OUT)/build.json
	@echo "== the same program, plain and with rustify run =="
	$(BIN)/python scripts/compare_run.py $(EXAMPLE)

test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow"

# Recipes to copy: profile once, select from the saved profile, edit, continue.
profile: setup
	@mkdir -p $(OUT)
	$(BIN)/rustify-profile -o $(OUT)/profile.json $(EXAMPLE)

select: setup
	$(BIN)/rustify-select --threshold $(THRESHOLD) $(OUT)/profile.json -o $(OUT)/selection.json

clean:
	rm -rf $(OUT) .pytest_cache .hypothesis

# Benchmarks: every example function, CPython vs rustify, on the examples' inputs.
bench: setup
	$(BIN)/python scripts/bench.py --cold
