"""Notebook 02's charts: valid Vega-Lite that renders, with the data the analysis computed."""

from __future__ import annotations

import json

import pytest

from analysis.charts import framing as framing_charts
from analysis.charts import framing_agreement as agreement_charts
from analysis.charts import text_colours
from analysis.figures import spec_json
from analysis.measures import framing, stance

from .charts_check import validated_svg


@pytest.fixture(scope="module")
def fresh_specs(fresh_figures):
    """Every figure built in a separate interpreter: no lru_cache shared with this process,
    and another hash seed, so set/dict iteration order that leaks into a spec shows up."""
    return {s.name: fresh_figures[s.name]["spec"] for s in framing_charts.FIGURES}


@pytest.mark.parametrize("spec", framing_charts.FIGURES, ids=lambda s: s.name)
def test_figure_validates_and_renders(spec, fresh_specs):
    chart = spec.build()
    _, svg = validated_svg(chart)
    assert spec.notebook == "02-framing"
    assert "<path" in svg
    # deterministic: the same spec as a build in a fresh interpreter (a rebuild in this
    # process would reuse the corpus caches and could not fail)
    assert spec_json(chart) == fresh_specs[spec.name]


def _values(chart):
    d = chart.to_dict()
    if "data" in d:  # one data set shared by the layers
        return d["data"]["values"]
    return [v for layer in d.get("layer", [d]) for v in layer.get("data", {}).get("values", [])]


def test_frame_profile_chart_carries_the_profile_and_text_colours():
    chart = framing_charts.textplot_frame_profile(framing.textstat_frame_profile("frame"))
    values = [v for v in _values(chart) if v["source"] == framing_charts.DICTIONARY]
    assert len(values) == 3 * len(framing.FRAMES)
    crime = next(v for v in values if v["text_id"] == "petition" and v["category"] == "crime")
    assert (crime["sentences_coded"], crime["n_sentences"]) == (7, 11)
    assert (crime["ci_low"], crime["ci_high"]) == framing.share_interval(7, 11)
    spec = json.dumps(chart.to_dict())
    assert all(colour in spec for colour in text_colours().values())
    assert '"name": "frame_text"' in spec


def test_entman_and_domain_charts_cover_their_layers():
    ent = _values(framing_charts.textplot_entman(framing.textstat_frame_profile("entman")))
    dom = _values(framing_charts.textplot_domain_families(framing.textstat_frame_profile("domain")))
    assert {v["category"] for v in ent} == set(framing.ENTMAN)
    assert {v["category"] for v in dom} == set(framing.DOMAINS)


def test_stance_chart_values():
    values = _values(framing_charts.textplot_stance(stance.textstat_stance()))
    row = next(v for v in values if v["text_id"] == "response" and v["category"] == "booster")
    assert row["n"] == 5 and row["rate"] == pytest.approx(1000 * 5 / 229)


def test_agreement_chart_has_every_category_and_a_zero_rule():
    chart = agreement_charts.textplot_framing_agreement(framing.textstat_framing_agreement())
    d = chart.to_dict()
    bars = d["layer"][0]["data"]["values"]
    assert len(bars) == len(framing.FRAMES) + len(framing.ENTMAN) + len(framing.DOMAINS)
    vic = next(v for v in bars if v["category"] == "victimhood")
    assert vic["kappa"] == pytest.approx(0.295302, abs=1e-6)  # dictionary v2
    assert d["layer"][1]["mark"]["type"] == "rule"
    with_ci = agreement_charts.textplot_framing_agreement(
        framing.textstat_framing_agreement(), framing.textstat_kappa_intervals()
    ).to_dict()
    lines = {v["row"]: v for v in with_ci["layer"][2]["data"]["values"]}
    vic = lines["Domain families: Victimhood and commemoration"]
    assert vic["ci_low"] < 0.295302 < vic["ci_high"]


@pytest.mark.parametrize("spec", framing_charts.FIGURES, ids=lambda s: s.name)
def test_default_corpus_figures_are_the_committed_ones(spec):
    # the builders follow the manifest; for the default corpus they must give the committed
    # specs byte for byte (descriptions included)
    from analysis import paths

    committed = (paths.FIGURES / f"{spec.name}.vl.json").read_text(encoding="utf-8")
    assert spec_json(spec.build()) == committed
