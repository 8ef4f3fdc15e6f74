"""Demand charts: every registered figure validates, renders and is stable."""

from __future__ import annotations

import pytest
import vl_convert

from analysis.charts import demands as chart_demands

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
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["description"]
    assert spec["title"]["text"]
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    assert svg.startswith("<svg")


@pytest.mark.parametrize("name", [f.name for f in FIGURES])
def test_chart_is_stable(built, name):
    again = next(f for f in FIGURES if f.name == name).build()
    assert again.to_json() == built[name].to_json()


def test_heatmap_has_one_cell_per_demand_and_sentence(built):
    values = built["demands-alignment-heatmap"].to_dict()["data"]["values"]
    assert len(values) == 19 * 8


def test_responsiveness_grid_shows_both_coders(built):
    values = built["demands-responsiveness"].to_dict()["data"]["values"]
    assert {v["coder"] for v in values} == {"automatic", "gold"}
    first = [v for v in values if v["demand_id"] == "petition:d1"]
    assert {v["label"] for v in first} == {"reframed"}
