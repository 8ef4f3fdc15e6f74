"""Charts for notebook 04: robustness checks of the sentiment scores.

Lexicon coverage (with and without the domain extension), the extension's effect on each text's
mean and negative share, and a second method (AFINN) against VADER. Every builder takes a polars
frame from :mod:`analysis.measures.sentiment` and returns a finished Altair chart; the figures
are registered in :mod:`analysis.charts.sentiment`'s ``FIGURES``, in notebook 04's order.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus
from analysis.charts.sentiment_axes import (
    band_height,
    mean_intervals,
    text_rows,
    text_y,
)


def textplot_lexicon_coverage(comparison: pl.DataFrame) -> alt.TopLevelMixin:
    """Share of word tokens and of content words that the lexicon scores, with and without
    the domain extension.

    Args:
        comparison: from :func:`analysis.measures.sentiment.textstat_coverage_comparison`.
    """
    ids = corpus.texts_in(comparison)
    data = text_rows(comparison, "measure", "lexicon")
    lexicons = ["VADER", "VADER + extension"]
    offset = alt.YOffset("lexicon:N", sort=lexicons)
    tooltip = [
        alt.Tooltip("text_id:N", title="Text"),
        alt.Tooltip("lexicon:N", title="Lexicon"),
        alt.Tooltip("measure:N", title="Of"),
        alt.Tooltip("share:Q", title="Share", format=".1%"),
    ]
    if "ci_low" in comparison.columns:
        tooltip += [
            alt.Tooltip("ci_low:Q", title="95% interval from", format=".1%"),
            alt.Tooltip("ci_high:Q", title="to", format=".1%"),
        ]
    base = alt.Chart().encode(y=text_y(ids), yOffset=offset, tooltip=tooltip)
    bars = base.mark_bar().encode(
        x=alt.X("share:Q", title="Share scored by the lexicon", axis=alt.Axis(format="%")),
        color=charts.text_color(),
        # no opacity legend: its swatches would be grey while the bars have the texts'
        # colours; the subtitle says which bar is which
        opacity=alt.Opacity(
            "lexicon:N",
            title="Lexicon",
            sort=lexicons,
            scale=alt.Scale(range=[1.0, 0.45]),
            legend=None,
        ),
    )
    layers = [bars]
    if "ci_low" in comparison.columns:
        layers.append(
            base.mark_rule(color="black", strokeWidth=1.5).encode(x="ci_low:Q", x2="ci_high:Q")
        )
    chart = (
        alt.layer(*layers, data=alt.Data(values=data))
        .properties(width=240, height=band_height(ids, 150, 44))
        .facet(column=alt.Column("measure:N", title=None, sort=["word tokens", "content words"]))
    )
    return charts.finish(
        chart,
        title="VADER lexicon coverage per text",
        subtitle=[
            "Solid: VADER alone; pale: with the opt-in domain extension",
            "Black lines: 95% intervals (bootstrap over each text's sentences)",
        ],
        description=(
            "Bar chart of the share of word tokens and of content words that are entries of "
            "the VADER lexicon, with and without the domain extension, for each text, with "
            "95% intervals."
        ),
    )


def _sensitivity_long(sensitivity: pl.DataFrame) -> list[dict]:
    rows = []
    for r in sensitivity.iter_rows(named=True):
        for measure, b, e in (
            ("Mean compound", "mean_base", "mean_extended"),
            ("Share of negative sentences", "share_negative_base", "share_negative_extended"),
        ):
            rows.append(
                {
                    "text_id": r["text_id"],
                    "measure": measure,
                    "base": r[b],
                    "extended": r[e],
                    "base_low": r.get(f"{b}_ci_low"),
                    "base_high": r.get(f"{b}_ci_high"),
                    "extended_low": r.get(f"{e}_ci_low"),
                    "extended_high": r.get(f"{e}_ci_high"),
                }
            )
    schema = {"text_id": pl.String, "measure": pl.String, "base": pl.Float64}
    schema |= {"extended": pl.Float64, "base_low": pl.Float64, "base_high": pl.Float64}
    schema |= {"extended_low": pl.Float64, "extended_high": pl.Float64}
    return text_rows(pl.DataFrame(rows, schema=schema), "measure")


#: The sensitivity chart's panels: measure (as in the data) and its axis title.
_SENSITIVITY_AXES = {
    "Mean compound": "Mean VADER compound (−1 to 1)",
    "Share of negative sentences": "Share of negative sentences (0 to 1)",
}


def textplot_sentiment_sensitivity(sensitivity: pl.DataFrame) -> alt.TopLevelMixin:
    """How each text's mean compound and share of negative sentences move with the extension.

    Args:
        sensitivity: from
            :func:`analysis.measures.sentiment_methods.textstat_sentiment_sensitivity`.
    """
    ids = corpus.texts_in(sensitivity)
    data = _sensitivity_long(sensitivity)
    tooltip = [
        alt.Tooltip("text_id:N", title="Text"),
        alt.Tooltip("base:Q", title="VADER", format=".3f"),
        alt.Tooltip("base_low:Q", title="VADER 95% interval from", format=".3f"),
        alt.Tooltip("base_high:Q", title="to", format=".3f"),
        alt.Tooltip("extended:Q", title="VADER + extension", format=".3f"),
        alt.Tooltip("extended_low:Q", title="extended 95% interval from", format=".3f"),
        alt.Tooltip("extended_high:Q", title="to", format=".3f"),
    ]
    base = alt.Chart().encode(y=text_y(ids), tooltip=tooltip)
    rule = base.mark_rule(strokeWidth=2, color="#888888").encode(x2="extended:Q")
    # each end's 95% interval in its own half of the text's band: VADER above, extension below
    halves = ["VADER", "VADER + extension"]
    half = alt.YOffset("end:N", sort=halves, scale=alt.Scale(domain=halves), title=None)
    base_ci = (
        base.transform_calculate(end="'VADER'")
        .mark_rule(strokeWidth=1.5)
        .encode(
            x="base_low:Q", x2="base_high:Q", yOffset=half, color=charts.text_color(legend=False)
        )
    )
    ext_ci = (
        base.transform_calculate(end="'VADER + extension'")
        .mark_rule(strokeWidth=1.5, strokeDash=[3, 2])
        .encode(
            x="extended_low:Q",
            x2="extended_high:Q",
            yOffset=half,
            color=charts.text_color(legend=False),
        )
    )
    start = base.mark_point(size=90, filled=False, strokeWidth=2).encode(
        x="base:Q", color=charts.text_color(legend=False)
    )
    end = base.mark_point(size=90, filled=True).encode(
        x="extended:Q", color=charts.text_color(legend=False)
    )
    # one panel per measure, each with its own axis title (a facet would share one title)
    panels = [
        alt.layer(
            rule.encode(x=alt.X("base:Q", title=title)),
            base_ci,
            ext_ci,
            start,
            end,
            data=alt.Data(values=[r for r in data if r["measure"] == measure]),
        ).properties(width=240, height=band_height(ids, 150, 30))
        for measure, title in _SENSITIVITY_AXES.items()
    ]
    chart = alt.hconcat(*panels, spacing=24)
    return charts.finish(
        chart,
        title="Sensitivity of VADER scores to the domain extension",
        subtitle=[
            "Open circle: VADER alone; filled circle: with the opt-in extension",
            "Thin lines: 95% intervals (bootstrap over sentences), solid above for VADER alone, "
            "dashed below with the extension",
        ],
        description=(
            "Dumbbell chart per text of the mean VADER compound and the share of negative "
            "sentences, before and after adding the domain extension lexicon, each with its "
            "95% interval."
        ),
    )


def textplot_sentiment_methods(method_scores: pl.DataFrame) -> alt.TopLevelMixin:
    """VADER compound against the AFINN sum, one point per sentence.

    Args:
        method_scores: from :func:`analysis.measures.sentiment_methods.sentiment_method_scores`.
    """
    data = text_rows(
        method_scores.select(
            "text_id", "sentence_id", "sentence_index", "compound", "afinn", "text"
        ),
        "sentence_index",
    )
    points = (
        alt.Chart(alt.Data(values=data))
        .mark_circle(size=60, opacity=0.55)
        .encode(
            x=alt.X("afinn:Q", title="AFINN sum (sentence)"),
            y=alt.Y("compound:Q", title="VADER compound", scale=alt.Scale(domain=[-1, 1])),
            color=charts.text_color(),
            tooltip=[
                alt.Tooltip("sentence_id:N", title="Sentence"),
                alt.Tooltip("compound:Q", title="VADER", format=".4f"),
                alt.Tooltip("afinn:Q", title="AFINN"),
                alt.Tooltip("text:N", title="Text"),
            ],
        )
    )
    vader = mean_intervals(method_scores, "compound")
    afinn = mean_intervals(method_scores, "afinn")
    means = text_rows(
        vader.select(
            "text_id",
            "n",
            pl.col("mean").alias("vader"),
            pl.col("ci_low").alias("vader_low"),
            pl.col("ci_high").alias("vader_high"),
        ).join(
            afinn.select(
                "text_id",
                pl.col("mean").alias("afinn"),
                pl.col("ci_low").alias("afinn_low"),
                pl.col("ci_high").alias("afinn_high"),
            ),
            on="text_id",
            maintain_order="left",
        )
    )
    tooltip = [
        alt.Tooltip("text_id:N", title="Text"),
        alt.Tooltip("n:Q", title="Sentences"),
        alt.Tooltip("vader:Q", title="Mean VADER", format=".3f"),
        alt.Tooltip("vader_low:Q", title="95% interval from", format=".3f"),
        alt.Tooltip("vader_high:Q", title="to", format=".3f"),
        alt.Tooltip("afinn:Q", title="Mean AFINN", format=".2f"),
        alt.Tooltip("afinn_low:Q", title="95% interval from", format=".2f"),
        alt.Tooltip("afinn_high:Q", title="to", format=".2f"),
    ]
    # the same legend as the points' (layers that disagree make Vega-Lite warn)
    mean_base = alt.Chart().encode(color=charts.text_color(), tooltip=tooltip)
    cross = [
        mean_base.mark_rule(strokeWidth=2.5).encode(
            x="afinn_low:Q", x2="afinn_high:Q", y="vader:Q"
        ),
        mean_base.mark_rule(strokeWidth=2.5).encode(
            x="afinn:Q", y="vader_low:Q", y2="vader_high:Q"
        ),
        mean_base.mark_point(shape="diamond", size=150, filled=True, stroke="black").encode(
            x="afinn:Q", y="vader:Q"
        ),
    ]
    chart = alt.layer(points, alt.layer(*cross, data=alt.Data(values=means))).properties(
        width=charts.WIDTH, height=280
    )
    return charts.finish(
        chart,
        title="Two lexicon methods, sentence by sentence: VADER against AFINN",
        subtitle="Circles: sentences; diamonds and crosses: each text's mean on both methods "
        "with their 95% intervals (bootstrap over its sentences)",
        description=(
            "Scatter plot of each sentence's VADER compound score against its AFINN sum, "
            "coloured by text, with each text's mean on both methods and their 95% intervals."
        ),
    )
