"""Stance markers: the lexicon, the concordance evidence and the rates per 1,000 word tokens.

Counts are checked against the sentences (data/annotations/units-sentences.csv) with plain
regular expressions, independently of the suite's tokenizer and matcher.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from analysis import corpus
from analysis.measures import stance
from analysis.measures.framing import units_load


@pytest.fixture(scope="module")
def kwic():
    return stance.kwic_stance()


@pytest.fixture(scope="module")
def table(kwic):
    return stance.textstat_stance(kwic)


def _row(table, text_id, category):
    return table.filter((pl.col("text_id") == text_id) & (pl.col("category") == category)).row(
        0, named=True
    )


def _text(text_id):
    return " ".join(units_load().filter(pl.col("text_id") == text_id)["text"])


def _words(text_id):
    # numbers with thousands separators ("100,000", "120’000") are one word, as in the tokenizer
    pattern = r"\d{1,3}(?:[,’]\d{3})+|[^\W_]+(?:[-‐][^\W_]+)*"
    return len(re.findall(pattern, _text(text_id)))


def test_lexicon_has_four_categories_and_multiword_markers():
    markers = stance.stance_markers()
    assert set(markers["category"]) == {*stance.CATEGORIES, stance.EXCLUDED}
    multi = set(markers.filter(pl.col("marker").str.contains(" "))["marker"])
    assert {"it is imperative", "needs to", "stands ready", "cannot be overstated"} <= multi


def test_response_boosters_by_hand(table, kwic):
    # "strongly" twice (s002 "strongly advocated", s005 "strongly support"), "never" (s002),
    # "will continue" and "stands ready" (s008): 5 boosters in 229 word tokens.
    text = _text("response")
    assert len(re.findall(r"\bstrongly\b", text)) == 2
    assert "will continue to support" in text and "stands ready to contribute" in text
    row = _row(table, "response", "booster")
    assert row["n"] == 5
    assert row["n_word_tokens"] == _words("response") == 229
    assert row["rate"] == pytest.approx(1000 * 5 / 229)
    assert row["markers"] == "strongly (2), never (1), stands ready (1), will continue (1)"


def test_response_has_no_hedges(table):
    assert _row(table, "response", "hedge")["n"] == 0


def test_letter_directives_by_hand(table, kwic):
    text = _text("letter")
    assert len(re.findall(r"\bIt is imperative\b", text)) == 2  # s015, s022
    assert "needs to go beyond" in text and "have to uphold" in text
    row = _row(table, "letter", "directive")
    assert row["n"] == 10
    assert row["n_word_tokens"] == _words("letter") == 861
    assert row["rate"] == pytest.approx(1000 * 10 / 861)
    hits = kwic.filter((pl.col("text_id") == "letter") & (pl.col("category") == "directive"))
    assert hits["sentence_id"].to_list() == [
        "letter:s003",
        "letter:s015",
        "letter:s017",
        "letter:s018",
        "letter:s019",
        "letter:s022",
        "letter:s025",
        "letter:s026",
        "letter:s028",
        "letter:s029",
    ]


def test_longest_match_wins_and_is_not_double_counted(kwic):
    # letter:s025 "It is crucial for vulnerable populations ...": one directive, and "crucial"
    # is not also counted as an attitude marker.
    s025 = kwic.filter(pl.col("sentence_id") == "letter:s025")
    assert ("directive", "It is crucial") in s025.select("category", "matched").rows()
    assert "crucial" not in s025["matched"].to_list()


def test_excluded_phrases_do_not_count(kwic):
    # "bring about" (petition:s011, letter:s004) is not the approximator hedge "about";
    # "ceasefire agreement" is not the attitude verb "agree".
    assert not kwic.filter(pl.col("matched").str.to_lowercase() == "about").height
    assert not kwic.filter(pl.col("matched").str.to_lowercase().str.starts_with("agree")).height
    assert stance.EXCLUDED not in set(kwic["category"])


def test_petition_hedge_is_the_approximator_nearly(table):
    row = _row(table, "petition", "hedge")
    assert (row["n"], row["markers"]) == (1, "nearly (1)")
    assert row["rate"] == pytest.approx(1000 / _words("petition"))


def test_concordance_offsets_and_context(kwic):
    sources = {
        "petition": "petition-e-3780",
        "response": "petition-e-3780",
        "letter": "hayren-ngo-letter-2023-09-07",
    }
    for row in kwic.iter_rows(named=True):
        assert corpus.raw_text(sources[row["text_id"]])[row["start"] : row["end"]] == row["matched"]
        assert row["matched"] in row["sentence"]
    r = kwic.filter(pl.col("matched") == "stands ready").row(0, named=True)
    assert r["sentence_id"] == "response:s008"
    assert r["pre"].endswith("the region and") and r["post"].startswith("to contribute")


def test_every_text_and_category_has_a_row(table):
    assert table.height == 12
    assert table.filter(pl.col("n") == 0).select("text_id", "category").rows() == [
        ("response", "hedge")
    ]


def test_describe_rates(table):
    assert stance.describe_rates(table, "hedge") == (
        "the petition 3.7 [0.0, 12.1] (1 marker), the response 0.0 [0.0, 0.0] (0 markers), "
        "the letter 1.2 [0.0, 3.6] (1 marker)"
    )
    assert stance.describe_rates(table.drop("ci_low", "ci_high"), "hedge") == (
        "the petition 3.7 (1 marker), the response 0.0 (0 markers), the letter 1.2 (1 marker)"
    )
