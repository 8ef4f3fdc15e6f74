"""Sentiment and style charts: every registered figure validates, renders and is stable."""

from __future__ import annotations

import json

import pytest

from analysis import charts
from analysis.charts import sentiment as chart_sentiment

from .charts_check import validated_svg

FIGURES = chart_sentiment.FIGURES


@pytest.fixture(scope="module")
def built():
    return {f.name: f.build() for f in FIGURES}


def test_registry():
    names = [f.name for f in FIGURES]
    assert names == [
        "sentiment-distribution",
        "sentiment-arc",
        "sentiment-coverage",
        "sentiment-sensitivity",
        "sentiment-methods",
        "readability-comparison",
        "lexical-diversity",
    ]
    assert {f.notebook for f in FIGURES} == {"04-sentiment-and-style"}
    assert all(f.caption for f in FIGURES)


@pytest.mark.parametrize("name", [f.name for f in FIGURES])
def test_chart_validates_and_renders(built, name):
    chart = built[name]
    spec, _ = validated_svg(chart)
    # every text's fixed colour is in the spec
    text = json.dumps(spec)
    for colour in charts.text_colours().values():
        assert colour in text


@pytest.fixture(scope="module")
def fresh_specs(fresh_figures):
    """Every figure's spec built in a new interpreter (no lru_cache or Altair counter shared)."""
    return {f.name: fresh_figures[f.name]["json"] for f in FIGURES}


@pytest.mark.parametrize("figure", FIGURES, ids=[f.name for f in FIGURES])
def test_chart_spec_is_deterministic(built, fresh_specs, figure):
    # A build in another process can differ only if the spec depends on process state (set
    # order, caches, counters); the in-process build here was made after other figures.
    assert fresh_specs[figure.name] == built[figure.name].to_json()


def test_distribution_carries_every_sentence(built):
    spec = built["sentiment-distribution"].to_dict()
    values = [v for layer in spec["layer"] if "data" in layer for v in layer["data"]["values"]]
    sentences = {v["sentence_id"] for v in values if "sentence_id" in v}
    assert len(sentences) == 49


def test_arc_has_named_legend_selection(built):
    spec = built["sentiment-arc"].to_dict()
    params = spec.get("params", []) + [p for lay in spec["layer"] for p in lay.get("params", [])]
    assert [(p["name"], p["bind"]) for p in params] == [("arc_text", "legend")]


def test_sensitivity_values_match_the_table(built):
    from analysis.measures import sentiment

    table = sentiment.textstat_sentiment_sensitivity()
    spec = built["sentiment-sensitivity"].to_dict()
    rows = spec["hconcat"][0]["data"]["values"]
    assert {v["measure"] for v in rows} == {"Mean compound"}
    assert [r["text_id"] for r in rows] == ["petition", "response", "letter"]
    assert [r["extended"] for r in rows] == table["mean_extended"].to_list()


def test_axis_labels_use_the_public_label_expression(built):
    spec = json.dumps(built["sentiment-distribution"].to_dict())
    assert json.dumps(charts.text_label_expr())[1:-1] in spec


def test_default_descriptions_name_the_three_texts(built):
    # names from the manifest (text_names), in display order
    assert (
        "for the petition, the response and the letter, on a scale"
        in (built["sentiment-distribution"].to_dict()["description"])
    )
    assert built["readability-comparison"].to_dict()["description"].endswith("for the three texts.")
    # three texts share one arc panel
    assert "layer" in built["sentiment-arc"].to_dict()
