"""The transformation-profile chart on the synthetic corpus: cells, gold beside automatic."""

from __future__ import annotations

import polars as pl
import pytest

from analysis.charts import transformation as chart
from analysis.measures import demands
from analysis.measures.demands import transform

from . import transform_synthetic as syn


@pytest.fixture(scope="module")
def profile():
    sentences, toks = syn.frames()
    found = demands.demands_extract(sentences, toks, text_ids=["pet-x", "pet-y", "stmt"])
    return transform.textstat_transformation(found, syn.PAIRS, sentences, toks)


def _values(spec: dict) -> list[dict]:
    return spec["datasets"][next(iter(spec["datasets"]))]


def test_one_cell_per_demand_dimension_and_coder(profile):
    gold = pl.DataFrame(
        {
            "demand_id": ["pet-x:d1", "pet-x:d1", "nowhere:d1"],
            "dimension": ["agent_deletion", "deflection", "deflection"],
            "value": ["deleted", "process", "none"],
        }
    )
    spec = chart.textplot_transformation(profile, gold).to_dict()
    cells = _values(spec)
    auto = [c for c in cells if c["coder"] == "automatic"]
    assert len(auto) == 5 * 6
    gold_cells = {
        (c["demand_id"], c["dimension"]): c["value"] for c in cells if c["coder"] == "gold"
    }
    # gold about a demand the profile does not hold is left out
    assert gold_cells == {
        ("pet-x:d1", "agent_deletion"): "deleted",
        ("pet-x:d1", "deflection"): "process",
    }
    groups = {c["value"]: c["group"] for c in cells}
    assert groups["deleted"] == "changed or removed" and groups["none"] == "none"
    assert "pet-x" in spec["description"] and "stmt" not in spec["description"]  # ids: no names
    assert spec["title"]["subtitle"].startswith("Left half of each cell")


def test_without_gold_the_subtitle_says_so(profile):
    spec = chart.textplot_transformation(profile, None).to_dict()
    assert {c["coder"] for c in _values(spec)} == {"automatic"}
    assert "no gold coding" in spec["title"]["subtitle"]
