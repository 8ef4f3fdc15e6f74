"""Shared fixtures: the command-line runner and a scratch copy of the project.

Tests live in three tiers: ``tests/unit`` (synthetic input), ``tests/corpus`` (values pinned on
the default corpus; its conftest loads the corpus tables once) and ``tests/integration``.
"""

from __future__ import annotations

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


@pytest.fixture()
def scratch_root(tmp_path) -> Path:
    """A scratch project: copies of data/ (less processed/) and figures/; code from this checkout."""
    shutil.copytree(paths.DATA, tmp_path / "data", ignore=shutil.ignore_patterns("processed"))
    for f in (tmp_path / "data" / "raw").iterdir():
        f.chmod(0o644)
    shutil.copytree(paths.FIGURES, tmp_path / "figures")
    return tmp_path
