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
        "demands-policy-overlap",
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
    panels = built["demands-alignment-heatmap"].to_dict()["vconcat"]
    values = [v for p in panels for v in p["data"]["values"]]
    assert len(values) == 17 * 8  # 3 petition + 14 letter demands, 8 response sentences


def test_heatmap_separates_the_answered_pair_from_the_overlap_only_pair(built):
    # the 2022 response answers the petition; the 2023 letter is compared with it for overlap
    # only, so its demands are in a panel of their own, after the answered pair, with dates
    panels = built["demands-alignment-heatmap"].to_dict()["vconcat"]
    assert [p["title"]["text"] for p in panels] == [
        "Petition e-3780 and Government response: the response answers the text",
        "Open letter (2023) and Government response: compared for overlap only (not an answer)",
    ]
    assert "subtitle" not in panels[0]["title"]
    assert panels[1]["title"]["subtitle"] == (
        "The response is dated 2022-04-01; the letter is dated 2023-09-07 (later): overlap "
        "describes shared policy language, not an answer."
    )
    texts = [{v["text_id"] for v in p["data"]["values"]} for p in panels]
    assert texts == [{"petition"}, {"letter"}]
    assert [len(p["data"]["values"]) for p in panels] == [3 * 8, 14 * 8]


def test_responsiveness_grid_shows_only_the_answered_pair(built):
    # the 2022 response answers the petition; the 2023 letter is only compared with it, so its
    # demands are not on the responsiveness chart
    spec = built["demands-responsiveness"].to_dict()
    values = spec["data"]["values"]
    assert {v["coder"] for v in values} == {"automatic", "gold"}
    assert {v["text_id"] for v in values} == {"petition"}
    first = [v for v in values if v["demand_id"] == "petition:d1"]
    assert {v["label"] for v in first} == {"Reframed"}
    assert spec["title"]["subtitle"] == "Petition: responsiveness of the 2022 response"
    ids = list(dict.fromkeys(v["demand_id"] for v in values))
    assert ids == ["petition:d1", "petition:d2", "petition:d3"]


def test_policy_overlap_appendix_has_its_own_scale_and_a_dated_note(built):
    spec = built["demands-policy-overlap"].to_dict()
    values = spec["data"]["values"]
    assert {v["text_id"] for v in values} == {"letter"}
    # rows in text order, then by number: letter:d2 comes before letter:d10
    ids = list(dict.fromkeys(v["demand_id"] for v in values))
    assert ids.index("letter:d2") < ids.index("letter:d10")
    assert len(ids) == 14
    assert spec["title"]["subtitle"] == (
        "The response is dated 2022-04-01; the letter is dated 2023-09-07 (later): overlap "
        "describes shared policy language, not an answer."
    )
    resp = built["demands-responsiveness"].to_dict()
    layer = spec["layer"][0]["encoding"]["color"]["scale"]
    r_layer = resp["layer"][0]["encoding"]["color"]["scale"]
    assert layer["domain"][:3] == ["Overlap", "Partial overlap", "No overlap"]
    assert not set(layer["range"][:3]) & set(r_layer["range"][:4])
    # each scale lists its labels and a visible "(no gold demand)" swatch (not white on white)
    for scale in (layer, r_layer):
        assert scale["domain"][-1] == "(no gold demand)"
        assert scale["range"][-1] not in ("#FFFFFF", "white")
    assert r_layer["domain"][:4] == [
        "Addressed",
        "Partially addressed",
        "Reframed",
        "Not addressed",
    ]


def test_demand_types_put_the_gold_beside_the_extracted(built):
    values = built["demand-types"].to_dict()["data"]["values"]
    n = {(v["text_id"], v["coder"], v["demand_type"]): v["n"] for v in values}
    gold = "gold (automated coder)"
    # the letter: 14 extracted (one 'other': 'go beyond just implementing sanctions'), 13 gold
    assert sum(v for (t, c, _), v in n.items() if (t, c) == ("letter", "extracted")) == 14
    assert sum(v for (t, c, _), v in n.items() if (t, c) == ("letter", gold)) == 13
    assert n[("letter", "extracted", "sanctions")] == n[("letter", gold, "sanctions")] == 2
    assert n[("letter", "extracted", "other")] == 1
    assert n[("petition", gold, "commemoration")] == 1


@pytest.mark.parametrize("name", [f.name for f in FIGURES])
def test_default_corpus_figure_equals_the_committed_spec(built, name):
    # the builders take any number of texts and pairs; on the default three texts they give
    # exactly the committed figures
    committed = (paths.ROOT / "figures" / f"{name}.vl.json").read_text(encoding="utf-8")
    assert figures.spec_json(built[name]) == committed
