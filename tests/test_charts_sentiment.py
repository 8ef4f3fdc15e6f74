"""Sentiment and style charts: every registered figure validates, renders and is stable."""

from __future__ import annotations

import json

import pytest
import vl_convert

from analysis import charts
from analysis.charts import sentiment as chart_sentiment

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
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["description"]
    assert spec["title"]
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    assert svg.startswith("<svg") and "</svg>" in svg
    # every text's fixed colour is in the spec
    text = json.dumps(spec)
    for colour in charts.TEXT_COLOURS.values():
        assert colour in text


@pytest.mark.parametrize("figure", FIGURES, ids=[f.name for f in FIGURES])
def test_chart_spec_is_deterministic(built, figure):
    assert figure.build().to_json() == built[figure.name].to_json()


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
    from analysis import sentiment

    table = sentiment.textstat_sentiment_sensitivity()
    spec = built["sentiment-sensitivity"].to_dict()
    rows = [v for v in spec["data"]["values"] if v["measure"] == "Mean compound"]
    assert [r["text_id"] for r in rows] == ["petition", "response", "letter"]
    assert [r["extended"] for r in rows] == table["mean_extended"].to_list()
