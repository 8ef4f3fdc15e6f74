"""Terminology charts: every registered figure validates against the Vega-Lite schema and renders."""

from __future__ import annotations

import json

import altair as alt
import polars as pl
import pytest

from analysis.charts import dispersion as dispersion_chart
from analysis.charts import naming as naming_chart
from analysis.charts import terminology as ct
from analysis.charts import text_colours, text_labels

from .charts_check import validated_svg

FIGS = {f.name: f for f in ct.FIGURES()}


def test_figures_registered_for_notebook_01():
    assert set(FIGS) == {
        "terminology-referents",
        "terminology-labels",
        "terminology-principles",
        "naming-choices",
        "keyness-petition",
        "keyness-response",
        "keyness-letter",
        "lexical-dispersion",
        "similarity-heatmap",
    }
    assert {f.notebook for f in ct.FIGURES()} == {"01-terminology"}
    assert all(f.caption for f in ct.FIGURES())


@pytest.mark.parametrize("name", sorted(FIGS))
def test_figure_validates_and_renders(name):
    chart = FIGS[name].build()
    _, svg = validated_svg(chart)
    assert "<text" in svg


def test_same_inputs_give_identical_specs():
    a = FIGS["naming-choices"].build().to_json()
    b = FIGS["naming-choices"].build().to_json()
    assert a == b


def test_keyness_chart_both_directions_labelled_with_text_names():
    data = ct.keyness_data("letter", 5)
    assert (data["g2"] > 0).sum() == 5 and (data["g2"] < 0).sum() == 5
    chart = ct.textplot_keyness(data, target="letter")
    spec = chart.to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == [text_labels()["letter"], "Other two texts"]
    assert scale["range"][0] == text_colours()["letter"]
    assert "Open letter (2023)" in json.dumps(spec["title"])
    assert data.filter(pl.col("g2") > 0)["key_in_label"].unique().to_list() == [
        text_labels()["letter"]
    ]


def test_naming_chart_data_holds_the_town_choices():
    data = naming_chart.naming_data()
    town = data.filter(pl.col("concept") == "Khojaly (Khojali)")
    assert dict(town.select("text_id", "label").iter_rows()) == {
        "petition": "Khojali ×5",
        "response": "Khojaly ×2",
    }
    assert town["first"].all()


def test_dispersion_data_and_heatmap_rows():
    disp = dispersion_chart.dispersion_data()
    art = disp.filter(pl.col("term") == "Artsakh")
    assert art["text_id"].unique().to_list() == ["letter"] and art.height == 12
    heat = ct.terminology_heatmap_data("principles")
    used = heat.group_by("row").agg(pl.col("n").sum())
    assert (used["n"] > 0).all()
    ti = heat.filter(pl.col("row") == "territorial integrity")
    assert ti.select("text_id", "n", "form").rows() == [
        ("petition", 1, "territorial integrity ×1"),
        ("response", 1, "territorial integrity ×1"),
        ("letter", 0, ""),
    ]


def test_label_heatmap_has_one_row_per_label():
    # "ethnic cleansing" (the letter) and "ethnically cleansing" (the petition) are one label
    heat = ct.terminology_heatmap_data("event-labels")
    ec = heat.filter(pl.col("concept") == "ethnic cleansing")
    assert ec["row"].unique().to_list() == ["ethnic cleansing"]
    assert ec.select("text_id", "n", "form").rows() == [
        ("petition", 1, "ethnically cleans* ×1"),
        ("response", 0, ""),
        ("letter", 1, "ethnic cleansing ×1"),
    ]
    # one row per label that occurs (33 rows were forms before they were pooled)
    assert heat["row"].n_unique() == heat.filter(pl.col("n") > 0)["concept"].n_unique() == 27
    spec = ct.textplot_terminology_heatmap(heat, lexicon="event-labels").to_dict()
    assert spec["description"].startswith("Heatmap of the 27 labels")
    genocide = heat.filter((pl.col("concept") == "genocide") & (pl.col("text_id") == "letter"))
    assert genocide.select("n", "form").row(0) == (8, "genocid* ×8")  # names excluded


def test_builders_accept_small_frames():
    sim = pl.DataFrame(
        {
            "text_a": ["petition", "response"],
            "text_b": ["response", "petition"],
            "cosine": [0.5, 0.5],
            "shared_types": [3, 3],
            "label_a": [text_labels()["petition"], text_labels()["response"]],
            "label_b": [text_labels()["response"], text_labels()["petition"]],
        }
    )
    chart = ct.textplot_similarity(sim)
    assert isinstance(chart, alt.LayerChart)
    chart.to_dict()


def test_naming_data_keeps_text_order_through_the_label_join():
    # the frame becomes the figure's data: its rows must stay in text order, then concept and
    # form, after the labels are joined on
    data = naming_chart.naming_data()
    rank = {"petition": 0, "response": 1, "letter": 2}
    keys = [(rank[t], c, f) for t, c, f in data.select("text_id", "concept", "form").iter_rows()]
    assert keys == sorted(keys)
    region = data.filter(
        (pl.col("concept") == "Nagorno-Karabakh") & (pl.col("text_id") == "letter")
    )
    assert region["first"].to_list() == [True] + [False] * (region.height - 1)


def test_dispersion_positions_are_words_before_the_match():
    disp = dispersion_chart.dispersion_data({"Khojali": "Khojali"})
    # Khojali is word 25 of the petition's 269: 24 words before it (see test_terminology)
    assert disp["position"][0] == pytest.approx(24 / 269)
    assert disp["text"][0] == text_labels()["petition"]
