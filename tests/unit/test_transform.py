"""Transformation profiles on a synthetic five-text corpus: each dimension's rule by hand."""

from __future__ import annotations

import polars as pl
import pytest

from analysis.measures import demands
from analysis.measures.demands import transform

from . import transform_synthetic as syn


@pytest.fixture(scope="module")
def frames():
    return syn.frames()


@pytest.fixture(scope="module")
def profile(frames):
    sentences, toks = frames
    found = demands.demands_extract(sentences, toks, text_ids=["pet-x", "pet-y", "stmt"])
    return transform.textstat_transformation(found, syn.PAIRS, sentences, toks)


def _get(profile, demand_id, dimension):
    rows = profile.filter((pl.col("demand_id") == demand_id) & (pl.col("dimension") == dimension))
    assert rows.height == 1
    return rows.row(0, named=True)


def _slice(segments: pl.DataFrame, text_id: str, start: int, end: int) -> str:
    # rebuild the text's source from its segments (a newline between them) and cut it
    source = "\n".join(segments.filter(pl.col("text_id") == text_id)["text"].to_list())
    return source[start:end]


def test_every_answered_demand_gets_six_rows_and_the_overlap_text_none(profile):
    assert set(profile["text_id"]) == {"pet-x", "pet-y"}
    assert "stmt" not in profile["text_id"].to_list()
    counts = dict(profile.group_by("demand_id").len().rows())
    assert counts == {"pet-x:d1": 6, "pet-x:d2": 6, "pet-x:d3": 6, "pet-y:d1": 6, "pet-y:d2": 6}
    assert profile.filter(pl.col("demand_id") == "pet-x:d1")["dimension"].to_list() == list(
        transform.DIMENSIONS
    )
    for dim, values in transform.DIMENSIONS.items():
        assert set(profile.filter(pl.col("dimension") == dim)["value"]) <= set(values)


def test_label_substitution_with_evidence_on_both_sides(profile):
    row = _get(profile, "pet-x:d1", "label_substitution")
    assert row["value"] == "substituted"
    assert (row["evidence_a"], row["evidence_r"]) == ("war crime", "tragedy")
    # a demand with no event label
    assert _get(profile, "pet-x:d3", "label_substitution")["value"] == "none"


def test_spelling_change_of_the_same_referent(profile):
    row = _get(profile, "pet-x:d1", "spelling_change")
    assert row["value"] == "changed"
    assert (row["evidence_a"], row["evidence_r"]) == ("Nagorno-Karabagh", "Nagorno-Karabakh")
    assert _get(profile, "pet-x:d3", "spelling_change")["value"] == "none"


def test_agent_named_in_the_demand_absent_from_the_response(profile):
    row = _get(profile, "pet-x:d1", "agent_deletion")
    assert row["value"] == "deleted"
    assert row["evidence_a"] == "Azerbaijani forces"
    assert row["evidence_r"] is None and row["r_start"] is None
    assert _get(profile, "pet-x:d2", "agent_deletion")["value"] == "none"


def test_numbered_items_taken_up_as_all_are_generalised(profile):
    row = _get(profile, "pet-x:d2", "scope_change")
    assert row["value"] == "generalised"
    assert (row["evidence_a"], row["evidence_r"]) == ("12", "all")
    assert _get(profile, "pet-x:d3", "scope_change")["value"] == "same"
    # a demand no response sentence takes up
    assert _get(profile, "pet-y:d2", "scope_change")["value"] == "none"


def test_commitment_strength_per_demand(profile):
    got = dict(
        profile.filter(pl.col("dimension") == "commitment_strength")
        .select("demand_id", "value")
        .rows()
    )
    assert got == {
        "pet-x:d1": "acknowledge",  # 'recognizes'
        "pet-x:d2": "encourage",  # 'supports', 'encourages'
        "pet-x:d3": "act",  # 'funds' the rebuilding asked for
        "pet-y:d1": "act",  # 'will open': the act asked outranks the promise
        "pet-y:d2": "none",
    }
    assert _get(profile, "pet-x:d1", "commitment_strength")["evidence_r"] == "recognizes"
    assert _get(profile, "pet-x:d3", "commitment_strength")["evidence_r"] == "funds"


def test_deflection_to_process_and_third_parties(profile):
    row = _get(profile, "pet-x:d2", "deflection")
    assert row["value"] == "process_and_third_party"
    assert row["evidence_r"] == "parties"
    assert _get(profile, "pet-x:d3", "deflection")["value"] == "none"


def test_offsets_slice_the_evidence_from_each_source(profile):
    segments = syn.segments()
    rows = profile.filter(pl.col("evidence_a").is_not_null()).iter_rows(named=True)
    n = 0
    for r in rows:
        assert _slice(segments, r["text_id"], r["a_start"], r["a_end"]) == r["evidence_a"]
        if r["evidence_r"] is not None:
            got = _slice(segments, r["response_id"], r["r_start"], r["r_end"])
            assert got == r["evidence_r"]
        n += 1
    assert n >= 8


def test_a_corpus_with_no_answered_pair_gives_an_empty_frame(frames):
    sentences, toks = frames
    only_overlap = [p for p in syn.PAIRS if p.relation != "response"]
    out = transform.textstat_transformation(None, only_overlap, sentences, toks)
    assert out.height == 0 and "evidence_a" in out.columns


def test_coverage_names_the_text_left_out():
    text = transform.transformation_coverage(syn.PAIRS, labels={})
    assert "pet-x → resp-x" in text and "pet-y → resp-y" in text
    assert "Not profiled" in text and "stmt" in text


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Khojali", "Khojaly", True),
        ("Armenia", "Republic of Armenia", True),
        ("Armenia", "armenia’s", False),
        ("Governments of A and B", "the two states’ authorities", False),
    ],
)
def test_spelling_variants(a, b, expected):
    assert transform.is_variant(a, b) is expected
