"""Machinery for the synthetic corpora of the unit tests (each test corpus keeps its own texts).

- :func:`segment_rows` / :func:`frames`: segments written for a test, cut into sentences and
  normalised tokens with the suite's own tokenizer (:mod:`analysis.tokens`), so the frames have
  every column the measures read.
- :func:`entry`, :func:`raw_source`, :func:`write_manifest`: a tiny manifest (and its raw files)
  in a temporary folder, in the schema of :mod:`analysis.corpus.manifest`.
- :data:`NOTES_MANIFEST`: a one-source manifest (``{file}``, ``{sha}`` to fill) whose two rules
  cut a heading and two remarks.
- :func:`manifest_in_force`: run with such a manifest in force, then restore the one before.

Nothing here reads the project's corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from analysis import paths, tokens

#: A one-source manifest: fill in ``file`` (e.g. ``raw/notes.txt``) and its ``sha``; its rules
#: expect one heading ("Heading …") and two remarks ("… remark …").
NOTES_MANIFEST = """version = 2

[[sources]]
id = "notes"
file = "{file}"
sha256 = "{sha}"
title = "Notes"
publisher = "House of Examples"
origin = "written for the tests"
captured = "unknown"

[[documents]]
id = "notes"
source = "notes"
title = "Notes"
speaker = "a writer"
date = "2025-01-01"
date_note = "n"

[[texts]]
id = "notes"
label = "Notes (2025)"
document = "notes"
roles = ["remark"]
genre = "statement"

# --- rules ---

[[segments]]
source = "notes"
document = "notes"
role = "heading"
pattern = '^(?P<text>Heading[^\\n]+)$'
expect = 1

[[segments]]
source = "notes"
document = "notes"
role = "remark"
pattern = '^(?P<text>[A-Z][a-z]+ remark[^\\n]*)$'
expect = 2
"""


def segment_rows(
    text_id: str,
    parts: Sequence[tuple[str, str]],
    *,
    segment_id: str = "{text_id}:{i:03d}",
    end: bool = True,
    **columns,
) -> list[dict]:
    """Segment rows of one text: one per ``(role, text)`` part, a newline between parts.

    Args:
        text_id: the text (its source is ``src-<text_id>``, its document ``<text_id>``).
        parts: ``(role, text)`` per segment, in order; offsets run on as in one raw file.
        segment_id: a format for the segment id (fields ``text_id``, ``role``, ``i`` from 1).
        end: give each row an ``end`` offset too.
        columns: further columns, or overrides (e.g. ``speaker``, ``doc_id``).
    """
    rows, start = [], 0
    for i, (role, text) in enumerate(parts, start=1):
        row = {
            "source_id": f"src-{text_id}",
            "doc_id": text_id,
            "text_id": text_id,
            "segment_id": segment_id.format(text_id=text_id, role=role, i=i),
            "role": role,
            "speaker": "someone",
            "start": start,
        }
        if end:
            row["end"] = start + len(text)
        rows.append({**row, "text": text, **columns})
        start += len(text) + 1
    return rows


def frames(segments: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(sentences, tokens)`` of a segments frame, as :mod:`analysis.tokens` makes them."""
    sentences = tokens.tokens_sentences(segments)
    return sentences, tokens_of(sentences)


def tokens_of(sentences: pl.DataFrame) -> pl.DataFrame:
    """Normalised tokens (``norm``) of a sentences frame."""
    return tokens.tokens_normalise(tokens.tokens_words(sentences))


def _toml(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if "\\" in value and "'" not in value:
        return f"'{value}'"  # a literal string: regular expressions keep their backslashes
    return json.dumps(value, ensure_ascii=False)


def entry(table: str, **fields) -> str:
    """One ``[[table]]`` entry of a manifest; fields that are None are left out."""
    lines = [f"[[{table}]]"]
    lines += [f"{key} = {_toml(value)}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n"


def raw_source(root: Path, source_id: str, file_name: str, text: str, **fields) -> str:
    """Write ``text`` to ``root/raw/file_name`` (UTF-8, bytes as given) and return its
    ``[[sources]]`` entry with the right SHA-256; ``fields`` add or override metadata."""
    raw = root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    (raw / file_name).write_bytes(data)
    meta = {"title": file_name, "publisher": "test", "origin": "test", "captured": "unknown"}
    return entry(
        "sources",
        id=source_id,
        file=f"raw/{file_name}",
        sha256=hashlib.sha256(data).hexdigest(),
        **{**meta, **fields},
    )


def write_manifest(root: Path, entries: Sequence[str]) -> Path:
    """Write ``root/corpus.toml`` (schema version 2) from entries; return its path."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / "corpus.toml"
    path.write_text("version = 2\n\n" + "\n".join(entries), encoding="utf-8")
    return path


@contextmanager
def manifest_in_force(path: Path) -> Iterator[Path]:
    """Make ``path`` the manifest in force, then restore the manifest and environment before."""
    before, env = paths.MANIFEST, os.environ.get("DISCOURSE_MANIFEST")
    try:
        yield paths.use_manifest(path)
    finally:
        paths.use_manifest(before)
        if env is None:
            os.environ.pop("DISCOURSE_MANIFEST", None)
        else:
            os.environ["DISCOURSE_MANIFEST"] = env
