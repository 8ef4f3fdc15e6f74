"""Collocation charts from synthetic frames of five texts: layout values, every text shown."""

from __future__ import annotations

import json
import math

import polars as pl
import pytest
import vl_convert as vlc

from analysis.charts import collocations as cc
from analysis.measures import collocations

from .synthetic_texts import token_frames

FIVE = {
    "t-1": "The river floods the valley. The river bank holds.",
    "t-2": "A bridge over the river. The river bank is wide and the river runs.",
    "t-3": "No water here. Only sand and the wind.",
    "t-4": "The river bank. The river bank. The river bank again.",
    "e-77": "The river bank, the river mouth and the river bank road.",
}


@pytest.fixture(scope="module")
def frame():
    toks = token_frames(FIVE)[2]
    return collocations.textstat_collocations(toks, "river", span=(2, 2), min_freq=1)


def _render(chart) -> dict:
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    svg = vlc.vegalite_to_svg(json.dumps(spec))
    assert svg.lstrip().startswith("<svg")
    return spec


def test_network_layout_is_radial_and_ordered_by_strength(frame):
    layout = cc.network_layout(frame, "log_dice", top=3)
    assert layout["text_id"].unique(maintain_order=True).to_list() == ["t-1", "t-2", "t-4", "e-77"]
    for (_t,), part in layout.group_by("text_id", maintain_order=True):
        k = part.height
        assert part["rank"].to_list() == list(range(k))
        assert part["log_dice"].to_list() == sorted(part["log_dice"].to_list(), reverse=True)
        for row in part.iter_rows(named=True):
            angle = 2 * math.pi * row["rank"] / k
            assert row["x"] == pytest.approx(math.sin(angle), abs=1e-6)
            assert row["y"] == pytest.approx(math.cos(angle), abs=1e-6)
            assert math.hypot(row["x"], row["y"]) == pytest.approx(1.0, abs=1e-6)
    # the strongest collocate sits at the top
    assert layout.filter(pl.col("rank") == 0)["y"].to_list() == [1.0] * 4
    new = layout.filter(pl.col("text_id") == "e-77")
    # "the" precedes every "river" there (O11 = R1 = C1 = 3): logDice at its maximum, 14
    assert new["collocate"].to_list() == ["the", "bank", "and"]
    assert new["log_dice"].to_list() == pytest.approx(
        [14.0, 14 + math.log2(2 * 2 / (3 + 2)), 14 + math.log2(2 * 1 / (3 + 1))]
    )


def test_both_charts_show_every_text_with_collocates(frame):
    bars = _render(cc.textplot_collocates(frame, top=3))
    shown = {r["text_id"] for r in bars["datasets"][next(iter(bars["datasets"]))]}
    assert shown == {"t-1", "t-2", "t-4", "e-77"}  # t-3 has no "river"
    net = _render(cc.textplot_collocation_network(frame, top=3))
    assert net["facet"]["column"]["sort"] == ["t-1", "t-2", "t-4", "e-77"]
    assert "river" in net["title"]["text"]


def test_collocate_bars_link_to_their_concordance_and_name_the_window(frame):
    spec = _render(cc.textplot_collocates(frame, top=3, span=(2, 3), min_freq=1))
    rows = spec["datasets"][next(iter(spec["datasets"]))]
    assert {r["kwic_href"] for r in rows} == {f"#kwic={r['collocate']}" for r in rows}
    assert spec["encoding"]["href"]["field"] == "kwic_href"
    assert spec["title"]["subtitle"].startswith("Window 2 words left and 3 right")
    assert "at least 1 time;" in spec["title"]["subtitle"]


def test_empty_frame_gives_a_message_not_an_error(frame):
    empty = frame.clear()
    for chart in (cc.textplot_collocates(empty), cc.textplot_collocation_network(empty)):
        spec = _render(chart)
        assert "often enough" in spec["description"]


def test_every_collocate_bar_has_its_own_row_labelled_with_the_collocate(frame):
    spec = _render(cc.textplot_collocates(frame, top=3))
    rows = spec["datasets"][next(iter(spec["datasets"]))]
    y = spec["encoding"]["y"]
    assert y["field"] == "row" and "yOffset" not in spec["encoding"]
    # one row per (collocate, text): keys are unique, so no bar shares a band with another
    assert len({r["row"] for r in rows}) == len(rows)
    assert {r["row"] for r in rows} == {f"{r['collocate']}\t{r['text_id']}" for r in rows}
    assert sorted(y["sort"]) == sorted(r["row"] for r in rows)
    # a collocate's rows are adjacent, its texts in corpus order
    order = [key.split("\t") for key in y["sort"]]
    first = {}
    for i, (collocate, _) in enumerate(order):
        first.setdefault(collocate, i)
    for i, (collocate, _) in enumerate(order):
        assert all(c == collocate for c, _ in order[first[collocate] : i + 1])
    bank = [t for c, t in order if c == "bank"]
    ids = ["t-1", "t-2", "t-4", "e-77"]
    assert bank == [t for t in ids if t in bank] and len(bank) >= 3
    # the axis draws the collocate only (the colour says which text)
    assert y["axis"]["labelExpr"] == "split(datum.label, '\\t')[0]"


def test_collocate_rows_order_and_keys():
    data = pl.DataFrame({"collocate": ["b", "a", "a"], "text_id": ["x", "y", "x"]})
    out, order = cc.collocate_rows(data, ["a", "b"], ["x", "y"])
    assert order == ["a\tx", "a\ty", "b\tx"]
    assert out["row"].to_list() == ["b\tx", "a\ty", "a\tx"]
