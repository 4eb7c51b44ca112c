# Two entry points for users: `make demo` and `make test` (see README.md).
# Both create a local virtual environment in .venv/ on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.wijklib-installed
OUT ?= output/demo

.PHONY: setup system-packages demo test benchmark leerversie clean help

help:
	@echo "make demo       - zet de omgeving op en draait de demo op de fictieve gemeente"
	@echo "make test       - zet de omgeving op en draait alle tests"
	@echo "make benchmark  - meet snelheid en geheugen (benchmarks/)"
	@echo "make leerversie - oefennotebooks zonder uitwerkingen in output/training_leerversie"

setup: $(STAMP)

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "wijklib vraagt Python 3.11 of nieuwer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (wijklib)"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/wijk demo --uit $(OUT)

system-packages:
	@scripts/install_system_packages.sh

test: $(STAMP) system-packages
	$(BIN)/ruff check wijklib tests benchmarks scripts setup.py
	$(BIN)/mypy
	$(BIN)/python -m pytest

# BENCH_ARGS: options of benchmarks/run_all.py, e.g. make benchmark BENCH_ARGS="--areas 4 --flat-areas 8"
benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

leerversie: $(STAMP)
	$(BIN)/python -m wijklib.training learner notebooks/training output/training_leerversie

clean:
	rm -rf $(VENV) output .pytest_cache
