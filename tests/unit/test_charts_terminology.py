"""Terminology charts built from synthetic frames of five texts, and the figure list of a tiny
manifest: every chart validates, renders, and shows every text."""

from __future__ import annotations

import json

import polars as pl
import pytest
import vl_convert as vlc

from analysis import paths
from analysis.charts import dispersion as dispersion_chart
from analysis.charts import naming as naming_chart
from analysis.charts import terminology as ct
from analysis.measures import keyness

from . import synthetic
from .synthetic_texts import FIVE_TEXTS, token_frames, write_tiny_manifest

IDS = list(FIVE_TEXTS)


@pytest.fixture(scope="module")
def frames():
    segments, _, toks = token_frames(FIVE_TEXTS)
    return {"toks": toks, "segments": segments}


def _render(chart) -> dict:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    svg = vlc.vegalite_to_svg(json.dumps(spec))
    assert svg.lstrip().startswith("<svg") and "<text" in svg
    return spec


def test_heatmap_has_a_column_per_text_and_grows_with_them(frames):
    data = ct.terminology_heatmap_data("referent-variants", **frames)
    assert data["text_id"].unique(maintain_order=True).to_list() == IDS
    # ids the manifest lacks are labelled by their id
    assert data["text"].unique(maintain_order=True).to_list() == IDS
    spec = _render(ct.textplot_terminology_heatmap(data, lexicon="referent-variants"))
    assert spec["width"] == {"step": 48}  # five texts: a column step, not a fixed width
    assert "one of the five texts" in spec["description"]
    assert "columns a, b, c, d and e-1234;" in spec["description"]
    rows = data.filter(pl.col("n") > 0)["form"].unique().to_list()
    assert sorted(rows) == ["Karabakh", "Khojali", "Khojaly"]


def test_keyness_chart_for_the_new_text_against_the_other_four(frames):
    words = frames["toks"].filter(pl.col("is_word"))
    data = ct.keyness_data("e-1234", 3, toks=words)
    assert data["term"][0] == "harbour"
    assert set(data["key_in_label"]) == {"e-1234", "Other four texts"}
    spec = _render(ct.textplot_keyness(data, target="e-1234"))
    assert spec["encoding"]["color"]["scale"]["domain"] == ["e-1234", "Other four texts"]
    assert spec["title"]["text"] == "Keyness: e-1234 against the other four texts"
    assert "pooled other four texts" in spec["description"]
    tooltips = [t["title"] for t in spec["encoding"]["tooltip"]]
    assert "Count in other four" in tooltips
    assert {"p (Fisher's exact)", "q (Benjamini–Hochberg, Fisher's p)"} <= set(tooltips)
    assert {"Log Ratio 95% interval", "%DIFF", "Expected count < 5"} <= set(tooltips)
    # the subtitle counts the terms of the whole comparison with q < 0.05, either direction
    full = keyness.textstat_keyness("e-1234", toks=words)
    n_q = sum(1 for q in full["q"] if q < 0.05)
    title = json.dumps(spec["title"], ensure_ascii=False)
    assert ct.keyness_reach(n_q, full.height) in title
    # a bar is described as a frequency difference, never as "over-used"
    assert spec["encoding"]["color"]["title"] == "Higher relative frequency in"
    assert "over-used" not in title.lower()
    assert "Right: higher relative frequency in e-1234; left: in the other four" in title
    harbour = data.filter(pl.col("term") == "harbour").row(0, named=True)
    # b = 0: the upper end of the interval is unbounded, kept out of the JSON as null
    assert harbour["log_ratio_high"] is None and harbour["log_ratio_95ci"].endswith("∞]")


def test_keyness_reach_says_none_is_significant_or_counts_the_significant_terms():
    assert ct.keyness_reach(0, 543) == (
        "none of the 543 terms reaches q < 0.05: no difference shown is significant"
    )
    assert (
        ct.keyness_reach(1, 20) == "1 of 20 terms reaches q < 0.05 (each bar's q is in its tooltip)"
    )
    assert ct.keyness_reach(3, 1200).startswith("3 of 1,200 terms reach q < 0.05")


def test_similarity_chart_is_five_by_five(frames):
    words = frames["toks"].filter(pl.col("is_word"))
    data = ct.similarity_data(toks=words)
    assert data.height == 25 and data["label_a"].unique(maintain_order=True).to_list() == IDS
    expected = keyness.textstat_similarity(toks=words)["cosine"].to_list()
    assert data["cosine"].to_list() == expected
    spec = _render(ct.textplot_similarity(data))
    assert spec["description"].startswith("Five-by-five heatmap")
    assert spec["width"] == {"step": 56} and spec["height"] == {"step": 28}


def test_naming_and_dispersion_show_every_text_that_uses_a_form(frames):
    naming = naming_chart.naming_data(**frames)
    town = naming.filter(pl.col("concept") == "Khojaly (Khojali)")
    assert town.select("text_id", "label").rows() == [("a", "Khojaly ×1"), ("e-1234", "Khojali ×1")]
    _render(naming_chart.textplot_naming(naming))
    disp = dispersion_chart.dispersion_data(**frames)
    assert disp.filter(pl.col("term") == "Khojali")["text_id"].to_list() == ["e-1234"]
    spec = _render(dispersion_chart.textplot_xray(disp))
    assert spec["facet"]["row"]["field"] == "text"
    # each row's DP over the text's sentences, drawn once per row (its first occurrence)
    labels = disp.filter(pl.col("first")).select("text_id", "term", "dp_label").rows()
    # e-1234: sentences of 3, 6 and 2 words; Khojali once in the second: t = (0, 1, 0),
    # w = (3, 6, 2)/11, DP = ½(3/11 + 5/11 + 2/11) = 5/11 = 0.45; Karabakh in the third:
    # ½(3/11 + 6/11 + 9/11) = 9/11 = 0.82; a: sentences of 5 and 5 words, Khojaly in the
    # second: ½(½ + ½) = 0.50; c: 3 and 9 words, territorial integrity in the first: 0.75
    assert sorted(labels) == [
        ("a", "Khojaly", "DP 0.50"),
        ("c", "territorial integrity", "DP 0.75"),
        ("e-1234", "Karabakh", "DP 0.82"),
        ("e-1234", "Khojali", "DP 0.45"),
    ]
    text_layer = spec["spec"]["layer"][1]
    assert text_layer["mark"]["type"] == "text"
    assert text_layer["encoding"]["text"]["field"] == "dp_label"


def test_figure_list_follows_the_manifest(tmp_path):
    tiny = write_tiny_manifest(tmp_path)
    before = paths.MANIFEST
    with synthetic.manifest_in_force(tiny):
        specs = ct.FIGURES()
        names = [f.name for f in specs]
        assert names == [
            "terminology-referents",
            "terminology-labels",
            "terminology-principles",
            "naming-choices",
            "keyness-t-one",
            "keyness-t-two",
            "lexical-dispersion",
            "similarity-heatmap",
        ]
        by_name = {f.name: f for f in specs}
        assert by_name["keyness-t-two"].caption == (
            "Keyness of text two against the other text (signed four-cell G2)."
        )
        assert by_name["similarity-heatmap"].caption == (
            "Cosine similarity of the two texts' content-word vectors."
        )
        spec = _render(by_name["keyness-t-one"].build())
        assert spec["title"]["text"] == "Keyness: Text one against the other text"
        spec = _render(by_name["similarity-heatmap"].build())
        assert spec["description"].startswith(
            "Two-by-two heatmap of cosine similarity between text one and text two"
        )
    assert paths.MANIFEST == before


def test_heatmap_tooltip_shows_categories_as_words_and_the_legend_starts_at_a_used_rate(frames):
    data = ct.terminology_heatmap_data("referent-variants", **frames)
    spec = _render(ct.textplot_terminology_heatmap(data, lexicon="referent-variants"))
    rect = spec["layer"][0]
    tips = {t["title"]: t["field"] for t in rect["encoding"]["tooltip"]}
    assert tips["Category"] == "category_label"
    values = spec["datasets"][next(iter(spec["datasets"]))] if "datasets" in spec else []
    for v in values:
        assert v["category_label"] == v["category"].replace("_", " ")
    # the subtitle names the lexicon, not a file path
    subtitle = spec["title"]["subtitle"]
    assert "data/lexicons" not in subtitle and "the referent-variants lexicon" in subtitle
    used = data.filter(pl.col("n") > 0)["rate"]
    colour = rect["encoding"]["color"]
    assert colour["condition"] == {"test": "datum.n === 0", "value": "#f4f4f4"}  # unused: grey
    scale = colour["scale"]
    assert scale["domain"] == [float(used.min()), float(used.max())]
    assert scale["scheme"] == {"name": "blues", "extent": [ct.SHADE_FROM, 1]}


def test_shade_domain_cases():
    frame = pl.DataFrame({"n": [0, 2, 5], "rate": [0.0, 1.5, 4.0]})
    assert ct.shade_domain(frame) == (1.5, 4.0)  # the unused (grey) cell is left out
    assert ct.shade_domain(pl.DataFrame({"n": [0], "rate": [0.0]})) == (0.0, 1.0)
    assert ct.shade_domain(pl.DataFrame({"n": [1, 1], "rate": [2.0, 2.0]})) == (0.0, 2.0)
