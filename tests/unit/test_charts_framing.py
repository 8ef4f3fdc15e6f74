"""Notebook 02's chart builders on a synthetic corpus of five texts (ids not the default ones).

The builders take frames only; texts, their order, colours and labels come from the manifest in
force (a tiny one written for the test), and the chart grows with them.
"""

from __future__ import annotations

import json

import polars as pl
import pytest

from analysis import corpus
from analysis.charts import framing as framing_charts
from analysis.charts import framing_agreement as agreement_charts
from analysis.measures import framing, stance

from . import framing_synthetic as fs


@pytest.fixture()
def profiles(synth):
    matches = framing.framing_matches(synth.toks, fs.CUES)
    coding = framing.textstat_frame_coding(matches)
    return {
        layer: framing.textstat_frame_profile(
            layer, coding=coding, matches=matches, sentences=synth.sentences, toks=synth.toks
        )
        for layer in framing.LAYERS
    }


def _bars(chart):
    d = chart.to_dict()
    return d, d.get("layer", [d])[0]


@pytest.mark.parametrize(
    ("layer", "build", "step"),
    [
        # the step is per bar (the y offset): the chart grows with the texts, bars stay as thick
        ("frame", framing_charts.textplot_frame_profile, 8),
        ("entman", framing_charts.textplot_entman, 14),
        ("domain", framing_charts.textplot_domain_families, 8),
    ],
)
def test_profile_charts_show_every_text_in_manifest_colours(profiles, layer, build, step):
    d, bars = _bars(build(profiles[layer]))
    values = d["data"]["values"] if "data" in d else bars["data"]["values"]
    assert list(dict.fromkeys(v["text_id"] for v in values)) == fs.TEXT_IDS
    # no gold given: the dictionary's bars only, and the description says so
    assert len(values) == 5 * len(framing.LAYERS[layer])
    assert {v["source"] for v in values} == {framing_charts.DICTIONARY}
    assert "No text shown has gold coding" in d["description"]
    labels = corpus.text_labels()
    assert {v["text_label"] for v in values} == {labels[t] for t in fs.TEXT_IDS}
    enc = bars["encoding"]
    assert enc["yOffset"]["sort"] == [f"{t}|dictionary" for t in fs.TEXT_IDS]
    assert enc["color"]["scale"]["domain"] == fs.TEXT_IDS
    assert enc["color"]["scale"]["range"] == list(corpus.text_colours().values())
    assert len(set(enc["color"]["scale"]["range"])) == 5
    assert d["height"] == {"step": step}
    if layer == "frame":
        # the description names the texts; two short labels coincide ("petition"): prose names
        assert (
            "the share of petition e-101's, the response to e-101's, petition e-202's, the "
            "letter of 2025's and the statement's sentences" in d["description"]
        )


def test_stance_chart_values_and_description(synth):
    kwic = stance.kwic_stance(synth.toks, fs.MARKERS, synth.sentences)
    table = stance.textstat_stance(kwic, synth.toks)
    d, bars = _bars(framing_charts.textplot_stance(table))
    values = d["data"]["values"] if "data" in d else bars["data"]["values"]
    row = next(v for v in values if v["text_id"] == "l-303" and v["category"] == "attitude")
    assert row["n"] == 1 and row["rate"] == pytest.approx(1000 / 6)
    # one sentence: every resample is that sentence, the interval is the rate itself
    assert row["ci_low"] == row["ci_high"] == pytest.approx(1000 / 6)
    assert d["height"] == {"step": 16}
    assert (
        "per 1,000 word tokens in petition e-101, the response to e-101, petition e-202, the "
        "letter of 2025 and the statement, each with its 95% interval." in d["description"]
    )
    rules = d["layer"][1]
    assert rules["mark"]["type"] == "rule"
    assert (rules["encoding"]["x"]["field"], rules["encoding"]["x2"]["field"]) == (
        "ci_low",
        "ci_high",
    )


def test_descriptions_use_short_labels_when_they_differ(synth):
    # labels without parenthetical notes and numbers, as common nouns, when all differ
    assert framing_charts._short_label("Open letter (2023)") == "open letter"
    assert framing_charts._short_label("Petition e-3780") == "petition"
    assert framing_charts._short_label("Open letter of 2025") == "open letter"
    assert framing_charts._text_phrases(["r-101", "l-303", "s-404"]) == [
        "the government response",
        "the open letter",
        "the community statement",
    ]
    assert framing_charts._text_phrases(["p-101", "p-202"]) == ["petition e-101", "petition e-202"]


def test_agreement_chart_on_partial_gold(synth, profiles):
    matches = framing.framing_matches(synth.toks, fs.CUES)
    auto = framing.framing_sentences(framing.textstat_frame_coding(matches), synth.sentences)
    table = framing.textstat_framing_agreement(fs.gold(), auto)
    d = agreement_charts.textplot_framing_agreement(table).to_dict()
    bars = d["layer"][0]["data"]["values"]
    assert len(bars) == 28 and {b["n"] for b in bars} == {5}
    json.dumps(d)  # serialisable with null kappas
    assert len(d["layer"]) == 2 and "no intervals shown" in d["title"]["subtitle"]


def test_agreement_chart_draws_each_defined_interval(synth, profiles):
    matches = framing.framing_matches(synth.toks, fs.CUES)
    auto = framing.framing_sentences(framing.textstat_frame_coding(matches), synth.sentences)
    table = framing.textstat_framing_agreement(fs.gold(), auto)
    intervals = framing.textstat_kappa_intervals(fs.gold(), auto, n_resamples=200)
    d = agreement_charts.textplot_framing_agreement(table, intervals).to_dict()
    rules = d["layer"][2]["data"]["values"]
    defined = intervals.filter(pl.col("ci_low").is_not_null())
    assert len(rules) == defined.height
    first = defined.row(0, named=True)
    row = f"{framing.LAYER_LABELS[first['layer']]}: {first['label']}"
    assert {"row": row, "ci_low": first["ci_low"], "ci_high": first["ci_high"]} in rules
    assert "95% bootstrap intervals" in d["title"]["subtitle"]


def test_one_text_chart(synth, profiles):
    one = profiles["entman"].filter(pl.col("text_id") == "l-303")
    d, bars = _bars(framing_charts.textplot_entman(one))
    assert bars["encoding"]["yOffset"]["sort"] == ["l-303|dictionary"]
    assert d["height"] == {"step": 14}


def test_kappa_domain_ends_at_one_and_reaches_the_lowest_value():
    frame = pl.DataFrame({"kappa": [1.0, 0.5, None], "ci_low": [0.9, 0.1, None]})
    assert agreement_charts.kappa_domain(frame) == [-0.2, 1.0]
    low = pl.DataFrame({"kappa": [-0.25, 1.0], "ci_low": [-0.55, 1.0]})
    assert agreement_charts.kappa_domain(low) == [-0.6, 1.0]  # -0.55 down to the next 0.2
    assert agreement_charts.kappa_domain(pl.DataFrame({"kappa": [-3.0]})) == [-1.0, 1.0]


def test_agreement_chart_axis_stops_at_kappa_one(synth, profiles):
    matches = framing.framing_matches(synth.toks, fs.CUES)
    auto = framing.framing_sentences(framing.textstat_frame_coding(matches), synth.sentences)
    table = framing.textstat_framing_agreement(fs.gold(), auto)
    d = agreement_charts.textplot_framing_agreement(table).to_dict()
    scale = d["layer"][0]["encoding"]["x"]["scale"]
    assert scale["domain"][1] == 1.0 and scale["nice"] is False


def test_grouped_bars_keep_each_interval_in_its_bar_slot_with_caps_and_a_coding_legend():
    rows = [
        {
            "text_id": t,
            "label": "A",
            "row": f"{t}|{s}",
            "source": s,
            "share": v,
            "ci_low": 0.1,
            "ci_high": 0.6,
        }
        for t in ("p-101", "r-1")
        for s, v in ((framing_charts.DICTIONARY, 0.3), (framing_charts.GOLD, 0.4))
    ]
    chart = framing_charts._grouped_bars(
        rows,
        x="share",
        x_title="Share",
        x_format="%",
        y_sort=["A"],
        tooltips=[],
        pick_name="p",
        offset="row",
        offset_sort=[r["row"] for r in rows],
        sources=[framing_charts.DICTIONARY, framing_charts.GOLD],
        cap_size=6,
    )
    d = chart.to_dict()
    bars, rule, low, high = d["layer"]
    # a gap between the bars of a category; every layer on the same y offset (its own slot)
    for layer in (bars, rule, low, high):
        offset = layer["encoding"]["yOffset"]
        assert (
            offset["field"] == "row" and offset["scale"]["paddingInner"] == framing_charts.SLOT_GAP
        )
    assert rule["mark"]["type"] == "rule"
    assert [low["mark"]["type"], high["mark"]["type"]] == ["tick", "tick"]
    assert [low["encoding"]["x"]["field"], high["encoding"]["x"]["field"]] == ["ci_low", "ci_high"]
    assert low["mark"]["size"] == 6
    # solid vs faded has a legend, its swatches in a text's colour (not Vega's black)
    coding = bars["encoding"]["opacity"]["condition"]  # faded where the legend pick is off
    assert coding["field"] == "source" and coding["title"] == "Coding"
    assert coding["legend"]["symbolFillColor"] == next(iter(corpus.text_colours().values()))
