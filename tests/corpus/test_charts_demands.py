"""Demand charts: every registered figure validates, renders and is stable."""

from __future__ import annotations

import pytest

from analysis import figures, paths
from analysis.charts import demands as chart_demands

from .charts_check import validated_svg

FIGURES = chart_demands.FIGURES


@pytest.fixture(scope="module")
def built():
    return {f.name: f.build() for f in FIGURES}


def test_registry():
    assert [f.name for f in FIGURES] == [
        "demands-alignment-heatmap",
        "demands-responsiveness",
        "demand-types",
        "response-modality",
    ]
    assert {f.notebook for f in FIGURES} == {"03-demands"}
    assert all(f.caption for f in FIGURES)


@pytest.mark.parametrize("name", [f.name for f in FIGURES])
def test_chart_validates_and_renders(built, name):
    chart = built[name]
    spec, _ = validated_svg(chart)
    assert spec["title"]["text"]


@pytest.fixture(scope="module")
def fresh(fresh_figures):
    """Every figure built in a new interpreter: no lru_cache or module state is shared."""
    return {f.name: fresh_figures[f.name]["json"] for f in FIGURES}


@pytest.mark.parametrize("name", [f.name for f in FIGURES])
def test_chart_is_deterministic_across_processes(built, fresh, name):
    # a build in this process (caches warm, other tests' state) equals a build from scratch
    assert fresh[name] == built[name].to_json()


def test_heatmap_has_one_cell_per_demand_and_sentence(built):
    values = built["demands-alignment-heatmap"].to_dict()["data"]["values"]
    assert len(values) == 19 * 8


def test_responsiveness_grid_shows_both_coders(built):
    values = built["demands-responsiveness"].to_dict()["data"]["values"]
    assert {v["coder"] for v in values} == {"automatic", "gold"}
    first = [v for v in values if v["demand_id"] == "petition:d1"]
    assert {v["label"] for v in first} == {"reframed"}
    subtitle = built["demands-responsiveness"].to_dict()["title"]["subtitle"]
    assert "2022 response" in subtitle and "Letter (2023," in subtitle  # manifest dates
    # rows in text order, then by number: letter:d2 comes before letter:d10
    ids = list(dict.fromkeys(v["demand_id"] for v in values))
    assert ids.index("letter:d2") < ids.index("letter:d10")
    assert ids[:4] == ["petition:d1", "petition:d2", "petition:d3", "letter:d1"]


@pytest.mark.parametrize("name", [f.name for f in FIGURES])
def test_default_corpus_figure_equals_the_committed_spec(built, name):
    # the builders take any number of texts and pairs; on the default three texts they give
    # exactly the committed figures
    committed = (paths.ROOT / "figures" / f"{name}.vl.json").read_text(encoding="utf-8")
    assert figures.spec_json(built[name]) == committed
