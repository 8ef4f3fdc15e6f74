"""Sentiment and style charts on synthetic texts: 5 and 9 texts, labels and colours from the
manifest, panels that grow with the number of texts."""

from __future__ import annotations

import json

import polars as pl
import pytest
import vl_convert

from analysis import charts, corpus
from analysis.charts import sentiment as chart_sentiment
from analysis.charts import sentiment_axes as chart_axes
from analysis.charts import sentiment_checks as chart_checks
from analysis.charts import style as chart_style
from analysis.measures import sentiment, style

from . import synthetic
from . import synthetic_sentiment as st

NINE = {
    **st.TEXTS,
    **{
        f"text-{i}": [("statement", f"We hope for peace {i}. The war is bad and sad.")]
        for i in range(4)
    },
}


def _build(texts):
    sents, toks = st.frames(texts)
    scores = sentiment.textstat_sentiment(sents)
    return {
        "distribution": chart_sentiment.textplot_sentiment_distribution(scores),
        "arc": chart_sentiment.textplot_sentiment_arc(sentiment.textstat_sentiment_arc(scores)),
        "coverage": chart_checks.textplot_lexicon_coverage(
            sentiment.textstat_coverage_comparison(toks)
        ),
        "sensitivity": chart_checks.textplot_sentiment_sensitivity(
            sentiment.textstat_sentiment_sensitivity(sents)
        ),
        "methods": chart_checks.textplot_sentiment_methods(
            sentiment.sentiment_method_scores(sents)
        ),
        "readability": chart_style.textplot_readability(
            style.readability_long(style.textstat_readability(sents))
        ),
        "diversity": chart_style.textplot_lexical_diversity(
            style.diversity_long(style.textstat_lexical_diversity(toks))
        ),
    }


@pytest.fixture(scope="module", params=[st.TEXTS, NINE], ids=["five", "nine"])
def built(request, tmp_path_factory):
    texts = request.param
    folder = tmp_path_factory.mktemp("manifest")
    with synthetic.manifest_in_force(st.write_manifest(folder, list(texts))):
        yield {
            "ids": list(texts),
            "specs": {name: c.to_dict() for name, c in _build(texts).items()},
            "colours": corpus.text_colours(),
            "labels": corpus.text_labels(),
            "expr": charts.text_label_expr(),
        }


def _sorts(spec) -> list[list[str]]:
    """Every ``sort`` list in the spec that sorts text ids."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("field") == "text_id" and isinstance(node.get("sort"), list):
                found.append(node["sort"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return found


@pytest.mark.parametrize(
    "name",
    ["distribution", "arc", "coverage", "sensitivity", "methods", "readability", "diversity"],
)
def test_every_text_drawn_with_its_manifest_colour_and_label(built, name):
    spec = built["specs"][name]
    text = json.dumps(spec)
    ids = built["ids"]
    # the colour scale maps exactly the manifest's texts to their colours, in order
    assert json.dumps({"domain": ids, "range": list(built["colours"].values())})[1:-1] in text
    assert len(set(built["colours"].values())) == len(ids)
    # every axis or facet that lists texts lists all of them, in manifest order
    for sort in _sorts(spec):
        assert sort == ids
    for label in built["labels"].values():
        assert label in text
    values = [v["text_id"] for v in _data_values(spec) if "text_id" in v]
    assert set(values) == set(ids)


def _data_values(spec) -> list[dict]:
    out = []

    def walk(node):
        if isinstance(node, dict):
            if "values" in node and isinstance(node["values"], list):
                out.extend(v for v in node["values"] if isinstance(v, dict))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return out


def test_descriptions_name_the_texts(built):
    names = [f"the {t} text" for t in built["ids"]]
    expected = ", ".join(names[:-1]) + " and " + names[-1]
    for name in ("distribution", "arc", "diversity"):
        assert expected in built["specs"][name]["description"]
    n = len(built["ids"])
    word = {5: "five", 9: "nine"}[n]
    assert f"for the {word} texts" in built["specs"]["readability"]["description"]


def test_panels_grow_with_the_number_of_texts(built):
    n = len(built["ids"])
    specs = built["specs"]
    assert specs["distribution"]["height"] == max(180, 40 * n)
    assert specs["coverage"]["spec"]["height"] == max(150, 44 * n)
    # one panel per measure, each with its own axis title
    sensitivity = specs["sensitivity"]["hconcat"]
    assert [p["height"] for p in sensitivity] == [max(150, 30 * n)] * 2
    assert [p["layer"][0]["encoding"]["x"]["title"] for p in sensitivity] == [
        "Mean VADER compound (−1 to 1)",
        "Share of negative sentences (0 to 1)",
    ]
    assert specs["readability"]["spec"]["width"] == max(150, 32 * n)
    assert specs["readability"]["columns"] == 2  # more than four texts: two panels a row
    # beyond four texts the arc gets one panel per text
    arc = specs["arc"]
    assert arc["facet"]["row"]["sort"] == built["ids"]
    assert arc["facet"]["row"]["header"]["labelExpr"] == built["expr"]


def test_charts_render(built):
    for spec in built["specs"].values():
        svg = vl_convert.vegalite_to_svg(json.dumps(spec, allow_nan=False))
        assert svg.startswith("<svg") and "</svg>" in svg


def test_diversity_chart_labels_the_window_from_the_data():
    _, toks = st.frames()
    div = style.textstat_lexical_diversity(toks, window=20)
    spec = chart_style.textplot_lexical_diversity(style.diversity_long(div)).to_dict()
    assert spec["facet"]["sort"] == ["TTR", "MATTR (W = 20)", "MTLD"]
    assert "MATTR (W = 20)" in json.dumps(spec["data"])


def test_undefined_values_are_null_not_nan():
    # "a b c d": TTR never falls to 0.72, so MTLD has no factor and is undefined (NaN)
    _, toks = st.frames({"x-1": [("statement", "a b c d.")], "x-2": [("statement", "a a a a.")]})
    div = style.textstat_lexical_diversity(toks)
    assert div.filter(pl.col("text_id") == "x-1")["mtld"].is_nan().all()
    spec = chart_style.textplot_lexical_diversity(style.diversity_long(div)).to_dict()
    text = json.dumps(spec, allow_nan=False)  # raises on NaN
    mtld = [v for v in spec["data"]["values"] if v["measure"] == "MTLD"]
    assert {v["text_id"]: v["value"] for v in mtld} == {"x-1": None, "x-2": 2.0}
    assert '"value": null' in text


def test_prose_helpers():
    assert chart_axes.texts_count(["a"]) == "the text"
    assert chart_axes.texts_count(["a", "b", "c"]) == "the three texts"
    assert chart_axes.texts_count([str(i) for i in range(12)]) == "the 12 texts"
    assert chart_axes.texts_phrase([]) == "no text"


def _interval_values(spec) -> dict[str, tuple]:
    """``text_id -> (mean, ci_low, ci_high)`` of the data rows that carry an interval."""
    return {
        v["text_id"]: (v["mean"], v["ci_low"], v["ci_high"])
        for v in _data_values(spec)
        if "ci_low" in v
    }


def test_distribution_draws_each_text_mean_with_its_interval(built):
    spec = built["specs"]["distribution"]
    sents, _ = st.frames({t: st.TEXTS.get(t) or NINE[t] for t in built["ids"]})
    means = sentiment.textstat_sentiment_means(sentiment.textstat_sentiment(sents))
    expected = {
        r["text_id"]: (r["mean"], r["ci_low"], r["ci_high"])
        for r in means.filter(pl.col("measure") == "mean compound").iter_rows(named=True)
    }
    assert _interval_values(spec) == expected
    marks = json.dumps(spec["layer"])
    assert '"shape": "diamond"' in marks
    assert "95% interval" in " ".join(spec["title"]["subtitle"])


def test_sensitivity_and_methods_carry_the_intervals(built):
    sens = [v for v in _data_values(built["specs"]["sensitivity"]) if "base_low" in v]
    assert {v["text_id"] for v in sens} == set(built["ids"])
    for v in sens:
        assert v["base_low"] <= v["base"] + 1e-12 and v["base"] <= v["base_high"] + 1e-12
        assert v["extended_low"] <= v["extended"] + 1e-12
    methods = [v for v in _data_values(built["specs"]["methods"]) if "vader_low" in v]
    assert [v["text_id"] for v in methods] == built["ids"]
    e = next(v for v in methods if v["text_id"] == "e-1234")
    # e-1234's AFINN sums: -3, 0, -3 (the interval runs from one extreme resample to the other)
    assert (e["afinn"], e["afinn_low"], e["afinn_high"]) == (-2.0, -3.0, 0.0)


def test_style_panels_have_no_slanted_x_labels_the_legend_names_the_texts(built):
    for name in ("readability", "diversity"):
        encoding = built["specs"][name]["spec"]["encoding"]
        axis = encoding["x"]["axis"]
        assert axis["labels"] is False and axis["ticks"] is False and "labelAngle" not in axis
        assert encoding["color"]["legend"]["labelExpr"] == built["expr"]
        assert encoding["x"]["sort"] == built["ids"]
