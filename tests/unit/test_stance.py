"""Stance markers on a synthetic corpus of five texts (ids not the default ones).

Counts are checked against the sentences with plain regular expressions, independently of the
suite's tokenizer and matcher.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from analysis.io import DiscourseError
from analysis.measures import stance

from . import framing_synthetic as fs


@pytest.fixture()
def kwic(synth):
    return stance.kwic_stance(synth.toks, fs.MARKERS, synth.sentences)


def _count(text: str, marker: str) -> int:
    return len(re.findall(rf"\b{marker}\b", text, flags=re.IGNORECASE))


def test_lexicon_rejects_a_marker_in_two_categories(tmp_path):
    (tmp_path / "stance-markers.csv").write_text(
        "# purpose: t\n# source: t\n# version: 1\n# date: 2026-11-22\n"
        "category,marker,rationale\nhedge,may,r\nbooster,May,r\nnonsense,x,r\n",
        encoding="utf-8",
    )
    with pytest.raises(DiscourseError, match=r"stance-markers.csv, line 7: duplicate marker 'May'"):
        stance.stance_markers(tmp_path)


def test_rates_for_every_text_against_a_direct_count(synth, kwic):
    table = stance.textstat_stance(kwic, synth.toks)
    assert table["text_id"].unique(maintain_order=True).to_list() == fs.TEXT_IDS
    assert table.height == 5 * len(stance.CATEGORIES)
    markers = dict(
        fs.MARKERS.filter(pl.col("category") != "excluded").select("category", "marker").rows()
    )
    for text_id, *_, sents in fs.TEXTS:
        text = " ".join(sents)
        words = len(re.findall(r"[A-Za-z]+", text))
        for cat, marker in markers.items():
            n = _count(text, marker)
            if marker == "may":  # "may hope" is an excluded phrase, not a hedge
                n -= _count(text, "may hope")
            row = table.filter((pl.col("text_id") == text_id) & (pl.col("category") == cat))
            row = row.row(0, named=True)
            assert (row["n"], row["n_word_tokens"]) == (n, words), (text_id, cat)
            assert row["rate"] == pytest.approx(1000 * n / words)


def test_the_added_texts_appear_with_their_markers(synth, kwic):
    table = stance.textstat_stance(kwic, synth.toks)
    l303 = table.filter(pl.col("text_id") == "l-303")
    # "Regrettably, trade with them clearly grows.": one attitude marker, one booster, 6 words
    assert dict(l303.select("category", "n").rows()) == {
        "hedge": 0,
        "booster": 1,
        "attitude": 1,
        "directive": 0,
    }
    assert l303["n_word_tokens"].unique().to_list() == [6]
    # s-404 "We may hope.": the excluded phrase absorbs "may"
    assert (
        table.filter((pl.col("text_id") == "s-404") & (pl.col("category") == "hedge"))["n"].item()
        == 0
    )
    assert "excluded" not in set(kwic["category"])


def test_concordance_context(kwic):
    row = kwic.filter(pl.col("sentence_id") == "p-202:s003").row(0, named=True)
    assert (row["category"], row["matched"], row["pre"], row["post"]) == (
        "directive",
        "must",
        "Canada",
        "act.",
    )


def test_describe_rates_names_every_text(synth, kwic):
    table = stance.textstat_stance(kwic, synth.toks)
    rows = {
        r["text_id"]: r for r in table.filter(pl.col("category") == "booster").iter_rows(named=True)
    }
    want = ", ".join(
        f"{fs.NAMES[t]} {rows[t]['rate']:.1f} [{rows[t]['ci_low']:.1f}, {rows[t]['ci_high']:.1f}]"
        f" ({rows[t]['n']} marker{'s' if rows[t]['n'] != 1 else ''})"
        for t in fs.TEXT_IDS
    )
    assert stance.describe_rates(table, "booster") == want
    # p-101: 1 booster in 10 words -> 100.0; its interval is checked in test_stance_intervals
    assert want.startswith("petition e-101 100.0 [")
    # the response to e-101: "Canada supports dialogue." (3 words) and "The law is clearly
    # applied." (5 words, 1 booster): 1000 / 8 = 125.0; a resample of two sentences is
    # either one twice (1/4 each, > 2.5%) or both, so the interval runs from 0 to 1000 / 5
    assert ", the response to e-101 125.0 [0.0, 200.0] (1 marker), " in want
    # without intervals in the table, the rates alone
    plain = stance.describe_rates(table.drop("ci_low", "ci_high"), "booster")
    assert plain.startswith("petition e-101 100.0 (1 marker), the response to e-101 125.0 ")
