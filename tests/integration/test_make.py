"""The Makefile's install and lab recipes, read with ``make -n`` (nothing is run or installed).

``make lab`` must work where the user is root, as in containers (Jupyter refuses root unless
given ``--allow-root``), and the first ``make install`` must say what it is doing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import paths

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make"),
]


def dry_run(*args: str, path_first: Path | None = None) -> list[str]:
    """The commands ``make -n ARGS`` would run, one per line."""
    env = dict(os.environ)
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env['PATH']}"
    out = subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.splitlines()


def fake_id(folder: Path, uid: int) -> Path:
    """A folder holding an ``id`` command that reports ``uid`` for ``id -u``."""
    folder.mkdir()
    script = folder / "id"
    script.write_text(f"#!/bin/sh\necho {uid}\n")
    script.chmod(0o755)
    return folder


@pytest.mark.parametrize("uid", [0, 1000])
def test_lab_allows_root_only_for_root(uid, tmp_path):
    # -o: treat the install stamp as done, so only the lab recipe is shown.
    lines = dry_run("-o", ".venv/.installed", "lab", path_first=fake_id(tmp_path / "bin", uid))
    (lab,) = [line for line in lines if "jupyter lab" in line]
    assert lab.split()[:3] == [".venv/bin/jupyter", "lab", "notebooks/"]
    assert ("--allow-root" in lab.split()) == (uid == 0), lab


def test_first_install_says_what_it_does(tmp_path):
    lines = dry_run("-B", "install")
    steps = [line for line in lines if line.startswith('echo "install [')]
    assert [s.split("]")[0] for s in steps] == [
        'echo "install [1/3',
        'echo "install [2/3',
        'echo "install [3/3',
    ]
    (lock,) = [line for line in lines if "-r requirements.lock" in line]
    # The long step shows pip's own progress (one line per package, download bars).
    assert "--quiet" not in lock.split() and "-q" not in lock.split()
    assert lines.index(steps[1]) == lines.index(lock) - 1
