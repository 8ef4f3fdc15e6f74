"""Atomic file writing and the suite's error type.

Outputs are written to a temporary file in the destination directory and moved into
place with :func:`os.replace`, so a crash or an error never leaves a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import polars as pl


class DiscourseError(Exception):
    """An error in the suite's inputs, with a message that names the file, place and fix."""


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return _write_via(path, lambda tmp: tmp.write_bytes(payload))


def write_frame_atomic(frame: pl.DataFrame, path: Path) -> Path:
    """Write a polars frame as Parquet or CSV (chosen by suffix) atomically."""
    path = Path(path)
    if path.suffix == ".parquet":
        # No statistics and a fixed compression keep the bytes stable across runs.
        return _write_via(
            path, lambda tmp: frame.write_parquet(tmp, compression="zstd", statistics=False)
        )
    if path.suffix == ".csv":
        return _write_via(path, lambda tmp: frame.write_csv(tmp))
    raise ValueError(f"{path}: unsupported table format {path.suffix!r} (use .parquet or .csv)")


def _write_via(path: Path, writer: Callable[[Path], object]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(tmp)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
