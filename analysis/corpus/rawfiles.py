"""Raw files of the corpus: where they may live, how large they may be, and reading them.

Raw files and sidecars are read only from the ``raw/`` directory beside the manifest
(``data/raw/`` for the default corpus): a path that resolves elsewhere, through ``..``, an
absolute path or a symlink, is refused before it is read (:func:`confined`), so no other file's
content or hash reaches a message or the segments. A source over :data:`MAX_SOURCE_MB`
megabytes or :data:`MAX_SOURCE_LINES` lines is refused before it is parsed
(``DISCOURSE_MAX_SOURCE_MB`` and ``DISCOURSE_MAX_SOURCE_LINES`` raise the limits). What is read
is checked: present, not empty, UTF-8 and matching its SHA-256 in the manifest.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from analysis import paths
from analysis.corpus.manifest import Manifest, Source, manifest
from analysis.io import DiscourseError

#: Largest raw source read, in megabytes (``DISCOURSE_MAX_SOURCE_MB`` overrides it), and most
#: lines in one source (``DISCOURSE_MAX_SOURCE_LINES``). Building is linear in both; memory
#: grows with the lines and segments (a few hundred bytes each), so within these bounds one
#: source builds in about a minute within 2 GB. Larger sources are refused before parsing.
MAX_SOURCE_MB = 64
MAX_SOURCE_LINES = 2_000_000


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def raw_dir(m: Manifest) -> Path:
    """The directory every raw file and sidecar of ``m`` must live in: ``raw/`` beside it."""
    return (m.path.parent / "raw").resolve()


def confined(source: Source, m: Manifest, name: str, key: str = "file") -> Path:
    """The resolved path of ``name`` (a source's ``file`` or ``sidecar``), inside the raw dir.

    Symlinks are resolved first, so a link that points out of the raw directory is refused too.
    Nothing is read here: a refused file's content and hash never reach a message.

    Raises:
        DiscourseError: the path resolves outside the raw directory.
    """
    folder = raw_dir(m)
    path = (m.path.parent / name).resolve()
    if not path.is_relative_to(folder):
        line = m.source_lines.get(source.id, "?")
        raise DiscourseError(
            f"{m.path}, line {line}: source {source.id!r} names {key} {name!r}, which resolves "
            f"to {path}, outside the raw directory {folder}; refused unread. Copy the file into "
            f"{folder} (discourse add FILE does) and name it as raw/NAME."
        )
    return path


def raw_path(source: Source, m: Manifest) -> Path:
    """A source's raw file, resolved and confined to the raw directory (:func:`confined`)."""
    return confined(source, m, source.file)


def _limit(variable: str, default: float, unit: str) -> float:
    value = os.environ.get(variable)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number > 0:
        raise DiscourseError(
            f"{variable}={value!r} is not a positive number of {unit}; unset it (default "
            f"{default:g}) or set a larger number."
        )
    return number


def max_source_bytes() -> int:
    """The largest raw source read, in bytes: ``DISCOURSE_MAX_SOURCE_MB`` or :data:`MAX_SOURCE_MB`.

    Raises:
        DiscourseError: the variable is set but is not a positive number.
    """
    return int(_limit("DISCOURSE_MAX_SOURCE_MB", MAX_SOURCE_MB, "megabytes") * 2**20)


def max_source_lines() -> int:
    """Most lines in one raw source: ``DISCOURSE_MAX_SOURCE_LINES`` or :data:`MAX_SOURCE_LINES`."""
    return int(_limit("DISCOURSE_MAX_SOURCE_LINES", MAX_SOURCE_LINES, "lines"))


def read_within_limits(
    path: Path,
    what: str = "",
    split_into: str = "several files",
    *,
    bytes_note: str = "",
    lines_note: str = "",
) -> bytes:
    """The bytes of ``path``, refused before reading if over :func:`max_source_bytes`, and
    after reading if over :func:`max_source_lines`.

    Args:
        path: the file.
        what: words between the path and the size in the message (e.g. ``"raw source 'x' is "``).
        split_into: what the message suggests splitting the file into.
        bytes_note, lines_note: a remark appended to each message.

    Raises:
        DiscourseError: naming the file, its size or line count, the limit and the variable
            that raises it.
    """
    size, limit = path.stat().st_size, max_source_bytes()
    if size > limit:
        raise DiscourseError(
            f"{path}: {what}{size:,} bytes, over the limit of {limit:,} bytes per source; "
            f"split it into {split_into}, or raise the limit with DISCOURSE_MAX_SOURCE_MB=N"
            f"{bytes_note}."
        )
    data = path.read_bytes()
    lines, most = data.count(b"\n") + 1, max_source_lines()
    if lines > most:
        has = what.replace(" is ", " has ") if what else ""
        raise DiscourseError(
            f"{path}: {has}{lines:,} lines, over the limit of {most:,} lines per source; "
            f"split it into {split_into}, or raise the limit with DISCOURSE_MAX_SOURCE_LINES=N"
            f"{lines_note}."
        )
    return data


def shown_path(source: Source, m: Manifest) -> str:
    """A source's file as people should read it: relative to the project when inside it."""
    path = m.path.parent / source.file
    try:
        return path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:  # a corpus directory outside the project
        return str(path.resolve())


def read_source(source_id: str, m: Manifest | None = None, *, verify: bool = True) -> str:
    """Return a raw source's text, after checking it exists, is UTF-8 and matches its SHA-256.

    Raises:
        DiscourseError: naming the file and what to do, on any of those failures.
    """
    m = m or manifest()
    source = m.source(source_id)
    path = raw_path(source, m)
    if not path.is_file():
        raise DiscourseError(
            f"{path}: raw source {source_id!r} is missing. Copy it unchanged from the corpus "
            f"delivery (../shared/corpus/) into data/raw/."
        )
    data = read_within_limits(
        path,
        f"raw source {source_id!r} is ",
        "several sources",
        bytes_note=" (building needs about 8 times a source's size in memory)",
        lines_note=" (each line costs a few hundred bytes to build)",
    )
    if not data.strip():
        raise DiscourseError(
            f"{path}: raw source {source_id!r} is empty. Restore the original file."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DiscourseError(
            f"{path}: not valid UTF-8 at byte offset {exc.start} ({exc.reason}). Raw files must be "
            f"UTF-8: re-save the original as UTF-8 and record the conversion in the manifest."
        ) from exc
    if verify:
        actual = hashlib.sha256(data).hexdigest()
        if actual != source.sha256:
            raise DiscourseError(
                f"{path}: checksum mismatch for {source_id!r}: manifest says {source.sha256}, "
                f"file is {actual}. Raw data is never edited: restore the original (git checkout -- "
                f"data/raw/), or, for a deliberately new capture, add it as a new source."
            )
    return text


def raw_text(source_id: str, manifest_path: Path | None = None) -> str:
    """The verified text of a raw source (cached per process)."""
    return _raw_text_cached(source_id, Path(manifest_path) if manifest_path else paths.MANIFEST)


@lru_cache(maxsize=16)
def _raw_text_cached(source_id: str, manifest_path: Path) -> str:
    return read_source(source_id, manifest(manifest_path))
