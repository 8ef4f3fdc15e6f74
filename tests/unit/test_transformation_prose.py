"""Prose of the transformation section, built from a synthetic profile (five-text corpus)."""

from __future__ import annotations

import pytest

from analysis.evaluation import transformation_gold as tg
from analysis.measures import demands
from analysis.measures.demands import transform
from analysis.report import transformation_prose as tp

from . import transform_synthetic as syn

NAMES = {
    "pet-x": "the first petition",
    "resp-x": "the first reply",
    "pet-y": "the second petition",
    "resp-y": "the second reply",
    "stmt": "the statement",
}


@pytest.fixture(scope="module")
def profile():
    sentences, toks = syn.frames()
    found = demands.demands_extract(sentences, toks, text_ids=["pet-x", "pet-y", "stmt"])
    return transform.textstat_transformation(found, syn.PAIRS, sentences, toks)


def test_each_demand_is_described_with_its_texts_words(profile):
    text = tp.describe_profile(profile, NAMES)
    lines = text.splitlines()
    assert len(lines) == 5 and lines[0].startswith("- **pet-x:d1**")
    assert (
        "label substituted: the first petition has “war crime”, the first reply writes “tragedy”"
        in lines[0]
    )
    assert "agent absent: the first petition names “Azerbaijani forces”" in lines[0]
    assert "commitment: none (the second reply says nothing on it)" in lines[4]
    assert "statement" not in text


def test_counts_sentence(profile):
    assert tp.describe_counts(profile) == (
        "Of the 5 profiled demands: 1 a label substitution, 1 a spelling change, 1 an absent "
        "agent, 1 a generalised scope, 1 a deflection to process or third parties."
    )


def test_agreement_sentence_without_shared_codes_says_so(profile):
    import polars as pl

    empty = pl.DataFrame(schema={c: pl.String for c in tg.COLUMNS})
    agree = tg.transformation_agreement(profile, empty)
    text = tp.describe_agreement(agree, tg.transformation_evidence(profile, empty), "No gold.", {})
    assert text == "No gold. Agreement is not computed."


def test_caveats_count_demands_and_pairs(profile):
    text = tp.describe_caveats(profile, "profiled pairs: x.", 1)
    assert text.startswith("- 5 demands in 2 pairs:")
    assert "(version 1)" in text and text.endswith("- Profiled pairs: x.")


def test_caveats_show_markup_in_names_as_text(profile):
    text = tp.describe_caveats(profile, "profiled pairs: <b>P</b> → __R__.", 1)
    assert "<b>" not in text and "__R__" not in text
    assert text.endswith(r"- Profiled pairs: &lt;b&gt;P&lt;/b&gt; → \_\_R\_\_.")
