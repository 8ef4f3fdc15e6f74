"""Atomic file writing, staged generations of whole directories, and the suite's error type.

Outputs are written to a temporary file in the destination directory and moved into
place with :func:`os.replace`, so a crash or an error never leaves a half-written file.
Directories whose files belong together (the processed tables, the figures, the reports) are
written as a whole new generation beside the old one and swapped in with
:func:`staged_generation`, so a failed or killed run never leaves old and new files mixed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


# --- staged generations ----------------------------------------------------------------------
#
# A generation (all processed tables, all figures, all reports) is written into a sibling
# staging directory and swapped in whole, so readers see the old generation or the new one,
# never a mix. The swap is two renames (old aside, staging in); recover_generation() finishes
# or undoes a swap that a crash interrupted between them.

STAGING = "staging"
RETIRED = "old"


def _sibling(target: Path, kind: str, pid: int | None = None) -> Path:
    return target.parent / f".{target.name}.{kind}-{os.getpid() if pid is None else pid}"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _leftovers(target: Path, kind: str) -> list[tuple[Path, int]]:
    prefix = f".{target.name}.{kind}-"
    found = []
    if target.parent.is_dir():
        for p in sorted(target.parent.iterdir()):
            if p.name.startswith(prefix) and p.name[len(prefix) :].isdigit():
                found.append((p, int(p.name[len(prefix) :])))
    return found


def recover_generation(target: Path) -> None:
    """Clean up after a generation swap that a crash or SIGKILL interrupted.

    If ``target`` is missing but a retired copy of it is left, the crash came between the two
    renames: the retired copy (the previous generation, whole) is put back. Staging and retired
    directories of processes that are no longer running are then deleted.
    """
    target = Path(target)
    retired = [(p, pid) for p, pid in _leftovers(target, RETIRED) if not _pid_alive(pid)]
    if not target.exists() and retired:
        os.rename(retired[-1][0], target)
        retired = retired[:-1]
    for path, pid in retired + _leftovers(target, STAGING):
        if path.exists() and not _pid_alive(pid):
            shutil.rmtree(path, ignore_errors=True)


def _link_or_copy(src: str, dst: str) -> None:
    # A hard link keeps an unchanged file's bytes and modification time at no cost; every
    # write into the staging directory replaces the link (os.replace), never edits it.
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


@contextmanager
def staged_generation(target: Path, *, carry_over: bool = True) -> Iterator[Path]:
    """Write a new generation of the directory ``target`` in a staging directory, then swap.

    Yields a staging directory beside ``target`` (``.<name>.staging-<pid>``), holding a
    hard-linked copy of ``target``'s current files when ``carry_over`` is set. Write the new
    generation there (with :func:`write_atomic`, which replaces files, never edits them). When
    the block ends normally, the staging directory becomes ``target`` and the previous
    generation is deleted; when it raises, the staging directory is deleted and ``target`` is
    left exactly as it was.
    """
    target = Path(target)
    recover_generation(target)
    staging = _sibling(target, STAGING)
    if staging.exists():
        shutil.rmtree(staging)
    if carry_over and target.is_dir():
        shutil.copytree(target, staging, symlinks=True, copy_function=_link_or_copy)
    else:
        staging.mkdir(parents=True)
    try:
        yield staging
        swap_in(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, target: Path) -> None:
    """Make the directory ``staging`` the directory ``target``; delete the previous one."""
    if not target.exists():
        os.rename(staging, target)
        return
    retired = _sibling(target, RETIRED)
    if retired.exists():
        shutil.rmtree(retired)
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
