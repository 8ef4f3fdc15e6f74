"""The earlier row-by-row tokenization, kept as the reference for the columnar version.

These are :func:`analysis.tokens.tokens_sentences`, :func:`~analysis.tokens.tokens_words` and
:func:`~analysis.tokens.tokens_normalise` as they were before the token tables became columnar:
one Python dict per sentence and per token, and a per-token ``map_elements`` for the
normalised form. Tests compare the fast versions against them frame for frame, and
``discourse bench`` times them side by side. The scalar helpers (Punkt spans, the word
pattern, token kinds, normalisation) are shared with :mod:`analysis.tokens`, so both versions
tokenize by the same rules.
"""

from __future__ import annotations

import polars as pl

from analysis.tokens import (
    WORD_KINDS,
    normalise,
    sentence_spans,
    token_kind,
    word_spans,
)

_SENTENCE_SCHEMA = {
    "source_id": pl.String,
    "doc_id": pl.String,
    "text_id": pl.String,
    "segment_id": pl.String,
    "role": pl.String,
    "speaker": pl.String,
    "sentence_id": pl.String,
    "sentence_index": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
}


def tokens_sentences_reference(segments: pl.DataFrame) -> pl.DataFrame:
    """Split segments into sentences, one dict per sentence (the earlier version).

    Args:
        segments: a frame from :func:`analysis.corpus.corpus_segments`.

    Returns:
        One row per sentence, with ``start``/``end`` offsets into the raw source and a
        ``sentence_index`` counting from 1 within each primary text (``<text_id>:s001``…),
        or, outside the primary texts, within each document and role
        (``<doc_id>:<role>:s001``…).
    """
    rows = []
    counters: dict[str, int] = {}
    for seg in segments.iter_rows(named=True):
        # Numbered within the primary text, so ids are stable whatever else is loaded.
        key = seg["text_id"] or f"{seg['doc_id']}:{seg['role']}"
        for s, e in sentence_spans(seg["text"]):
            k = counters.get(key, 0) + 1
            counters[key] = k
            rows.append(
                {
                    "source_id": seg["source_id"],
                    "doc_id": seg["doc_id"],
                    "text_id": seg["text_id"],
                    "segment_id": seg["segment_id"],
                    "role": seg["role"],
                    "speaker": seg["speaker"],
                    "sentence_id": f"{key}:s{k:03d}",
                    "sentence_index": k,
                    "start": seg["start"] + s,
                    "end": seg["start"] + e,
                    "text": seg["text"][s:e],
                }
            )
    return pl.DataFrame(rows, schema=_SENTENCE_SCHEMA)


def tokens_words_reference(sentences: pl.DataFrame) -> pl.DataFrame:
    """Tokenize sentences into tokens with offsets, one dict per token (the earlier version).

    Args:
        sentences: a frame from :func:`analysis.tokens.tokens_sentences`.

    Returns:
        One row per token: the sentence's identifiers, ``token_index`` (from 1 within each
        primary text, or document and role), ``start``/``end`` into the raw source, ``token`` (surface form), ``kind``
        and ``is_word`` (the tokens every rate counts).
    """
    rows = []
    counters: dict[str, int] = {}
    for sent in sentences.iter_rows(named=True):
        key = sent["sentence_id"].rsplit(":", 1)[0]
        for s, e in word_spans(sent["text"]):
            token = sent["text"][s:e]
            kind = token_kind(token)
            k = counters.get(key, 0) + 1
            counters[key] = k
            rows.append(
                {
                    "source_id": sent["source_id"],
                    "doc_id": sent["doc_id"],
                    "text_id": sent["text_id"],
                    "segment_id": sent["segment_id"],
                    "sentence_id": sent["sentence_id"],
                    "token_index": k,
                    "start": sent["start"] + s,
                    "end": sent["start"] + e,
                    "token": token,
                    "kind": kind,
                    "is_word": kind in WORD_KINDS,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "source_id": pl.String,
            "doc_id": pl.String,
            "text_id": pl.String,
            "segment_id": pl.String,
            "sentence_id": pl.String,
            "token_index": pl.Int64,
            "start": pl.Int64,
            "end": pl.Int64,
            "token": pl.String,
            "kind": pl.String,
            "is_word": pl.Boolean,
        },
    )


def tokens_normalise_reference(tokens: pl.DataFrame) -> pl.DataFrame:
    """Add a ``norm`` column with a per-token ``map_elements`` (the earlier version)."""
    return tokens.with_columns(
        pl.col("token").map_elements(normalise, return_dtype=pl.String).alias("norm")
    )
