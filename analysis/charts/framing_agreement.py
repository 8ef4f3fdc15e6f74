"""Chart for notebook 02: agreement of the dictionary coding with the gold coding.

:func:`textplot_framing_agreement` draws Cohen's kappa per category (frame dimensions, Entman
functions, domain families) between the cue dictionary and the gold labels, from
:func:`analysis.measures.framing.textstat_framing_agreement`, with 95% bootstrap intervals when
given. The figure is registered in :mod:`analysis.charts.framing`'s ``FIGURES``
(``framing-agreement``), so the registry's order stays that of notebook 02.
"""

from __future__ import annotations

import math

import altair as alt
import polars as pl

from analysis import charts
from analysis.measures import framing


def kappa_domain(frame: pl.DataFrame) -> list[float]:
    """The x domain of the kappa chart: from -0.2 (lower, in steps of 0.2, if a kappa or an
    interval end is lower; never below -1) to 1, kappa's maximum, so no bar or interval runs
    past the last tick."""
    lows = [
        v
        for c in ("kappa", "ci_low")
        if c in frame.columns
        for v in frame[c].to_list()
        if v is not None and v == v  # not null, not NaN
    ]
    low = min([-0.2, *lows])
    return [max(-1.0, math.floor(round(low * 5, 9)) / 5), 1.0]


def textplot_framing_agreement(
    table: pl.DataFrame, intervals: pl.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Cohen's kappa per category between the dictionary and the gold labels, with intervals.

    Args:
        table: from :func:`analysis.framing.textstat_framing_agreement`.
        intervals: from :func:`analysis.framing.textstat_kappa_intervals` (``ci_low``,
            ``ci_high`` per layer and category), drawn as a line across each bar; without it the
            bars stand alone and the subtitle says so.
    """
    if intervals is not None:
        table = table.join(
            intervals.select("layer", "category", "ci_low", "ci_high"),
            on=["layer", "category"],
            how="left",
        )
    order = [
        f"{framing.LAYER_LABELS[layer]}: {framing.LABELS[c]}"
        for layer, cats in framing.LAYERS.items()
        for c in cats
    ]
    frame = table.with_columns(
        (
            pl.col("layer").replace_strict(framing.LAYER_LABELS, return_dtype=pl.String)
            + ": "
            + pl.col("label")
        ).alias("row"),
        pl.col("layer")
        .replace_strict(framing.LAYER_LABELS, return_dtype=pl.String)
        .alias("layer_label"),
    )
    domain = kappa_domain(frame)
    # the domain as is (no "nice" rounding past it): kappa cannot exceed 1
    x_scale = alt.Scale(domain=domain, nice=False)
    rank = {r: i for i, r in enumerate(order)}
    data = frame.with_columns(pl.col("row").replace_strict(rank).alias("_r")).sort("_r").drop("_r")
    pick = alt.selection_point(name="agreement_layer", fields=["layer_label"], bind="legend")
    layers = list(framing.LAYER_LABELS.values())
    bars = (
        alt.Chart(alt.Data(values=data.to_dicts()))
        .mark_bar()
        .encode(
            x=alt.X(
                "kappa:Q",
                title="Cohen's kappa (dictionary vs gold)",
                scale=x_scale,
            ),
            y=alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=0)),
            color=alt.Color(
                "layer_label:N",
                title="Layer",
                scale=alt.Scale(domain=layers, range=["#56B4E9", "#CC79A7", "#999999"]),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("layer_label:N", title="Layer"),
                alt.Tooltip("label:N", title="Category"),
                alt.Tooltip("n:Q", title="Sentences (N)"),
                alt.Tooltip("gold_yes:Q", title="Gold: yes"),
                alt.Tooltip("auto_yes:Q", title="Dictionary: yes"),
                alt.Tooltip("both_yes:Q", title="Both yes"),
                alt.Tooltip("agreement:Q", title="Raw agreement", format=".3f"),
                alt.Tooltip("kappa:Q", title="Kappa", format=".3f"),
                alt.Tooltip("precision:Q", title="Precision", format=".3f"),
                alt.Tooltip("recall:Q", title="Recall", format=".3f"),
            ],
        )
        .add_params(pick)
    )
    zero = alt.Chart(alt.Data(values=[{"k": 0}])).mark_rule(color="#333333").encode(x="k:Q")
    marks = [bars, zero]
    if intervals is not None:
        ci = data.filter(pl.col("ci_low").is_not_null())
        marks.append(
            alt.Chart(alt.Data(values=ci.select("row", "ci_low", "ci_high").to_dicts()))
            .mark_rule(color="#222222", strokeWidth=1.2)
            .encode(
                x=alt.X("ci_low:Q", scale=x_scale),
                x2="ci_high:Q",
                y=alt.Y("row:N", sort=order),
            )
        )
    chart = alt.layer(*marks).properties(width=charts.WIDTH - 260, height=alt.Step(13))
    how = (
        "lines: 95% bootstrap intervals over sentences"
        if intervals is not None
        else "no intervals shown"
    )
    return charts.finish(
        chart,
        title="Agreement of the dictionary coding with the gold coding",
        subtitle=f"Cohen's kappa per category, one sentence = one item; {how}",
        description=(
            "Horizontal bars: Cohen's kappa between the dictionary coding and the gold coding "
            "(an automated coder given only the codebook) for each frame dimension, Entman "
            "function and domain family"
            + (
                "; a line across each bar spans its 95% bootstrap interval."
                if intervals is not None
                else "."
            )
        ),
    )
