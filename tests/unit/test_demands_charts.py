"""Demand charts built from synthetic frames: one panel per response text, prose from the data."""

from __future__ import annotations

import json

import polars as pl
import pytest

from analysis.charts import demands as chart_demands
from analysis.corpus.manifest import Pair
from analysis.evaluation import demands_gold
from analysis.measures import demands

from . import demands_synthetic as syn


@pytest.fixture(scope="module")
def built():
    sentences, toks = syn.frames()
    found = demands.demands_extract(sentences, toks, text_ids=syn.ADVOCACY)
    align = demands.demands_alignment(found, sentences, toks, pairs=syn.PAIRS)
    auto = demands.demands_responsiveness(found, align, sentences, toks, pairs=syn.PAIRS)
    table = demands_gold.textstat_responsiveness(auto, gold=pl.DataFrame())
    functions = demands.response_functions(sentences, toks, text_ids=syn.RESPONSES)
    modality = demands.response_modality(sentences, toks, text_ids=syn.RESPONSES)
    timeline = pl.DataFrame(
        {
            "advocacy": ["pet-a", "pet-b"],
            "response": ["resp-a", "resp-b"],
            "relation": ["response", "response"],
            "advocacy_date": ["2024-01-05", "2025-02-01"],
            "presented_on": [None, None],
            "response_date": ["2024-05-01", "2025-06-01"],
            "response_first": [False, False],
        }
    )
    return {
        "heatmap": chart_demands.textplot_alignment_heatmap(align, found, sentences).to_dict(),
        "responsiveness": chart_demands.textplot_responsiveness(table, timeline).to_dict(),
        "types": chart_demands.textplot_demand_types(found, syn.ADVOCACY).to_dict(),
        "modality": chart_demands.textplot_modality(modality, functions).to_dict(),
    }


def _panels(spec: dict) -> list[dict]:
    return spec["vconcat"]


def test_heatmap_has_one_panel_per_pair_titled_by_its_relation(built):
    spec = built["heatmap"]
    panels = _panels(spec)
    # labels: ids not in the manifest are labelled by their id
    assert [p["title"]["text"] for p in panels] == [
        "pet-a and resp-a: the response answers the text",
        "pet-b and resp-b: the response answers the text",
    ]
    counts = [len(p["data"]["values"]) for p in panels]
    assert counts == [4 * 3, 6 * 2]
    assert spec["title"]["text"].endswith("the response it is paired with")
    assert "from pet-a and pet-b" in spec["description"]
    assert "overlap" not in json.dumps(spec["title"])  # no overlap pair, no overlap wording


def test_heatmap_puts_an_overlap_pair_in_its_own_dated_panel_after_the_answers():
    sentences, toks = syn.frames()
    pairs = (
        Pair("pet-b", "resp-a", "overlap", "declared comparison"),
        *syn.PAIRS,
    )
    found = demands.demands_extract(sentences, toks, text_ids=syn.ADVOCACY)
    align = demands.demands_alignment(found, sentences, toks, pairs=pairs)
    timeline = pl.DataFrame(
        {
            "advocacy": ["pet-b"],
            "response": ["resp-a"],
            "relation": ["overlap"],
            "advocacy_date": ["2025-02-01"],
            "presented_on": [None],
            "response_date": ["2024-05-01"],
            "response_first": [True],
        }
    )
    spec = chart_demands.textplot_alignment_heatmap(align, found, sentences, timeline).to_dict()
    panels = _panels(spec)
    titles = [p["title"] for p in panels]
    assert [t["text"] for t in titles] == [
        "pet-a and resp-a: the response answers the text",
        "pet-b and resp-b: the response answers the text",
        "pet-b and resp-a: compared for overlap only (not an answer)",
    ]
    assert titles[2]["subtitle"] == (
        "The resp-a is dated 2024-05-01; the pet-b is dated 2025-02-01 (later): overlap "
        "describes shared policy language, not an answer."
    )
    # the overlap panel holds only pet-b's demands against resp-a's sentences
    values = panels[2]["data"]["values"]
    assert {v["demand_id"].split(":")[0] for v in values} == {"pet-b"}
    assert {v["sentence_id"].split(":")[0] for v in values} == {"resp-a"}
    assert len(values) == 6 * 3  # six demands x three sentences
    assert "closest shared language, not an answer" in spec["title"]["subtitle"]
    assert "pet-b compared with resp-a for overlap only" in spec["description"]


def test_responsiveness_panels_and_subtitle_per_pair(built):
    spec = built["responsiveness"]
    panels = _panels(spec)
    assert len(panels) == 2
    values = panels[1]["data"]["values"]
    assert {v["demand_id"] for v in values} == {f"pet-b:d{n}" for n in range(1, 7)}
    assert {v["label"] for v in values if v["coder"] == "gold"} == {"(no gold demand)"}
    assert spec["title"]["subtitle"] == (
        "Pet-a: responsiveness of the 2024 response. Pet-b: responsiveness of the 2025 response"
    )
    assert spec["description"].endswith("pet-a and pet-b demands on the responsiveness scale.")


def test_demand_types_counts_every_advocacy_text(built):
    spec = built["types"]
    values = spec["data"]["values"]
    n = {(v["text_id"], v["demand_type"]): v["n"] for v in values if v["coder"] == "extracted"}
    assert {v["coder"] for v in values} == {"extracted"}  # no gold given: extracted only
    assert n[("pet-a", "sanctions")] == 1
    assert n[("pet-b", "other")] == 5
    assert n[("stmt", "other")] == 1
    assert n[("stmt", "sanctions")] == 0  # the grid has every type for every text
    assert spec["spec"]["encoding"]["color"]["scale"]["domain"] == syn.ADVOCACY
    assert spec["facet"]["column"]["sort"] == syn.ADVOCACY  # one panel per text


def test_modality_has_one_panel_per_response(built):
    panels = _panels(built["modality"])
    sentences = [{v["sentence_id"] for v in p["data"]["values"]} for p in panels]
    assert sentences == [{"resp-a:s002", "resp-a:s003"}, {"resp-b:s002"}]


def test_charts_of_a_corpus_without_pairs_or_responses_still_build():
    sentences, toks = syn.frames()
    found = demands.demands_extract(sentences, toks, text_ids=["stmt"])
    align = demands.demands_alignment(found, sentences, toks, pairs=())
    auto = demands.demands_responsiveness(found, align, sentences, toks, pairs=())
    assert align.is_empty() and auto.is_empty()
    table = demands_gold.textstat_responsiveness(auto, gold=pl.DataFrame())
    empty_timeline = demands.demands_timeline(
        (),
        texts=pl.DataFrame(schema={"text_id": pl.String, "doc_id": pl.String}),
        documents=pl.DataFrame(schema={"doc_id": pl.String, "source_id": pl.String}),
        record=pl.DataFrame(
            schema={"field": pl.String, "value": pl.String, "source_id": pl.String}
        ),
    )
    functions = demands.response_functions(sentences, toks, text_ids=[])
    modality = demands.response_modality(sentences, toks, text_ids=[])
    for chart in (
        chart_demands.textplot_alignment_heatmap(align, found, sentences),
        chart_demands.textplot_responsiveness(table, empty_timeline),
        chart_demands.textplot_modality(modality, functions),
    ):
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["data"]["values"] == []


def test_genre_phrases_name_a_letter_by_its_label_not_as_open():
    from analysis.corpus.manifest import Text

    texts = (
        Text("pet-a", "Petition e-1", "d", ("p",), genre="petition"),
        Text("lt-a", "Letter to the Minister (2024)", "d", ("b",), genre="letter"),
        Text("lt-b", "Open letter of 2023", "d", ("b",), genre="letter"),
        Text("st-a", "2024-05-01", "d", ("b",), genre="statement"),
    )
    phrases = chart_demands._genre_phrases
    assert phrases(["pet-a", "lt-a"], texts) == ["the petition", "the letter to the Minister"]
    assert phrases(["lt-b"], texts) == ["the open letter"]  # the label says so
    assert phrases(["lt-a", "lt-b", "st-a"], texts) == ["2 letters", "the statement"]
