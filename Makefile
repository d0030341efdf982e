# The README's two commands: `make report` and `make test`.
#
#   make report            set up .venv, build the store from the mirror if needed, run the main job
#   make report DATA=DIR   the same with another data mirror (ROTOSCOPE_DATA_DIR works too)
#   make test              set up .venv and run ruff, mypy and pytest

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= $(if $(ROTOSCOPE_DATA_DIR),$(ROTOSCOPE_DATA_DIR),../shared/data)
STAMP  := $(VENV)/.installed

.PHONY: report test install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/rotoscope init --data-dir "$(DATA)"
	$(BIN)/rotoscope data status

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python -m pytest

bench: $(STAMP)
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/init_store.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/facts.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/check.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
