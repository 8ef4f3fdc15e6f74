"""Alignment, responsiveness, pairing and timeline per pair, on a synthetic corpus.

Two petitions each answered by its own response, a statement with no response, and (in some
tests) the statement declared as an overlap comparison with the first response.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from analysis.corpus.manifest import Pair
from analysis.measures import demands

from . import demands_synthetic as syn


@pytest.fixture(scope="module")
def alignment(demand_frames, found):
    return demands.demands_alignment(found, *demand_frames, pairs=syn.PAIRS)


@pytest.fixture(scope="module")
def labels(demand_frames, found, alignment):
    return demands.demands_responsiveness(found, alignment, *demand_frames, pairs=syn.PAIRS)


def test_each_petition_is_scored_against_its_own_response_only(alignment):
    pairs = set(alignment.select("text_id", "response_id").unique().rows())
    assert pairs == {("pet-a", "resp-a"), ("pet-b", "resp-b")}
    # 4 demands x 3 sentences, 6 demands x 2 sentences; the statement has no row
    assert alignment.height == 4 * 3 + 6 * 2
    assert "stmt" not in alignment["text_id"].to_list()
    a_sents = set(alignment.filter(pl.col("text_id") == "pet-a")["sentence_id"])
    assert a_sents == {"resp-a:s001", "resp-a:s002", "resp-a:s003"}
    assert set(alignment["relation"]) == {"response"}


def test_alignment_score_is_the_tfidf_cosine_over_each_response_collection(alignment):
    # collection of resp-a: pet-a's 4 demands + resp-a's 3 sentences (N = 7). pet-a:d3 'Impose
    # sanctions on the officials responsible' and resp-a:s002 'Canada will impose sanctions on
    # the officials responsible': terms impose, sanction, official, responsible (df 2 each) in
    # both; 'canada' (df 3: s001 'Government of Canada', s002, s003) only in the sentence.
    idf2 = math.log(8 / 3) + 1
    idf3 = math.log(8 / 4) + 1
    cos = 4 * idf2**2 / (math.sqrt(4 * idf2**2) * math.sqrt(4 * idf2**2 + idf3**2))
    row = alignment.filter(
        (pl.col("demand_id") == "pet-a:d3") & (pl.col("sentence_id") == "resp-a:s002")
    ).row(0, named=True)
    assert row["cosine"] == pytest.approx(cos, abs=1e-6)
    # concepts: demand {sanctions}, sentence {sanctions, Canada (state)}: Jaccard 1/2
    assert row["shared_concepts"] == "principle: sanctions"
    assert row["concept_jaccard"] == 0.5
    assert row["score"] == pytest.approx((cos + 0.5) / 2, abs=1e-6)
    assert row["rank"] == 1
    assert row["shared_terms"] == "impose, official, responsible, sanction"


def test_labels_per_pair(labels):
    got = dict(labels.select("demand_id", "label").rows())
    assert got == {
        "pet-a:d1": "addressed",  # 'condemns the attack on the village of Larkspur'
        "pet-a:d2": "not_addressed",
        "pet-a:d3": "addressed",
        "pet-a:d4": "not_addressed",  # the fourth numbered demand is scored too
        "pet-b:d1": "addressed",
        "pet-b:d2": "not_addressed",
        "pet-b:d3": "addressed",
        "pet-b:d4": "not_addressed",
        "pet-b:d5": "not_addressed",
        "pet-b:d6": "not_addressed",
    }
    assert set(labels["scale"]) == {"responsiveness"}
    assert labels.filter(pl.col("text_id") == "pet-b")["response_id"].unique().to_list() == [
        "resp-b"
    ]
    d3 = labels.filter(pl.col("demand_id") == "pet-a:d3").row(0, named=True)
    assert (d3["evidence"], d3["act_terms"], d3["act_coverage"]) == (
        "resp-a:s002",
        "impose, sanction, official, responsible",
        1.0,
    )
    assert labels.filter(pl.col("label") == "not_addressed")["evidence"].to_list() == [""] * 6


def test_an_overlap_pair_gets_the_policy_overlap_scale(demand_frames, found):
    pairs = (*syn.PAIRS, Pair("stmt", "resp-a", "overlap", "declared"))
    labels = demands.demands_responsiveness(found, None, *demand_frames, pairs=pairs)
    stmt = labels.filter(pl.col("text_id") == "stmt").row(0, named=True)
    assert (stmt["response_id"], stmt["scale"], stmt["relation"]) == (
        "resp-a",
        "policy_overlap",
        "overlap",
    )
    assert stmt["label"] == "no_overlap"  # 'ban the export of weapons' shares only 'region'
    # rows follow the text order of the extraction, then the response
    assert labels["text_id"].unique(maintain_order=True).to_list() == ["pet-a", "pet-b", "stmt"]


def test_a_text_answered_by_two_responses_is_scored_against_each(demand_frames, found):
    pairs = (*syn.PAIRS, Pair("pet-b", "resp-a", "overlap", "declared"))
    align = demands.demands_alignment(found, *demand_frames, pairs=pairs)
    b = align.filter(pl.col("text_id") == "pet-b")
    assert b.group_by("response_id").len().sort("response_id").rows() == [
        ("resp-a", 6 * 3),
        ("resp-b", 6 * 2),
    ]
    # each (demand, response) has its own rank 1
    assert b.filter(pl.col("rank") == 1).height == 12


def test_pairing_says_which_texts_have_no_response(found):
    names = {"pet-a": "petition A", "pet-b": "petition B", "stmt": "the statement"}
    names |= {"resp-a": "response A", "resp-b": "response B"}
    p = demands.demands_pairing(found, pairs=syn.PAIRS, text_ids=syn.ADVOCACY, names=names)
    assert p.select("text_id", "n_demands", "n_reported", "answered_by").rows() == [
        ("pet-a", 4, 0, "resp-a"),
        ("pet-b", 6, 0, "resp-b"),
        ("stmt", 1, 0, None),
    ]
    assert (
        p["status"][0] == "4 demand(s) of petition A: scored for responsiveness against response A."
    )
    assert p["status"][2] == (
        "1 demand(s) of the statement: extracted and typed only; the statement has no response "
        "in the corpus, so its demands are not scored against any response."
    )


def test_response_functions_per_response_text(demand_frames):
    f = demands.response_functions(*demand_frames, text_ids=syn.RESPONSES)
    assert f.select(
        "sentence_id", "text_id", "function", "commitment_strength", "actor"
    ).rows() == [
        ("resp-a:s001", "resp-a", "position", "none", "The Government of Canada"),
        ("resp-a:s002", "resp-a", "commitment", "firm", "Canada"),
        ("resp-a:s003", "resp-a", "encouragement", "weak", "Canada"),
        ("resp-b:s001", "resp-b", "position", "none", "The Government of Canada"),
        ("resp-b:s002", "resp-b", "commitment", "firm", "The Minister"),
    ]
    c = demands.response_commitments(f)
    assert c["sentence_id"].to_list() == ["resp-a:s002", "resp-a:s003", "resp-b:s002"]
    m = demands.response_modality(*demand_frames, text_ids=syn.RESPONSES)
    assert m.filter(pl.col("category") == "firm").select("text_id", "matched").rows() == [
        ("resp-a", "will"),
        ("resp-b", "will"),
    ]


def test_timeline_per_pair_from_documents_and_petition_records():
    texts = pl.DataFrame(
        {
            "text_id": ["pet-a", "resp-a", "pet-b", "resp-b", "stmt"],
            "doc_id": ["da", "ra", "db", "rb", "ds"],
            "genre": ["petition", "response", "petition", "response", "statement"],
            "date": ["2024-01-05", "2024-05-01", "2025-02-01", "unknown", "2024-03-01"],
        }
    )
    documents = pl.DataFrame(
        {
            "doc_id": ["da", "ra", "db", "rb", "ds"],
            "source_id": ["page-a", "page-a", "page-b", "page-b", "st"],
        }
    )
    record = pl.DataFrame(
        {
            "field": ["presented_on", "presented_on", "petition_number"],
            "value": ["March 4, 2024", "February 20, 2025", "e-1"],
            "source_id": ["page-a", "page-b", "page-a"],
        }
    )
    pairs = (*syn.PAIRS, Pair("stmt", "resp-a", "overlap", "declared"))
    t = demands.demands_timeline(pairs, texts=texts, documents=documents, record=record)
    assert t.rows() == [
        ("pet-a", "resp-a", "response", "2024-01-05", "2024-03-04", "2024-05-01", False),
        ("pet-b", "resp-b", "response", "2025-02-01", "2025-02-20", None, None),
        ("stmt", "resp-a", "overlap", "2024-03-01", None, "2024-05-01", False),
    ]


def test_parse_date_reads_page_and_iso_forms():
    assert demands.parse_date("February 16, 2022") == "2022-02-16"
    assert demands.parse_date("January 12, 2022, at 8:56 a.m. (EDT)") == "2022-01-12"
    assert demands.parse_date("2023-09-07") == "2023-09-07"
    assert demands.parse_date("unknown") is None
    assert demands.parse_date(None) is None
