"""Shared fixtures: the command-line runner, a scratch copy of the project, one render cache.

Tests live in three tiers: ``tests/unit`` (synthetic input), ``tests/corpus`` (values pinned on
the default corpus; its conftest loads the corpus tables once) and ``tests/integration``.
``make test`` runs them on two workers (``pytest -n 2 --dist loadgroup``): test modules that share
one expensive build (:data:`SHARED_BUILDS`) are grouped on one worker, so it is built once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths


def run_discourse(root: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the ``discourse`` command in a subprocess against the project at ``root``."""
    env = {**os.environ, "DISCOURSE_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def copy_project(root: Path) -> Path:
    """Copy data/ (less processed/) and figures/ into ``root``: a scratch project."""
    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("processed"))
    for f in (root / "data" / "raw").iterdir():
        f.chmod(0o644)
    shutil.copytree(paths.FIGURES, root / "figures")
    return root


@pytest.fixture()
def scratch_root(tmp_path) -> Path:
    """A scratch project: copies of data/ (less processed/) and figures/; code from this checkout."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A scratch project after one ``discourse build`` (per session), and what the build did."""
    root = copy_project(tmp_path_factory.mktemp("built-project"))
    return root, run_discourse(root, "build")


@pytest.fixture()
def built_root(tmp_path, built_project) -> Path:
    """A scratch project whose processed data is built: a copy of :func:`built_project`'s."""
    root, build = built_project
    assert build.returncode == 0, build.stderr
    shutil.copytree(root, tmp_path, dirs_exist_ok=True)
    return tmp_path


# --- parallel runs (pytest -n 2 --dist loadgroup, see the Makefile) ---------------------------

#: Test modules that share one expensive session build (a fixture): each group of modules runs
#: on one worker, so the build happens once and not once per worker. ``reports_build``: the
#: seven-text `discourse report` run. (``built_project``, one `discourse build`, takes seconds:
#: each worker makes its own, so the CLI tests, the slowest there are, spread over both.)
SHARED_BUILDS = {
    "tests/integration/test_notebooks.py": "report-build",
    "tests/integration/test_browser.py": "report-build",
}


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` that also groups by :data:`SHARED_BUILDS` (largest groups first).

    xdist's own ``xdist_group`` marks are not applied with pytest 9 (xdist 3.8 renames
    ``item._nodeid``, which pytest 9 no longer reads), so the groups are made here, from node ids.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.rfind("@") > nodeid.rfind("]"):  # an xdist_group mark
                return nodeid.split("@")[-1]
            return SHARED_BUILDS.get(nodeid.split("::", 1)[0], nodeid)

    return SharedBuildScheduling(config, log)


# --- figures rendered once per session --------------------------------------------------------


def _canonical(spec) -> str:
    """One key for the same Vega-Lite spec, whether given as a dict or as JSON of any layout."""
    value = json.loads(spec) if isinstance(spec, str | bytes) else spec
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class RenderCache:
    """vl-convert's renderers, each distinct (spec, version, options) rendered once.

    Rendering is a pure function of the spec, the Vega-Lite version and the options (figures are
    byte-reproducible; Vega's process-wide gradient/clip counter is renumbered by
    ``figures.stable_svg_ids``), so a second rendering of the same spec gives the same result.
    The chart checks of tests/corpus and the figure checks of tests/integration/test_figures.py
    render the same registered figures; with the cache each is rendered once per session.
    """

    def __init__(self, module) -> None:
        self.module = module
        self.real = {name: getattr(module, name) for name in ("vegalite_to_svg", "vegalite_to_png")}
        self.latest = module.get_vegalite_versions()[-1]  # what vl_version=None means
        self.results: dict[tuple, object] = {}
        self.calls = self.renders = 0

    def wrap(self, name: str):
        real = self.real[name]

        def render(vl_spec, vl_version=None, **options):
            self.calls += 1
            version = str(vl_version or self.latest).removeprefix("v")
            key = (name, _canonical(vl_spec), version, json.dumps(options, sort_keys=True))
            if key not in self.results:
                self.renders += 1
                self.results[key] = real(vl_spec, vl_version=vl_version, **options)
            return self.results[key]

        render.__wrapped__ = real
        return render

    def install(self) -> None:
        for name in self.real:
            setattr(self.module, name, self.wrap(name))

    def uninstall(self) -> None:
        for name, real in self.real.items():
            setattr(self.module, name, real)


@pytest.fixture(scope="session", autouse=True)
def render_cache():
    """Every in-process vl-convert rendering goes through one session cache (see RenderCache)."""
    import vl_convert

    cache = RenderCache(vl_convert)
    cache.install()
    yield cache
    cache.uninstall()


@pytest.fixture()
def uncached_renderer(render_cache):
    """vl-convert's own renderers for one test (one that depends on what was rendered before)."""
    render_cache.uninstall()
    yield
    render_cache.install()
