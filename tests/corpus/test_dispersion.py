"""Dispersion statistics pinned on the default corpus, for a few terms.

The sentence counts and sizes are written out (counted from the word tokens, sentence by
sentence); the expected DP values follow from them by hand: when every sentence holding the
term has t_i > w_i, DP is the share of the text's words in the sentences without the term.
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis import tokens
from analysis.measures import dispersion as disp
from analysis.measures import keyness

# petition "khojali": sentences 1, 2, 9, 10 (1, 2, 1, 1 of 5); sizes 26, 22, 24, 31, 19, 26,
# 30, 15, 24, 17, 35 (269). DP = (269 - 26 - 22 - 24 - 17)/269 = 180/269;
# DPnorm = (180/269)/(1 - 15/269) = 180/254.
# response "peace": once, in sentence 8 of 8 (22 of 229 words): DP = 207/229, DPnorm =
# (207/229)/(1 - 14/229) = 207/215, D = 0 (all in one part).
# letter "peace": once, in sentence 15 of 30 (33 of 861 words): DP = 828/861, DPnorm = 828/848.
PINNED = {
    ("petition", "khojali"): (5, 11, 4, 180 / 269, 180 / 254),
    ("response", "peace"): (1, 8, 1, 207 / 229, 207 / 215),
    ("letter", "peace"): (1, 30, 1, 828 / 861, 828 / 848),
}


@pytest.fixture(scope="module")
def table():
    return disp.textstat_dispersion_measures(terms=["khojali", "peace", "artsakh", "canada"])


def test_pinned_terms(table):
    rows = {(r["text_id"], r["term"]): r for r in table.iter_rows(named=True)}
    for key, (f, parts, rng, dp, dp_norm) in PINNED.items():
        row = rows[key]
        assert (row["f"], row["parts"], row["range"]) == (f, parts, rng), key
        assert row["dp"] == pytest.approx(dp), key
        assert row["dp_norm"] == pytest.approx(dp_norm), key
    assert rows[("response", "peace")]["juilland_d"] == pytest.approx(0.0, abs=1e-12)
    # the letter never writes "khojali": range 0 and no statistics
    absent = rows[("letter", "khojali")]
    assert absent["range"] == 0 and absent["dp"] is None


def test_sentence_counts_behind_the_pins():
    words = tokens.corpus_tokens(words_only=True).filter(pl.col("is_word"))
    text = words.filter(pl.col("text_id") == "petition")
    sentences = text["sentence_id"].unique(maintain_order=True).to_list()
    sizes = [text.filter(pl.col("sentence_id") == s).height for s in sentences]
    counts = [
        text.filter((pl.col("sentence_id") == s) & (pl.col("norm") == "khojali")).height
        for s in sentences
    ]
    assert sizes == [26, 22, 24, 31, 19, 26, 30, 15, 24, 17, 35]
    assert counts == [1, 2, 0, 0, 0, 0, 0, 0, 1, 1, 0]
    out = disp.dispersion_stats(counts, sizes)
    assert out["dp"] == pytest.approx(180 / 269)


def test_response_canada_is_spread_over_every_sentence(table):
    # "canada" in all 8 sentences of the response (1, 1, 1, 1, 1, 1, 4, 1 of 11; sizes 27, 20,
    # 19, 35, 25, 14, 67, 22 of 229): range 8 and a low DP
    row = table.filter((pl.col("text_id") == "response") & (pl.col("term") == "canada")).row(
        0, named=True
    )
    assert (row["f"], row["range"]) == (11, 8)
    t = [1, 1, 1, 1, 1, 1, 4, 1]
    s = [27, 20, 19, 35, 25, 14, 67, 22]
    assert row["dp"] == pytest.approx(
        sum(abs(a / 11 - b / 229) for a, b in zip(t, s, strict=True)) / 2
    )
    assert row["dp"] == pytest.approx(0.112346, abs=1e-6)


def test_keyness_one_sentence_flags():
    kk = disp.keyness_dispersion(keyness.textstat_keyness("petition"))
    used = kk.filter(pl.col("a") > 0)
    # of the petition's 117 terms, 97 occur in one sentence only; "khojali" in four
    assert used.height == 117 and int(used["one_part"].sum()) == 97
    assert used.filter(pl.col("term") == "khojali")["n_parts"].item() == 4
