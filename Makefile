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

.PHONY: report test lab build figures check lint lock install clean bench

# The first install downloads a few hundred MB: each step says what it does, pip shows progress.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed (found %s); set PYTHON=python3.11" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@echo "install [1/3]: virtual environment $(VENV)/"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "install [2/3]: packages pinned in requirements.lock (the first time takes a few minutes)"
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.lock
	@echo "install [3/3]: this project (editable) and its \`discourse\` command"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)
	@echo "install: done; $(BIN)/discourse --version: $$($(BIN)/discourse --version)"

install: $(STAMP)

report: $(STAMP)
	$(DISCOURSE) report

test: $(STAMP)
	$(BIN)/ruff check analysis tests
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --cov --cov-report=term-missing:skip-covered

# Jupyter refuses to run as root unless told; containers often run as root.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

build: $(STAMP)
	$(DISCOURSE) build

figures: $(STAMP)
	$(DISCOURSE) figures

check: $(STAMP)
	$(DISCOURSE) check

# Time the suite against its baselines on the scale corpus (see benchmarks/README.md).
# `make bench DOCS=100,1000` for a shorter run; the records go to benchmarks/bench.json.
DOCS ?= 100,1000,10000
bench: $(STAMP)
	$(BIN)/discourse bench --docs $(DOCS) --json benchmarks/bench.json

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
