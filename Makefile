# Two entry points: `make run` (the main job on the bundled examples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test train lint bench clean

$(BIN)/ceasefire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

EXAMPLES_DB := build/examples.db

run: $(BIN)/ceasefire
	@echo "== What the extractor reads in each bundled report"
	$(BIN)/ceasefire extract --format text examples/reports/*.md
	@echo
	@echo "== One record from all reports: is the ceasefire holding?"
	$(BIN)/ceasefire ingest examples/reports --db $(EXAMPLES_DB)
	$(BIN)/ceasefire reprocess --db $(EXAMPLES_DB)
	$(BIN)/ceasefire status --db $(EXAMPLES_DB)
	$(BIN)/ceasefire report --format html --out build/ceasefire-brief.html --db $(EXAMPLES_DB)
	@echo
	@echo "== The monitoring mechanism, a worked exercise on a copy of that store (see examples/mechanism.sh)"
	bash examples/mechanism.sh $(EXAMPLES_DB)
	@echo
	@echo "Brief written to build/ceasefire-brief.html. Open the dashboard on this store with:"
	@echo "    $(BIN)/ceasefire serve --db $(EXAMPLES_DB)    # then browse http://127.0.0.1:8000/"
	@echo "and the mechanism's pages (log in as chair, password exercise-only-password) with:"
	@echo "    $(BIN)/ceasefire serve --db build/mechanism-example.db   # then browse http://127.0.0.1:8000/mechanism"

test: $(BIN)/ceasefire
	$(BIN)/ruff check .
	$(BIN)/pytest -q -rs

# Rebuilds the shipped models from ../shared and the project's labels (deterministic; CPU, about a minute).
train: $(BIN)/ceasefire
	$(BIN)/python -m ceasefire.extraction.training.event_classifier
	$(BIN)/python -m ceasefire.extraction.training.actor_register
	$(BIN)/python -m ceasefire.extraction.training.place_register

bench: $(BIN)/ceasefire
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/long_input_speed.py
	$(BIN)/python benchmarks/gazetteer_speed.py
	$(BIN)/python benchmarks/monitor_speed.py
	$(BIN)/python benchmarks/resolution_speed.py
	$(BIN)/python benchmarks/web_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
