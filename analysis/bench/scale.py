"""A deterministic scale corpus: the real texts' sentences resampled into many documents.

:func:`scale_corpus` builds a segments frame of the shape :func:`analysis.corpus.corpus_segments`
returns (one segment per document), so the suite's own functions run on it unchanged:
``tokens_sentences`` -> ``tokens_words`` -> ``tokens_normalise`` -> every measure. Each document
holds about ``words_per_doc`` word tokens, drawn with a seeded random generator from the
sentences of the compared texts; each document belongs to one of ``groups`` groups, and the
groups play the role of texts (``text_id``), so keyness, sentiment and readability compare them
as they compare the real texts. A group draws most of its sentences from one "home" text (the
texts taken in turn), so the groups differ in vocabulary the way texts do.

Sentences are joined with line breaks, which always end a sentence in the suite, so the
documents split back into the sampled sentences. Nothing is written to disk.
"""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl

#: Share of a group's sentences drawn from its home text (the rest from every text alike).
HOME_SHARE = 0.7

SEGMENT_SCHEMA = {
    "source_id": pl.String,
    "doc_id": pl.String,
    "segment_id": pl.String,
    "order": pl.Int64,
    "role": pl.String,
    "speaker": pl.String,
    "text_id": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "start_byte": pl.Int64,
    "end_byte": pl.Int64,
    "text": pl.String,
}


def group_id(index: int) -> str:
    """The ``text_id`` of group ``index`` (from 0): ``group-1``, ``group-2``, …"""
    return f"group-{index + 1}"


def sentence_pool(manifest_path: Path | None = None) -> pl.DataFrame:
    """The sentences resampled: ``text_id, text, n_words`` of the compared texts, in text order.

    ``n_words`` counts the suite's word tokens (``is_word``) of each sentence.
    """
    from analysis import tokens

    sents = tokens.corpus_sentences(manifest_path=manifest_path)
    toks = tokens.corpus_tokens(manifest_path=manifest_path, words_only=True)
    counts = toks.group_by("sentence_id").agg(pl.len().cast(pl.Int64).alias("n_words"))
    pool = sents.join(counts, on="sentence_id", how="left", maintain_order="left")
    pool = pool.with_columns(pl.col("n_words").fill_null(0))
    # a sentence without words (a bullet on its own) adds nothing to a document's size
    return pool.filter(pl.col("n_words") > 0).select("text_id", "text", "n_words")


def scale_corpus(
    n_docs: int,
    *,
    seed: int = 0,
    words_per_doc: int = 1000,
    groups: int = 3,
    pool: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """A segments frame of ``n_docs`` resampled documents of about ``words_per_doc`` words.

    Args:
        n_docs: number of documents (one segment each).
        seed: the random seed; the same arguments always give an identical frame.
        words_per_doc: sentences are added to a document until it holds at least this many
            word tokens.
        groups: number of groups; document ``i`` belongs to group ``i mod groups``.
        pool: the sentences to draw from (``text_id, text, n_words``); default
            :func:`sentence_pool` of the corpus in force.

    Returns:
        One row per document with the columns of :func:`analysis.corpus.corpus_segments`:
        ``source_id``/``doc_id`` ``scale-000001``…, ``segment_id`` ``<doc_id>:body:1``,
        ``role`` ``body``, ``speaker`` and ``text_id`` the group id (:func:`group_id`),
        ``start`` 0, ``end`` the text length (each document is its own source).
    """
    if n_docs < 1 or groups < 1 or words_per_doc < 1:
        from analysis.io import DiscourseError

        raise DiscourseError(
            f"scale corpus needs n_docs, groups and words_per_doc >= 1; got {n_docs}, "
            f"{groups}, {words_per_doc}."
        )
    pool = sentence_pool() if pool is None else pool
    texts = list(dict.fromkeys(pool["text_id"].to_list()))
    sentences = pool["text"].to_list()
    n_words = pool["n_words"].to_list()
    by_text = {t: [i for i, x in enumerate(pool["text_id"].to_list()) if x == t] for t in texts}
    everything = list(range(len(sentences)))
    rng = random.Random(seed)
    rows = []
    for d in range(n_docs):
        g = d % groups
        home = by_text[texts[g % len(texts)]]
        picked, size = [], 0
        while size < words_per_doc:
            i = rng.choice(home if rng.random() < HOME_SHARE else everything)
            picked.append(sentences[i])
            size += n_words[i]
        text = "\n".join(picked)
        doc = f"scale-{d + 1:06d}"
        rows.append(
            (
                doc,
                doc,
                f"{doc}:body:1",
                1,
                "body",
                group_id(g),
                group_id(g),
                0,
                len(text),
                0,
                len(text.encode("utf-8")),
                text,
            )
        )
    return pl.DataFrame(rows, schema=SEGMENT_SCHEMA, orient="row")


def scale_words(segments: pl.DataFrame) -> int:
    """Approximate word count of a scale corpus (whitespace-separated runs; for labels only)."""
    return int(segments["text"].str.count_matches(r"\S+").sum())
