# The README's two commands: `make report` and `make test`.
#
#   make report            set up .venv, build the store if needed (downloading the data with
#                          `rotoscope update` when there is no mirror), write the HTML note
#                          under reports/ and print its summary
#   make report DATA=DIR   the same with another data mirror (ROTOSCOPE_DATA_DIR works too)
#   make test              set up .venv and run ruff, mypy and pytest
#   make serve             set up .venv, build the store if needed and serve the web app on
#                          http://127.0.0.1:8000/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= $(if $(ROTOSCOPE_DATA_DIR),$(ROTOSCOPE_DATA_DIR),../shared/data)
STAMP  := $(VENV)/.installed

.PHONY: report store test install bench clean chromium serve

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,spark]"
	touch $(STAMP)

install: $(STAMP)

# Without a mirror at $(DATA), `rotoscope update` downloads one (into $$ROTOSCOPE_DATA_DIR,
# else $$ROTOSCOPE_HOME/data) and builds the store; without a network either, one line says
# how to get data. The update's own messages go to $(VENV)/update.log.
NODATA = error: no data: there is no mirror at $(DATA) and it could not be downloaded. Pass \
  DATA=DIR (or --data-dir DIR, or set ROTOSCOPE_DATA_DIR) to use a mirror, or run \
  'rotoscope update' with network access to download one (details: $(VENV)/update.log)

store: $(STAMP)
	@if [ -d "$(DATA)" ]; then \
	  $(BIN)/rotoscope init --data-dir "$(DATA)"; \
	else \
	  echo "No data mirror at $(DATA): running 'rotoscope update' to download the data."; \
	  $(BIN)/rotoscope update 2>"$(VENV)/update.log" || { echo "$(NODATA)" >&2; exit 2; }; \
	fi

report: store
	$(BIN)/rotoscope report --format html

serve: store
	$(BIN)/rotoscope serve

# Browser tests drive Debian's chromium; install it when missing (CI runs as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

test: $(STAMP) chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python -m pytest

bench: $(STAMP)
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/init_store.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/facts.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/check.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/check_accuracy.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/report.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/serve.py
	ROTOSCOPE_DATA_DIR="$(abspath $(DATA))" $(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/panel.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
