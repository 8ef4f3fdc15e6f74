"""The earlier row-by-row proper-name helpers of the sentiment lexicons, kept as a reference.

:func:`match_forms_reference` tries every form at every position of every sentence in Python,
:func:`sentence_tokens_reference` builds one record per token and :func:`in_name_reference`
tests every token against its sentence's names in Python.
:mod:`analysis.measures.sentiment_lexicons` replaces them with columnar versions; tests check
both return identical frames and ``discourse bench`` can compare their speed.
"""

from __future__ import annotations

import polars as pl

from analysis.lexicons import pattern_tokens, token_matches
from analysis.tokens import normalise, word_spans


def sentence_tokens_reference(sentences: pl.DataFrame) -> pl.DataFrame:
    """Every token of ``sentences``, one record per token (the earlier version)."""
    rows = []
    has_source = "source_id" in sentences.columns
    for r in sentences.iter_rows(named=True):
        for s, e in word_spans(r["text"]):
            token = r["text"][s:e]
            rows.append(
                {
                    "text_id": r["text_id"],
                    "source_id": r["source_id"] if has_source else None,
                    "sentence_id": r["sentence_id"],
                    "start": r["start"] + s,
                    "end": r["start"] + e,
                    "token": token,
                    "norm": normalise(token),
                }
            )
    schema = {"text_id": pl.String, "source_id": pl.String, "sentence_id": pl.String}
    schema |= {"start": pl.Int64, "end": pl.Int64, "token": pl.String, "norm": pl.String}
    return pl.DataFrame(rows, schema=schema)


def match_forms_reference(tokens: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """Occurrences of lexicon forms, form by form and position by position (the earlier version)."""
    compiled = [(pattern_tokens(r["form"]), r) for r in forms.iter_rows(named=True)]
    compiled.sort(key=lambda item: -len(item[0]))  # stable: equal lengths keep file order
    has_source = "source_id" in tokens.columns
    out = []
    for (sentence_id,), sent in tokens.group_by("sentence_id", maintain_order=True):
        sent = sent.sort("start")
        norms = sent["norm"].to_list()
        meta = sent.select("token", "start", "end").rows()
        text_id = sent["text_id"][0]
        source_id = sent["source_id"][0] if has_source else None
        taken = [False] * len(norms)
        found: list[dict] = []
        for ptoks, row in compiled:
            n = len(ptoks)
            for i in range(len(norms) - n + 1):
                if any(taken[i : i + n]) or not all(
                    token_matches(p, norms[i + j]) for j, p in enumerate(ptoks)
                ):
                    continue
                taken[i : i + n] = [True] * n
                matched = meta[i][0]
                for j in range(i + 1, i + n):
                    matched += " " * (meta[j][1] - meta[j - 1][2]) + meta[j][0]
                found.append(
                    {
                        **row,
                        "text_id": text_id,
                        "sentence_id": sentence_id,
                        "source_id": source_id,
                        "start": meta[i][1],
                        "end": meta[i + n - 1][2],
                        "matched": matched,
                    }
                )
        out += sorted(found, key=lambda m: m["start"])
    schema = dict(forms.schema) | {
        "text_id": pl.String,
        "sentence_id": pl.String,
        "source_id": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "matched": pl.String,
    }
    return pl.DataFrame(out, schema=schema)


def in_name_reference(tokens: pl.DataFrame, spans: pl.DataFrame) -> pl.Series:
    """True for tokens inside one of ``spans``, same sentence, token by token (earlier version)."""
    by_sentence: dict[str, list[tuple[int, int]]] = {}
    for sid, lo, hi in spans.select("sentence_id", "start", "end").iter_rows():
        by_sentence.setdefault(sid, []).append((lo, hi))
    return pl.Series(
        "in_name",
        [
            any(lo <= a and b <= hi for lo, hi in by_sentence.get(sid, ()))
            for sid, a, b in tokens.select("sentence_id", "start", "end").iter_rows()
        ],
        dtype=pl.Boolean,
    )
