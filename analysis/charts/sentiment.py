"""Charts for notebook 04 (sentiment and style): ``textplot_*`` builders and their FIGURES.

Every builder takes a polars frame from :mod:`analysis.measures.sentiment` or
:mod:`analysis.measures.style` and returns a finished Altair chart (title, screen-reader
description, theme). The texts drawn are those in the frame, in display order; labels and
colours come from the manifest in force (:func:`analysis.charts.text_color`,
:func:`analysis.charts.text_label_expr`), read when the chart is built. Bands and panels grow
with the number of texts, so a chart of nine texts is as legible as one of three.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus, prose, stats
from analysis.measures import sentiment, style

NOTEBOOK = "04-sentiment-and-style"
#: Texts drawn over one another in the sentiment arc; with more, each text gets its own panel.
ARC_OVERLAY_MAX = 4


def _text_y(ids: list[str]) -> alt.Y:
    """Texts down the y axis, in display order, named by their labels."""
    return alt.Y(
        "text_id:N", title=None, sort=ids, axis=alt.Axis(labelExpr=charts.text_label_expr())
    )


def _text_x(ids: list[str]) -> alt.X:
    """Texts along the x axis; labels turn further when many texts share a panel."""
    angle = -30 if len(ids) <= 3 else -45
    return alt.X(
        "text_id:N",
        title=None,
        sort=ids,
        axis=alt.Axis(labelExpr=charts.text_label_expr(), labelAngle=angle),
    )


def _band_height(ids: list[str], minimum: int, per_text: int) -> int:
    """A height that gives every text band at least ``per_text`` pixels."""
    return max(minimum, per_text * len(ids))


def texts_phrase(ids: list[str]) -> str:
    """The texts as prose names them (:func:`analysis.corpus.text_names`), joined with "and"."""
    return prose.texts_phrase(ids, empty="no text")


def texts_count(ids: list[str]) -> str:
    """``the three texts`` (a number word up to nine), ``the text`` for one."""
    if len(ids) == 1:
        return "the text"
    n = len(ids)
    return f"the {prose.number_word(n, zero='no')} texts"


def _rows(frame: pl.DataFrame, *cols: str) -> list[dict]:
    """The frame's rows in text order; NaN (e.g. MTLD of a text too short to have a factor)
    becomes null, which JSON, and so Vega-Lite, can hold (the mark is left out)."""
    floats = [c for c, t in frame.schema.items() if t.is_float()]
    frame = frame.with_columns(pl.col(c).fill_nan(None) for c in floats)
    return corpus.order_by_text(frame, *cols).to_dicts()


def textplot_sentiment_distribution(scores: pl.DataFrame) -> alt.TopLevelMixin:
    """Sentence-level VADER compound per text: a box plot with one tick per sentence.

    Args:
        scores: from :func:`analysis.measures.sentiment.textstat_sentiment`.
    """
    ids = corpus.texts_in(scores)
    data = _rows(
        scores.select("text_id", "sentence_id", "sentence_index", "compound", "label", "text"),
        "sentence_index",
    )
    base = alt.Chart(alt.Data(values=data))
    x = alt.X("compound:Q", title="VADER compound (sentence)", scale=alt.Scale(domain=[-1, 1]))
    box = base.mark_boxplot(extent="min-max", opacity=0.35, size=26).encode(
        x=x, y=_text_y(ids), color=charts.text_color(legend=False)
    )
    ticks = base.mark_tick(thickness=2, size=22).encode(
        x=x,
        y=_text_y(ids),
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
    means = _mean_layer(
        mean_intervals(scores, "compound"), x_field="mean", y=_text_y(ids), offset=MEAN_OFFSET
    )
    chart = alt.layer(box, ticks, thresholds, means).properties(
        width=charts.WIDTH, height=_band_height(ids, 180, 40)
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


#: Pixels below the top of a text's band at which its mean and interval are drawn (with an
#: offset channel Vega-Lite places marks from the band's start): above the box and the sentence
#: ticks, which are centred in a band of at least 40 pixels.
MEAN_OFFSET = 4


def mean_intervals(frame: pl.DataFrame, value: str) -> pl.DataFrame:
    """Per text, the mean of ``value`` over its rows (sentences) and its 95% interval
    (:func:`analysis.stats.textstat_bootstrap_means`): ``text_id``, ``n``, ``mean``,
    ``ci_low``, ``ci_high``, in display order."""
    means = stats.textstat_bootstrap_means(frame.select("text_id", value), value=value)
    return corpus.order_by_text(means, order=corpus.texts_in(frame))


def _mean_layer(means: pl.DataFrame, *, x_field: str, y, offset: int = 0) -> alt.LayerChart:
    """A black rule from ``ci_low`` to ``ci_high`` and a diamond at the mean, per text."""
    tooltip = [
        alt.Tooltip("text_id:N", title="Text"),
        alt.Tooltip("n:Q", title="Sentences"),
        alt.Tooltip("mean:Q", title="Mean", format=".3f"),
        alt.Tooltip("ci_low:Q", title="95% interval from", format=".3f"),
        alt.Tooltip("ci_high:Q", title="to", format=".3f"),
    ]
    y_offset = alt.YOffset(value=offset)
    base = alt.Chart().encode(y=y, yOffset=y_offset, tooltip=tooltip)
    bar = base.mark_rule(color="black", strokeWidth=2).encode(x="ci_low:Q", x2="ci_high:Q")
    point = base.mark_point(shape="diamond", size=70, filled=True, color="black").encode(
        x=f"{x_field}:Q"
    )
    return alt.layer(bar, point, data=alt.Data(values=_rows(means)))


def textplot_sentiment_arc(arc: pl.DataFrame) -> alt.TopLevelMixin:
    """The sentiment arc: compound by relative position in each text, with a rolling mean.

    Up to :data:`ARC_OVERLAY_MAX` texts share one panel; more get one panel each (lines of
    many texts laid over one another cannot be told apart).

    Args:
        arc: from :func:`analysis.measures.sentiment.textstat_sentiment_arc`.
    """
    ids = corpus.texts_in(arc)
    data = _rows(arc, "sentence_index")
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


def textplot_lexicon_coverage(comparison: pl.DataFrame) -> alt.TopLevelMixin:
    """Share of word tokens and of content words that the lexicon scores, with and without
    the domain extension.

    Args:
        comparison: from :func:`analysis.measures.sentiment.textstat_coverage_comparison`.
    """
    ids = corpus.texts_in(comparison)
    data = _rows(comparison, "measure", "lexicon")
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
    base = alt.Chart().encode(y=_text_y(ids), yOffset=offset, tooltip=tooltip)
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
        .properties(width=240, height=_band_height(ids, 150, 44))
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
    return _rows(pl.DataFrame(rows, schema=schema), "measure")


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
    base = alt.Chart().encode(y=_text_y(ids), tooltip=tooltip)
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
        ).properties(width=240, height=_band_height(ids, 150, 30))
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
    data = _rows(
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
    means = _rows(
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


def _facet_bars(data: list[dict], ids: list[str], facet: str, sort: list[str], y_title: str):
    """One bar per text in each panel; panels widen, and wrap in fewer columns, with more texts."""
    columns = 3 if len(ids) <= 4 else 2
    return (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=_text_x(ids),
            y=alt.Y("value:Q", title=y_title),
            color=charts.text_color(),
            tooltip=[
                alt.Tooltip("text_id:N", title="Text"),
                alt.Tooltip(f"{facet}:N", title="Measure"),
                alt.Tooltip("value:Q", title="Value", format=".2f"),
            ],
        )
        .properties(width=max(150, 32 * len(ids)), height=140)
        .facet(facet=alt.Facet(f"{facet}:N", title=None, sort=sort), columns=columns)
        .resolve_scale(y="independent")
    )


def textplot_readability(readability_long: pl.DataFrame) -> alt.TopLevelMixin:
    """Six readability indices per text, one panel per index (own y scale each).

    Args:
        readability_long: from :func:`analysis.measures.style.readability_long`.
    """
    order = list(style.READABILITY_INDICES.values())
    ids = corpus.texts_in(readability_long)
    data = sorted(
        _rows(readability_long, "index"), key=lambda r: (order.index(r["label"]), r["text_id"])
    )
    chart = _facet_bars(data, ids, "label", order, "Score")
    return charts.finish(
        chart,
        title="Readability per text",
        subtitle="Flesch Reading Ease: higher is easier; the other five: higher is harder "
        "(grade levels; Dale-Chall on its own scale)",
        description=(
            "Bar charts of six readability indices (Flesch Reading Ease, Flesch-Kincaid grade, "
            f"Gunning fog, SMOG, Coleman-Liau, Dale-Chall) for {texts_count(ids)}."
        ),
    )


def textplot_lexical_diversity(diversity_long: pl.DataFrame) -> alt.TopLevelMixin:
    """TTR, MATTR and MTLD per text, one panel per measure.

    Args:
        diversity_long: from :func:`analysis.measures.style.diversity_long`.
    """
    order = diversity_long["measure"].unique(maintain_order=True).to_list()
    ids = corpus.texts_in(diversity_long)
    data = sorted(_rows(diversity_long), key=lambda r: (order.index(r["measure"]), r["text_id"]))
    chart = _facet_bars(data, ids, "measure", order, "Value")
    return charts.finish(
        chart,
        title="Lexical diversity per text",
        subtitle="TTR falls with text length; MATTR and MTLD are designed to depend on it less",
        description=(
            "Bar charts of the type-token ratio, the moving-average type-token ratio and MTLD "
            f"for {texts_phrase(ids)}."
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
