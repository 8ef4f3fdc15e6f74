"""Human-readable chart labels: the label maps cover every code, wrapping never cuts, text on
dark cells is white, legends match the marks; checked on synthetic frames of five texts."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest
import vl_convert as vlc

from analysis.charts import demands as chart_demands
from analysis.charts import labels as chart_labels
from analysis.charts import naming as naming_chart
from analysis.charts import transformation as chart_transformation
from analysis.evaluation import demands_gold
from analysis.evaluation.transformation_gold import DIMENSIONS
from analysis.measures import demands

from . import demands_synthetic as syn
from .synthetic_texts import FIVE_TEXTS, token_frames

CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _drawn(spec: dict) -> list[str]:
    """Every string vl-convert draws for the spec (labels, titles, cells)."""
    svg = vlc.vegalite_to_svg(json.dumps(spec))
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


@pytest.mark.parametrize(
    ("family", "codes"),
    [
        (chart_labels.DEMAND_TYPES, demands.DEMAND_TYPES),
        (chart_labels.RESPONSIVENESS, demands.RESPONSIVENESS),
        (chart_labels.POLICY_OVERLAP, demands.POLICY_OVERLAP),
        (chart_labels.FUNCTIONS, demands.FUNCTIONS),
        (chart_labels.TRANSFORMATION_DIMENSIONS, tuple(DIMENSIONS)),
        (chart_labels.TRANSFORMATION_VALUES, {v for vs in DIMENSIONS.values() for v in vs}),
    ],
)
def test_every_code_of_a_family_has_a_label_without_underscores(family, codes):
    assert set(codes) <= set(family)
    assert not any("_" in label for label in family.values())


def test_an_unknown_code_is_shown_as_words():
    assert chart_labels.label("partially_addressed", chart_labels.RESPONSIVENESS) == (
        "Partially addressed"
    )
    assert chart_labels.label("new_code_here", {}) == "new code here"
    assert chart_labels.label(None, {}) == ""


def test_wrap_keeps_every_word_and_respects_the_width():
    text = "Work with the Governments of Azerbaijan and Armenia to bring about normalization"
    wrapped = chart_labels.wrap(text, 20)
    assert wrapped.replace("\n", " ") == text
    assert max(len(line) for line in wrapped.split("\n")) <= 20
    assert chart_labels.n_lines([wrapped, "one"]) == wrapped.count("\n") + 1 == 5
    assert "…" not in wrapped


def test_luminance_picks_white_text_on_dark_fills_only():
    assert chart_labels.luminance("#000000") == 0 and chart_labels.luminance("#FFFFFF") == 1
    assert chart_labels.is_dark("#0072B2") and chart_labels.is_dark("#08306B")
    assert not chart_labels.is_dark("#56B4E9") and not chart_labels.is_dark("#EEEEEE")
    expr = chart_labels.text_colour_expr(
        "label", ["A", "B", "C"], ["#0072B2", "#FFFFFF", "#111111"]
    )
    assert expr == "indexof(['A', 'C'], datum['label']) >= 0"
    assert chart_labels.text_colour_expr("label", ["B"], ["#FFFFFF"]) == "false"


def test_top_axis_gives_every_label_the_same_lines_and_lifts_them():
    axis = chart_labels.top_axis(["Government response", "Five", "A much longer text label"], 12)
    assert axis["labelPadding"] == 2 + chart_labels.LABEL_LINE_HEIGHT * 2  # three lines
    assert "['', 'Government', 'response']" in axis["labelExpr"]
    assert "['', '', 'Five']" in axis["labelExpr"]
    assert "['A much', 'longer text', 'label']" in axis["labelExpr"]


@pytest.fixture(scope="module")
def demand_frames():
    sentences, toks = syn.frames()
    found = demands.demands_extract(sentences, toks, text_ids=syn.ADVOCACY)
    align = demands.demands_alignment(found, sentences, toks, pairs=syn.PAIRS)
    auto = demands.demands_responsiveness(found, align, sentences, toks, pairs=syn.PAIRS)
    return sentences, found, align, auto


def test_responsiveness_grid_shows_labels_with_their_own_colours_and_a_no_gold_swatch(
    demand_frames,
):
    _, _, _, auto = demand_frames
    table = demands_gold.textstat_responsiveness(auto, gold=pl.DataFrame())
    spec = chart_demands.textplot_responsiveness(table).to_dict()
    panel = spec["vconcat"][0]
    rect, text = panel["layer"]
    scale = rect["encoding"]["color"]["scale"]
    assert scale["domain"] == [
        "Addressed",
        "Partially addressed",
        "Reframed",
        "Not addressed",
        "(no gold demand)",
    ]
    assert scale["range"][-1] == "#EEEEEE"  # a visible swatch, outlined in the legend
    assert rect["encoding"]["color"]["legend"]["symbolStrokeColor"] == "#999999"
    # the darkest fill (Addressed) gets white text, the others black
    condition = text["encoding"]["color"]["condition"]
    assert condition == {"test": "indexof(['Addressed'], datum['label']) >= 0", "value": "white"}
    values = (panel.get("data") or spec["data"])["values"]
    assert {v["label"] for v in values} <= set(scale["domain"])
    # every demand label holds the whole demand text (wrapped), never cut
    assert all("…" not in v["demand"] for v in values)
    assert not [t for t in _drawn(spec) if CODE.search(t)]


def test_alignment_columns_name_the_sentence_by_number_and_first_words(demand_frames):
    sentences, found, align, _ = demand_frames
    spec = chart_demands.textplot_alignment_heatmap(align, found, sentences).to_dict()
    first = spec["vconcat"][0]
    values = first["data"]["values"]
    said = dict(sentences.select("sentence_id", "text").iter_rows())
    for v in values:
        number = v["sentence_id"].rsplit(":", 1)[-1]
        words = " ".join(said[v["sentence_id"]].split()[:4])
        assert v["sentence"] == f"{number} · {words}"
        assert v["sentence_text"] == said[v["sentence_id"]]
    x = first["layer"][0]["encoding"]["x"]
    assert x["field"] == "sentence" and x["axis"]["labelLimit"] == 0
    # without the sentence text a column keeps its id
    assert chart_demands.sentence_axis_label("resp-a:s001", None) == "resp-a:s001"


def test_demand_types_axis_shows_the_codebook_names(demand_frames):
    _, found, _, _ = demand_frames
    spec = chart_demands.textplot_demand_types(found, syn.ADVOCACY).to_dict()
    y = spec["spec"]["encoding"]["y"]
    assert "'condemnation_recognition' ? 'Condemnation or recognition'" in y["axis"]["labelExpr"]
    drawn = _drawn(spec)
    assert "Condemnation or recognition" in drawn
    assert not [t for t in drawn if CODE.search(t)]


def test_transformation_cells_use_the_label_maps_and_white_on_dark():
    profile = pl.DataFrame(
        {
            "demand_id": ["t:d1"] * 6,
            "text_id": ["t"] * 6,
            "dimension": list(DIMENSIONS),
            "value": ["substituted", "same", "deleted", "none", "act", "process_and_third_party"],
        }
    )
    spec = chart_transformation.textplot_transformation(profile).to_dict()
    values = spec["datasets"][spec["data"]["name"]]
    labels = {v["dimension_label"]: v["value_label"] for v in values}
    assert labels["Deflection"] == "process + third party"
    assert labels["Commitment strength"] == "act"
    text = spec["layer"][1]["encoding"]["color"]["condition"]
    # of the six fills only the dark blue of firm commitments takes white text
    assert text["test"] == "indexof(['commitment: act or undertake'], datum['group']) >= 0"
    assert not [t for t in _drawn(spec) if CODE.search(t)]


def test_naming_chart_has_one_compact_panel_per_referent_for_five_texts():
    segments, _, toks = token_frames(FIVE_TEXTS)
    data = naming_chart.naming_data(toks=toks, segments=segments)
    spec = naming_chart.textplot_naming(data).to_dict()
    concepts = sorted(data["concept"].unique().to_list())
    panels = spec["vconcat"]
    assert [p["title"]["text"] for p in panels] == concepts
    # each bar's segments end where the next begins; the label sits at the bar's total
    for p in panels:
        rows = (p.get("data") or spec["data"])["values"]
        for r in rows:
            assert r["x_end"] - r["x_start"] == r["n"]
        ends = {(r["text_id"], r["x_end"]) for r in rows}
        assert {(r["text_id"], r["total"]) for r in rows} <= ends
    # the x axis is drawn once, under the last panel
    axes = [p["layer"][0]["encoding"]["x"]["axis"] for p in panels]
    assert all(a.get("labels") is False for a in axes[:-1]) and "labels" not in axes[-1]


def test_naming_chart_without_referents_is_still_a_chart():
    segments, _, toks = token_frames(FIVE_TEXTS)
    empty = naming_chart.naming_data(toks=toks, segments=segments).clear()
    spec = naming_chart.textplot_naming(empty).to_dict()  # validates against the Vega-Lite schema
    assert len(spec["vconcat"]) == 1
    assert vlc.vegalite_to_svg(json.dumps(spec)).lstrip().startswith("<svg")


def test_wrapped_labels_with_quotes_and_backslashes_render_whole():
    names = ['Children\'s "Schools" petition (e-9001)', "Back\\slash reply", "Plain", "Fifth"]
    values = [{"name": n, "v": i} for i, n in enumerate(names)]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": values},
        "mark": "rect",
        "encoding": {
            "x": {"field": "name", "type": "nominal", "axis": chart_labels.top_axis(names, 12)},
            "y": {"field": "v", "type": "ordinal"},
        },
    }
    drawn = " ".join(_drawn(spec))
    for word in ("Children's", '"Schools"', "petition", "(e-9001)", "Back\\slash"):
        assert word in drawn


def _tooltip_fields(spec) -> set[str]:
    """Every field a tooltip of the spec shows."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            tips = node.get("tooltip")
            for tip in tips if isinstance(tips, list) else [tips]:
                if isinstance(tip, dict) and "field" in tip:
                    found.add(tip["field"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def _values(spec) -> list[dict]:
    """Every data row of the spec (inline data of any view and named datasets)."""
    rows: list[dict] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "values" and isinstance(value, list):
                    rows.extend(v for v in value if isinstance(v, dict))
                elif key == "datasets":
                    for data in value.values():
                        rows.extend(data)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return rows


def test_modality_and_policy_overlap_tooltips_show_words_not_codes(demand_frames):
    sentences, found, align, auto = demand_frames
    toks = syn.frames()[1]
    functions = demands.response_functions(sentences, toks, text_ids=syn.RESPONSES)
    modality = demands.response_modality(sentences, toks, text_ids=syn.RESPONSES)
    spec = chart_demands.textplot_modality(modality, functions).to_dict()
    fields = _tooltip_fields(spec)
    assert "function_label" in fields and "function" not in fields
    rows = _values(spec)
    assert rows and all(
        r["function_label"] == chart_labels.label(r["function"], chart_labels.FUNCTIONS)
        for r in rows
    )
    table = demands_gold.textstat_responsiveness(auto, gold=pl.DataFrame())
    spec = chart_demands.textplot_responsiveness(
        table,
        pl.DataFrame(
            schema={
                "advocacy": pl.String,
                "response": pl.String,
                "relation": pl.String,
                "advocacy_date": pl.String,
                "response_date": pl.String,
                "response_first": pl.Boolean,
            }
        ),
    ).to_dict()
    scales = {r["scale"] for r in _values(spec) if "scale" in r}
    assert scales == {"Responsiveness"}  # the code "responsiveness" shown as a word


def test_scale_labels_cover_the_demand_scales():
    assert set(demands.SCALES.values()) <= set(chart_labels.SCALES)
    assert not any("_" in v for v in chart_labels.SCALES.values())


def test_naming_variant_legend_is_drawn_in_a_text_colour():
    from analysis import corpus

    segments, _, toks = token_frames(FIVE_TEXTS)
    spec = naming_chart.textplot_naming(
        naming_chart.naming_data(toks=toks, segments=segments)
    ).to_dict()
    opacity = spec["vconcat"][0]["layer"][0]["encoding"]["opacity"]
    assert opacity["legend"]["symbolFillColor"] == next(iter(corpus.text_colours().values()))
