"""On the scale corpus, the suite's tokens and lexicon matches equal the reference versions.

The scale corpus (:func:`analysis.bench.scale.scale_corpus`) resamples the default corpus's
sentences into documents of ~1,000 words in three groups, so it has the real texts' characters
at a size where the fast paths take their bulk paths. The references are the suite's earlier,
row-by-row implementations (:mod:`analysis.bench.reference_tokens`,
:mod:`analysis.bench.reference_lexicons`).
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis import lexicons, tokens
from analysis.bench import scale, stages

#: Documents for the token comparison (~1 M words) and for the lexicon comparison: a slice the
#: earlier matcher runs through in seconds.
TOKEN_DOCS = 1000
LEXICON_DOCS = 20


@pytest.fixture(scope="module")
def scale_segments():
    return scale.scale_corpus(TOKEN_DOCS, seed=0)


@pytest.fixture(scope="module")
def scale_sentences(scale_segments):
    return tokens.tokens_sentences(scale_segments)


@pytest.fixture(scope="module")
def scale_tokens(scale_sentences):
    return tokens.tokens_normalise(tokens.tokens_words(scale_sentences))


def test_scale_corpus_is_the_size_the_benchmark_states(scale_segments, scale_tokens):
    assert scale_segments.height == TOKEN_DOCS
    assert scale_segments["text_id"].unique(maintain_order=True).to_list() == [
        "group-1",
        "group-2",
        "group-3",
    ]
    per_doc = scale_tokens.filter(pl.col("is_word")).group_by("doc_id").len()["len"]
    # every document reaches 1,000 word tokens and overshoots by at most one sentence
    assert per_doc.min() >= 1000 and per_doc.max() < 1200
    assert 1_000_000 <= per_doc.sum() < 1_100_000


def test_sentences_equal_the_reference(scale_segments, scale_sentences):
    ref = pytest.importorskip("analysis.bench.reference_tokens")
    expected = ref.tokens_sentences_reference(scale_segments)
    assert expected.height > 30_000
    assert scale_sentences.equals(expected)


def test_tokens_equal_the_reference(scale_sentences, scale_tokens):
    ref = pytest.importorskip("analysis.bench.reference_tokens")
    # one group at a time keeps the reference's row dictionaries to a third of the corpus;
    # token numbering restarts in each group, so the pieces are the whole frame's rows
    for (group,), sents in scale_sentences.group_by("text_id", maintain_order=True):
        expected = ref.tokens_normalise_reference(ref.tokens_words_reference(sents))
        got = scale_tokens.filter(pl.col("text_id") == group)
        assert expected.height > 300_000
        assert got.equals(expected), group


@pytest.fixture(scope="module")
def slice_frames(scale_segments):
    segs = scale_segments.head(LEXICON_DOCS)
    toks = tokens.tokens_normalise(tokens.tokens_words(tokens.tokens_sentences(segs)))
    return segs, toks


@pytest.mark.parametrize("index", range(len(stages.lexicon_tables())))
def test_lexicon_matches_equal_the_reference(slice_frames, index):
    ref = pytest.importorskip("analysis.bench.reference_lexicons")
    segs, toks = slice_frames
    name, table, column = stages.lexicon_tables()[index]
    got = lexicons.match_patterns(toks, table, pattern_column=column, segments=segs)
    expected = ref.match_patterns_reference(toks, table, pattern_column=column, segments=segs)
    assert got.equals(expected), name
    assert got.height > 0 or table.height < 5, f"{name}: no match in {LEXICON_DOCS} documents"
