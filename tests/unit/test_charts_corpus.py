"""Notebook 00's charts on synthetic frames of five texts (labels and colours patched in)."""

from __future__ import annotations

import html
import re

import polars as pl
import pytest
import vl_convert

from analysis.charts import corpus as corpus_charts

LABELS = {
    "alpha": "Petition A",
    "beta": "Reply to A",
    "gamma": 'Children\'s "Schools" petition',
    "delta": "Reply to C",
    "epsilon": "Statement E",
}
COLOURS = dict(zip(LABELS, ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9"], strict=True))


@pytest.fixture(autouse=True)
def five_texts(monkeypatch):
    monkeypatch.setattr(corpus_charts, "text_labels", lambda: dict(LABELS))
    monkeypatch.setattr(corpus_charts, "text_colours", lambda: dict(COLOURS))


def segments() -> pl.DataFrame:
    rows = [
        ("page-1", "a", "preamble", "alpha", 0, 40),
        ("page-1", "a", "demand", "alpha", 41, 60),
        ("page-1", "b", "reply", "beta", 61, 100),
        ("page-1", "furniture", "boilerplate", None, 101, 111),
        ("page-2", "c", "demand", "gamma", 0, 30),
        ("page-2", "d", "reply", "delta", 31, 50),
        ("page-3", "e", "body", "epsilon", 0, 70),
        ("page-3", "e", "body", "epsilon", 71, 90),
    ]
    return pl.DataFrame(
        [
            {
                "source_id": s,
                "doc_id": d,
                "role": r,
                "speaker": "x",
                "text_id": t,
                "start": a,
                "end": b,
                "order": i,
            }
            for i, (s, d, r, t, a, b) in enumerate(rows)
        ],
        schema_overrides={"text_id": pl.String},
    )


def test_composition_labels_every_text_and_greys_the_rest():
    comp = corpus_charts.corpus_composition(segments())
    assert comp.select("source_id", "role", "text", "segments", "characters").rows() == [
        ("page-1", "preamble", "Petition A", 1, 40),
        ("page-1", "demand", "Petition A", 1, 19),
        ("page-1", "reply", "Reply to A", 1, 39),
        ("page-1", "boilerplate", corpus_charts.NOT_COMPARED, 1, 10),
        ("page-2", "demand", 'Children\'s "Schools" petition', 1, 30),
        ("page-2", "reply", "Reply to C", 1, 19),
        ("page-3", "body", "Statement E", 2, 89),
    ]
    description = corpus_charts.composition_description(comp)
    assert description.startswith(
        "Bar chart of characters per document part in each of the three raw files. The parts "
        "of the five compared texts are coloured by text (Petition A: preamble, demand; "
    )
    assert description.endswith("; the other parts (boilerplate) are grey.")


def test_text_sizes_draws_five_texts_and_an_unlisted_one():
    summary = pl.DataFrame(
        {
            "text_id": [*LABELS, "zeta"],  # zeta: in the data, not in the label table
            "n_sentences": [3, 2, 4, 1, 5, 2],
            "n_tokens": [40, 30, 50, 12, 70, 20],
            "n_word_tokens": [35, 26, 44, 10, 61, 18],
            "n_word_types": [30, 20, 40, 9, 50, 15],
        }
    )
    chart = corpus_charts.textplot_text_sizes(summary)
    spec = chart.to_dict()
    assert spec["title"] == {"text": "Size of the six primary texts"}
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == [*LABELS.values(), "zeta"]
    assert scale["range"] == [*COLOURS.values(), corpus_charts.OTHER_COLOUR]
    svg = vl_convert.vegalite_to_svg(chart.to_json(), vl_version="6.4")
    drawn = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    assert {*LABELS.values(), "zeta", "5 sentences"} <= drawn


def test_composition_tooltip_shows_roles_as_words():
    comp = corpus_charts.corpus_composition(segments()).with_columns(
        pl.col("role").str.replace("preamble", "petition_preamble")
    )
    spec = corpus_charts.textplot_composition(comp).to_dict()
    tips = {t["title"]: t["field"] for t in spec["encoding"]["tooltip"]}
    assert tips["Role"] == "role_label"
    rows = spec["datasets"][next(iter(spec["datasets"]))]
    assert {r["role_label"] for r in rows if r["role"] == "petition_preamble"} == {
        "petition preamble"
    }
