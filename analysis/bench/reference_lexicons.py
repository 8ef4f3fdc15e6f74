"""The earlier pattern-by-pattern lexicon matcher, kept as a reference.

:func:`match_patterns_reference` loops over every pattern and every position of every
sentence in Python. :func:`analysis.lexicons.match_patterns` replaces it with an indexed
search; tests check both return identical frames and ``discourse bench`` compares their speed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from analysis.lexicons import pattern_tokens, surface_text, token_matches


def match_patterns_reference(
    tokens: pl.DataFrame,
    patterns: pl.DataFrame,
    *,
    pattern_column: str = "pattern",
    segments: pl.DataFrame | None = None,
    manifest_path: Path | None = None,
    source_text: Callable[[str], str] | None = None,
) -> pl.DataFrame:
    """Find every occurrence of each pattern in the tokens, pattern by pattern.

    The earlier pattern-by-pattern version of :func:`analysis.lexicons.match_patterns`, kept
    as the reference for equality tests and ``discourse bench``.

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
