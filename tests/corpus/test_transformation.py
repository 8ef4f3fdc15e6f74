"""Transformation profiles on the default corpus: the e-3780 pair, pinned with its evidence.

Every evidence span is checked by slicing the raw source at its offsets; the agreement with
the gold (data/annotations/transformation-gold.csv, coded from the codebook alone and
committed before the rules) is pinned for rules version 1.
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis import corpus
from analysis.charts import transformation as chart
from analysis.evaluation import transformation_gold as tg
from analysis.measures.demands import transform


@pytest.fixture(scope="module")
def profile():
    return transform.textstat_transformation()


@pytest.fixture(scope="module")
def gold():
    return chart.default_gold()


def _get(profile, demand_id, dimension):
    return profile.filter(
        (pl.col("demand_id") == demand_id) & (pl.col("dimension") == dimension)
    ).row(0, named=True)


def _source(sentences, text_id):
    return sentences.filter(pl.col("text_id") == text_id)["source_id"][0]


def _raw(sentences, text_id, start, end):
    return corpus.raw_text(_source(sentences, text_id))[start:end]


def test_only_the_answered_pair_is_profiled(profile):
    assert set(profile.select("text_id", "response_id").unique().rows()) == {
        ("petition", "response")
    }
    assert profile.height == 3 * 6
    assert transform.RULES_VERSION == 1


def test_demand_1_label_substitution_with_spans_in_the_raw_sources(profile, sentences):
    row = _get(profile, "petition:d1", "label_substitution")
    assert row["value"] == "substituted"
    assert row["evidence_a"] == "crime against humanity"
    assert row["evidence_r"] == "tragedy"
    assert _raw(sentences, "petition", row["a_start"], row["a_end"]) == "crime against humanity"
    assert _raw(sentences, "response", row["r_start"], row["r_end"]) == "tragedy"


def test_demand_1_spelling_change_with_spans_in_the_raw_sources(profile, sentences):
    row = _get(profile, "petition:d1", "spelling_change")
    assert row["value"] == "changed"
    assert _raw(sentences, "petition", row["a_start"], row["a_end"]) == "Khojali"
    assert _raw(sentences, "response", row["r_start"], row["r_end"]) == "Khojaly"


def test_the_petitions_named_agent_is_absent_from_the_response(profile, sentences):
    row = _get(profile, "petition:d1", "agent_deletion")
    assert row["value"] == "deleted"
    assert _raw(sentences, "petition", row["a_start"], row["a_end"]) == "Armed Forces of Armenia"
    assert row["r_start"] is None and row["evidence_r"] is None
    # the response's sentences (the page also prints the petition) name no armed force
    response = " ".join(sentences.filter(pl.col("text_id") == "response")["text"]).lower()
    assert "armed forces" not in response and "army" not in response
    assert "armenia" in response  # named, but only in other roles


def test_commitment_strength_of_the_response_to_each_demand(profile, sentences):
    got = {
        r["demand_id"]: (r["value"], r["evidence_r"])
        for r in profile.filter(pl.col("dimension") == "commitment_strength").iter_rows(named=True)
    }
    assert got == {
        "petition:d1": ("acknowledge", "recognizes"),
        "petition:d2": ("acknowledge", "recognizes"),
        "petition:d3": ("undertake", "will"),
    }
    for r in profile.filter(pl.col("evidence_r").is_not_null()).iter_rows(named=True):
        assert _raw(sentences, "response", r["r_start"], r["r_end"]) == r["evidence_r"]
    for r in profile.filter(pl.col("evidence_a").is_not_null()).iter_rows(named=True):
        assert _raw(sentences, "petition", r["a_start"], r["a_end"]) == r["evidence_a"]


def test_gold_loads_and_covers_every_profiled_demand(profile, gold):
    assert gold.height == 18
    assert tg.transformation_coverage_gold(profile, gold) == (
        "The gold covers 3 of the 3 profiled demands."
    )


def test_agreement_of_rules_v1_with_the_gold(profile, gold):
    agree = {r["dimension"]: r for r in tg.transformation_agreement(profile, gold).to_dicts()}
    assert (agree["all"]["n"], agree["all"]["n_agree"]) == (18, 17)
    assert agree["all"]["kappa"] == pytest.approx(0.938983, abs=1e-6)
    # the one disagreement: petition:d2 scope (gold: generalised, a hard call; rules: same)
    assert agree["scope_change"]["n_agree"] == 2
    assert agree["scope_change"]["kappa"] == pytest.approx(0.4)
    for dim in ("label_substitution", "spelling_change", "agent_deletion", "deflection"):
        assert agree[dim]["agreement"] == 1.0
    ev = {r["side"]: r for r in tg.transformation_evidence(profile, gold).to_dicts()}
    assert (ev["advocacy"]["n_match"], ev["advocacy"]["n_auto"], ev["advocacy"]["n_gold"]) == (
        10,
        11,
        12,
    )
    assert (ev["response"]["n_match"], ev["response"]["n_auto"], ev["response"]["n_gold"]) == (
        8,
        10,
        11,
    )


def test_the_chart_is_registered_for_notebook_03():
    from analysis import figures

    spec = next(s for s in figures.registry() if s.name == "demands-transformation")
    assert spec.notebook == "03-demands"
