"""Charts for notebook 04 (sentiment and style): the sentiment builders and the notebook's FIGURES.

Every builder takes a polars frame from :mod:`analysis.measures.sentiment` and returns a
finished Altair chart (title, screen-reader description, theme). The texts drawn are those in
the frame, in display order; labels and colours come from the manifest in force
(:func:`analysis.charts.text_color`, :func:`analysis.charts.text_label_expr`), read when the
chart is built. Bands and panels grow with the number of texts, so a chart of nine texts is as
legible as one of three. The sentiment checks (:mod:`analysis.charts.sentiment_checks`) and the
style charts (:mod:`analysis.charts.style`) are built elsewhere; ``FIGURES`` lists all of
notebook 04's figures, in its order. Shared axes and layers: :mod:`analysis.charts.sentiment_axes`.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus
from analysis.charts.sentiment_axes import (
    MEAN_OFFSET,
    band_height,
    mean_intervals,
    mean_layer,
    text_rows,
    text_y,
    texts_phrase,
)
from analysis.charts.sentiment_checks import (
    textplot_lexicon_coverage,
    textplot_sentiment_methods,
    textplot_sentiment_sensitivity,
)
from analysis.charts.style import textplot_lexical_diversity, textplot_readability
from analysis.measures import sentiment, style

NOTEBOOK = "04-sentiment-and-style"
#: Texts drawn over one another in the sentiment arc; with more, each text gets its own panel.
ARC_OVERLAY_MAX = 4


def textplot_sentiment_distribution(scores: pl.DataFrame) -> alt.TopLevelMixin:
    """Sentence-level VADER compound per text: a box plot with one tick per sentence.

    Args:
        scores: from :func:`analysis.measures.sentiment.textstat_sentiment`.
    """
    ids = corpus.texts_in(scores)
    data = text_rows(
        scores.select("text_id", "sentence_id", "sentence_index", "compound", "label", "text"),
        "sentence_index",
    )
    base = alt.Chart(alt.Data(values=data))
    x = alt.X("compound:Q", title="VADER compound (sentence)", scale=alt.Scale(domain=[-1, 1]))
    box = base.mark_boxplot(extent="min-max", opacity=0.35, size=26).encode(
        x=x, y=text_y(ids), color=charts.text_color(legend=False)
    )
    ticks = base.mark_tick(thickness=2, size=22).encode(
        x=x,
        y=text_y(ids),
        # no legend: the y axis names the texts (every layer alike, so Vega-Lite has no conflict)
        color=charts.text_color(legend=False),
        tooltip=[
            alt.Tooltip("sentence_id:N", title="Sentence"),
            alt.Tooltip("compound:Q", title="Compound", format=".4f"),
            alt.Tooltip("label:N", title="Label"),
            alt.Tooltip("text:N", title="Text"),
        ],
    )
    thresholds = (
        alt.Chart(alt.Data(values=[{"t": -sentiment.THRESHOLD}, {"t": sentiment.THRESHOLD}]))
        .mark_rule(strokeDash=[4, 3], color="#555555")
        .encode(x="t:Q")
    )
    means = mean_layer(
        mean_intervals(scores, "compound"), x_field="mean", y=text_y(ids), offset=MEAN_OFFSET
    )
    chart = alt.layer(box, ticks, thresholds, means).properties(
        width=charts.WIDTH, height=band_height(ids, 180, 40)
    )
    return charts.finish(
        chart,
        title="Sentence-level sentiment (VADER compound) per text",
        subtitle=[
            "Black diamond and bar (above each box): the text's mean compound and its 95% "
            "interval (bootstrap over its sentences)",
            "Dashed lines: the ±0.05 thresholds between negative, neutral and positive",
        ],
        description=(
            "Box plots with one tick per sentence of the VADER compound score for "
            f"{texts_phrase(ids)}, on a scale from -1 to 1, with each text's mean compound and "
            "its 95% interval."
        ),
    )


def textplot_sentiment_arc(arc: pl.DataFrame) -> alt.TopLevelMixin:
    """The sentiment arc: compound by relative position in each text, with a rolling mean.

    Up to :data:`ARC_OVERLAY_MAX` texts share one panel; more get one panel each (lines of
    many texts laid over one another cannot be told apart).

    Args:
        arc: from :func:`analysis.measures.sentiment.textstat_sentiment_arc`.
    """
    ids = corpus.texts_in(arc)
    data = text_rows(arc, "sentence_index")
    overlay = len(ids) <= ARC_OVERLAY_MAX
    pick = alt.selection_point(name="arc_text", fields=["text_id"], bind="legend")
    base = (alt.Chart(alt.Data(values=data)) if overlay else alt.Chart()).encode(
        x=alt.X(
            "position:Q",
            title="Position in the text (0 = start, 1 = end)",
            scale=alt.Scale(domain=[0, 1]),
        ),
        color=charts.text_color(),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
    )
    tooltip = [
        alt.Tooltip("sentence_id:N", title="Sentence"),
        alt.Tooltip("compound:Q", title="Compound", format=".4f"),
        alt.Tooltip("rolling_compound:Q", title="Rolling mean (3)", format=".3f"),
        alt.Tooltip("text:N", title="Text"),
    ]
    scale = alt.Scale(domain=[-1, 1])
    y = (
        alt.Y("compound:Q", title="VADER compound", scale=scale)
        if overlay  # small panels: three ticks and a short title, so the axes do not collide
        else alt.Y("compound:Q", title="Compound", scale=scale, axis=alt.Axis(values=[-1, 0, 1]))
    )
    points = base.mark_circle(size=55).encode(y=y, tooltip=tooltip).add_params(pick)
    line = base.mark_line(strokeWidth=2).encode(
        y="rolling_compound:Q", detail="text_id:N", order="sentence_index:Q"
    )
    if overlay:
        zero = alt.Chart(alt.Data(values=[{"y": 0}])).mark_rule(color="#555555").encode(y="y:Q")
        chart = alt.layer(zero, line, points).properties(width=charts.WIDTH, height=260)
    else:
        zero = alt.Chart().mark_rule(color="#555555").encode(y=alt.datum(0))
        row = alt.Row(
            "text_id:N",
            title=None,
            sort=ids,
            header=alt.Header(labelExpr=charts.text_label_expr(), labelAngle=0, labelAlign="left"),
        )
        chart = (
            alt.layer(zero, line, points, data=alt.Data(values=data))
            .properties(width=charts.WIDTH, height=80)
            .facet(row=row, spacing=12)
        )
    return charts.finish(
        chart,
        title="Sentiment arc through each text",
        subtitle="Points: sentences; lines: centred rolling mean over 3 sentences. "
        "Click the legend to highlight a text",
        description=(
            "Line and point chart of VADER compound score by relative sentence position in "
            f"{texts_phrase(ids)}."
        ),
    )


# --- registry ---------------------------------------------------------------------------------


def _distribution():
    return textplot_sentiment_distribution(sentiment.textstat_sentiment())


def _arc():
    return textplot_sentiment_arc(sentiment.textstat_sentiment_arc(sentiment.textstat_sentiment()))


def _coverage():
    return textplot_lexicon_coverage(sentiment.textstat_coverage_comparison())


def _sensitivity():
    return textplot_sentiment_sensitivity(sentiment.textstat_sentiment_sensitivity())


def _methods():
    return textplot_sentiment_methods(sentiment.sentiment_method_scores())


def _readability():
    return textplot_readability(style.readability_long(style.textstat_readability()))


def _diversity():
    return textplot_lexical_diversity(style.diversity_long(style.textstat_lexical_diversity()))


FIGURES: list[charts.FigureSpec] = [
    charts.FigureSpec(
        "sentiment-distribution",
        _distribution,
        "Sentence-level VADER compound scores per text, with each text's mean and its 95% "
        "interval and the ±0.05 label thresholds.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "sentiment-arc",
        _arc,
        "VADER compound by relative sentence position, with a 3-sentence rolling mean.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "sentiment-coverage",
        _coverage,
        "Share of word tokens and content words that VADER's lexicon scores, without and with "
        "the opt-in domain extension, with 95% intervals.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "sentiment-sensitivity",
        _sensitivity,
        "Mean compound and share of negative sentences per text, VADER alone and with the "
        "domain extension, with 95% intervals.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "sentiment-methods",
        _methods,
        "VADER compound against the AFINN sum per sentence, with each text's means and 95% "
        "intervals (robustness check). " + sentiment.AFINN_NOTICE,
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "readability-comparison",
        _readability,
        "Six readability indices per text (textstat); SMOG is unreliable below 30 sentences.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "lexical-diversity",
        _diversity,
        f"TTR, MATTR (window {style.MATTR_WINDOW}) and MTLD (threshold {style.MTLD_THRESHOLD}) "
        "per text.",
        NOTEBOOK,
    ),
]
