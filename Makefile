# Two entry points: `make run` (the main job on the bundled examples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/ceasefire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/ceasefire
	$(BIN)/ceasefire extract --format text examples/reports/*.md

test: $(BIN)/ceasefire
	$(BIN)/ruff check .
	$(BIN)/pytest -q -rs

bench: $(BIN)/ceasefire
	$(BIN)/python benchmarks/extract_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
