# Two commands a new user needs: `make report` (the main job) and `make test` (the tests).
# Each creates .venv from requirements.lock on first use. `make lab` opens JupyterLab in it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Another corpus: `make report MANIFEST=path/to/corpus.toml` (outputs go beside that manifest).
MANIFEST ?=
DISCOURSE := $(BIN)/discourse $(if $(MANIFEST),--manifest $(MANIFEST))
# `make test` runs the tests on this many processes (pytest-xdist); tests that share one
# expensive build are kept on one of them (tests/conftest.py). `make test TEST_WORKERS=0`: one.
TEST_WORKERS ?= 2

.PHONY: report test lab build figures check lint lock install clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed (found %s); set PYTHON=python3.11" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(DISCOURSE) report

test: $(STAMP)
	$(BIN)/ruff check analysis tests
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --cov --cov-report=term-missing:skip-covered

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

build: $(STAMP)
	$(DISCOURSE) build

figures: $(STAMP)
	$(DISCOURSE) figures

check: $(STAMP)
	$(DISCOURSE) check

lint: $(STAMP)
	$(BIN)/ruff check analysis tests
	$(BIN)/ruff format --check analysis tests

# Re-resolve the lock file from pyproject.toml (needs the network to PyPI).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	( echo "# Exact versions of every package the suite and its tests use (runtime + dev extra)."; \
	  echo "# Regenerate with: make lock   (after changing pyproject.toml). Python 3.11."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^discourse' ) > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf data/processed/* reports/ .cache/ .pytest_cache .coverage
