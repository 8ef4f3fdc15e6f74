"""Chart for notebook 03: the per-demand transformation profile, automatic beside gold.

:func:`textplot_transformation` draws a demand x dimension grid (the six dimensions of the
transformation codebook), each cell split into the automatic value and, where the gold codes
it, the gold value, with the value written in the cell. Colours group the values by what they
say about the wording: changed or removed, kept, the commitment levels, and none.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus, paths, prose, tokens
from analysis.charts import labels as chart_labels
from analysis.evaluation import transformation_gold
from analysis.evaluation.transformation_gold import DIMENSIONS
from analysis.measures.demands import ANSWERS, transform

NOTEBOOK = "03-demands"
_CODERS = ["automatic", "gold"]
#: colour group of each value (what the cell says about the wording)
_GROUP = {
    "substituted": "changed or removed",
    "changed": "changed or removed",
    "deleted": "changed or removed",
    "generalised": "changed or removed",
    "narrowed": "changed or removed",
    "omitted": "changed or removed",
    "process": "deferred",
    "third_party": "deferred",
    "process_and_third_party": "deferred",
    "retained": "kept",
    "same": "kept",
    "act": "commitment: act or undertake",
    "undertake": "commitment: act or undertake",
    "encourage": "commitment: encourage or acknowledge",
    "acknowledge": "commitment: encourage or acknowledge",
    "none": "none",
}
_GROUPS = [
    "changed or removed",
    "deferred",
    "kept",
    "commitment: act or undertake",
    "commitment: encourage or acknowledge",
    "none",
]
_COLOURS = ["#D55E00", "#E69F00", "#56B4E9", "#0072B2", "#9ecae1", "#dddddd"]


def _cells(profile: pl.DataFrame, gold: pl.DataFrame | None) -> pl.DataFrame:
    auto = profile.select("demand_id", "dimension", "value", pl.lit("automatic").alias("coder"))
    frames = [auto]
    if gold is not None and gold.height:
        ids = set(profile["demand_id"].to_list())
        frames.append(
            gold.filter(pl.col("demand_id").is_in(ids)).select(
                "demand_id", "dimension", "value", pl.lit("gold").alias("coder")
            )
        )
    cells = pl.concat(frames)
    return cells.with_columns(
        pl.col("value").replace_strict(_GROUP, default="none").alias("group"),
        pl.col("dimension")
        .map_elements(
            lambda c: chart_labels.label(c, chart_labels.TRANSFORMATION_DIMENSIONS),
            return_dtype=pl.String,
        )
        .alias("dimension_label"),
        pl.col("value")
        .map_elements(
            lambda c: chart_labels.label(c, chart_labels.TRANSFORMATION_VALUES),
            return_dtype=pl.String,
        )
        .alias("value_label"),
        # drawn in the cell on lines of at most 12 characters (a half cell is narrow)
        pl.col("value")
        .map_elements(
            lambda c: chart_labels.wrap(
                chart_labels.label(c, chart_labels.TRANSFORMATION_VALUES), 12
            ),
            return_dtype=pl.String,
        )
        .alias("value_lines"),
    )


def textplot_transformation(
    profile: pl.DataFrame, gold: pl.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Demand x dimension grid of the transformation profile, automatic and gold side by side.

    Args:
        profile: from :func:`analysis.measures.demands.transform.textstat_transformation`.
        gold: from :func:`analysis.evaluation.transformation_gold.transformation_gold_load`
            (None or empty: the automatic values only; gold rows about demands the profile
            does not hold are left out).
    """
    cells = _cells(profile, gold)
    demands_order = list(dict.fromkeys(profile["demand_id"].to_list()))
    dims = chart_labels.labels(DIMENSIONS, chart_labels.TRANSFORMATION_DIMENSIONS)
    coders = [c for c in _CODERS if c in set(cells["coder"].to_list())]
    base = alt.Chart(cells).encode(
        x=alt.X("dimension_label:N", sort=dims, title=None, axis=alt.Axis(labelAngle=-30)),
        xOffset=alt.XOffset("coder:N", sort=coders),
        y=alt.Y("demand_id:N", sort=demands_order, title="Demand"),
        tooltip=[
            alt.Tooltip("demand_id:N", title="Demand"),
            alt.Tooltip("dimension_label:N", title="Dimension"),
            alt.Tooltip("coder:N", title="Coder"),
            alt.Tooltip("value_label:N", title="Value"),
        ],
    )
    rect = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "group:N",
            title="Value",
            scale=alt.Scale(domain=_GROUPS, range=_COLOURS),
            legend=alt.Legend(labelLimit=0),
        )
    )
    # white text on the dark fills, black on the others
    text = base.mark_text(fontSize=8, lineBreak="\n").encode(
        text="value_lines:N",
        color=alt.condition(
            chart_labels.text_colour_expr("group", _GROUPS, _COLOURS),
            alt.value("white"),
            alt.value("black"),
        ),
    )
    texts = (
        [prose.text_name(t) for t in corpus.texts_in(profile, order=())] if profile.height else []
    )
    with_gold = "gold" in coders
    return charts.finish(
        (rect + text).properties(width=880, height=max(60, 34 * len(demands_order))),
        title="From each demand's words to the response's: transformation profile per demand",
        subtitle=(
            "Left half of each cell: automatic rules; right half: gold coding (automated coder)"
            if with_gold
            else "Automatic rules (no gold coding for these demands)"
        ),
        description=(
            "Grid with one row per demand of "
            + (", ".join(texts) if texts else "no text")
            + " and one column per dimension (label substitution, spelling change, agent "
            "deletion, scope change, commitment strength, deflection); each cell shows the "
            "automatic value" + (" beside the gold value" if with_gold else "") + "."
        ),
    )


def default_gold() -> pl.DataFrame | None:
    """The gold transformation profile for the corpus in force (None without a gold file)."""
    responses = {p.advocacy: p.response for p in corpus.text_pairs() if p.relation == ANSWERS}
    # strict only for the default corpus, whose gold must match it exactly
    return transformation_gold.gold_or_none(
        sentences=tokens.corpus_sentences(),
        responses=responses,
        strict=paths.is_default_manifest(),
    )


def _transformation() -> alt.TopLevelMixin:
    return textplot_transformation(transform.textstat_transformation(), default_gold())


FIGURES: list[charts.FigureSpec] = [
    charts.FigureSpec(
        "demands-transformation",
        _transformation,
        "Transformation profile of each demand of a text that a response answers: label "
        "substitution, spelling change, agent deletion, scope change, commitment strength and "
        "deflection, automatic rules beside the gold coding.",
        NOTEBOOK,
    ),
]
