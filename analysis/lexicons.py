"""Curated lexicons: loading with validation, and matching (multi-word) patterns on tokens.

Every lexicon in ``data/lexicons/`` is a CSV file that opens with ``#`` header lines giving at
least ``purpose``, ``source``, ``version`` and ``date``, followed by a CSV header row and data.
:func:`lexicon_load` checks the header, the columns, empty cells, duplicate keys and unknown
categories, and names the file and line of any problem.

Patterns are matched on normalised tokens (see :func:`analysis.tokens.normalise`), so a
pattern is written the way it is tokenized: ``Nagorno-Karabakh`` is one token, ``Republic of
Artsakh`` three, ``Canada’s`` two (``canada`` ``'s``). A trailing ``*`` on a pattern word matches
any token starting with it (``condemn*``). Matching is greedy and longest-first: where
``Republic of Artsakh`` matches, ``Artsakh`` alone is not counted again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.io import DiscourseError
from analysis.tokens import normalise, tokenize

REQUIRED_HEADER = ("purpose", "source", "version", "date")


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon: its header fields and its rows as a polars frame."""

    name: str
    path: Path
    header: dict[str, str]
    table: pl.DataFrame


@dataclass(frozen=True)
class CommentedCsv:
    """A CSV file's ``# field: value`` header, its columns, and its rows with line numbers."""

    path: Path
    header: dict[str, str]
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]


def read_commented_csv(
    path: Path,
    *,
    required_header: tuple[str, ...] = REQUIRED_HEADER,
    required_columns: tuple[str, ...] = (),
) -> CommentedCsv:
    """Read a curated CSV (lexicon, codebook labels) that opens with ``# field: value`` lines.

    Every row is checked to have as many fields as the header row and non-empty
    ``required_columns``; cells are stripped; blank lines are skipped. Line numbers are the
    file's own (quoted cells spanning lines are accounted for).

    Raises:
        DiscourseError: naming the file and line for a missing header field, missing column,
            wrong field count or empty required cell.
    """
    path = Path(path)
    if not path.is_file():
        raise DiscourseError(f"{path}: file not found. Restore it from git.")
    lines = path.read_text(encoding="utf-8").splitlines()
    header: dict[str, str] = {}
    body_start = len(lines)
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = i
            break
        field, sep, value = line[1:].partition(":")
        if sep:
            header[field.strip().lower()] = value.strip()
    missing = [f for f in required_header if not header.get(f)]
    if missing:
        raise DiscourseError(
            f"{path}, line 1: header lacks {missing}; start the file with "
            + ", ".join(f"'# {f}: …'" for f in required_header)
            + " lines."
        )
    reader = csv.reader(io.StringIO("\n".join(lines[body_start:])))
    try:
        columns = [c.strip() for c in next(reader)]
    except StopIteration:
        raise DiscourseError(f"{path}: no CSV header row after the comment header.") from None
    absent = [c for c in required_columns if c not in columns]
    if absent:
        raise DiscourseError(
            f"{path}, line {body_start + 1}: missing column(s) {absent}; found {columns}."
        )
    rows = []
    for values in reader:
        line_no = body_start + reader.line_num
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise DiscourseError(
                f"{path}, line {line_no}: {len(values)} fields, expected {len(columns)} "
                f"({columns}); quote cells that contain commas."
            )
        row = {c: v.strip() for c, v in zip(columns, values, strict=True)}
        for c in required_columns:
            if not row[c]:
                raise DiscourseError(f"{path}, line {line_no}: empty {c!r}; every row needs one.")
        rows.append((line_no, row))
    return CommentedCsv(path=path, header=header, columns=columns, rows=rows)


def lexicon_load(
    name: str,
    *,
    required: tuple[str, ...],
    key: tuple[str, ...] | None = None,
    categories: dict[str, set[str]] | None = None,
    directory: Path | None = None,
) -> Lexicon:
    """Load and validate ``<directory>/<name>.csv`` (default ``data/lexicons/``).

    Args:
        name: the file name without ``.csv``.
        required: columns that must exist and be non-empty in every row.
        key: columns whose combination must be unique (e.g. ``("form",)``); compared after
            normalising pattern text, so ``Khojali`` and ``khojali`` are duplicates.
        categories: for a column, the set of values it may take.
        directory: another directory (tests use this).

    Raises:
        DiscourseError: naming the file and line for a missing header field, missing column,
            empty cell, duplicate key or unknown category.
    """
    path = (Path(directory) if directory else paths.LEXICONS) / f"{name}.csv"
    if not path.is_file():
        raise DiscourseError(f"{path}: lexicon not found. Restore it from git or create it.")
    table_csv = read_commented_csv(path, required_columns=required)
    rows = []
    seen: dict[tuple, int] = {}
    for line_no, row in table_csv.rows:
        for column, allowed in (categories or {}).items():
            if row.get(column) not in allowed:
                raise DiscourseError(
                    f"{path}, line {line_no}: unknown {column} {row.get(column)!r}; "
                    f"allowed: {sorted(allowed)}."
                )
        if key:
            k = tuple(pattern_key(row[c]) for c in key)
            if k in seen:
                raise DiscourseError(
                    f"{path}, line {line_no}: duplicate {'/'.join(key)} {row[key[0]]!r} "
                    f"(first at line {seen[k]})."
                )
            seen[k] = line_no
        row["line"] = line_no
        rows.append(row)
    if not rows:
        raise DiscourseError(f"{path}: no entries.")
    columns = table_csv.columns
    table = pl.DataFrame(rows, schema={**{c: pl.String for c in columns}, "line": pl.Int64})
    return Lexicon(name=name, path=path, header=table_csv.header, table=table)


def pattern_tokens(pattern: str) -> tuple[str, ...]:
    """Tokenize and normalise a pattern the way corpus text is (``*`` wildcards kept)."""
    out = []
    for word in pattern.split():
        star = word.endswith("*") and len(word) > 1
        base = word[:-1] if star else word
        toks = [normalise(t) for t in tokenize(base)]
        if star and toks:
            toks[-1] += "*"
        out.extend(toks)
    if not out:
        raise DiscourseError(f"pattern {pattern!r} has no tokens.")
    return tuple(out)


def pattern_key(pattern: str) -> str:
    return " ".join(pattern_tokens(pattern))


def token_matches(pattern_tok: str, token: str) -> bool:
    """Whether a normalised token matches one pattern token (``word*`` is a prefix match)."""
    if pattern_tok.endswith("*"):
        return token.startswith(pattern_tok[:-1])
    return token == pattern_tok


def surface_text(
    segments: pl.DataFrame | None = None, manifest_path: Path | None = None
) -> Callable[[str, str | None, int, int], str]:
    """A function ``(source_id, segment_id, start, end) -> text`` slicing the matched surface.

    From the segments frame the tokens were made from when given (no file is read), else from
    the raw source of ``manifest_path`` (default: the manifest in force).
    """
    if segments is None:
        from analysis import corpus  # local: corpus is heavy only on first load

        return lambda source_id, _seg, start, end: corpus.raw_text(source_id, manifest_path)[
            start:end
        ]
    spans = {
        seg: (source, seg_start, text)
        for seg, source, seg_start, text in segments.select(
            "segment_id", "source_id", "start", "text"
        ).iter_rows()
    }
    by_source: dict[str, list[tuple[int, str]]] = {}
    for source, seg_start, text in spans.values():
        by_source.setdefault(source, []).append((seg_start, text))

    def text_of(source_id: str, segment_id: str | None, start: int, end: int) -> str:
        if segment_id in spans:
            candidates = [spans[segment_id][1:]]
        else:
            candidates = by_source.get(source_id, [])
        for seg_start, text in candidates:
            if seg_start <= start and end <= seg_start + len(text):
                return text[start - seg_start : end - seg_start]
        raise DiscourseError(
            f"no segment of {source_id!r} holds characters {start}-{end}; pass the segments "
            "frame the tokens were made from."
        )

    return text_of


def match_patterns(
    tokens: pl.DataFrame,
    patterns: pl.DataFrame,
    *,
    pattern_column: str = "pattern",
    segments: pl.DataFrame | None = None,
    manifest_path: Path | None = None,
    source_text: Callable[[str], str] | None = None,
) -> pl.DataFrame:
    """Find every occurrence of each pattern in the tokens.

    Args:
        tokens: normalised tokens (``norm`` column) with ``text_id``, ``sentence_id``,
            ``token_index``, ``source_id``, ``start``, ``end`` (and ``segment_id`` if
            ``segments`` is given), in document order.
        patterns: a frame with ``pattern_column`` plus any columns to carry along.
        segments: the segments frame the tokens were made from (``segment_id, source_id,
            start, text``); ``matched`` is sliced from it, so tokens of any corpus work
            without reading files.
        manifest_path: without ``segments``, ``matched`` is sliced from the raw sources of
            this manifest (default: the manifest in force).
        source_text: instead of either, a function giving the text of a source id.

    Returns:
        One row per match: the pattern row's columns, ``text_id``, ``sentence_id``,
        ``source_id``, ``token_index`` (first token), ``n_tokens``, ``start``/``end`` (character
        offsets into the raw source) and ``matched`` (the surface text). Longest patterns win
        where matches overlap; matches never cross sentence boundaries.
    """
    compiled = [
        (pattern_tokens(row[pattern_column]), row) for row in patterns.iter_rows(named=True)
    ]
    compiled.sort(key=lambda item: -len(item[0]))
    if source_text is not None:
        surface = lambda source_id, _segment, start, end: source_text(source_id)[start:end]  # noqa: E731
    else:
        surface = surface_text(segments, manifest_path)
    has_segment = "segment_id" in tokens.columns

    out = []
    for (sentence_id,), sent in tokens.group_by("sentence_id", maintain_order=True):
        norms = sent["norm"].to_list()
        taken = [False] * len(norms)
        seg_col = pl.col("segment_id") if has_segment else pl.lit(None, dtype=pl.String)
        meta = sent.select(
            "text_id", "source_id", "token_index", "start", "end", seg_col.alias("_seg")
        ).rows()
        for ptoks, prow in compiled:
            n = len(ptoks)
            for i in range(len(norms) - n + 1):
                if any(taken[i : i + n]):
                    continue
                if all(token_matches(p, norms[i + j]) for j, p in enumerate(ptoks)):
                    for j in range(i, i + n):
                        taken[j] = True
                    text_id, source_id, token_index, start, _, segment_id = meta[i]
                    end = meta[i + n - 1][4]
                    out.append(
                        {
                            **prow,
                            "text_id": text_id,
                            "sentence_id": sentence_id,
                            "source_id": source_id,
                            "token_index": token_index,
                            "n_tokens": n,
                            "start": start,
                            "end": end,
                            "matched": surface(source_id, segment_id, start, end),
                        }
                    )
    columns = list(patterns.columns) + [
        "text_id",
        "sentence_id",
        "source_id",
        "token_index",
        "n_tokens",
        "start",
        "end",
        "matched",
    ]
    if not out:
        schema = dict(patterns.schema) | {
            "text_id": pl.String,
            "sentence_id": pl.String,
            "source_id": pl.String,
            "token_index": pl.Int64,
            "n_tokens": pl.Int64,
            "start": pl.Int64,
            "end": pl.Int64,
            "matched": pl.String,
        }
        return pl.DataFrame(schema=schema)
    frame = pl.DataFrame(out, schema_overrides=dict(patterns.schema)).select(columns)
    from analysis import corpus

    # texts in display order, then ids the manifest lacks as they occur, then other segments
    order = corpus.texts_in(tokens, manifest_path=manifest_path)
    return corpus.order_by_text(frame, "token_index", order=order)
